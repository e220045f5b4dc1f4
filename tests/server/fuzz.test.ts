/**
 * Fuzzing the real server, in its own process, through every operation of
 * its OpenAPI document and every socket client event.
 *
 * What is generated: random and malformed requests per operation — path
 * parameters (real ids, random UUIDs, unicode, binary, `..`, broken percent
 * escapes, very long), random query strings, and bodies: random JSON values,
 * mutations of a valid body (a field deleted, replaced by anything or a
 * boundary value, an extra field), invalid JSON text, wrong or missing
 * content types, wrong content encodings, bodies over the 2 MB limit, deeply
 * nested JSON. They are sent anonymously, as the signed-in demo staff user
 * with its CSRF token, and as a candidate with a started attempt with its
 * CSRF token.
 *
 * How "nothing written" is kept true: each request is classified against the
 * route's own zod schemas (the ones the server parses with) the way the
 * server will see it — which route the normalised URL reaches, whether the
 * identity may call it, whether the parameters decode and parse, whether the
 * body is JSON that parses. A WRITE that could be valid is not sent (counted
 * as skipped); every other request is sent. So any write the server performs
 * is a bug, and the store's tables (counts and a digest of every row) must be
 * the same before and after each identity's run.
 *
 * Asserted per request: status < 500; a request classified invalid gets a
 * 4xx; every non-2xx answer is the `{ error: { code, message } }` body; a 2xx
 * answer parses with the route's documented response schema. After each
 * run: /api/health answers 200, the process is alive, no table changed, and
 * the server logged no error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CLIENT_EVENT_NAMES, clientEvents, errorBodySchema, type ClientEventName } from '../../server/src/contracts/index.ts';
import { openApiPath } from '../../server/src/http/openapi.ts';
import type { RouteDef } from '../../server/src/http/route.ts';
import { API_ROUTES } from '../../server/src/http/routes/index.ts';
import { ApiClient, connected, DEMO_EMAIL, demoInvite, newId, spawnServer, type SpawnedServer } from '../support/server.ts';
import { openStoreFile, snapshotTables, type StoreDb } from './store-db.ts';

/** Runs per operation and identity; the whole file stays well under a minute. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SOCKET_RUNS = Number(process.env.FUZZ_SOCKET_RUNS ?? 300);
/** express.json's limit in server/src/http/app.ts. */
const JSON_LIMIT_BYTES = 2 * 1024 * 1024;

type Identity = 'anonymous' | 'staff' | 'candidate';

interface Operation {
  method: string;
  /** OpenAPI form: /api/x/{id}. */
  path: string;
  access: 'public' | 'staff' | 'candidate';
  params: string[];
  bodyTypes: string[];
  def: RouteDef;
}

let dataDir: string;
let server: SpawnedServer;
let db: StoreDb;
let operations: Operation[];
const clients = {} as Record<Identity, ApiClient>;
const known: Record<string, string> = {};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-fuzz-'));
  // No workers: the one queued submission stays as it is, so the tables hold still.
  server = await spawnServer(dataDir, { KODBRO_WORKERS: '0', KODBRO_LOG_LEVEL: 'error', KODBRO_LOGIN_LIMIT: '100000', KODBRO_CODE_LIMIT: '100000' });
  db = await openStoreFile(dataDir);

  clients.anonymous = new ApiClient(server.url);
  clients.staff = new ApiClient(server.url);
  await clients.staff.login();
  const invite = await demoInvite(clients.staff, 'Fuzz Candidate');
  clients.candidate = new ApiClient(server.url);
  await clients.candidate.openInvite({ token: invite.token });
  const started = await clients.candidate.post('/api/candidate/attempt/start');
  expect(started.status).toBe(200);

  const challenges = await clients.staff.get('/api/challenges');
  const logAggregation = challenges.body.challenges.find((c: { slug: string }) => c.slug === 'log-aggregation');
  known.challengeId = logAggregation.id;
  known.challengeVersionId = logAggregation.latestVersionId;
  // The statement image of log-aggregation: the files routes then also answer with bytes.
  known.name = 'percentile.svg';
  known.assessmentId = invite.assessmentId;
  known.inviteId = invite.inviteId;
  const invites = await clients.staff.get(`/api/assessments/${invite.assessmentId}/invites`);
  known.attemptId = invites.body.invites.find((i: { id: string }) => i.id === invite.inviteId).attemptId;

  const draft = await clients.candidate.put('/api/candidate/drafts', { challengeVersionId: known.challengeVersionId, language: 'python', source: 'print(1)', revision: 1 });
  expect(draft.status).toBe(200);
  known.submissionId = newId();
  const submitted = await clients.candidate.post('/api/candidate/submissions', {
    id: known.submissionId,
    challengeVersionId: known.challengeVersionId,
    kind: 'samples',
    language: 'python',
    source: 'print(1)',
  });
  expect(submitted.status).toBe(202);

  const doc = await clients.anonymous.get('/api/openapi.json');
  expect(doc.status).toBe(200);
  operations = operationsOf(doc.body);
}, 120_000);

afterAll(async () => {
  await db?.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Every operation of the document, tied to the route definition that serves it. */
function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  const out: Operation[] = [];
  for (const [docPath, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const def = API_ROUTES.find((r) => r.method === method && openApiPath(r.path) === docPath);
      if (!def) throw new Error(`${method} ${docPath} is documented but has no route`);
      out.push({
        method: method.toUpperCase(),
        path: docPath,
        access: op['x-kodbro-access'],
        params: (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name),
        bodyTypes: Object.keys(op.requestBody?.content ?? {}),
        def,
      });
    }
  }
  return out;
}

// Generators ------------------------------------------------------------------

/** Percent-encodes every byte but the unreserved ones. */
const encodeAll = (s: string) =>
  Array.from(Buffer.from(s, 'utf8'))
    .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

const NASTY_SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '../..',
  '..%2f..',
  '..%5c..',
  '%',
  '%ZZ',
  '%E0%A4%A',
  '%C0%AE',
  '%00',
  '',
  ' ',
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{assessmentId}',
  ':id',
  '*',
];

function paramArb(name: string): fc.Arbitrary<{ value: string; raw: boolean }> {
  const real = known[name] ?? newId();
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constant(real) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constant(real.toUpperCase()) },
    { weight: 1, arbitrary: fc.constant(`${real}x`) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_SEGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1000, maxLength: 4000 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 100, maxLength: 300 }) },
  );
  return fc.record({ value, raw: fc.boolean() });
}

const queryArb: fc.Arbitrary<string | undefined> = fc.option(
  fc.oneof(
    fc
      .array(
        fc.tuple(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'a[b]', 'a[]', 'toString')), fc.string({ unit: 'grapheme', maxLength: 30 })),
        { maxLength: 8 },
      )
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeAll(v)}`).join('&')),
    fc.string({ unit: 'grapheme-ascii', maxLength: 200 }).map((s) => s.replace(/#/g, '%23')),
    fc.constantFrom(
      'a[b][c][d][e][f][g][h]=1',
      '__proto__[polluted]=1',
      'constructor[prototype][polluted]=1',
      'a=1&a=2&a=3',
      '%',
      '%zz=%zz',
      `x=${'y'.repeat(3000)}`,
      Array.from({ length: 300 }, (_, i) => `a[${i}]=1`).join('&'),
      'redirect=http://evil.example',
    ),
  ),
  { nil: undefined },
);

/** A body as it goes on the wire. */
interface BodySpec {
  kind: 'json' | 'invalid-json' | 'other-type' | 'huge' | 'deep' | 'archive';
  contentType: string | undefined;
  bytes: Buffer;
  contentEncoding?: string;
}

/** Values safe to put through JSON (fc.anything() may hold undefined, -0, NaN: JSON decides). */
const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3 }), fc.object({ maxDepth: 2 }));

const BOUNDARY_VALUES: unknown[] = [
  null,
  '',
  ' ',
  0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  true,
  [],
  {},
  'x'.repeat(300 * 1024),
  'é'.repeat(140 * 1024),
  '\u0000',
  '\ud800',
  '2026-13-45T99:99:99Z',
  'not-a-uuid',
  '../../etc/passwd',
];

/** A valid body changed in one place: a field removed, replaced, or one added. */
function mutated(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  const replacement = fc.oneof(fc.constantFrom(...BOUNDARY_VALUES), jsonish);
  const options: fc.Arbitrary<unknown>[] = [
    fc.tuple(fc.string({ maxLength: 10 }), replacement).map(([k, v]) => ({ ...base, [k === '' ? 'extra' : k]: v })),
    fc.constant([base]),
    fc.constant(JSON.stringify(base)),
  ];
  if (keys.length > 0) {
    options.push(fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== k))));
    options.push(fc.tuple(fc.constantFrom(...keys), replacement).map(([k, v]) => ({ ...base, [k]: v })));
  }
  return fc.oneof(...options);
}

/** One valid body per write operation: the seed of the mutations. */
function validBodyOf(op: Operation): Record<string, unknown> | undefined {
  const soon = new Date(Date.now() + 86_400_000).toISOString();
  const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /api/auth/login': { email: DEMO_EMAIL, password: 'wrong-password' },
    'POST /api/auth/logout': {},
    'POST /api/staff': { email: 'fuzz@kodbro.example', displayName: 'Fuzz', password: 'a-long-enough-password', roles: { author: true, recruiter: false } },
    'POST /api/staff/invitations': { email: 'fuzz-invited@kodbro.example', displayName: 'Fuzz', roles: { author: false, recruiter: true, admin: false } },
    'POST /api/auth/welcome': { token: 'A'.repeat(43), password: 'a-long-enough-password' },
    'POST /api/assessments': {
      title: 'Fuzzed',
      challengeVersionIds: [known.challengeVersionId],
      timeLimitMinutes: 30,
      interfaceLanguages: ['en', 'ar'],
      secondLanguagePercent: 25,
      opensAt: soon,
      closesAt: later,
      resultsVisibility: 'none',
    },
    'PATCH /api/assessments/{assessmentId}': { title: 'Renamed' },
    'POST /api/assessments/{assessmentId}/duplicate': { title: 'Next round', opensAt: soon, closesAt: later },
    'POST /api/assessments/{assessmentId}/invites': { candidateName: 'Someone' },
    'POST /api/invites/{inviteId}/revoke': {},
    'POST /api/candidate/session': { code: 'ABCD2345' },
    'POST /api/candidate/attempt/start': {},
    'POST /api/candidate/attempt/finish': {},
    'PUT /api/candidate/drafts': { challengeVersionId: known.challengeVersionId, language: 'python', source: 'print(2)', revision: 99 },
    'POST /api/candidate/submissions': { id: newId(), challengeVersionId: known.challengeVersionId, kind: 'submit', language: 'python', source: 'print(3)' },
    'POST /api/candidate/result/share': { shareable: true },
    'POST /api/attempts/{attemptId}/result/revoke': { reason: 'Fuzzed', revoked: true },
  };
  return bodies[`${op.method} ${op.path}`];
}

const OTHER_TYPES = [
  undefined,
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/xml',
  'application/vnd.api+json',
  'application/json-patch+json',
  'application/octet-stream',
  'application/gzip',
  'application/x-tar',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'json',
  '',
  '*/*',
];
const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset="UTF-8"'];
const INVALID_JSON = ['{', '{"a":', 'nul', "{'a':1}", '[1,]', '\u0000', 'undefined', 'NaN', '{"a":1}}', '"just a string"', '123', 'true', 'null', ' ', '{"a":1,"a":}', '\ufeff{}'];

function bodyArb(op: Operation): fc.Arbitrary<BodySpec | undefined> {
  if (op.method === 'GET') return fc.constant(undefined);
  const valid = validBodyOf(op);
  const values = valid ? fc.oneof(jsonish, mutated(valid), mutated(valid)) : jsonish;
  const json = fc.record({ value: values, contentType: fc.constantFrom(...JSON_TYPES) }).map(
    ({ value, contentType }): BodySpec => ({ kind: 'json', contentType, bytes: Buffer.from(JSON.stringify(value) ?? '', 'utf8') }),
  );
  const invalidJson = fc
    .oneof(fc.constantFrom(...INVALID_JSON), fc.string({ maxLength: 50 }))
    .map((text): BodySpec => ({ kind: 'invalid-json', contentType: 'application/json', bytes: Buffer.from(text, 'utf8') }));
  const otherType = fc
    .record({
      contentType: fc.constantFrom(...OTHER_TYPES),
      bytes: fc.oneof(
        fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
        (valid ? fc.constant(valid) : jsonish).map((v) => Buffer.from(JSON.stringify(v) ?? 'x', 'utf8')),
        fc.constant(Buffer.from('a=1&b=2')),
      ),
    })
    .map((b): BodySpec => ({ kind: 'other-type', ...b }));
  const encoded = fc
    .record({ value: valid ? fc.constant(valid) : jsonish, contentEncoding: fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'gzip, gzip') })
    .map(({ value, contentEncoding }): BodySpec => ({ kind: 'invalid-json', contentType: 'application/json', bytes: Buffer.from(JSON.stringify(value) ?? 'x'), contentEncoding }));
  const huge = fc
    .constantFrom('string', 'array')
    .map((shape): BodySpec => {
      const size = JSON_LIMIT_BYTES + 1024;
      const text = shape === 'string' ? JSON.stringify({ source: 'x'.repeat(size) }) : `[${'1,'.repeat(size / 2)}1]`;
      return { kind: 'huge', contentType: 'application/json', bytes: Buffer.from(text) };
    });
  const deep = fc.record({ depth: fc.constantFrom(100, 5_000, 100_000), shape: fc.constantFrom('array', 'object', 'in-field') }).map(({ depth, shape }): BodySpec => {
    const text =
      shape === 'array'
        ? `${'['.repeat(depth)}${']'.repeat(depth)}`
        : shape === 'object'
          ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
          : `{"source":${'['.repeat(depth)}${']'.repeat(depth)},"revision":1}`;
    return { kind: 'deep', contentType: 'application/json', bytes: Buffer.from(text) };
  });
  const options: fc.Arbitrary<BodySpec | undefined>[] = [fc.constant(undefined), json, json, json, invalidJson, otherType, otherType, encoded, huge, deep];
  if (op.def.raw) {
    const archive = fc
      .record({ contentType: fc.constantFrom(...op.bodyTypes), bytes: fc.uint8Array({ maxLength: 4096 }), gzip: fc.boolean() })
      .map(({ contentType, bytes, gzip }): BodySpec => ({ kind: 'archive', contentType, bytes: gzip ? gzipSync(bytes) : Buffer.from(bytes) }));
    options.push(archive, archive, archive);
  }
  return fc.oneof(...options);
}

interface FuzzRequest {
  method: string;
  url: URL;
  body: BodySpec | undefined;
  origin: string | undefined;
  wrongCsrf: boolean;
}

function requestArb(op: Operation, baseUrl: string): fc.Arbitrary<FuzzRequest> {
  const params = fc.tuple(...op.params.map((name) => paramArb(name)));
  return fc
    .record({
      params: op.params.length > 0 ? params : fc.constant([] as { value: string; raw: boolean }[]),
      query: queryArb,
      body: bodyArb(op),
      origin: fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        // Foreign all: our host name with another scheme, or another port, is another site too.
        { weight: 1, arbitrary: fc.constantFrom('null', 'http://evil.example', 'not a url', baseUrl.replace('http://', 'https://'), baseUrl.replace(/:(\d+)$/, (_all, p: string) => `:${Number(p) + 1}`)) },
      ),
      wrongCsrf: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      extraPath: fc.oneof({ weight: 9, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('/', '/x', '/..', '//') }),
    })
    .map(({ params: values, query, body, origin, wrongCsrf, extraPath }) => {
      let i = 0;
      const pathText = op.path.replace(/\{[A-Za-z]+\}/g, () => {
        const p = values[i++]!;
        return p.raw ? p.value : encodeAll(p.value);
      });
      const url = new URL(`${baseUrl}${pathText}${extraPath}${query !== undefined ? `?${query}` : ''}`);
      return { method: op.method, url, body, origin, wrongCsrf };
    })
    // Requests leave /api only through URL normalisation of a raw `..`; those are not API requests.
    .filter((r) => r.url.pathname.startsWith('/api/') && r.url.href.length < 12_000);
}

// The server's view of a request ------------------------------------------------

type Verdict = 'invalid' | 'valid' | 'unknown';

/** Which route express reaches with this path and method (case-insensitive, trailing slash allowed). */
function routeFor(method: string, pathname: string): { op: Operation; params: Record<string, string> | 'undecodable' } | undefined {
  const segments = pathname.split('/');
  if (segments.length > 2 && segments.at(-1) === '') segments.pop();
  for (const op of operations) {
    if (op.method !== method) continue;
    const template = op.def.path.split('/');
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matches = true;
    let undecodable = false;
    for (let k = 0; k < template.length; k++) {
      const t = template[k]!;
      const s = segments[k]!;
      if (t.startsWith(':')) {
        if (s === '') {
          matches = false;
          break;
        }
        try {
          params[t.slice(1)] = decodeURIComponent(s);
        } catch {
          undecodable = true;
        }
      } else if (t.toLowerCase() !== s.toLowerCase()) {
        matches = false;
        break;
      }
    }
    if (matches) return { op, params: undecodable ? 'undecodable' : params };
  }
  return undefined;
}

const mayCall = (access: Operation['access'], identity: Identity) => access === 'public' || access === identity;

/**
 * The body as body-parser reads it: decompressed when its one encoding is
 * gzip, deflate or br (undefined when that fails, or for any other encoding,
 * which is refused). Random bytes are rarely gzip or deflate, but short ones
 * are often a valid brotli stream — of nothing, an empty body.
 */
function decodedBody(bytes: Buffer, encoding: string | undefined): Buffer | undefined {
  const decoders: Record<string, (input: Buffer) => Buffer> = { identity: (b) => b, gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync };
  const decode = decoders[(encoding ?? 'identity').toLowerCase()];
  try {
    return decode?.(bytes);
  } catch {
    return undefined;
  }
}

function bodyVerdict(def: RouteDef, body: BodySpec | undefined): Verdict {
  const schema = def.body as z.ZodType | undefined;
  const asNoBody = (): Verdict => (!schema || schema.safeParse(undefined).success ? 'valid' : 'invalid');
  if (def.raw) return 'invalid'; // random bytes are never a challenge package; anything else is refused
  if (!body || body.bytes.length === 0) return asNoBody();
  const [type = '', ...parameters] = (body.contentType ?? '').split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return 'invalid'; // not JSON: refused (415)
  if (body.bytes.length > JSON_LIMIT_BYTES) return 'invalid';
  const bytes = decodedBody(body.bytes, body.contentEncoding);
  if (bytes === undefined || bytes.length > JSON_LIMIT_BYTES) return 'invalid';
  if (bytes.length === 0) return asNoBody(); // a compressed stream of nothing is no body
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset && charset !== 'utf-8') return charset.startsWith('utf-') ? 'unknown' : 'invalid';
  // body-parser decodes with iconv-lite, which drops a leading byte-order mark.
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return 'invalid'; // express.json is strict
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'invalid';
  }
  return !schema || schema.safeParse(value).success ? 'valid' : 'invalid';
}

/** Whether the server could carry this request out, from its own schemas. */
function classify(identity: Identity, request: FuzzRequest): { verdict: Verdict; op: Operation | undefined } {
  const found = routeFor(request.method, request.url.pathname);
  if (!found) return { verdict: 'invalid', op: undefined };
  const { op } = found;
  if (request.method !== 'GET' && request.origin !== undefined) return { verdict: 'invalid', op };
  if (!mayCall(op.access, identity)) return { verdict: 'invalid', op };
  if (op.access !== 'public' && request.method !== 'GET' && request.wrongCsrf) return { verdict: 'invalid', op };
  if (found.params === 'undecodable') return { verdict: 'invalid', op };
  if (op.def.params && !(op.def.params as z.ZodType).safeParse(found.params).success) return { verdict: 'invalid', op };
  if (op.def.query) return { verdict: 'unknown', op };
  return { verdict: bodyVerdict(op.def, request.body), op };
}

async function send(identity: Identity, request: FuzzRequest): Promise<{ status: number; text: string; contentType: string }> {
  const client = clients[identity];
  const headers: Record<string, string> = {};
  if (client.cookies.size > 0) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (request.method !== 'GET' && client.csrfToken) headers['x-csrf-token'] = request.wrongCsrf ? `${client.csrfToken}x` : client.csrfToken;
  if (request.origin !== undefined) headers.origin = request.origin;
  if (request.body?.contentType !== undefined) headers['content-type'] = request.body.contentType;
  if (request.body?.contentEncoding) headers['content-encoding'] = request.body.contentEncoding;
  const response = await fetch(request.url, {
    method: request.method,
    headers,
    ...(request.body ? { body: new Uint8Array(request.body.bytes) } : {}),
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

const describeRequest = (identity: Identity, r: FuzzRequest) =>
  `${identity} ${r.method} ${r.url.href.slice(0, 300)} body=${r.body ? `${r.body.kind} ${r.body.contentType} ${r.body.bytes.length}B ${r.body.bytes.subarray(0, 200).toString('utf8')}` : 'none'} origin=${r.origin} wrongCsrf=${r.wrongCsrf}`;

async function expectHealthy(): Promise<void> {
  expect(server.child.exitCode, 'the server process exited').toBeNull();
  const health = await clients.anonymous.get('/api/health');
  expect(health.status).toBe(200);
  expect(health.body.store).toBe(true);
}

/** Error-level lines of the server's log (it runs at level "error": any line is one). */
function loggedErrors(): string[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .filter((line) => {
      try {
        return (JSON.parse(line) as { level?: number }).level! >= 50;
      } catch {
        return false;
      }
    });
}

// HTTP --------------------------------------------------------------------------

describe('HTTP fuzzing of every documented operation', () => {
  it('the document lists every route once, with the access the route enforces', () => {
    expect(operations.length).toBe(API_ROUTES.length);
    for (const op of operations) expect(op.access, `${op.method} ${op.path}`).toBe(op.def.access);
  });

  for (const identity of ['anonymous', 'staff', 'candidate'] as const) {
    it(`as ${identity}: every answer is < 500 with the error shape, invalid requests get 4xx, nothing is written`, async () => {
      const before = await snapshotTables(db);
      const tally = { sent: 0, skipped: 0, ok: 0 };
      for (const op of operations) {
        await fc.assert(
          fc.asyncProperty(requestArb(op, server.url), async (request) => {
            const { verdict, op: reached } = classify(identity, request);
            if (request.method !== 'GET' && verdict !== 'invalid') {
              tally.skipped++;
              return;
            }
            tally.sent++;
            const response = await send(identity, request);
            const what = `${describeRequest(identity, request)} -> ${response.status} ${response.text.slice(0, 300)}`;
            expect(response.status, what).toBeGreaterThanOrEqual(200);
            expect(response.status, what).toBeLessThan(500);
            if (verdict === 'invalid') expect(response.status, what).toBeGreaterThanOrEqual(400);
            if (response.status >= 400) {
              expect(response.contentType, what).toMatch(/^application\/json/);
              expect(errorBodySchema.safeParse(JSON.parse(response.text)).success, what).toBe(true);
            } else {
              tally.ok++;
              expect(reached, what).toBeDefined();
              expect(response.status, what).toBe(reached!.def.status);
              // A route that answers with bytes sends one of its media types; every other answer is its JSON contract.
              if (reached!.def.produces) expect(reached!.def.produces, what).toContain(response.contentType.split(';')[0]);
              else expect((reached!.def.response).safeParse(JSON.parse(response.text)).success, what).toBe(true);
            }
          }),
          { numRuns: RUNS },
        );
      }
      console.log(`fuzz ${identity}: ${tally.sent} requests sent (${tally.ok} valid reads answered 2xx), ${tally.skipped} possibly valid writes not sent`);
      await expectHealthy();
      expect(await snapshotTables(db)).toEqual(before);
      expect(loggedErrors()).toEqual([]);
    });
  }
});

// socket.io -----------------------------------------------------------------------

/** What the server receives after socket.io's JSON encoding. */
const overTheWire = (value: unknown) => (value === undefined ? undefined : (JSON.parse(JSON.stringify([value]))[0] as unknown));

/** Events each audience may send; the other audience's events are refused with `forbidden`. */
const AUDIENCE: Record<ClientEventName, 'candidate' | 'staff'> = {
  'draft:save': 'candidate',
  'editor:pasted': 'candidate',
  'attempt:sync': 'candidate',
  'assessment:watch': 'staff',
  'assessment:unwatch': 'staff',
};

function socketPayloadArb(event: ClientEventName): fc.Arbitrary<{ payload: unknown; absent: boolean }> {
  const bases: Record<ClientEventName, Record<string, unknown>> = {
    'draft:save': { challengeVersionId: known.challengeVersionId, language: 'python', source: 'print(4)', revision: 1_000_000 },
    'editor:pasted': { challengeVersionId: known.challengeVersionId, language: 'python', chars: 12 },
    'attempt:sync': {},
    'assessment:watch': { assessmentId: known.assessmentId },
    'assessment:unwatch': { assessmentId: known.assessmentId },
  };
  const payload = fc.oneof(
    jsonish,
    mutated(bases[event]),
    mutated(bases[event]),
    fc.constant(bases[event]),
    fc.constantFrom('x'.repeat(1024 * 1024), { source: 'y'.repeat(300 * 1024) }, '['.repeat(10_000)),
  );
  const withAbsent = fc.oneof({ weight: 9, arbitrary: payload.map((p) => ({ payload: p, absent: false })) }, { weight: 1, arbitrary: fc.constant({ payload: undefined, absent: true }) });
  // draft:save and editor:pasted are the events that write: only payloads their schemas refuse are sent.
  return event === 'draft:save' || event === 'editor:pasted'
    ? withAbsent.filter(({ payload: p, absent }) => absent || !clientEvents[event].payload.safeParse(overTheWire(p)).success)
    : withAbsent;
}

/** The ack the server must give, by the contract. */
function expectedAck(identity: 'candidate' | 'staff', event: ClientEventName, payload: unknown, extras: number): { ok: true } | { ok: false; code: string } {
  if (AUDIENCE[event] !== identity) return { ok: false, code: 'forbidden' };
  if (extras > 0) return { ok: false, code: 'invalid_request' };
  const parsed = clientEvents[event].payload.safeParse(payload);
  if (!parsed.success) return { ok: false, code: 'invalid_request' };
  if (event === 'draft:save' || event === 'editor:pasted') throw new Error(`a valid ${event} was generated`);
  if (event === 'assessment:watch') return (parsed.data as { assessmentId: string }).assessmentId === known.assessmentId ? { ok: true } : { ok: false, code: 'not_found' };
  return { ok: true };
}

describe('socket.io fuzzing of every client event', () => {
  const sockets = {} as Record<'candidate' | 'staff', Socket>;
  beforeAll(async () => {
    for (const who of ['candidate', 'staff'] as const) {
      const socket = clients[who].socket();
      const firstTimer = who === 'candidate' ? new Promise((resolve) => socket.once('timer', resolve)) : Promise.resolve();
      await connected(socket);
      await firstTimer;
      sockets[who] = socket;
    }
  });
  afterAll(() => {
    for (const socket of Object.values(sockets)) socket?.close();
  });

  for (const identity of ['candidate', 'staff'] as const) {
    it(`as ${identity}: every event with random payloads and extra arguments, with and without acks`, async () => {
      const socket = sockets[identity];
      const before = await snapshotTables(db);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CLIENT_EVENT_NAMES).chain((event) =>
            fc.record({
              event: fc.constant(event),
              body: socketPayloadArb(event),
              extras: fc.oneof({ weight: 3, arbitrary: fc.constant([] as unknown[]) }, { weight: 1, arbitrary: fc.array(jsonish, { minLength: 1, maxLength: 3 }) }),
              withAck: fc.boolean(),
            }),
          ),
          async ({ event, body, extras, withAck }) => {
            const args = body.absent ? (extras.length > 0 ? [undefined, ...extras] : []) : [body.payload, ...extras];
            if (!withAck) {
              socket.emit(event, ...args);
              return;
            }
            const what = `${identity} ${event} ${JSON.stringify(args)?.slice(0, 300)}`;
            const ack = (await socket.timeout(5000).emitWithAck(event, ...args)) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
            const expected = expectedAck(identity, event, overTheWire(body.payload), extras.length);
            if (expected.ok) {
              expect(ack, what).toMatchObject({ ok: true });
            } else {
              expect(ack, what).toMatchObject({ ok: false, error: { code: expected.code } });
              expect(typeof ack.error?.message, what).toBe('string');
            }
          },
        ),
        { numRuns: SOCKET_RUNS },
      );
      // Unknown events and the server's own event names are ignored, not fatal.
      for (const name of ['nope', 'submission:progress', 'timer', 'draft:saved', 'attempt:changed', '__proto__', 'constructor', 'toString', 'x'.repeat(10_000)]) {
        socket.emit(name, { a: 1 }, 2, 3);
      }
      // The socket is still up and answers in order after everything it was sent.
      expect(socket.connected).toBe(true);
      const sync = await socket.timeout(5000).emitWithAck(identity === 'candidate' ? 'attempt:sync' : 'assessment:watch', identity === 'candidate' ? {} : { assessmentId: known.assessmentId });
      expect(sync).toMatchObject({ ok: true });
      await expectHealthy();
      expect(await snapshotTables(db)).toEqual(before);
      expect(loggedErrors()).toEqual([]);
    });
  }
});
