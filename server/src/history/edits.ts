import type { DraftEdit } from '../contracts/index.ts';

export { applyEdit } from '../contracts/index.ts';

/**
 * The smallest single replaced span that turns `before` into `after`: the
 * common prefix and suffix stay, the middle is replaced. One span is enough
 * and exact for any pair of texts; it is also what one burst of typing
 * between two autosaves usually is. Indexes are UTF-16 code units (what
 * JavaScript strings and editors count), never splitting a surrogate pair,
 * so every stored `insert` is well-formed text.
 *
 * Linear in the texts' length (at most 256 KB each).
 *
 * @example
 *   diffText('print(1)', 'print(42)') // { at: 6, remove: 1, insert: '42' }
 */
export function diffText(before: string, after: string): DraftEdit {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Never end the kept prefix between the two halves of a surrogate pair.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Nor start the kept suffix with the second half of one.
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { at: prefix, remove: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) };
}


const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
