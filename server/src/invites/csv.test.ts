import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS } from '../contracts/index.ts';
import { parseInviteCsv } from './csv.ts';
import { importKey } from './import-key.ts';

describe('parseInviteCsv', () => {
  it('reads the four columns whatever their case and spacing, with quoting and a byte-order mark', () => {
    const parsed = parseInviteCsv('\uFEFFName, CONTACT ,Language,Extra Minutes\r\nAmal Haddad,amal@example.org,ar,30\r\n"Berhane, T.",+46 70 123,Tigrinya,\n');
    expect(parsed.fileIssues).toEqual([]);
    expect(parsed.rows).toEqual([
      { row: 2, candidateName: 'Amal Haddad', contact: 'amal@example.org', preferredLanguage: 'ar', extraMinutes: 30, importKey: importKey('Amal Haddad', 'amal@example.org'), issues: [] },
      { row: 3, candidateName: 'Berhane, T.', contact: '+46 70 123', preferredLanguage: 'ti', extraMinutes: 0, importKey: importKey('Berhane, T.', '+46 70 123'), issues: [] },
    ]);
  });

  it('reads semicolon-separated files (spreadsheets in comma-decimal locales)', () => {
    const parsed = parseInviteCsv('name;language\nÅsa;sv\n');
    expect(parsed.rows.map((r) => [r.candidateName, r.preferredLanguage])).toEqual([['Åsa', 'sv']]);
  });

  it('reports each bad cell with its spreadsheet row and column, counting blank lines', () => {
    const parsed = parseInviteCsv('name,contact,language,extraMinutes\n,x@example.org,en,5\n\nZahra,,klingon,601\nOmid,,prs,-3\n');
    expect(parsed.fileIssues).toEqual([]);
    expect(parsed.rows.map((r) => r.issues)).toEqual([
      [{ row: 2, column: 'name', message: 'A name or an alias is required' }],
      [
        { row: 4, column: 'language', message: 'Unknown language “klingon”: use one of en, sv, ar, prs, ti, uk' },
        { row: 4, column: 'extraMinutes', message: 'Extra time is a whole number of minutes from 0 to 600' },
      ],
      [{ row: 5, column: 'extraMinutes', message: 'Extra time is a whole number of minutes from 0 to 600' }],
    ]);
  });

  it('refuses a row with more cells than the header', () => {
    const parsed = parseInviteCsv('name\nAmal,extra\n');
    expect(parsed.rows[0]?.issues).toEqual([{ row: 2, column: null, message: 'This row has 2 cells; the header has 1' }]);
  });

  it('refuses the file when the header has no name column, an unknown or a repeated column', () => {
    expect(parseInviteCsv('email\nx@example.org\n').fileIssues).toEqual([
      { row: 1, column: 'name', message: 'The first row must name the columns (name, contact, language, extraMinutes); a name column is required' },
    ]);
    expect(parseInviteCsv('name,shoe size\nAmal,38\n').fileIssues[0]?.message).toBe('Unknown column “shoe size”: the columns are name, contact, language, extraMinutes');
    expect(parseInviteCsv('name,Name\nAmal,Amal\n').fileIssues[0]).toMatchObject({ column: 'name', message: 'The column name appears twice' });
  });

  it('refuses empty files, broken quoting and more than the row cap', () => {
    expect(parseInviteCsv('').fileIssues[0]?.message).toMatch(/^The file is empty/);
    expect(parseInviteCsv('name\n').fileIssues[0]?.message).toBe('The file has a header but no candidates');
    expect(parseInviteCsv('name\n"Amal\n').fileIssues[0]?.message).toMatch(/^The file is not valid CSV/);
    const many = `name\n${Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `C${i}`).join('\n')}\n`;
    expect(parseInviteCsv(many).fileIssues).toEqual([{ row: 1, column: null, message: `At most ${MAX_IMPORT_ROWS} candidates in one file` }]);
    expect(parseInviteCsv(`name\n${Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `C${i}`).join('\n')}\n`).rows).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('keeps control characters out of names', () => {
    expect(parseInviteCsv('name\n"A\u0007mal"\n').rows[0]?.issues[0]).toMatchObject({ row: 2, column: 'name' });
  });
});

describe('importKey', () => {
  it('is the same for the same person typed with other capitals, spaces or compatibility characters', () => {
    expect(importKey(' Amal  Haddad ', 'AMAL@example.org')).toBe(importKey('amal haddad', 'amal@example.org'));
    expect(importKey('Ｚａｈｒａ', null)).toBe(importKey('zahra', ''));
    expect(importKey('Amal', 'a@example.org')).not.toBe(importKey('Amal', 'b@example.org'));
  });
});
