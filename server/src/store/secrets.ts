import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * Invite secrets. The link token is 256 random bits, base64url; the store
 * keeps only its SHA-256, so a copy of the database opens no attempt. The
 * short code is for reading aloud or typing on a phone: 8 characters from an
 * alphabet without 0/O, 1/I/L (and U, so fewer accidental words), about
 * 39 bits — it is unique per store and is the second way in, so the auth
 * layer must rate-limit code guesses.
 */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SHORT_CODE_LENGTH = 8;
const TOKEN_BYTES = 32;

/** A fresh link token (43 characters, base64url). */
export function newInviteToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** SHA-256 of a token, hex: what the store keeps and looks up by. */
export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 8 characters of SHORT_CODE_ALPHABET, each chosen uniformly (`randomInt` has no modulo bias). */
export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) code += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  return code;
}

/**
 * A typed short code in its stored form, or undefined when it cannot be one.
 * Forgives case, spaces and dashes ("abcd-efgh"); does not guess what an
 * ambiguous character was meant to be.
 *
 * @example normalizeShortCode(' k7pm-2xqz ') // 'K7PM2XQZ'
 */
export function normalizeShortCode(input: string): string | undefined {
  const code = input.replace(/[\s-]+/g, '').toUpperCase();
  if (code.length !== SHORT_CODE_LENGTH) return undefined;
  for (const ch of code) if (!SHORT_CODE_ALPHABET.includes(ch)) return undefined;
  return code;
}

/** SHA-256 of bytes, hex: a challenge version's content hash. */
export function contentHash(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
