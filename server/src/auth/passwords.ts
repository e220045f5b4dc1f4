import { hash, verify } from '@node-rs/argon2';

/**
 * Staff passwords: Argon2id with the library's defaults (19 MiB, 2 passes),
 * OWASP's recommended floor. The hash string carries its own parameters, so
 * raising them later keeps old hashes verifiable.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for a malformed hash alike. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody has: sign-in verifies against it when the
 * e-mail is unknown, so the answer takes as long either way and does not say
 * which addresses have accounts.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hash('kodbro decoy password that no account has');
  return decoy;
}
