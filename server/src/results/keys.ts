import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ResultsKey } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';

export const RESULTS_KEY_FILE_NAME = 'results-signing.key';

/** The server's Ed25519 key pair for signed results, and how the world sees its public half. */
export interface ResultsKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** RFC 7638 thumbprint of the public JWK, base64url: names the key in every signed result. */
  keyId: string;
  published: ResultsKey;
}

/**
 * The signing key: a PKCS#8 PEM file in the data directory, mode 0600, made
 * the first time (like the invite link key, link-key.ts: written whole under
 * a temporary name and linked into place, so processes sharing the folder
 * race safely and all read one key). It is not in the database: a copy of the
 * database cannot sign. Rotation is not built yet: a new key would make
 * results signed by the old one unverifiable unless the old public key stays
 * published (see docs/security.md).
 */
export function loadResultsKey(dataDir: string): ResultsKeyPair {
  const file = path.join(dataDir, RESULTS_KEY_FILE_NAME);
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  const fresh = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  writeFileSync(temporary, fresh, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } catch {
    throw new KodbroError('internal', `${file} does not hold a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KodbroError('internal', `${file} does not hold an Ed25519 key`);
  return keyPairOf(privateKey);
}

export function keyPairOf(privateKey: KeyObject): ResultsKeyPair {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), published: publishedKey(publicKey) };
}

/** RFC 7638: SHA-256 over the JWK's required members in lexicographic order, base64url. */
export function keyIdOf(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

export function publishedKey(publicKey: KeyObject): ResultsKey {
  const keyId = keyIdOf(publicKey);
  const { x } = publicKey.export({ format: 'jwk' });
  return {
    keyId,
    algorithm: 'Ed25519',
    jwk: { kty: 'OKP', crv: 'Ed25519', x: x ?? '', kid: keyId },
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A published key (the well-known JSON, a bare JWK, or a PEM) as a public KeyObject; undefined when it is none of these or not Ed25519. */
export function readPublicKey(text: string): KeyObject | undefined {
  try {
    const trimmed = text.trim();
    if (trimmed.startsWith('-----BEGIN')) return ed25519(createPublicKey(trimmed));
    const parsed = JSON.parse(trimmed) as { jwk?: unknown; kty?: unknown; pem?: unknown };
    const jwk = (parsed.jwk ?? parsed) as { kty?: unknown; crv?: unknown; x?: unknown };
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') {
      return ed25519(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }));
    }
    return undefined;
  } catch {
    return undefined;
  }
}

const ed25519 = (key: KeyObject) => (key.asymmetricKeyType === 'ed25519' ? key : undefined);
