/**
 * A value as people read it and as the candidate's page compares it line by
 * line: JSON, with lists and objects of plain values on one line and
 * anything nested spread over indented lines (a grid shows a row a line).
 * The expected and the returned value are formatted alike, so the page's
 * diff points at the first differing row.
 */
export function formatValue(value: unknown): string {
  return `${format(value, '')}\n`;
}

function format(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) return `[${value.map((item) => format(item, '')).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((item) => `${inner}${format(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    if (entries.every(([, item]) => isScalar(item))) return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${format(item, '')}`).join(', ')}}`;
    const inner = `${indent}  `;
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${format(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}
