/**
 * Canonical JSON, the bytes a signed result is signed over: object keys
 * sorted by UTF-16 code units (as RFC 8785 sorts them), no whitespace,
 * strings and numbers as `JSON.stringify` writes them. For the plain data of
 * a result document (strings, integers, booleans, null, arrays, objects) this
 * is RFC 8785's output. One function for the server, the CLI and the
 * browser's check, so they cannot disagree. Anything JSON cannot hold
 * faithfully (undefined, a function, NaN, Infinity) is refused, never dropped.
 *
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: a number must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
}
