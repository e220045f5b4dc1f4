/**
 * CSV for spreadsheets (RFC 4180: comma-separated, CRLF line ends, a field
 * quoted when it holds a comma, quote, CR or LF, quotes doubled), with a
 * UTF-8 byte-order mark so Excel reads Arabic and Tigrinya names right.
 *
 * A cell a spreadsheet would read as a formula is neutralised (OWASP, "CSV
 * injection"): text starting with `=`, `+`, `-`, `@`, tab or carriage return
 * gets a leading `'`. Numbers stay numbers: only a value that is a JS number
 * is written bare, so `-2+3` typed as a name is text and is neutralised,
 * while a numeric score is not.
 */
export type CsvCell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (cells: readonly CsvCell[]): string => cells.map(csvCell).join(',');

/** The whole document: BOM, header, rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[header, ...rows].map((cells) => `${csvLine(cells)}\r\n`).join('')}`;
}
