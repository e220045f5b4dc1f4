import { createHash, randomBytes, randomInt } from 'node:crypto';
import { normalizeShortCode, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH } from '../contracts/index.ts';

export { normalizeShortCode, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH };

/**
 * Invite secrets. The link token is 256 random bits, base64url; the store
 * keeps only its SHA-256, so a copy of the database opens no attempt. The
 * short code is for reading aloud or typing on a phone: 8 characters from an
 * alphabet without 0/O, 1/I/L (and U, so fewer accidental words), about
 * 39 bits — it is unique per store and is the second way in, so the auth
 * layer must rate-limit code guesses.
 */
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

/** SHA-256 of bytes, hex: a challenge version's content hash. */
export function contentHash(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
