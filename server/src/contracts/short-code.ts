/**
 * Invite short codes, for reading aloud or typing on a phone: 8 characters
 * from an alphabet without 0/O, 1/I/L (and U, so fewer accidental words).
 * Shared by the server (which makes and looks them up) and the client (which
 * checks what was typed before sending it).
 */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SHORT_CODE_LENGTH = 8;

/** What was typed without the spaces, dashes and dots people add, in upper case. */
export function compactShortCode(input: string): string {
  return input.replace(/[\s\-_.]+/g, '').toUpperCase();
}

/**
 * A typed short code in its stored form, or undefined when it cannot be one.
 * Forgives case, spaces and dashes; does not guess what an ambiguous
 * character was meant to be.
 *
 * @example normalizeShortCode(' k7pm-2xqz ') // 'K7PM2XQZ'
 */
export function normalizeShortCode(input: string): string | undefined {
  const code = compactShortCode(input);
  if (code.length !== SHORT_CODE_LENGTH) return undefined;
  for (const ch of code) if (!SHORT_CODE_ALPHABET.includes(ch)) return undefined;
  return code;
}
