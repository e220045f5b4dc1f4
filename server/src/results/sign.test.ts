import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson, resultDocumentSchema, type ResultDocument } from '../contracts/index.ts';
import { buildResultDocument } from './document.ts';
import { keyPairOf, loadResultsKey, readPublicKey, RESULTS_KEY_FILE_NAME } from './keys.ts';
import { newResultId, signDocument, verifyDocument } from './sign.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-results-'));
  dirs.push(dir);
  return dir;
};

const document = (): ResultDocument =>
  buildResultDocument({
    resultId: newResultId(),
    issuer: 'http://127.0.0.1:3000',
    organisationName: 'Demo Company AB',
    assessment: {
      title: 'Backend test',
      challenges: [
        { position: 1, challengeId: 'c2', challengeVersionId: 'v2', version: 1, title: 'Second', meta: null },
        { position: 0, challengeId: 'c1', challengeVersionId: 'v1', version: 1, title: 'First', meta: null },
      ],
    },
    candidateName: 'Amal',
    submissions: [
      { challengeVersionId: 'v1', kind: 'submit', status: 'done', result: judged(40) },
      { challengeVersionId: 'v1', kind: 'submit', status: 'done', result: judged(70) },
      { challengeVersionId: 'v1', kind: 'samples', status: 'done', result: judged(100) },
      { challengeVersionId: 'v2', kind: 'submit', status: 'failed', result: null },
    ],
    finishedAt: new Date('2026-11-30T10:00:00Z'),
    issuedAt: new Date('2026-11-30T10:05:00Z'),
  });

function judged(score: number) {
  return { verdict: score === 100 ? 'accepted' : 'wrong_answer', score, maxScore: 100, tests: [], groups: [] };
}

describe('result documents', () => {
  it('holds each task in order with its counted score out of 100, and the sums', () => {
    const doc = document();
    expect(resultDocumentSchema.parse(doc)).toEqual(doc);
    expect(doc.challenges).toEqual([
      { title: 'First', score: 70, max: 100 },
      { title: 'Second', score: 0, max: 100 },
    ]);
    expect([doc.total, doc.max]).toEqual([70, 200]);
    expect(doc.resultId).toMatch(/^[\w-]{22}$/);
  });
});

describe('signing and verifying', () => {
  const keys = keyPairOf(generateKeyPairSync('ed25519').privateKey);

  it('verifies what it signed, whatever the key order of the document it is given', () => {
    const doc = document();
    const { text, signature } = signDocument(doc, keys.privateKey);
    expect(text).toBe(canonicalJson(doc));
    expect(verifyDocument(doc, signature, keys.publicKey)).toBe(true);
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(doc).reverse())));
    expect(verifyDocument(reordered, signature, keys.publicKey)).toBe(true);
  });

  it('refuses a document with one changed byte', () => {
    const doc = document();
    const { text, signature } = signDocument(doc, keys.privateKey);
    const changed = text.replace('"total":70', '"total":80');
    expect(changed).not.toBe(text);
    expect(verifyDocument(JSON.parse(changed), signature, keys.publicKey)).toBe(false);
    expect(verifyDocument({ ...doc, candidate: { name: 'Amal ' } }, signature, keys.publicKey)).toBe(false);
  });

  it('refuses a changed or malformed signature', () => {
    const doc = document();
    const { signature } = signDocument(doc, keys.privateKey);
    const bytes = Buffer.from(signature, 'base64url');
    bytes[10] = bytes[10]! ^ 1;
    expect(verifyDocument(doc, bytes.toString('base64url'), keys.publicKey)).toBe(false);
    expect(verifyDocument(doc, `${signature}A`, keys.publicKey)).toBe(false);
    expect(verifyDocument(doc, '', keys.publicKey)).toBe(false);
  });

  it('refuses a signature made with a different key', () => {
    const doc = document();
    const other = keyPairOf(generateKeyPairSync('ed25519').privateKey);
    const { signature } = signDocument(doc, other.privateKey);
    expect(verifyDocument(doc, signature, keys.publicKey)).toBe(false);
    expect(other.keyId).not.toBe(keys.keyId);
  });

  it('reads the published key as the well-known JSON, a bare JWK or PEM, and nothing else', () => {
    const doc = document();
    const { signature } = signDocument(doc, keys.privateKey);
    for (const text of [JSON.stringify(keys.published), JSON.stringify(keys.published.jwk), keys.published.pem]) {
      const key = readPublicKey(text);
      expect(key && verifyDocument(doc, signature, key)).toBe(true);
    }
    expect(readPublicKey('not a key')).toBeUndefined();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(readPublicKey(rsa)).toBeUndefined();
  });
});

describe('the key file', () => {
  it('is made once with mode 0600 and read back as the same key', () => {
    const dir = tempDir();
    const first = loadResultsKey(dir);
    const file = path.join(dir, RESULTS_KEY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const again = loadResultsKey(dir);
    expect(again.keyId).toBe(first.keyId);
    expect(again.published).toEqual(first.published);
    expect(first.published.jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: first.keyId });
  });
});
