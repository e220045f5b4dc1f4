import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto';
import { normalizeShortCode, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH } from '../contracts/index.ts';

export { normalizeShortCode, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH };

/**
 * Invite secrets. The link token is 256 random bits, base64url; the store
 * looks it up by its SHA-256 and keeps the token itself only sealed under a
 * key that lives outside the database (link-key.ts), so a copy of the
 * database alone opens no attempt, yet staff can show a link again. The
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

/**
 * A link token sealed for the database: AES-256-GCM under the link key (kept
 * beside the database, never in it), with the invite's id as associated data
 * so a sealed token copied onto another invite's row does not open. Text:
 * `v1.<iv>.<tag>.<ciphertext>`, base64url. What is stored is useless without
 * the key, and the lookup stays by the token's hash.
 */
const SEAL_VERSION = 'v1';
export const LINK_KEY_BYTES = 32;

export function sealInviteToken(key: Uint8Array, inviteId: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(inviteId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

/** The token, or undefined when the text was sealed under another key, for another invite, or altered. */
export function openInviteToken(key: Uint8Array, inviteId: string, sealed: string): string | undefined {
  const [version, iv, tag, data, ...rest] = sealed.split('.');
  if (version !== SEAL_VERSION || iv === undefined || tag === undefined || data === undefined || rest.length > 0) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(inviteId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
