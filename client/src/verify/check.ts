import { canonicalJson } from '@kodbro/server/contracts/plain';
import type { ResultsKey, SignedResult } from '@kodbro/server/contracts';

/** What the browser could say about a signature: checked here, or not checkable in this browser. */
export type SignatureCheck = 'genuine' | 'does_not_verify' | 'unsupported';

/**
 * Verifies the result's Ed25519 signature in this browser with WebCrypto,
 * over the canonical JSON of the document (the bytes the server signed), with
 * the key the issuer publishes. `unsupported` when this browser (or a page
 * not served over https or from localhost) has no Ed25519 in WebCrypto.
 */
export async function checkSignature(result: SignedResult, key: ResultsKey): Promise<SignatureCheck> {
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined;
  if (!subtle) return 'unsupported';
  let publicKey: CryptoKey;
  try {
    publicKey = await subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: key.jwk.x }, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return 'unsupported';
  }
  const signature = fromBase64Url(result.signature);
  if (!signature || key.keyId !== result.keyId) return 'does_not_verify';
  try {
    const data = new TextEncoder().encode(canonicalJson(result.document));
    return (await subtle.verify({ name: 'Ed25519' }, publicKey, signature, data)) ? 'genuine' : 'does_not_verify';
  } catch {
    return 'does_not_verify';
  }
}

/** base64url without padding → bytes; undefined for anything else. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  try {
    return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}
