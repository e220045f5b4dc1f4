import { readFile, stat } from 'node:fs/promises';
import { signedResultSchema, type SignedResult } from '../contracts/index.ts';
import { keyIdOf, readPublicKey, verifyDocument } from '../results/index.ts';

/** Far above any result or key; a file or answer beyond it is not one. */
const MAX_BYTES = 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;
const KEY_PATH = '/.well-known/kodbro-results-key';

export interface VerifyOptions {
  /** A downloaded result file, or a verification link (`…/verify/<id>`) or API address (`…/api/results/<id>`). */
  source: string;
  /** The public key: a file (the well-known JSON, a JWK or PEM) or its address. Default for a link: the link's own server. */
  key?: string;
}

/** Exit codes: 0 genuine and not revoked; 1 does not verify; 2 usage or unreadable input; 3 genuine but revoked. */
export async function verifyCommand(options: VerifyOptions, log: (line: string) => void): Promise<number> {
  const sourceUrl = asHttpUrl(options.source);
  let resultText: string;
  let keySource = options.key;
  try {
    if (sourceUrl) {
      const id = resultIdOf(sourceUrl);
      if (!id) {
        log(`kodbro: ${options.source} is not a verification link (…/verify/<id>) or a result address (…/api/results/<id>)`);
        return 2;
      }
      resultText = await fetchText(new URL(`/api/results/${id}`, sourceUrl.origin));
      keySource ??= new URL(KEY_PATH, sourceUrl.origin).href;
    } else {
      resultText = await readBounded(options.source);
    }
  } catch (error) {
    log(`kodbro: could not read the result: ${(error as Error).message}`);
    return 2;
  }
  if (keySource === undefined) {
    log('kodbro: a result file is checked against a public key: add --key <file-or-url> (the issuer publishes it at <its address>/.well-known/kodbro-results-key)');
    return 2;
  }

  let parsed: SignedResult;
  try {
    const read = signedResultSchema.safeParse(JSON.parse(resultText));
    if (!read.success) throw new Error('it is not a signed Kodbro result');
    parsed = read.data;
  } catch (error) {
    log(`DOES NOT VERIFY: the result cannot be read (${(error as Error).message}).`);
    return 1;
  }

  let keyText: string;
  try {
    const keyUrl = asHttpUrl(keySource);
    keyText = keyUrl ? await fetchText(keyUrl) : await readBounded(keySource);
  } catch (error) {
    log(`kodbro: could not read the public key: ${(error as Error).message}`);
    return 2;
  }
  const key = readPublicKey(keyText);
  if (!key) {
    log('kodbro: the key is not an Ed25519 public key (the well-known JSON, a JWK or a PEM)');
    return 2;
  }

  const { document } = parsed;
  if (!verifyDocument(document, parsed.signature, key)) {
    const otherKey = keyIdOf(key) !== parsed.keyId ? ` It names key ${parsed.keyId}; the key given is ${keyIdOf(key)}.` : '';
    log(`DOES NOT VERIFY: this result was changed after it was signed, or it was not signed with this key.${otherKey}`);
    return 1;
  }
  log('GENUINE AND UNCHANGED: signed by the issuer\'s key, exactly as issued.');
  log(`  Organisation: ${document.organisation.name}`);
  log(`  Assessment:   ${document.assessment.title}`);
  log(`  Candidate:    ${document.candidate.name ?? '(no name recorded)'}`);
  for (const task of document.challenges) log(`  ${task.title}: ${task.score} / ${task.max}`);
  log(`  Total:        ${document.total} / ${document.max}`);
  log(`  Finished:     ${document.finishedAt} (issued ${document.issuedAt}) by ${document.issuer}`);
  if (parsed.revoked) {
    log(`REVOKED by the organisation on ${parsed.revoked.at}${parsed.revoked.reason ? `: ${parsed.revoked.reason}` : ''}.`);
    return 3;
  }
  if (!sourceUrl) log('Checked offline: whether the organisation has revoked it since it was downloaded shows only on its verification page.');
  return 0;
}

function asHttpUrl(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function resultIdOf(url: URL): string | undefined {
  return /^\/(?:verify|api\/results)\/([A-Za-z0-9_-]{22})\/?$/.exec(url.pathname)?.[1];
}

async function readBounded(file: string): Promise<string> {
  if ((await stat(file)).size > MAX_BYTES) throw new Error(`${file} is larger than a result or a key can be`);
  return readFile(file, 'utf8');
}

async function fetchText(url: URL): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new Error(`${url.href} answered with more than a result or a key can be`);
  if (response.status === 404) throw new Error(`${url.href} has no such result: it is not shared, or never was`);
  if (!response.ok) throw new Error(`${url.href} answered ${response.status}`);
  return text;
}
