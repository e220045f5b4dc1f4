import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KodbroError } from '../errors.ts';
import { LINK_KEY_BYTES } from './secrets.ts';

export const LINK_KEY_FILE_NAME = 'invite-links.key';

/**
 * The key that seals invite link tokens in the database (secrets.ts): a file
 * of 32 random bytes (hex) beside the database, made with mode 0600 the first
 * time the store opens a folder. Kept out of the database so that a copy of
 * the database alone opens no attempt; a backup needs both to show links
 * again (without the key, links can still be re-issued). Every process on the
 * same folder reads the same file: it is written whole under a temporary name
 * and linked into place, so a racing process sees no file or the whole file.
 */
export function loadLinkKey(dataDir: string): Buffer {
  const file = path.join(dataDir, LINK_KEY_FILE_NAME);
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(LINK_KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== LINK_KEY_BYTES) throw new KodbroError('internal', `${file} does not hold a ${LINK_KEY_BYTES}-byte hex key`);
  return key;
}
