import { randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, resultDocumentSchema, type ResultDocument } from '../contracts/index.ts';

/** A new result id: 128 random bits, base64url (22 characters), unguessable. */
export function newResultId(): string {
  return randomBytes(16).toString('base64url');
}

/** The document's canonical text and its Ed25519 signature (base64url) over that text's UTF-8 bytes. */
export function signDocument(document: ResultDocument, privateKey: KeyObject): { text: string; signature: string } {
  const text = canonicalJson(document);
  return { text, signature: sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url') };
}

/** Whether `signature` is `publicKey`'s signature over the canonical form of `document` (any JSON value). */
export function verifyDocument(document: unknown, signature: string, publicKey: KeyObject): boolean {
  let text: string;
  try {
    text = canonicalJson(document);
  } catch {
    return false;
  }
  const bytes = Buffer.from(signature, 'base64url');
  // Buffer.from drops what is not base64url: a signature text that does not round-trip is not the one that was made.
  if (bytes.length !== 64 || bytes.toString('base64url') !== signature) return false;
  return verify(null, Buffer.from(text, 'utf8'), publicKey, bytes);
}

/** The stored canonical text as the document it is (it was made by signDocument). */
export function parseStoredDocument(text: string): ResultDocument {
  return resultDocumentSchema.parse(JSON.parse(text));
}
