import { CsvError, parse } from 'csv-parse/sync';
import {
  IMPORT_COLUMNS,
  INVITE_LANGUAGES,
  MAX_EXTRA_MINUTES,
  MAX_IMPORT_CSV_BYTES,
  MAX_IMPORT_ROWS,
  createInviteBodySchema,
  type ImportColumn,
  type ImportIssue,
  type InviteLanguage,
} from '../contracts/index.ts';
import { importKey } from './import-key.ts';

/** One data row of an invite CSV, checked; `issues` empty means it can be invited. */
export interface ParsedInviteRow {
  /** The spreadsheet's row number: the header is row 1. */
  row: number;
  candidateName: string;
  contact: string | null;
  preferredLanguage: InviteLanguage | null;
  extraMinutes: number | null;
  importKey: string;
  issues: ImportIssue[];
}

export interface ParsedInviteCsv {
  rows: ParsedInviteRow[];
  /** Problems with the file itself (no header, unknown columns, too many rows, broken quoting): nothing can be invited. */
  fileIssues: ImportIssue[];
}

/** Header spellings people use, normalised (lower case, no spaces, dashes or underscores). */
const HEADER_NAMES: Readonly<Record<string, ImportColumn>> = {
  name: 'name',
  alias: 'name',
  nameoralias: 'name',
  candidate: 'name',
  candidatename: 'name',
  contact: 'contact',
  email: 'contact',
  phone: 'contact',
  language: 'language',
  preferredlanguage: 'language',
  lang: 'language',
  extraminutes: 'extraMinutes',
  extratime: 'extraMinutes',
  extra: 'extraMinutes',
};

/** Languages as a coordinator may type them: the code, the English name, the name in the language itself. */
const LANGUAGE_NAMES: Readonly<Record<string, InviteLanguage>> = {
  english: 'en',
  swedish: 'sv',
  svenska: 'sv',
  arabic: 'ar',
  'العربية': 'ar',
  dari: 'prs',
  'fa-af': 'prs',
  fa: 'prs',
  'دری': 'prs',
  tigrinya: 'ti',
  'ትግርኛ': 'ti',
  ukrainian: 'uk',
  'українська': 'uk',
};

const normaliseHeader = (cell: string) => cell.toLowerCase().replace(/[\s_-]+/g, '');

function languageOf(cell: string): InviteLanguage | undefined {
  const key = cell.trim().toLowerCase();
  return (INVITE_LANGUAGES as readonly string[]).includes(key) ? (key as InviteLanguage) : LANGUAGE_NAMES[key];
}

const fileIssue = (message: string, row = 1): ParsedInviteCsv => ({ rows: [], fileIssues: [{ row, column: null, message }] });

/** The header row's cells as columns, or the problems with it. */
function readHeader(cells: readonly string[]): { columns: (ImportColumn | undefined)[]; issues: ImportIssue[] } {
  const columns = cells.map((cell) => HEADER_NAMES[normaliseHeader(cell)]);
  const issues: ImportIssue[] = [];
  const expected = IMPORT_COLUMNS.join(', ');
  cells.forEach((cell, index) => {
    const column = columns[index];
    if (column === undefined && cell.trim() !== '') issues.push({ row: 1, column: null, message: `Unknown column “${cell.trim()}”: the columns are ${expected}` });
    if (column !== undefined && columns.indexOf(column) !== index) issues.push({ row: 1, column, message: `The column ${column} appears twice` });
  });
  if (!columns.includes('name')) issues.push({ row: 1, column: 'name', message: `The first row must name the columns (${expected}); a name column is required` });
  return { columns, issues };
}

/** Checks one data row's cells against the same schema a single invite uses. */
function readRow(row: number, cells: readonly string[], columns: readonly (ImportColumn | undefined)[]): ParsedInviteRow {
  const cell = (column: ImportColumn) => {
    const index = columns.indexOf(column);
    return index < 0 ? '' : (cells[index] ?? '').trim();
  };
  const issues: ImportIssue[] = [];
  if (cells.length > columns.length) issues.push({ row, column: null, message: `This row has ${cells.length} cells; the header has ${columns.length}` });

  const name = cell('name');
  const contact = cell('contact');
  const fields = createInviteBodySchema.pick({ candidateName: true, contact: true }).safeParse({ candidateName: name, ...(contact ? { contact } : {}) });
  if (!fields.success) {
    for (const issue of fields.error.issues) {
      const column: ImportColumn = issue.path[0] === 'contact' ? 'contact' : 'name';
      issues.push({ row, column, message: column === 'name' && name === '' ? 'A name or an alias is required' : issue.message });
    }
  }

  const languageCell = cell('language');
  const preferredLanguage = languageCell === '' ? null : (languageOf(languageCell) ?? null);
  if (languageCell !== '' && preferredLanguage === null) {
    issues.push({ row, column: 'language', message: `Unknown language “${languageCell}”: use one of ${INVITE_LANGUAGES.join(', ')}` });
  }

  const minutesCell = cell('extraMinutes');
  const extraMinutes = minutesCell === '' ? 0 : /^\d{1,4}$/.test(minutesCell) ? Number(minutesCell) : null;
  if (extraMinutes === null || extraMinutes > MAX_EXTRA_MINUTES) {
    issues.push({ row, column: 'extraMinutes', message: `Extra time is a whole number of minutes from 0 to ${MAX_EXTRA_MINUTES}` });
  }

  return {
    row,
    candidateName: name,
    contact: contact === '' ? null : contact,
    preferredLanguage,
    extraMinutes: extraMinutes !== null && extraMinutes <= MAX_EXTRA_MINUTES ? extraMinutes : null,
    importKey: importKey(name, contact),
    issues,
  };
}

/**
 * Reads an invite CSV (a header row, then one candidate a row), with a
 * maintained parser: quoting, embedded commas and newlines, a byte-order mark,
 * `,` or `;` as separators (spreadsheets in Swedish locales write `;`). The
 * input is bounded (MAX_IMPORT_CSV_BYTES, MAX_IMPORT_ROWS) so parsing it on
 * the event loop takes milliseconds. Blank lines are skipped but still counted,
 * so row numbers match the spreadsheet's.
 */
export function parseInviteCsv(text: string): ParsedInviteCsv {
  if (Buffer.byteLength(text, 'utf8') > MAX_IMPORT_CSV_BYTES) return fileIssue(`The file is larger than ${MAX_IMPORT_CSV_BYTES / 1024} KB`);
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
    });
  } catch (error) {
    if (error instanceof CsvError) return fileIssue(`The file is not valid CSV: ${error.message}`, (error as CsvError & { lines?: number }).lines ?? 1);
    throw error;
  }
  const numbered = records.map((cells, index) => ({ row: index + 1, cells })).filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  const [header, ...data] = numbered;
  if (!header) return fileIssue('The file is empty: the first row names the columns (name, contact, language, extraMinutes)');
  if (data.length > MAX_IMPORT_ROWS) return fileIssue(`At most ${MAX_IMPORT_ROWS} candidates in one file`);
  if (data.length === 0) return fileIssue('The file has a header but no candidates', 2);
  const { columns, issues } = readHeader(header.cells);
  if (issues.length > 0) return { rows: [], fileIssues: issues };
  return { rows: data.map(({ row, cells }) => readRow(row, cells, columns)), fileIssues: [] };
}

/** `;` when the header row has more semicolons than commas (a spreadsheet in a locale whose decimal mark is a comma). */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}
