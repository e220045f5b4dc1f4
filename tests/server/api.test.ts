/**
 * Every route of API_ROUTES through real HTTP: a success, a validation error
 * and the auth refusals (401 anonymous, 403 csrf_failed for a write without
 * the token, 403 forbidden for a missing role). The last test checks, from
 * what was actually sent, that no route of the list was left out.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/index.ts';
import { openApiPath } from '../../server/src/http/openapi.ts';
import { API_ROUTES } from '../../server/src/http/routes/index.ts';
import { LANGUAGE_IDS } from '../../server/src/contracts/index.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import {
  ApiClient,
  DEMO_EMAIL,
  DEMO_PASSWORD,
  demoInvite,
  expectApiError,
  newId,
  packageTarGz,
  startTestServer,
  waitForResult,
  type ApiResponse,
  type TestServer,
} from '../support/server.ts';

const SUM_DIR = path.join(REPO_ROOT, 'tests/fixtures/packages/sum');
const LOG_AGGREGATION_PY = path.join(REPO_ROOT, 'challenges/log-aggregation/solutions/accepted.py');
const COLLEAGUE_PASSWORD = 'colleague-password-long-enough';
const DAY_MS = 24 * 60 * 60 * 1000;

// Every request of this file, to prove at the end that each route was exercised.
interface Hit {
  method: string;
  path: string;
  status: number;
  code: string | undefined;
}
const hits: Hit[] = [];

class Client extends ApiClient {
  override async request<T = any>(method: string, urlPath: string, options: Parameters<ApiClient['request']>[2] = {}): Promise<ApiResponse<T>> {
    const response = await super.request<T>(method, urlPath, options);
    hits.push({ method, path: urlPath.split('?')[0]!, status: response.status, code: (response.body as any)?.error?.code });
    return response;
  }
}

let server: TestServer;
let admin: Client;
let anon: Client;
let recruiter: Client;
let roleless: Client;
let demoAssessmentId: string;
let logVersionId: string;
let sumChallengeId: string;
let createdAssessmentId: string;

const unknownId = () => newId();
const openWindow = (opensInMs = -DAY_MS, closesInMs = 30 * DAY_MS) => ({
  opensAt: new Date(Date.now() + opensInMs).toISOString(),
  closesAt: new Date(Date.now() + closesInMs).toISOString(),
});
const issuePaths = (response: ApiResponse) => (response.body.error.details?.issues ?? []).map((issue: { path: string }) => issue.path);

/** A 400 with the documented validation body: code, message and the issues in `details`. */
function expectInvalid(response: ApiResponse, pathOfIssue?: string) {
  expectApiError(response, 400, 'invalid_request');
  expect(Array.isArray(response.body.error.details?.issues), JSON.stringify(response.body)).toBe(true);
  expect(response.body.error.details.issues.length).toBeGreaterThan(0);
  if (pathOfIssue) expect(issuePaths(response)).toContain(pathOfIssue);
}

beforeAll(async () => {
  server = await startTestServer();
  admin = new Client(server.url);
  await admin.login();
  anon = new Client(server.url);
  const assessments = await admin.get('/api/assessments');
  demoAssessmentId = assessments.body.assessments.find((a: { title: string }) => a.title === 'Demo assessment').id;
  logVersionId = assessments.body.assessments.find((a: { id: string }) => a.id === demoAssessmentId).challenges[0].challengeVersionId;
}, 120_000);
afterAll(async () => server?.stop());

describe('service routes', () => {
  it('GET /api/health says the store and Docker answer', async () => {
    const health = await anon.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', role: 'all', store: true, docker: true, queue: { queued: 0, delayed: 0, running: 0 }, workers: 2, eventLoopDelayMs: expect.any(Number), version: '0.1.0' });
    expect(health.headers.get('cache-control')).toBe('no-store');
  });

  it('GET /api/openapi.json documents every route of API_ROUTES with its access', async () => {
    const doc = await anon.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    for (const def of API_ROUTES) {
      const operation = doc.body.paths[openApiPath(def.path)]?.[def.method];
      expect(operation, `${def.method} ${def.path}`).toBeDefined();
      expect(operation['x-kodbro-access']).toBe(def.access);
      if (def.roles) expect(operation['x-kodbro-roles']).toEqual(def.roles);
      expect(Object.keys(operation.responses)).toContain(String(def.status));
    }
    const documented = Object.values(doc.body.paths as Record<string, object>).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(documented).toBe(API_ROUTES.length);
  });

  it('an unknown /api route is a JSON 404, for any method', async () => {
    expectApiError(await anon.get('/api/no-such-thing'), 404, 'not_found');
    expectApiError(await anon.post('/api/no-such-thing', { a: 1 }), 404, 'not_found');
    expectApiError(await admin.get(`/api/challenges/${unknownId()}/extra`), 404, 'not_found');
    expectApiError(await admin.request('DELETE', '/api/assessments'), 404, 'not_found');
  });

  it('malformed JSON is a 400 without a stack trace', async () => {
    const response = await anon.request('POST', '/api/auth/login', { rawBody: '{"email": "a@b.example", "password": ', contentType: 'application/json' });
    expectApiError(response, 400, 'invalid_request');
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('a JSON body over 2 MB is a 413', async () => {
    const big = JSON.stringify({ email: DEMO_EMAIL, password: 'x'.repeat(2 * 1024 * 1024 + 10) });
    expectApiError(await anon.request('POST', '/api/auth/login', { rawBody: big, contentType: 'application/json' }), 413, 'payload_too_large');
  });
});

describe('auth', () => {
  it('POST /api/auth/login refuses a wrong password and an unknown e-mail alike with 401', async () => {
    const wrong = await anon.post('/api/auth/login', { email: DEMO_EMAIL, password: 'not-the-password' });
    expectApiError(wrong, 401, 'unauthenticated');
    const unknown = await anon.post('/api/auth/login', { email: 'nobody@kodbro.example', password: 'not-the-password' });
    expectApiError(unknown, 401, 'unauthenticated');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('POST /api/auth/login validates its body', async () => {
    expectInvalid(await anon.post('/api/auth/login', { email: 'not-an-address', password: 'x' }), 'body.email');
    expectInvalid(await anon.post('/api/auth/login', { email: DEMO_EMAIL, password: DEMO_PASSWORD, remember: true }));
    expectInvalid(await anon.post('/api/auth/login', { email: DEMO_EMAIL }), 'body.password');
  });

  it('signs in, reads the session and signs out; the old cookie is dead afterwards', async () => {
    const staff = new Client(server.url);
    const login = await staff.login();
    expect(login.body).toMatchObject({
      user: { email: DEMO_EMAIL, displayName: 'Demo Author', roles: { author: true, recruiter: true, admin: true } },
      organisation: { slug: 'demo', name: 'Demo Company AB' },
    });
    expect(login.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('kodbro_staff='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(JSON.stringify(login.body)).not.toMatch(/passwordHash|argon/i);

    const session = await staff.get('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body).toEqual(login.body);
    expectApiError(await anon.get('/api/auth/session'), 401, 'unauthenticated');

    const stolen = new Client(server.url);
    for (const [k, v] of staff.cookies) stolen.cookies.set(k, v);

    expectApiError(await staff.request('POST', '/api/auth/logout', { csrf: false }), 403, 'csrf_failed');
    expectInvalid(await staff.post('/api/auth/logout', { everywhere: true }));
    expect((await staff.get('/api/auth/session')).status).toBe(200);
    expectApiError(await anon.post('/api/auth/logout'), 401, 'unauthenticated');

    const logout = await staff.post('/api/auth/logout');
    expect(logout.status).toBe(200);
    expect(logout.body).toEqual({ ok: true });
    expect(staff.cookies.has('kodbro_staff')).toBe(false);
    expectApiError(await staff.get('/api/auth/session'), 401, 'unauthenticated');
    expectApiError(await stolen.get('/api/auth/session'), 401, 'unauthenticated');
  });
});

describe('staff', () => {
  it('GET /api/staff lists the organisation for its admin', async () => {
    const list = await admin.get('/api/staff');
    expect(list.status).toBe(200);
    expect(list.body.staff.map((s: { email: string }) => s.email)).toEqual([DEMO_EMAIL]);
    expect(JSON.stringify(list.body)).not.toMatch(/password/i);
    expectApiError(await anon.get('/api/staff'), 401, 'unauthenticated');
  });

  it('POST /api/staff adds colleagues without admin rights; a second account for one e-mail is 409', async () => {
    const created = await admin.post('/api/staff', {
      email: 'recruiter@kodbro.example',
      displayName: 'Rita Recruiter',
      password: COLLEAGUE_PASSWORD,
      roles: { author: false, recruiter: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'recruiter@kodbro.example', displayName: 'Rita Recruiter', roles: { author: false, recruiter: true, admin: false } });
    expect(Object.keys(created.body).sort()).toEqual(['createdAt', 'displayName', 'email', 'id', 'roles']);

    const plain = await admin.post('/api/staff', { email: 'viewer@kodbro.example', displayName: 'Vic Viewer', password: COLLEAGUE_PASSWORD, roles: { author: false, recruiter: false } });
    expect(plain.status).toBe(201);

    const duplicate = await admin.post('/api/staff', { email: 'Recruiter@Kodbro.example', displayName: 'Again', password: COLLEAGUE_PASSWORD, roles: { author: true, recruiter: true } });
    expectApiError(duplicate, 409, 'conflict');

    recruiter = new Client(server.url);
    await recruiter.login('recruiter@kodbro.example', COLLEAGUE_PASSWORD);
    roleless = new Client(server.url);
    await roleless.login('viewer@kodbro.example', COLLEAGUE_PASSWORD);
    expect((await admin.get('/api/staff')).body.staff).toHaveLength(3);
  });

  it('POST /api/staff validates: short password, an admin flag, a bad e-mail', async () => {
    const body = { email: 'x@kodbro.example', displayName: 'X', password: COLLEAGUE_PASSWORD, roles: { author: true, recruiter: false } };
    expectInvalid(await admin.post('/api/staff', { ...body, password: 'short' }), 'body.password');
    expectInvalid(await admin.post('/api/staff', { ...body, roles: { author: true, recruiter: false, admin: true } }), 'body.roles');
    expectInvalid(await admin.post('/api/staff', { ...body, email: 'nope' }), 'body.email');
    expectInvalid(await admin.post('/api/staff', { ...body, displayName: '   ' }), 'body.displayName');
  });

  it('GET and POST /api/staff refuse: anonymous 401, no CSRF 403, no admin role 403', async () => {
    const body = { email: 'y@kodbro.example', displayName: 'Y', password: COLLEAGUE_PASSWORD, roles: { author: true, recruiter: false } };
    expectApiError(await anon.post('/api/staff', body), 401, 'unauthenticated');
    expectApiError(await admin.request('POST', '/api/staff', { body, csrf: false }), 403, 'csrf_failed');
    expectApiError(await recruiter.get('/api/staff'), 403, 'forbidden');
    expectApiError(await recruiter.post('/api/staff', body), 403, 'forbidden');
    expect((await admin.get('/api/staff')).body.staff).toHaveLength(3);
  });
});

describe('staff: roles and organisations', () => {
  it('PATCH /api/staff/:userId changes a colleague’s roles; the admin keeps the admin role', async () => {
    const list = (await admin.get('/api/staff')).body.staff as { id: string; email: string }[];
    const viewer = list.find((u) => u.email === 'viewer@kodbro.example')!;
    const me = list.find((u) => u.email === DEMO_EMAIL)!;
    const changed = await admin.patch(`/api/staff/${viewer.id}`, { roles: { author: true, recruiter: false } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: viewer.id, roles: { author: true, recruiter: false, admin: false } });
    expect((await roleless.get('/api/challenges')).status).toBe(200);
    expect((await admin.patch(`/api/staff/${viewer.id}`, { roles: { author: false, recruiter: false } })).body.roles).toEqual({ author: false, recruiter: false, admin: false });
    expectApiError(await roleless.get('/api/challenges'), 403, 'forbidden');
    // Even of oneself: the organisation keeps its admin.
    expect((await admin.patch(`/api/staff/${me.id}`, { roles: { author: true, recruiter: true } })).body.roles).toEqual({ author: true, recruiter: true, admin: true });

    // The last admin keeps the role, in words that say why.
    const demote = await admin.patch(`/api/staff/${me.id}`, { roles: { author: true, recruiter: true, admin: false } });
    expectApiError(demote, 409, 'last_admin');
    expect(demote.body.error.message).toMatch(/last admin/);
    expectInvalid(await admin.patch(`/api/staff/${viewer.id}`, { roles: { author: true, recruiter: true, admin: 'yes' } }), 'body.roles.admin');
    expectInvalid(await admin.patch(`/api/staff/${viewer.id}`, {}), 'body.roles');
    expectInvalid(await admin.patch('/api/staff/not-an-id', { roles: { author: true, recruiter: true } }), 'params.userId');
    expectApiError(await admin.patch(`/api/staff/${unknownId()}`, { roles: { author: true, recruiter: true } }), 404, 'not_found');
    expectApiError(await anon.patch(`/api/staff/${viewer.id}`, { roles: { author: true, recruiter: true } }), 401, 'unauthenticated');
    expectApiError(await admin.request('PATCH', `/api/staff/${viewer.id}`, { body: { roles: { author: true, recruiter: true } }, csrf: false }), 403, 'csrf_failed');
    expectApiError(await recruiter.patch(`/api/staff/${viewer.id}`, { roles: { author: true, recruiter: true } }), 403, 'forbidden');
    expectApiError(await roleless.patch(`/api/staff/${viewer.id}`, { roles: { author: true, recruiter: true } }), 403, 'forbidden');
    expect((await admin.get('/api/staff')).body.staff.find((u: { id: string }) => u.id === viewer.id).roles).toEqual({ author: false, recruiter: false, admin: false });
  });

  it("adding a colleague whose e-mail has an account in another organisation just works; sign-in then asks which organisation", async () => {
    // Each sign-in from a client of its own: a successful one keeps its cookie.
    const fresh = () => new Client(server.url);
    const store = server.server.store;
    const org = await store.createOrganisation({ name: 'Other Org AB', slug: 'other-org' });
    if (!org.ok) throw new Error(org.reason);
    const otherAdminPassword = 'other-admin-password-long';
    const created = await store.createStaffUser(org.value.id, { email: 'boss@other.example', displayName: 'Boss', passwordHash: await hashPassword(otherAdminPassword), roles: { author: true, recruiter: true, admin: true } });
    if (!created.ok) throw new Error(created.reason);
    const otherAdmin = new Client(server.url);
    await otherAdmin.login('boss@other.example', otherAdminPassword);

    // recruiter@kodbro.example is the demo organisation's colleague: nothing of that shows here.
    const same = await otherAdmin.post('/api/staff', { email: 'Recruiter@Kodbro.example', displayName: 'Rita at Other', password: COLLEAGUE_PASSWORD, roles: { author: true, recruiter: false } });
    expect(same.status, JSON.stringify(same.body)).toBe(201);
    expect(same.body).toMatchObject({ email: 'recruiter@kodbro.example', displayName: 'Rita at Other', roles: { author: true, recruiter: false, admin: false } });
    expectApiError(await otherAdmin.post('/api/staff', { email: 'recruiter@kodbro.example', displayName: 'Again', password: COLLEAGUE_PASSWORD, roles: { author: true, recruiter: false } }), 409, 'conflict');
    expect((await admin.get('/api/staff')).body.staff.map((u: { displayName: string }) => u.displayName)).not.toContain('Rita at Other');

    // The same password opens both accounts: the answer names the two organisations and signs nobody in.
    const ambiguous = await fresh().post('/api/auth/login', { email: 'recruiter@kodbro.example', password: COLLEAGUE_PASSWORD });
    expectApiError(ambiguous, 409, 'organisation_required');
    expect(ambiguous.body.error.details.organisations).toEqual(expect.arrayContaining([{ name: 'Demo Company AB', slug: 'demo' }, { name: 'Other Org AB', slug: 'other-org' }]));
    expect(ambiguous.body.error.details.organisations).toHaveLength(2);
    expect(ambiguous.headers.getSetCookie()).toEqual([]);

    const atOther = new Client(server.url);
    const signedIn = await atOther.post('/api/auth/login', { email: 'recruiter@kodbro.example', password: COLLEAGUE_PASSWORD, organisation: 'other-org' });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ organisation: { slug: 'other-org' }, user: { displayName: 'Rita at Other', roles: { author: true, recruiter: false } } });
    expectApiError(await fresh().post('/api/auth/login', { email: 'recruiter@kodbro.example', password: COLLEAGUE_PASSWORD, organisation: 'no-such-org' }), 401, 'unauthenticated');
    expectInvalid(await fresh().post('/api/auth/login', { email: 'recruiter@kodbro.example', password: COLLEAGUE_PASSWORD, organisation: 'Not A Slug' }), 'body.organisation');

    // Another password for the second account: each password opens only its own, without being asked.
    const store2 = await store.listStaffUsers(org.value.id);
    const rita = store2.find((u) => u.email === 'recruiter@kodbro.example')!;
    await store.setStaffPasswordHash(org.value.id, rita.id, await hashPassword('rita-other-password-long'));
    const demoSide = await fresh().post('/api/auth/login', { email: 'recruiter@kodbro.example', password: COLLEAGUE_PASSWORD });
    expect(demoSide.status).toBe(200);
    expect(demoSide.body.organisation.slug).toBe('demo');
    const otherSide = await fresh().post('/api/auth/login', { email: 'recruiter@kodbro.example', password: 'rita-other-password-long' });
    expect(otherSide.status).toBe(200);
    expect(otherSide.body.organisation.slug).toBe('other-org');
    const wrong = await fresh().post('/api/auth/login', { email: 'recruiter@kodbro.example', password: 'neither-of-them' });
    expectApiError(wrong, 401, 'unauthenticated');
    expect(wrong.body.error.message).toBe((await fresh().post('/api/auth/login', { email: 'nobody@kodbro.example', password: 'neither-of-them' })).body.error.message);
  });
});

describe('challenges', () => {
  it('GET /api/challenges lists the sample challenges with their metadata (authors and the admin only)', async () => {
    const list = await admin.get('/api/challenges');
    expect(list.status).toBe(200);
    const slugs = list.body.challenges.map((c: { slug: string }) => c.slug).sort();
    expect(slugs).toEqual(['busy-periods', 'cinema-seats', 'delivery-routes', 'guess-the-number', 'invoice-formatting', 'log-aggregation', 'meeting-rooms', 'sensor-averages', 'team-pairing']);
    expect(list.body.challenges.find((c: { slug: string }) => c.slug === 'guess-the-number').meta.checker).toBe('interactor');
    const log = list.body.challenges.find((c: { slug: string }) => c.slug === 'log-aggregation');
    expect(log.meta.languages.sort()).toEqual(['c', 'cpp', 'csharp', 'go', 'haskell', 'java', 'javascript', 'kotlin', 'php', 'python', 'ruby', 'rust', 'typescript']);
    expect(log.meta.hiddenTests).toBe(20);
    expect(log.latestVersion).toBe(1);
    expectApiError(await anon.get('/api/challenges'), 401, 'unauthenticated');
    expectApiError(await recruiter.get('/api/challenges'), 403, 'forbidden');
    expectApiError(await roleless.get('/api/challenges'), 403, 'forbidden');
  });

  it('GET /api/challenges/:id gives versions; a bad id is 400, an unknown one 404', async () => {
    const list = await admin.get('/api/challenges');
    const first = list.body.challenges[0];
    const detail = await admin.get(`/api/challenges/${first.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: first.id, slug: first.slug, latestVersionId: first.latestVersionId });
    expect(detail.body.versions).toEqual([expect.objectContaining({ id: first.latestVersionId, version: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expectInvalid(await admin.get('/api/challenges/not-a-uuid'), 'params.challengeId');
    expectApiError(await admin.get(`/api/challenges/${unknownId()}`), 404, 'not_found');
    expectApiError(await anon.get(`/api/challenges/${first.id}`), 401, 'unauthenticated');
    expectApiError(await recruiter.get(`/api/challenges/${first.id}`), 403, 'forbidden');
  });

  it('POST /api/challenges publishes a gzip tar (201), and the same package again is 200 created:false', async () => {
    const archive = await packageTarGz(SUM_DIR);
    const first = await admin.request('POST', '/api/challenges', { rawBody: archive, contentType: 'application/gzip' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ created: true, challenge: { slug: 'sum', title: 'Sum of numbers', latestVersion: 1 }, version: { version: 1 } });
    expect(first.body.challenge.meta).toMatchObject({ samples: 1, hiddenTests: 5 });
    sumChallengeId = first.body.challenge.id;

    const again = await admin.request('POST', '/api/challenges', { rawBody: archive, contentType: 'application/gzip' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, version: { id: first.body.version.id, version: 1 } });
    expect((await admin.get(`/api/challenges/${sumChallengeId}`)).body.versions).toHaveLength(1);
  });

  it('POST /api/challenges refuses unsafe paths (422), non-archives (422) and other media types (415)', async () => {
    const evil = await packageTarGz(SUM_DIR, [{ name: '../evil', content: 'escaped' }]);
    expectApiError(await admin.request('POST', '/api/challenges', { rawBody: evil, contentType: 'application/gzip' }), 422, 'package_unsafe_path');
    expectApiError(await admin.request('POST', '/api/challenges', { rawBody: Buffer.from('not a gzip stream at all'), contentType: 'application/gzip' }), 422, 'package_invalid');
    const archive = await packageTarGz(SUM_DIR);
    expectApiError(await admin.request('POST', '/api/challenges', { rawBody: archive, contentType: 'image/png' }), 415, 'unsupported_media_type');
    expectApiError(await admin.request('POST', '/api/challenges', { rawBody: 'text', contentType: 'text/plain' }), 415, 'unsupported_media_type');
    expectApiError(await admin.post('/api/challenges', { package: 'json' }), 415, 'unsupported_media_type');
  });

  it('POST /api/challenges refuses anonymous (401), a missing CSRF token (403) and a non-author (403)', async () => {
    const archive = await packageTarGz(SUM_DIR);
    expectApiError(await anon.request('POST', '/api/challenges', { rawBody: archive, contentType: 'application/gzip' }), 401, 'unauthenticated');
    expectApiError(await admin.request('POST', '/api/challenges', { rawBody: archive, contentType: 'application/gzip', csrf: false }), 403, 'csrf_failed');
    expectApiError(await recruiter.request('POST', '/api/challenges', { rawBody: archive, contentType: 'application/gzip' }), 403, 'forbidden');
  });

  it('POST /api/challenges refuses before reading the upload: a stranger cannot make the server buffer 64 MB', async () => {
    // Only the first KB of a declared 50 MB body is sent: an answer can only come if auth ran first.
    const refusedEarly = (client: ApiClient) =>
      new Promise<number | string>((resolve) => {
        const url = new URL(server.url);
        const headers: Record<string, string> = { 'content-type': 'application/gzip', 'content-length': String(50 * 1024 * 1024) };
        if (client.cookies.size > 0) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        if (client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
        const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/challenges', headers }, (res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        // After an answer, destroying the request errors too; resolving again is a no-op.
        req.on('error', (error) => resolve(`no answer: ${String(error)}`));
        req.write(Buffer.alloc(1024));
        setTimeout(() => {
          resolve('no answer while the body was pending');
          req.destroy();
        }, 3000);
      });
    expect(await refusedEarly(anon)).toBe(401);
    expect(await refusedEarly(recruiter)).toBe(403);
  });

  it('GET /api/challenges searches and filters archived ones; the query is validated', async () => {
    const found = await admin.get('/api/challenges?query=SUM');
    expect(found.status).toBe(200);
    expect(found.body.challenges.map((c: { slug: string }) => c.slug)).toEqual(['sum']);
    expect(found.body.challenges[0]).toMatchObject({ archivedAt: null, versions: [{ version: 1, usedBy: [] }] });
    expectInvalid(await admin.get('/api/challenges?archived=maybe'), 'query.archived');
    expectInvalid(await admin.get('/api/challenges?colour=blue'));
  });

  it('POST /api/challenges/:id/archive and /unarchive hide and bring back a challenge (authors only)', async () => {
    for (const action of ['archive', 'unarchive'] as const) {
      const done = await admin.post(`/api/challenges/${sumChallengeId}/${action}`);
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.archivedAt === null).toBe(action === 'unarchive');
      expect((await admin.get('/api/challenges?query=sum')).body.challenges).toHaveLength(action === 'archive' ? 0 : 1);
      expectInvalid(await admin.post(`/api/challenges/not-a-uuid/${action}`), 'params.challengeId');
      expectApiError(await admin.post(`/api/challenges/${unknownId()}/${action}`), 404, 'not_found');
      expectApiError(await anon.post(`/api/challenges/${sumChallengeId}/${action}`), 401, 'unauthenticated');
      expectApiError(await admin.request('POST', `/api/challenges/${sumChallengeId}/${action}`, { csrf: false }), 403, 'csrf_failed');
      expectApiError(await recruiter.post(`/api/challenges/${sumChallengeId}/${action}`), 403, 'forbidden');
    }
  });

  it('GET /api/challenge-versions/:id/export answers a .tar.gz of the version (authors and the admin only)', async () => {
    const versionId = (await admin.get('/api/challenges?query=sum')).body.challenges[0].latestVersionId;
    const exported = await admin.get(`/api/challenge-versions/${versionId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('application/gzip');
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="sum-v1.tar.gz"');
    expectInvalid(await admin.get('/api/challenge-versions/not-a-uuid/export'), 'params.challengeVersionId');
    expectApiError(await admin.get(`/api/challenge-versions/${unknownId()}/export`), 404, 'not_found');
    expectApiError(await anon.get(`/api/challenge-versions/${versionId}/export`), 401, 'unauthenticated');
    expectApiError(await recruiter.get(`/api/challenge-versions/${versionId}/export`), 403, 'forbidden');
  });
});

describe('assessments', () => {
  const body = () => ({ title: 'Backend 2025', timeLimitMinutes: 45, ...openWindow(), resultsVisibility: 'aggregate' as const, challengeIds: [sumChallengeId] });

  it('GET /api/assessments lists the demo assessment', async () => {
    const list = await recruiter.get('/api/assessments');
    expect(list.status).toBe(200);
    expect(list.body.assessments).toEqual([
      expect.objectContaining({ id: demoAssessmentId, title: 'Demo assessment', timeLimitMinutes: 90, resultsVisibility: 'samples' }),
    ]);
    expect(list.body.assessments[0].challenges.map((c: { title: string }) => c.title)).toEqual(['Log aggregation', 'Meeting rooms', 'Team pairing']);
    expectApiError(await anon.get('/api/assessments'), 401, 'unauthenticated');
    expectApiError(await roleless.get('/api/assessments'), 403, 'forbidden');
  });

  it('POST /api/assessments creates one pinned to the newest versions', async () => {
    const created = await admin.post('/api/assessments', body());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ title: 'Backend 2025', timeLimitMinutes: 45, resultsVisibility: 'aggregate', challenges: [{ position: 0, challengeId: sumChallengeId, version: 1 }] });
    createdAssessmentId = created.body.id;
  });

  it('POST /api/assessments validates: window order, duplicates, unknown challenges', async () => {
    expectInvalid(await admin.post('/api/assessments', { ...body(), ...openWindow(DAY_MS, -DAY_MS) }), 'body.closesAt');
    expectInvalid(await admin.post('/api/assessments', { ...body(), challengeIds: [sumChallengeId, sumChallengeId] }), 'body.challengeIds');
    expectInvalid(await admin.post('/api/assessments', { ...body(), challengeIds: [] }), 'body.challengeIds');
    expectInvalid(await admin.post('/api/assessments', { ...body(), timeLimitMinutes: 0 }), 'body.timeLimitMinutes');
    expectInvalid(await admin.post('/api/assessments', { ...body(), resultsVisibility: 'everything' }), 'body.resultsVisibility');
    expectApiError(await admin.post('/api/assessments', { ...body(), challengeIds: [unknownId()] }), 400, 'invalid_request');
  });

  it('GET /api/assessments/:id gives one; bad id 400, unknown 404', async () => {
    const one = await recruiter.get(`/api/assessments/${createdAssessmentId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: createdAssessmentId, title: 'Backend 2025' });
    expectInvalid(await admin.get('/api/assessments/123'), 'params.assessmentId');
    expectApiError(await admin.get(`/api/assessments/${unknownId()}`), 404, 'not_found');
    expectApiError(await anon.get(`/api/assessments/${createdAssessmentId}`), 401, 'unauthenticated');
    expectApiError(await roleless.get(`/api/assessments/${createdAssessmentId}`), 403, 'forbidden');
  });

  it('PATCH /api/assessments/:id changes fields; closesAt before opensAt is 400 (in the body or against the stored one)', async () => {
    const patched = await admin.patch(`/api/assessments/${createdAssessmentId}`, { title: 'Backend 2025 (spring)', timeLimitMinutes: 50 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Backend 2025 (spring)', timeLimitMinutes: 50, resultsVisibility: 'aggregate' });

    expectInvalid(await admin.patch(`/api/assessments/${createdAssessmentId}`, openWindow(DAY_MS, 0)), 'body.closesAt');
    const stored = patched.body;
    const beforeOpening = new Date(Date.parse(stored.opensAt) - 60_000).toISOString();
    expectInvalid(await admin.patch(`/api/assessments/${createdAssessmentId}`, { closesAt: beforeOpening }), 'body.closesAt');
    expectInvalid(await admin.patch(`/api/assessments/${createdAssessmentId}`, {}));
    expectInvalid(await admin.patch(`/api/assessments/${createdAssessmentId}`, { challengeIds: [sumChallengeId] }));
    expectInvalid(await admin.patch('/api/assessments/nope', { title: 'x' }), 'params.assessmentId');
    expectApiError(await admin.patch(`/api/assessments/${unknownId()}`, { title: 'x' }), 404, 'not_found');
    expect((await admin.get(`/api/assessments/${createdAssessmentId}`)).body).toMatchObject({ title: 'Backend 2025 (spring)', closesAt: stored.closesAt });
  });

  it('POST and PATCH refuse anonymous (401), a missing CSRF token (403) and a non-author (403)', async () => {
    expectApiError(await anon.post('/api/assessments', body()), 401, 'unauthenticated');
    expectApiError(await admin.request('POST', '/api/assessments', { body: body(), csrf: false }), 403, 'csrf_failed');
    expectApiError(await recruiter.post('/api/assessments', body()), 403, 'forbidden');
    expectApiError(await anon.patch(`/api/assessments/${createdAssessmentId}`, { title: 'x' }), 401, 'unauthenticated');
    expectApiError(await admin.request('PATCH', `/api/assessments/${createdAssessmentId}`, { body: { title: 'x' }, csrf: false }), 403, 'csrf_failed');
    expectApiError(await recruiter.patch(`/api/assessments/${createdAssessmentId}`, { title: 'x' }), 403, 'forbidden');
    expect((await admin.get('/api/assessments')).body.assessments).toHaveLength(2);
    expect((await admin.get(`/api/assessments/${createdAssessmentId}`)).body.title).toBe('Backend 2025 (spring)');
  });
});

describe('invites', () => {
  it('POST /api/assessments/:id/invites gives a token once and a short code (authors and recruiters)', async () => {
    const byAuthor = await admin.post(`/api/assessments/${createdAssessmentId}/invites`, { candidateName: 'Amal', contact: 'amal@example.org', preferredLanguage: 'ar', extraMinutes: 30 });
    expect(byAuthor.status).toBe(201);
    expect(byAuthor.body.invite).toMatchObject({
      assessmentId: createdAssessmentId,
      candidateName: 'Amal',
      contact: 'amal@example.org',
      preferredLanguage: 'ar',
      extraMinutes: 30,
      expiresAt: null,
      linkAvailable: true,
      status: 'not_started',
      attemptId: null,
      revokedAt: null,
    });
    expect(byAuthor.body.invite.shortCode).toMatch(/^[2-9A-Z]{8}$/);
    expect(byAuthor.body.url).toBe(`${server.url}/invite/${encodeURIComponent(byAuthor.body.token)}`);
    const byRecruiter = await recruiter.post(`/api/assessments/${createdAssessmentId}/invites`, { candidateName: 'Bo' });
    expect(byRecruiter.status).toBe(201);
    expect(byRecruiter.body.invite).toMatchObject({ candidateName: 'Bo', contact: null, preferredLanguage: null, extraMinutes: 0 });
    expect(byRecruiter.body.token).not.toBe(byAuthor.body.token);
  });

  it('POST invites validates its body and params; an unknown assessment is 404', async () => {
    expectInvalid(await admin.post(`/api/assessments/${createdAssessmentId}/invites`, {}), 'body.candidateName');
    expectInvalid(await admin.post(`/api/assessments/${createdAssessmentId}/invites`, { candidateName: 'A', extraMinutes: 601 }), 'body.extraMinutes');
    expectInvalid(await admin.post(`/api/assessments/${createdAssessmentId}/invites`, { candidateName: 'A', preferredLanguage: 'fr' }), 'body.preferredLanguage');
    expectInvalid(await admin.post(`/api/assessments/${createdAssessmentId}/invites`, { candidateName: 'A', role: 'admin' }));
    expectInvalid(await admin.post('/api/assessments/x/invites', { candidateName: 'A' }), 'params.assessmentId');
    expectApiError(await admin.post(`/api/assessments/${unknownId()}/invites`, { candidateName: 'A' }), 404, 'not_found');
  });

  it('GET /api/assessments/:id/invites lists them, never with a token, to recruiters and the admin', async () => {
    const list = await recruiter.get(`/api/assessments/${createdAssessmentId}/invites`);
    expect(list.status).toBe(200);
    expect(list.body.invites).toHaveLength(2);
    expect(list.body.invites.every((i: Record<string, unknown>) => !('token' in i))).toBe(true);
    expectInvalid(await admin.get('/api/assessments/x/invites'), 'params.assessmentId');
    expectApiError(await admin.get(`/api/assessments/${unknownId()}/invites`), 404, 'not_found');
    expectApiError(await anon.get(`/api/assessments/${createdAssessmentId}/invites`), 401, 'unauthenticated');
    // Short codes open attempts: a colleague without the recruiter role reads none.
    const refused = await roleless.get(`/api/assessments/${createdAssessmentId}/invites`);
    expectApiError(refused, 403, 'forbidden');
    for (const invite of list.body.invites) expect(JSON.stringify(refused.body)).not.toContain(invite.shortCode);
  });

  it('POST invites refuses anonymous (401), a missing CSRF token (403) and a user with neither role (403)', async () => {
    expectApiError(await anon.post(`/api/assessments/${createdAssessmentId}/invites`, {}), 401, 'unauthenticated');
    expectApiError(await admin.request('POST', `/api/assessments/${createdAssessmentId}/invites`, { body: {}, csrf: false }), 403, 'csrf_failed');
    expectApiError(await roleless.post(`/api/assessments/${createdAssessmentId}/invites`, {}), 403, 'forbidden');
    expect((await admin.get(`/api/assessments/${createdAssessmentId}/invites`)).body.invites).toHaveLength(2);
  });

  it('link, re-issue, extend, CSV import and the sheet: success, 400, 401, 403 csrf_failed and 403 forbidden (more in invites.test.ts)', async () => {
    const created = await admin.post(`/api/assessments/${createdAssessmentId}/invites`, { candidateName: 'Lina Link' });
    const id = created.body.invite.id;
    const later = () => ({ expiresAt: new Date(Date.now() + 400 * 24 * 60 * 60_000).toISOString() });
    const importPath = `/api/assessments/${createdAssessmentId}/invites/import`;
    const sheetPath = `/api/assessments/${createdAssessmentId}/sheet`;

    expect((await recruiter.get(`/api/invites/${id}/link`)).body.token).toBe(created.body.token);
    expect((await recruiter.post(`/api/invites/${id}/reissue`, {})).status).toBe(200);
    expect((await recruiter.post(`/api/invites/${id}/extend`, later())).status).toBe(200);
    expect((await recruiter.post(importPath, { csv: 'name\nIman Import\n', dryRun: true })).body.rows).toHaveLength(1);
    expect((await recruiter.get(sheetPath)).status).toBe(200);

    expectInvalid(await admin.get('/api/invites/x/link'), 'params.inviteId');
    expectInvalid(await admin.post('/api/invites/x/reissue', {}), 'params.inviteId');
    expectInvalid(await admin.post(`/api/invites/${id}/extend`, { expiresAt: 'tomorrow' }), 'body.expiresAt');
    expectInvalid(await admin.post(importPath, { csv: 'name\nA\n' }), 'body.dryRun');
    expectInvalid(await admin.get('/api/assessments/x/sheet'), 'params.assessmentId');
    expectApiError(await admin.get(`/api/invites/${unknownId()}/link`), 404, 'not_found');

    expectApiError(await anon.get(`/api/invites/${id}/link`), 401, 'unauthenticated');
    expectApiError(await anon.post(`/api/invites/${id}/reissue`, {}), 401, 'unauthenticated');
    expectApiError(await anon.post(`/api/invites/${id}/extend`, later()), 401, 'unauthenticated');
    expectApiError(await anon.post(importPath, { csv: 'name\nA\n', dryRun: true }), 401, 'unauthenticated');
    expectApiError(await anon.get(sheetPath), 401, 'unauthenticated');

    expectApiError(await admin.request('POST', `/api/invites/${id}/reissue`, { body: {}, csrf: false }), 403, 'csrf_failed');
    expectApiError(await admin.request('POST', `/api/invites/${id}/extend`, { body: later(), csrf: false }), 403, 'csrf_failed');
    expectApiError(await admin.request('POST', importPath, { body: { csv: 'name\nA\n', dryRun: true }, csrf: false }), 403, 'csrf_failed');

    const link = await roleless.get(`/api/invites/${id}/link`);
    expectApiError(link, 403, 'forbidden');
    expectApiError(await roleless.post(`/api/invites/${id}/reissue`, {}), 403, 'forbidden');
    expectApiError(await roleless.post(`/api/invites/${id}/extend`, later()), 403, 'forbidden');
    expectApiError(await roleless.post(importPath, { csv: 'name\nA\n', dryRun: true }), 403, 'forbidden');
    expectApiError(await roleless.get(sheetPath), 403, 'forbidden');
    // Nothing was created by the refused or dry-run imports, and the reissued link is the one shown.
    const shown = await admin.get(`/api/invites/${id}/link`);
    expect(JSON.stringify(link.body)).not.toContain(shown.body.token);
    await admin.post(`/api/invites/${id}/revoke`);
  });

  it('POST /api/invites/:id/revoke ends the session and the code and token stop opening', async () => {
    const invite = await admin.post(`/api/assessments/${createdAssessmentId}/invites`, { candidateName: 'Revoked Rami' });
    const candidate = new Client(server.url);
    await candidate.openInvite({ token: invite.body.token });
    expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
    const id = invite.body.invite.id;

    expectApiError(await anon.post(`/api/invites/${id}/revoke`), 401, 'unauthenticated');
    expectApiError(await admin.request('POST', `/api/invites/${id}/revoke`, { csrf: false }), 403, 'csrf_failed');
    expectApiError(await roleless.post(`/api/invites/${id}/revoke`), 403, 'forbidden');
    expectInvalid(await admin.post(`/api/invites/${id}/revoke`, { reason: 'x' }));
    expectInvalid(await admin.post('/api/invites/abc/revoke'), 'params.inviteId');
    expectApiError(await admin.post(`/api/invites/${unknownId()}/revoke`), 404, 'not_found');
    expect((await candidate.get('/api/candidate/session')).status).toBe(200);

    const revoked = await recruiter.post(`/api/invites/${id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id, status: 'revoked', revokedAt: expect.any(String), attemptId: expect.any(String) });

    expectApiError(await candidate.get('/api/candidate/session'), 401, 'unauthenticated');
    expectApiError(await candidate.get('/api/candidate/submissions'), 401, 'unauthenticated');
    expectApiError(await anon.post('/api/candidate/session', { code: invite.body.invite.shortCode }), 404, 'not_found');
    expectApiError(await anon.post('/api/candidate/session', { token: invite.body.token }), 404, 'not_found');
    const listed = (await admin.get(`/api/assessments/${createdAssessmentId}/invites`)).body.invites.find((i: { id: string }) => i.id === id);
    expect(listed.status).toBe('revoked');
  });
});

describe('candidate journey', () => {
  let token: string;
  let code: string;
  let inviteId: string;
  let candidate: Client;
  let secondDevice: Client;
  let attemptId: string;
  const ids = { samples: newId(), custom: newId(), submit: newId() };
  let source: string;

  it('POST /api/candidate/session opens by token and by a lower-case code with a dash', async () => {
    ({ token, code, inviteId } = await demoInvite(admin, 'Journey Jana'));
    source = await readFile(LOG_AGGREGATION_PY, 'utf8');
    candidate = new Client(server.url);
    const byToken = await candidate.post('/api/candidate/session', { token });
    expect(byToken.status).toBe(200);
    candidate.csrfToken = byToken.body.csrfToken;
    expect(byToken.body.attempt).toMatchObject({ candidateName: 'Journey Jana', status: 'not_started', startedAt: null, deadlineAt: null, drafts: [] });
    expect(byToken.body.attempt.assessment).toMatchObject({ title: 'Demo assessment', timeLimitMinutes: 90, resultsVisibility: 'samples', scoring: 'best' });
    expect(byToken.body.attempt.assessment.challenges).toHaveLength(3);
    // Before the timer starts: every title the package has, and the languages each task takes.
    expect(byToken.body.attempt.assessment.challenges[0]).toMatchObject({
      position: 0,
      title: 'Log aggregation',
      titles: { en: 'Log aggregation', sv: 'Loggaggregering', ar: 'تجميع السجلات' },
      languages: ['python', 'javascript', 'java', 'c', 'cpp', 'go', 'csharp', 'kotlin', 'rust', 'ruby', 'php', 'typescript', 'haskell'],
    });
    expect(candidate.cookies.has('kodbro_candidate')).toBe(true);

    // The link opened again in the same browser keeps its session (and every tab's CSRF token).
    const again = await candidate.post('/api/candidate/session', { token });
    expect(again.status).toBe(200);
    expect(again.body.csrfToken).toBe(byToken.body.csrfToken);

    secondDevice = new Client(server.url);
    const dashed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
    const byCode = await secondDevice.post('/api/candidate/session', { code: dashed });
    expect(byCode.status).toBe(200);
    secondDevice.csrfToken = byCode.body.csrfToken;
    expect(byCode.body.csrfToken).not.toBe(byToken.body.csrfToken);
  });

  it('POST /api/candidate/session validates and refuses unknown codes and tokens with one message', async () => {
    expectInvalid(await anon.post('/api/candidate/session', {}));
    expectInvalid(await anon.post('/api/candidate/session', { token: 'short' }));
    expectInvalid(await anon.post('/api/candidate/session', { token, code }));
    const badCode = await anon.post('/api/candidate/session', { code: 'ZZZZ-ZZZZ' });
    expectApiError(badCode, 404, 'not_found');
    const badToken = await anon.post('/api/candidate/session', { token: 'x'.repeat(43) });
    expectApiError(badToken, 404, 'not_found');
    expect(badToken.body.error.message).toBe(badCode.body.error.message);
  });

  it('GET /api/candidate/session returns the attempt and the same CSRF token', async () => {
    const session = await candidate.get('/api/candidate/session');
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBe(candidate.csrfToken);
    expect(session.body.attempt.status).toBe('not_started');
    expectApiError(await anon.get('/api/candidate/session'), 401, 'unauthenticated');
    expectApiError(await admin.get('/api/candidate/session'), 401, 'unauthenticated');
  });

  it('before the start, challenges, drafts and submissions answer 409 attempt_not_started', async () => {
    expectApiError(await candidate.get(`/api/candidate/challenges/${logVersionId}`), 409, 'attempt_not_started');
    expectApiError(await candidate.get('/api/candidate/submissions'), 409, 'attempt_not_started');
    expectApiError(await candidate.put('/api/candidate/drafts', { challengeVersionId: logVersionId, language: 'python', source: 'x', revision: 1 }), 409, 'attempt_not_started');
  });

  it('POST /api/candidate/attempt/start starts once; again (and from another device) gives the same attempt', async () => {
    expectApiError(await anon.post('/api/candidate/attempt/start'), 401, 'unauthenticated');
    expectApiError(await candidate.request('POST', '/api/candidate/attempt/start', { csrf: false }), 403, 'csrf_failed');
    expectInvalid(await candidate.post('/api/candidate/attempt/start', { now: true }));
    expect((await candidate.get('/api/candidate/session')).body.attempt.status).toBe('not_started');

    const started = await candidate.post('/api/candidate/attempt/start');
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('in_progress');
    expect(Date.parse(started.body.deadlineAt) - Date.parse(started.body.startedAt)).toBe(90 * 60 * 1000);
    const again = await candidate.post('/api/candidate/attempt/start');
    expect(again.body).toMatchObject({ startedAt: started.body.startedAt, deadlineAt: started.body.deadlineAt });
    const elsewhere = await secondDevice.post('/api/candidate/attempt/start');
    expect(elsewhere.body.startedAt).toBe(started.body.startedAt);
    const invites = await admin.get(`/api/assessments/${demoAssessmentId}/invites`);
    attemptId = invites.body.invites.find((i: { id: string }) => i.id === inviteId).attemptId;
    expect(attemptId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /api/candidate/challenges/:id gives the statement and samples of each challenge', async () => {
    const session = await candidate.get('/api/candidate/session');
    for (const { challengeVersionId } of session.body.attempt.assessment.challenges) {
      const view = await candidate.get(`/api/candidate/challenges/${challengeVersionId}`);
      expect(view.status).toBe(200);
      expect(view.body.challengeVersionId).toBe(challengeVersionId);
      expect(view.body.statements.en.children.length).toBeGreaterThan(5);
      expect(view.body.statements.en.children[0]).toMatchObject({ type: 'heading', depth: 1 });
      expect(view.body.samples.length).toBeGreaterThan(0);
      expect(view.body.languages).toEqual([...LANGUAGE_IDS]);
      expect(Object.keys(view.body).sort()).toEqual(['challengeVersionId', 'explain', 'interactive', 'languages', 'limits', 'samples', 'starters', 'statements', 'title']);
    }
    expectInvalid(await candidate.get('/api/candidate/challenges/abc'), 'params.challengeVersionId');
    expectApiError(await candidate.get(`/api/candidate/challenges/${unknownId()}`), 404, 'not_found');
    expectApiError(await anon.get(`/api/candidate/challenges/${logVersionId}`), 401, 'unauthenticated');
  });

  it('GET /api/candidate/challenges/:id/files/:name serves a statement image of the attempt; staff preview it too', async () => {
    const statement = (await candidate.get(`/api/candidate/challenges/${logVersionId}`)).body.statements.en;
    expect(JSON.stringify(statement)).toContain('{"type":"image","file":"percentile.svg"');
    const image = await candidate.get(`/api/candidate/challenges/${logVersionId}/files/percentile.svg`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(image.body).toMatch(/^<svg /);
    expectInvalid(await candidate.get(`/api/candidate/challenges/abc/files/percentile.svg`), 'params.challengeVersionId');
    expectInvalid(await candidate.get(`/api/candidate/challenges/${logVersionId}/files/${'x'.repeat(201)}.svg`), 'params.name');
    expectApiError(await candidate.get(`/api/candidate/challenges/${logVersionId}/files/statement.en.md`), 404, 'not_found');
    expectApiError(await candidate.get(`/api/candidate/challenges/${unknownId()}/files/percentile.svg`), 404, 'not_found');
    expectApiError(await anon.get(`/api/candidate/challenges/${logVersionId}/files/percentile.svg`), 401, 'unauthenticated');

    const preview = await recruiter.get(`/api/challenge-versions/${logVersionId}/files/percentile.svg`);
    expect(preview.status).toBe(200);
    expect(preview.body).toBe(image.body);
    expectInvalid(await admin.get(`/api/challenge-versions/${logVersionId}/files/a%2Fb.svg`), 'params.name');
    expectApiError(await admin.get(`/api/challenge-versions/${unknownId()}/files/percentile.svg`), 404, 'not_found');
    expectApiError(await anon.get(`/api/challenge-versions/${logVersionId}/files/percentile.svg`), 401, 'unauthenticated');
    expectApiError(await candidate.get(`/api/challenge-versions/${logVersionId}/files/percentile.svg`), 401, 'unauthenticated');
    expectApiError(await roleless.get(`/api/challenge-versions/${logVersionId}/files/percentile.svg`), 403, 'forbidden');
  });

  it('PUT /api/candidate/drafts saves increasing revisions; a stale one is 409 with the stored draft', async () => {
    const draft = { challengeVersionId: logVersionId, language: 'python', source: '# first\n', revision: 1 };
    const saved = await candidate.put('/api/candidate/drafts', draft);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ challengeVersionId: logVersionId, language: 'python', revision: 1, savedAt: expect.any(String) });

    const stale = await secondDevice.put('/api/candidate/drafts', { ...draft, source: '# other device\n' });
    expectApiError(stale, 409, 'stale_draft');
    expect(stale.body.error.details.current).toMatchObject({ challengeVersionId: logVersionId, revision: 1, source: '# first\n' });

    expect((await secondDevice.put('/api/candidate/drafts', { ...draft, source: source, revision: 2 })).body.revision).toBe(2);
    expectInvalid(await candidate.put('/api/candidate/drafts', { ...draft, revision: 0 }), 'body.revision');
    expectInvalid(await candidate.put('/api/candidate/drafts', { ...draft, language: 'cobol' }), 'body.language');
    expectApiError(await candidate.put('/api/candidate/drafts', { ...draft, challengeVersionId: unknownId(), revision: 5 }), 404, 'not_found');
    expectApiError(await candidate.request('PUT', '/api/candidate/drafts', { body: { ...draft, revision: 9 }, csrf: false }), 403, 'csrf_failed');
    expectApiError(await anon.put('/api/candidate/drafts', { ...draft, revision: 9 }), 401, 'unauthenticated');
    const drafts = (await candidate.get('/api/candidate/session')).body.attempt.drafts;
    expect(drafts).toEqual([expect.objectContaining({ challengeVersionId: logVersionId, revision: 2, source })]);
  });

  it('POST /api/candidate/submissions queues samples, custom and submit runs (202); the same id again is 200', async () => {
    const base = { challengeVersionId: logVersionId, language: 'python', source };
    expectInvalid(await candidate.post('/api/candidate/submissions', { ...base, id: newId(), kind: 'custom' }), 'body.customInput');
    expectInvalid(await candidate.post('/api/candidate/submissions', { ...base, id: newId(), kind: 'samples', customInput: '1' }), 'body.customInput');
    expectInvalid(await candidate.post('/api/candidate/submissions', { ...base, id: 'not-a-uuid', kind: 'samples' }), 'body.id');
    expectInvalid(await candidate.post('/api/candidate/submissions', { ...base, id: newId(), kind: 'submit', source: 'x'.repeat(256 * 1024 + 1) }), 'body.source');
    expectApiError(await candidate.request('POST', '/api/candidate/submissions', { body: { ...base, id: newId(), kind: 'samples' }, csrf: false }), 403, 'csrf_failed');
    expectApiError(await anon.post('/api/candidate/submissions', { ...base, id: newId(), kind: 'samples' }), 401, 'unauthenticated');
    expectApiError(await candidate.post('/api/candidate/submissions', { ...base, id: newId(), kind: 'samples', challengeVersionId: unknownId() }), 404, 'not_found');
    expect((await candidate.get('/api/candidate/submissions')).body.submissions).toEqual([]);

    const samples = await candidate.post('/api/candidate/submissions', { ...base, id: ids.samples, kind: 'samples' });
    expect(samples.status).toBe(202);
    expect(samples.body).toMatchObject({ id: ids.samples, kind: 'samples', language: 'python', status: 'queued', result: null, finishedAt: null });
    const sampleInput = (await candidate.get(`/api/candidate/challenges/${logVersionId}`)).body.samples[0].input;
    expect((await candidate.post('/api/candidate/submissions', { ...base, id: ids.custom, kind: 'custom', customInput: sampleInput })).status).toBe(202);
    const submit = await candidate.post('/api/candidate/submissions', { ...base, id: ids.submit, kind: 'submit' });
    expect(submit.status).toBe(202);
    const resubmit = await candidate.post('/api/candidate/submissions', { ...base, id: ids.submit, kind: 'submit' });
    expect(resubmit.status).toBe(200);
    expect(resubmit.body).toMatchObject({ id: ids.submit, kind: 'submit', createdAt: submit.body.createdAt });
  });

  it('GET /api/candidate/submissions[/:id] shows the results: per-test lines for samples, aggregates for submit', async () => {
    const samples = await waitForResult(candidate, ids.samples);
    const custom = await waitForResult(candidate, ids.custom);
    const submit = await waitForResult(candidate, ids.submit);
    const challenge = (await candidate.get(`/api/candidate/challenges/${logVersionId}`)).body;

    expect(samples.result.verdict).toBe('accepted');
    expect(samples.result.tests.map((t: { id: string }) => t.id)).toEqual(challenge.samples.map((s: { id: string }) => s.id));
    expect(samples.result.tests[0]).toMatchObject({ verdict: 'accepted', input: challenge.samples[0].input, expected: challenge.samples[0].answer });
    expect(custom.result.tests).toHaveLength(1);
    expect(custom.result.tests[0].output.stdout.trim()).toBe(challenge.samples[0].answer.trim());
    expect(submit.result).toEqual({ verdict: 'accepted', score: 100, groups: expect.any(Array) });
    expect(submit.result.groups.every((g: { passed: number; total: number }) => g.passed === g.total)).toBe(true);

    const list = await candidate.get('/api/candidate/submissions');
    expect(list.status).toBe(200);
    expect(list.body.submissions.map((s: { id: string }) => s.id)).toEqual([ids.samples, ids.custom, ids.submit]);
    const one = await candidate.get(`/api/candidate/submissions/${ids.submit}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(submit);
    expectInvalid(await candidate.get('/api/candidate/submissions/42'), 'params.submissionId');
    expectApiError(await candidate.get(`/api/candidate/submissions/${unknownId()}`), 404, 'not_found');
    expectApiError(await anon.get('/api/candidate/submissions'), 401, 'unauthenticated');
    expectApiError(await anon.get(`/api/candidate/submissions/${ids.submit}`), 401, 'unauthenticated');
  });

  it('PUT /api/candidate/explanations answers the questions after a submission; GET reads them back, staff read them with the questions', async () => {
    const challenge = (await candidate.get(`/api/candidate/challenges/${logVersionId}`)).body;
    expect(challenge.explain.en).toHaveLength(2);
    const body = { challengeVersionId: logVersionId, language: 'sv', answers: ['O(n log n): sorteringen.', 'Fler tester.'] };
    expectInvalid(await candidate.put('/api/candidate/explanations', { ...body, answers: [] }), 'body.answers');
    expectInvalid(await candidate.put('/api/candidate/explanations', { ...body, answers: ['x'.repeat(4001), ''] }), 'body.answers.0');
    expectApiError(await candidate.put('/api/candidate/explanations', { ...body, answers: ['only one'] }), 400, 'invalid_request');
    expectApiError(await candidate.put('/api/candidate/explanations', { ...body, challengeVersionId: unknownId() }), 404, 'not_found');
    expectApiError(await candidate.request('PUT', '/api/candidate/explanations', { body, csrf: false }), 403, 'csrf_failed');
    expectApiError(await anon.put('/api/candidate/explanations', body), 401, 'unauthenticated');
    expectApiError(await anon.get('/api/candidate/explanations'), 401, 'unauthenticated');

    const saved = await candidate.put('/api/candidate/explanations', body);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // The questions are stored as shown: Swedish, the candidate's language.
    expect(saved.body).toMatchObject({ challengeVersionId: logVersionId, language: 'sv', questions: challenge.explain.sv, answers: body.answers });
    expect((await candidate.get('/api/candidate/explanations')).body.explanations).toEqual([saved.body]);

    const staffView = await recruiter.get(`/api/attempts/${attemptId}/explanations`);
    expect(staffView.status).toBe(200);
    expect(staffView.body.explanations).toEqual([saved.body]);
    expectInvalid(await admin.get('/api/attempts/1/explanations'), 'params.attemptId');
    expectApiError(await admin.get(`/api/attempts/${unknownId()}/explanations`), 404, 'not_found');
    expectApiError(await anon.get(`/api/attempts/${attemptId}/explanations`), 401, 'unauthenticated');
    expectApiError(await roleless.get(`/api/attempts/${attemptId}/explanations`), 403, 'forbidden');
  });

  it('a language the challenge does not allow is 422 language_not_allowed', async () => {
    // The samples allow all six languages: publish a Python-only variant of `sum`.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kodbro-api-py-only-'));
    try {
      await cp(SUM_DIR, dir, { recursive: true });
      const manifest = await readFile(path.join(dir, 'kodbro.yaml'), 'utf8');
      await writeFile(path.join(dir, 'kodbro.yaml'), `${manifest.replace('id: sum', 'id: sum-python')}languages: [python]\n`);
      const published = await admin.request('POST', '/api/challenges', { rawBody: await packageTarGz(dir), contentType: 'application/gzip' });
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      expect(published.body.challenge.meta.languages).toEqual(['python']);
      const assessment = await admin.post('/api/assessments', { title: 'Python only', timeLimitMinutes: 10, ...openWindow(), resultsVisibility: 'samples', challengeIds: [published.body.challenge.id] });
      const invite = await admin.post(`/api/assessments/${assessment.body.id}/invites`, { candidateName: 'Late' });
      const pyCandidate = new Client(server.url);
      await pyCandidate.openInvite({ token: invite.body.token });
      const started = await pyCandidate.post('/api/candidate/attempt/start');
      const versionId = started.body.assessment.challenges[0].challengeVersionId;
      const refused = await pyCandidate.post('/api/candidate/submissions', { id: newId(), challengeVersionId: versionId, kind: 'samples', language: 'javascript', source: 'console.log(6)' });
      expectApiError(refused, 422, 'language_not_allowed');
      expect((await pyCandidate.get('/api/candidate/submissions')).body.submissions).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('DELETE /api/candidate/session forgets this device only', async () => {
    expectApiError(await anon.delete('/api/candidate/session'), 401, 'unauthenticated');
    expectApiError(await secondDevice.request('DELETE', '/api/candidate/session', { csrf: false }), 403, 'csrf_failed');
    const forgotten = await secondDevice.delete('/api/candidate/session');
    expect(forgotten.status).toBe(200);
    expect(forgotten.body).toEqual({ ok: true });
    expect(secondDevice.cookies.has('kodbro_candidate')).toBe(false);
    expectApiError(await secondDevice.get('/api/candidate/session'), 401, 'unauthenticated');
    expect((await candidate.get('/api/candidate/session')).status).toBe(200);
  });

  it('POST /api/candidate/attempt/finish hands in; new runs and drafts are 409 attempt_closed, a retried id still 200', async () => {
    expectApiError(await anon.post('/api/candidate/attempt/finish'), 401, 'unauthenticated');
    expectApiError(await candidate.request('POST', '/api/candidate/attempt/finish', { csrf: false }), 403, 'csrf_failed');
    expectInvalid(await candidate.post('/api/candidate/attempt/finish', { early: true }));
    expect((await candidate.get('/api/candidate/session')).body.attempt.status).toBe('in_progress');

    const finished = await candidate.post('/api/candidate/attempt/finish');
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({ status: 'finished', finishedAt: expect.any(String) });
    const again = await candidate.post('/api/candidate/attempt/finish');
    expect(again.body.finishedAt).toBe(finished.body.finishedAt);

    const base = { challengeVersionId: logVersionId, language: 'python', source };
    expectApiError(await candidate.post('/api/candidate/submissions', { ...base, id: newId(), kind: 'submit' }), 409, 'attempt_closed');
    const retried = await candidate.post('/api/candidate/submissions', { ...base, id: ids.submit, kind: 'submit' });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(ids.submit);
    expectApiError(await candidate.put('/api/candidate/drafts', { ...base, revision: 10 }), 409, 'attempt_closed');
    expect((await candidate.get('/api/candidate/submissions')).body.submissions).toHaveLength(3);
  });

  it('GET /api/assessments/:id/attempts and /api/attempts/:id show staff the whole attempt', async () => {
    const list = await recruiter.get(`/api/assessments/${demoAssessmentId}/attempts`);
    expect(list.status).toBe(200);
    const mine = list.body.attempts.find((a: { id: string }) => a.id === attemptId);
    expect(mine).toMatchObject({ inviteId, candidateName: 'Journey Jana', status: 'finished', score: 100, submissions: 1, languages: ['python'] });
    expectInvalid(await admin.get('/api/assessments/zz/attempts'), 'params.assessmentId');
    expectApiError(await admin.get(`/api/assessments/${unknownId()}/attempts`), 404, 'not_found');
    expectApiError(await anon.get(`/api/assessments/${demoAssessmentId}/attempts`), 401, 'unauthenticated');
    expectApiError(await roleless.get(`/api/assessments/${demoAssessmentId}/attempts`), 403, 'forbidden');

    const detail = await recruiter.get(`/api/attempts/${attemptId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.assessmentId).toBe(demoAssessmentId);
    expect(detail.body.submissions.map((s: { id: string }) => s.id)).toEqual([ids.samples, ids.custom, ids.submit]);
    const submit = detail.body.submissions.find((s: { id: string }) => s.id === ids.submit);
    expect(submit).toMatchObject({ source, status: 'done', tries: 1, error: null, result: { verdict: 'accepted', score: 100 } });
    expect(submit.result.tests).toHaveLength(20);
    expect(detail.body.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['started', 'draft_saved', 'ran_samples', 'ran_custom', 'submitted', 'finished']));
    expect(detail.body).toMatchObject({ submissionsNext: null, eventsNext: null });
    expectInvalid(await admin.get('/api/attempts/1'), 'params.attemptId');
    expectApiError(await admin.get(`/api/attempts/${unknownId()}`), 404, 'not_found');
    expectApiError(await anon.get(`/api/attempts/${attemptId}`), 401, 'unauthenticated');
    expectApiError(await roleless.get(`/api/attempts/${attemptId}`), 403, 'forbidden');
  });

  it('the dashboard, one row, its CSV, a review and a reveal: success, 400, 401, 403 csrf_failed and 403 forbidden', async () => {
    const board = await recruiter.get(`/api/assessments/${demoAssessmentId}/dashboard`);
    expect(board.status).toBe(200);
    const row = board.body.rows.find((r: { inviteId: string }) => r.inviteId === inviteId);
    expect(row).toMatchObject({ attemptId, candidateName: 'Journey Jana', status: 'finished', total: 100, maxTotal: 100 * board.body.challenges.length, languages: ['python'] });
    expect((await recruiter.get(`/api/assessments/${demoAssessmentId}/dashboard/rows/${inviteId}`)).body).toEqual(row);
    const csv = await recruiter.request('GET', `/api/assessments/${demoAssessmentId}/dashboard.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(String(csv.body)).toContain('Journey Jana');
    const review = await recruiter.put(`/api/invites/${inviteId}/review`, { note: 'Clear code', rating: 4, shortlisted: true });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect(review.body).toMatchObject({ note: 'Clear code', rating: 4, shortlisted: true });
    const reveal = await recruiter.post(`/api/invites/${inviteId}/reveal`);
    expect(reveal.status).toBe(200);

    for (const route of ['dashboard', 'dashboard.csv']) {
      expectInvalid(await recruiter.get(`/api/assessments/zz/${route}`), 'params.assessmentId');
      expectApiError(await recruiter.get(`/api/assessments/${unknownId()}/${route}`), 404, 'not_found');
      expectApiError(await anon.get(`/api/assessments/${demoAssessmentId}/${route}`), 401, 'unauthenticated');
      expectApiError(await roleless.get(`/api/assessments/${demoAssessmentId}/${route}`), 403, 'forbidden');
    }
    expectInvalid(await recruiter.get(`/api/assessments/${demoAssessmentId}/dashboard/rows/1`), 'params.inviteId');
    expectApiError(await recruiter.get(`/api/assessments/${demoAssessmentId}/dashboard/rows/${unknownId()}`), 404, 'not_found');
    expectApiError(await anon.get(`/api/assessments/${demoAssessmentId}/dashboard/rows/${inviteId}`), 401, 'unauthenticated');
    expectApiError(await roleless.get(`/api/assessments/${demoAssessmentId}/dashboard/rows/${inviteId}`), 403, 'forbidden');

    expectInvalid(await recruiter.put(`/api/invites/${inviteId}/review`, { note: 'x'.repeat(4001), rating: null, shortlisted: false }), 'body.note');
    expectInvalid(await recruiter.put(`/api/invites/${inviteId}/review`, { note: '', rating: 6, shortlisted: false }), 'body.rating');
    expectApiError(await recruiter.put(`/api/invites/${unknownId()}/review`, { note: '', rating: null, shortlisted: false }), 404, 'not_found');
    expectApiError(await anon.put(`/api/invites/${inviteId}/review`, { note: '', rating: null, shortlisted: false }), 401, 'unauthenticated');
    expectApiError(await recruiter.request('PUT', `/api/invites/${inviteId}/review`, { body: { note: '', rating: null, shortlisted: false }, csrf: false }), 403, 'csrf_failed');
    expectApiError(await roleless.put(`/api/invites/${inviteId}/review`, { note: '', rating: null, shortlisted: false }), 403, 'forbidden');

    expectInvalid(await recruiter.post('/api/invites/zz/reveal'), 'params.inviteId');
    expectApiError(await recruiter.post(`/api/invites/${unknownId()}/reveal`), 404, 'not_found');
    expectApiError(await anon.post(`/api/invites/${inviteId}/reveal`), 401, 'unauthenticated');
    expectApiError(await recruiter.request('POST', `/api/invites/${inviteId}/reveal`, { csrf: false }), 403, 'csrf_failed');
    expectApiError(await roleless.post(`/api/invites/${inviteId}/reveal`), 403, 'forbidden');
  });

  it('GET /api/attempts/:id/submissions and /events read on a page at a time with their cursors', async () => {
    const detail = (await recruiter.get(`/api/attempts/${attemptId}`)).body;
    const first = await recruiter.get(`/api/attempts/${attemptId}/submissions?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.submissions.map((s: { id: string }) => s.id)).toEqual([ids.samples, ids.custom]);
    expect(first.body.next).toEqual(expect.any(Number));
    const rest = await recruiter.get(`/api/attempts/${attemptId}/submissions?after=${first.body.next}&limit=2`);
    expect(rest.body).toEqual({ submissions: [detail.submissions[2]], next: null });

    const events: { seq: number }[] = [];
    for (let after: number | null = 0; after !== null; ) {
      const page: ApiResponse = await recruiter.get(`/api/attempts/${attemptId}/events?after=${after}&limit=3`);
      expect(page.status).toBe(200);
      expect(page.body.events.length).toBeLessThanOrEqual(3);
      events.push(...page.body.events);
      after = page.body.next;
    }
    expect(events).toEqual(detail.events);

    for (const route of ['submissions', 'events']) {
      expectInvalid(await recruiter.get(`/api/attempts/${attemptId}/${route}?limit=0`), 'query.limit');
      expectInvalid(await recruiter.get(`/api/attempts/${attemptId}/${route}?after=-1`), 'query.after');
      expectInvalid(await recruiter.get(`/api/attempts/${attemptId}/${route}?limit=100000`), 'query.limit');
      expectInvalid(await recruiter.get(`/api/attempts/${attemptId}/${route}?page=2`));
      expectInvalid(await recruiter.get(`/api/attempts/1/${route}`), 'params.attemptId');
      expectApiError(await recruiter.get(`/api/attempts/${unknownId()}/${route}`), 404, 'not_found');
      expectApiError(await anon.get(`/api/attempts/${attemptId}/${route}`), 401, 'unauthenticated');
      expectApiError(await roleless.get(`/api/attempts/${attemptId}/${route}`), 403, 'forbidden');
    }
  });

  it('GET /api/attempts/:id/submissions/:submissionId reads one submission; GET /api/assessments/:id/similarity compares final code', async () => {
    const one = await recruiter.get(`/api/attempts/${attemptId}/submissions/${ids.submit}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: ids.submit, kind: 'submit', source });
    expectInvalid(await recruiter.get(`/api/attempts/1/submissions/${ids.submit}`), 'params.attemptId');
    expectApiError(await recruiter.get(`/api/attempts/${attemptId}/submissions/${newId()}`), 404, 'not_found');
    expectApiError(await anon.get(`/api/attempts/${attemptId}/submissions/${ids.submit}`), 401, 'unauthenticated');
    expectApiError(await roleless.get(`/api/attempts/${attemptId}/submissions/${ids.submit}`), 403, 'forbidden');

    const similarity = await recruiter.get(`/api/assessments/${demoAssessmentId}/similarity`);
    expect(similarity.status, JSON.stringify(similarity.body)).toBe(200);
    expect(similarity.body).toMatchObject({ assessmentId: demoAssessmentId, threshold: expect.any(Number) });
    expect(similarity.body.challenges[0].compared).toBeGreaterThanOrEqual(1);
    expectInvalid(await recruiter.get('/api/assessments/zz/similarity'), 'params.assessmentId');
    expectApiError(await recruiter.get(`/api/assessments/${unknownId()}/similarity`), 404, 'not_found');
    expectApiError(await anon.get(`/api/assessments/${demoAssessmentId}/similarity`), 401, 'unauthenticated');
    expectApiError(await roleless.get(`/api/assessments/${demoAssessmentId}/similarity`), 403, 'forbidden');
  });

  it('the signed result: shared by the candidate, read by anyone, revoked by staff', async () => {
    expectApiError(await anon.get('/api/candidate/result'), 401, 'unauthenticated');
    expect((await candidate.get('/api/candidate/result')).body).toEqual({ shareable: false, resultId: null, url: null, revoked: null });
    expectApiError(await anon.post('/api/candidate/result/share', { shareable: true }), 401, 'unauthenticated');
    expectApiError(await candidate.request('POST', '/api/candidate/result/share', { body: { shareable: true }, csrf: false }), 403, 'csrf_failed');
    expectInvalid(await candidate.post('/api/candidate/result/share', { shareable: 'yes' }), 'body.shareable');
    const shared = await candidate.post('/api/candidate/result/share', { shareable: true });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ shareable: true, resultId: expect.stringMatching(/^[\w-]{22}$/), revoked: null });
    expect(shared.body.url).toBe(`${server.url}/verify/${shared.body.resultId}`);

    const read = await anon.get(`/api/results/${shared.body.resultId}`);
    expect(read.status).toBe(200);
    expect(read.body.document).toMatchObject({ candidate: { name: 'Journey Jana' }, total: 100, organisation: { name: 'Demo Company AB' }, assessment: { title: 'Demo assessment' } });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expectInvalid(await anon.get('/api/results/short'), 'params.resultId');
    expectApiError(await anon.get(`/api/results/${'Z'.repeat(22)}`), 404, 'not_found');
    const key = await anon.get('/api/results-key');
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', keyId: read.body.keyId, jwk: { kty: 'OKP', crv: 'Ed25519' } });
    const wellKnown = await anon.get('/.well-known/kodbro-results-key');
    expect(wellKnown.body).toEqual(key.body);
    expect(wellKnown.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(wellKnown.headers.get('content-type')).toMatch(/^application\/json/);

    const state = await recruiter.get(`/api/attempts/${attemptId}/result`);
    expect(state.body.result).toMatchObject({ resultId: shared.body.resultId, shareable: true, revoked: null });
    expectInvalid(await recruiter.get('/api/attempts/1/result'), 'params.attemptId');
    expectApiError(await recruiter.get(`/api/attempts/${unknownId()}/result`), 404, 'not_found');
    expectApiError(await anon.get(`/api/attempts/${attemptId}/result`), 401, 'unauthenticated');
    expectApiError(await roleless.get(`/api/attempts/${attemptId}/result`), 403, 'forbidden');

    const revokePath = `/api/attempts/${attemptId}/result/revoke`;
    expectApiError(await anon.post(revokePath, { reason: 'x' }), 401, 'unauthenticated');
    expectApiError(await recruiter.request('POST', revokePath, { body: { reason: 'x' }, csrf: false }), 403, 'csrf_failed');
    expectApiError(await roleless.post(revokePath, { reason: 'x' }), 403, 'forbidden');
    expectInvalid(await recruiter.post(revokePath, { reason: '' }), 'body.reason');
    expectApiError(await recruiter.post(`/api/attempts/${unknownId()}/result/revoke`, {}), 404, 'not_found');
    const revoked = await recruiter.post(revokePath, { reason: 'Entered by mistake' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.result.revoked).toMatchObject({ reason: 'Entered by mistake', by: 'Rita Recruiter' });
    expect((await anon.get(`/api/results/${shared.body.resultId}`)).body.revoked).toEqual({ at: revoked.body.result.revoked.at, reason: 'Entered by mistake' });
    expect((await recruiter.post(revokePath, { revoked: false })).body.result.revoked).toBeNull();
    expect((await anon.get(`/api/results/${shared.body.resultId}`)).body.revoked).toBeNull();
  });
});

describe('assessment copies and the change record', () => {
  it('POST /api/assessments/:id/duplicate copies versions and settings under a new title and window; validates; refuses 401, 403', async () => {
    const next = openWindow(30 * DAY_MS, 37 * DAY_MS);
    const copy = await admin.post(`/api/assessments/${createdAssessmentId}/duplicate`, { title: 'Backend 2025 (autumn)', ...next });
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    const original = (await admin.get(`/api/assessments/${createdAssessmentId}`)).body;
    expect(copy.body).toMatchObject({ title: 'Backend 2025 (autumn)', ...next, timeLimitMinutes: original.timeLimitMinutes, challenges: original.challenges, running: false });
    expectInvalid(await admin.post(`/api/assessments/${createdAssessmentId}/duplicate`, { title: 'Backwards', ...openWindow(DAY_MS, 0) }), 'body.closesAt');
    expectInvalid(await admin.post(`/api/assessments/${createdAssessmentId}/duplicate`, { title: 'x', ...next, invites: true }));
    expectInvalid(await admin.post('/api/assessments/nope/duplicate', { title: 'x', ...next }), 'params.assessmentId');
    expectApiError(await admin.post(`/api/assessments/${unknownId()}/duplicate`, { title: 'x', ...next }), 404, 'not_found');
    expectApiError(await anon.post(`/api/assessments/${createdAssessmentId}/duplicate`, { title: 'x', ...next }), 401, 'unauthenticated');
    expectApiError(await admin.request('POST', `/api/assessments/${createdAssessmentId}/duplicate`, { body: { title: 'x', ...next }, csrf: false }), 403, 'csrf_failed');
    expectApiError(await recruiter.post(`/api/assessments/${createdAssessmentId}/duplicate`, { title: 'x', ...next }), 403, 'forbidden');
  });

  it('GET /api/assessments/:id/changes lists who changed what; bad id 400, unknown 404, refuses 401, 403', async () => {
    const record = await recruiter.get(`/api/assessments/${createdAssessmentId}/changes`);
    expect(record.status).toBe(200);
    expect(record.body.changes.map((c: { kind: string }) => c.kind)).toEqual(['created', 'updated']);
    expect(record.body.changes[1].changes).toEqual([
      { field: 'title', from: 'Backend 2025', to: 'Backend 2025 (spring)' },
      { field: 'timeLimitMinutes', from: 45, to: 50 },
    ]);
    expectInvalid(await admin.get('/api/assessments/nope/changes'), 'params.assessmentId');
    expectApiError(await admin.get(`/api/assessments/${unknownId()}/changes`), 404, 'not_found');
    expectApiError(await anon.get(`/api/assessments/${createdAssessmentId}/changes`), 401, 'unauthenticated');
    expectApiError(await roleless.get(`/api/assessments/${createdAssessmentId}/changes`), 403, 'forbidden');
  });
});

describe('staff: colleagues invited with a welcome link, removed with their sessions', () => {
  const WELCOME_PASSWORD = 'welcome-password-long-enough';
  const tokenOf = (url: string) => decodeURIComponent(url.split('/staff/welcome/')[1] ?? '');

  it('POST /api/staff/invitations gives a one-time link once; POST /api/auth/welcome sets the password, then sign-in works', async () => {
    const invited = await admin.post('/api/staff/invitations', { email: 'Ada@Kodbro.example', displayName: 'Ada Author', roles: { author: true, recruiter: false, admin: false } });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body.colleague).toMatchObject({ email: 'ada@kodbro.example', displayName: 'Ada Author', roles: { author: true, recruiter: false, admin: false } });
    expect(invited.body.url).toMatch(/^https?:\/\/[^/]+\/staff\/welcome\/[A-Za-z0-9_-]{43}$/);
    const expiresInDays = (Date.parse(invited.body.expiresAt) - Date.now()) / (24 * 60 * 60 * 1000);
    expect(expiresInDays).toBeGreaterThan(6.99);
    expect(expiresInDays).toBeLessThanOrEqual(7);
    const token = tokenOf(invited.body.url);

    // The list shows the pending link's end, never the link.
    const listed = (await admin.get('/api/staff')).body.staff.find((u: { email: string }) => u.email === 'ada@kodbro.example');
    expect(listed.welcomeUntil).toBe(invited.body.expiresAt);
    expect(JSON.stringify((await admin.get('/api/staff')).body)).not.toContain(token);
    // Nothing opens the account before the link is used.
    expectApiError(await new Client(server.url).post('/api/auth/login', { email: 'ada@kodbro.example', password: WELCOME_PASSWORD }), 401, 'unauthenticated');

    expectInvalid(await anon.post('/api/auth/welcome', { token, password: 'short' }), 'body.password');
    expectInvalid(await anon.post('/api/auth/welcome', { token: 'not a token', password: WELCOME_PASSWORD }), 'body.token');
    expectApiError(await anon.post('/api/auth/welcome', { token: 'B'.repeat(43), password: WELCOME_PASSWORD }), 404, 'not_found');
    const welcomed = await anon.post('/api/auth/welcome', { token, password: WELCOME_PASSWORD });
    expect(welcomed.status, JSON.stringify(welcomed.body)).toBe(200);
    expect(welcomed.body).toEqual({ email: 'ada@kodbro.example', organisation: 'demo' });
    expect(welcomed.headers.getSetCookie()).toEqual([]);
    // Once only.
    const again = await anon.post('/api/auth/welcome', { token, password: 'another-password-long' });
    expectApiError(again, 404, 'not_found');
    expect(again.body.error.message).toMatch(/used already|expired/);

    const ada = new Client(server.url);
    expect((await ada.login('ada@kodbro.example', WELCOME_PASSWORD)).status).toBe(200);
    expect((await ada.get('/api/challenges')).status).toBe(200);
    expect((await admin.get('/api/staff')).body.staff.find((u: { email: string }) => u.email === 'ada@kodbro.example').welcomeUntil).toBeNull();
  });

  it('POST /api/staff/invitations validates and refuses: taken e-mail 409, anonymous 401, no CSRF 403, not admin 403', async () => {
    const body = { email: 'zed@kodbro.example', displayName: 'Zed', roles: { author: false, recruiter: true, admin: false } };
    expectInvalid(await admin.post('/api/staff/invitations', { ...body, email: 'nope' }), 'body.email');
    expectInvalid(await admin.post('/api/staff/invitations', { ...body, roles: { author: true } }), 'body.roles.recruiter');
    expectInvalid(await admin.post('/api/staff/invitations', { ...body, password: 'not-taken-here' }));
    expectApiError(await admin.post('/api/staff/invitations', { ...body, email: 'ADA@kodbro.example' }), 409, 'conflict');
    expectApiError(await anon.post('/api/staff/invitations', body), 401, 'unauthenticated');
    expectApiError(await admin.request('POST', '/api/staff/invitations', { body, csrf: false }), 403, 'csrf_failed');
    expectApiError(await recruiter.post('/api/staff/invitations', body), 403, 'forbidden');
    expectApiError(await roleless.post('/api/staff/invitations', body), 403, 'forbidden');
    expect((await admin.get('/api/staff')).body.staff.map((u: { email: string }) => u.email)).not.toContain('zed@kodbro.example');
  });

  it('a second admin may be made and unmade; DELETE /api/staff/:userId ends the colleague\'s sessions at once and never removes the last admin', async () => {
    const list = (await admin.get('/api/staff')).body.staff as { id: string; email: string }[];
    const me = list.find((u) => u.email === DEMO_EMAIL)!;
    const ada = list.find((u) => u.email === 'ada@kodbro.example')!;
    const adaClient = new Client(server.url);
    await adaClient.login('ada@kodbro.example', WELCOME_PASSWORD);

    expect((await admin.patch(`/api/staff/${ada.id}`, { roles: { author: true, recruiter: false, admin: true } })).body.roles).toEqual({ author: true, recruiter: false, admin: true });
    expect((await adaClient.get('/api/staff')).status).toBe(200);
    expect((await adaClient.patch(`/api/staff/${me.id}`, { roles: { author: true, recruiter: true, admin: false } })).body.roles.admin).toBe(false);
    expectApiError(await admin.get('/api/staff'), 403, 'forbidden');
    expect((await adaClient.patch(`/api/staff/${me.id}`, { roles: { author: true, recruiter: true, admin: true } })).body.roles.admin).toBe(true);

    expectInvalid(await admin.delete('/api/staff/not-an-id'), 'params.userId');
    expectApiError(await admin.delete(`/api/staff/${unknownId()}`), 404, 'not_found');
    expectApiError(await anon.delete(`/api/staff/${ada.id}`), 401, 'unauthenticated');
    expectApiError(await admin.request('DELETE', `/api/staff/${ada.id}`, { csrf: false }), 403, 'csrf_failed');
    expectApiError(await recruiter.delete(`/api/staff/${ada.id}`), 403, 'forbidden');
    const removed = await admin.delete(`/api/staff/${ada.id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body).toEqual({ id: ada.id, roles: { author: true, recruiter: false, admin: true } });
    expectApiError(await adaClient.get('/api/auth/session'), 401, 'unauthenticated');
    expectApiError(await new Client(server.url).post('/api/auth/login', { email: 'ada@kodbro.example', password: WELCOME_PASSWORD }), 401, 'unauthenticated');

    const last = await admin.delete(`/api/staff/${me.id}`);
    expectApiError(last, 409, 'last_admin');
    expect(last.body.error.message).toMatch(/last admin cannot be removed/);
    expect((await admin.get('/api/auth/session')).status).toBe(200);
  });
});

describe('challenge drafts and the statement preview', () => {
  const doc = (title: string) => ({
    title: { en: title },
    statements: { en: `# ${title}\n\nPrint the sum.\n` },
    languages: ['python'],
    starters: {},
    limits: {},
    checker: { type: 'tokens' },
    samples: [],
    groups: [{ id: 'all', points: 100, tests: [{ name: '1', input: '2 3\n', answer: '5\n' }] }],
    solutions: [{ name: 'accepted.py', source: 'a, b = map(int, input().split())\nprint(a + b)\n', expect: 'accepted' }],
  });

  it('create, list, read, save, validate, poll, publish, delete: success, 400, 401, 403 csrf_failed and 403 forbidden', async () => {
    const slug = `api-draft-${newId().slice(0, 8)}`;
    const created = await admin.post('/api/challenge-drafts', { slug, draft: doc('API draft') });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const base = `/api/challenge-drafts/${id}`;

    const listed = await admin.get('/api/challenge-drafts');
    expect(listed.status).toBe(200);
    expect(listed.body.drafts.find((d: { id: string }) => d.id === id)).toMatchObject({ slug, title: 'API draft', revision: 1, challengeId: null, validation: null });
    expect((await admin.get(base)).body.draft.title).toEqual({ en: 'API draft' });
    const saved = await admin.put(base, { revision: 1, draft: doc('API draft, saved') });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.revision).toBe(2);

    const started = await admin.post(`${base}/validate`);
    expect(started.status).toBe(202);
    let validation = started.body.validation;
    for (const until = Date.now() + 120_000; validation.status === 'running' && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      validation = (await admin.get(`${base}/validation`)).body.validation;
    }
    expect(validation, JSON.stringify(validation)).toMatchObject({ status: 'passed', stale: false, revision: 2 });
    expect((await admin.get('/api/challenge-drafts')).body.drafts.find((d: { id: string }) => d.id === id).validation).toBe('passed');
    const published = await admin.post(`${base}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.version.version).toBe(1);

    expectInvalid(await admin.post('/api/challenge-drafts', { slug: 'Not A Slug' }), 'body.slug');
    expectInvalid(await admin.get('/api/challenge-drafts/x'), 'params.draftId');
    expectInvalid(await admin.put(base, { revision: 0, draft: doc('x') }), 'body.revision');
    expectInvalid(await admin.put(base, { revision: 2, draft: { ...doc('x'), checker: { type: 'float' } } }), 'body.draft.checker.absolute');
    expectInvalid(await admin.post('/api/challenge-drafts/x/validate'), 'params.draftId');
    expectInvalid(await admin.get('/api/challenge-drafts/x/validation'), 'params.draftId');
    expectInvalid(await admin.post('/api/challenge-drafts/x/publish'), 'params.draftId');
    expectInvalid(await admin.delete('/api/challenge-drafts/x'), 'params.draftId');
    expectInvalid(await admin.post('/api/statement-preview', { markdown: 'x'.repeat(128 * 1024 + 1) }), 'body.markdown');
    expectApiError(await admin.get(`/api/challenge-drafts/${unknownId()}`), 404, 'not_found');
    expectApiError(await admin.put(base, { revision: 1, draft: doc('stale') }), 409, 'conflict');

    const writes: [string, string, unknown][] = [
      ['POST', '/api/challenge-drafts', { slug: 'never-made' }],
      ['PUT', base, { revision: 2, draft: doc('x') }],
      ['POST', `${base}/validate`, undefined],
      ['POST', `${base}/publish`, undefined],
      ['DELETE', base, undefined],
      ['POST', '/api/statement-preview', { markdown: '# x' }],
    ];
    for (const [method, where, body] of writes) {
      expectApiError(await anon.request(method, where, { body }), 401, 'unauthenticated');
      expectApiError(await admin.request(method, where, { body, csrf: false }), 403, 'csrf_failed');
      expectApiError(await recruiter.request(method, where, { body }), 403, 'forbidden');
      expectApiError(await roleless.request(method, where, { body }), 403, 'forbidden');
    }
    for (const where of ['/api/challenge-drafts', base, `${base}/validation`]) {
      expectApiError(await anon.get(where), 401, 'unauthenticated');
      expectApiError(await recruiter.get(where), 403, 'forbidden');
    }
    // Nothing the refusals asked for happened.
    expect((await admin.get(base)).body.revision).toBe(2);
    expect((await admin.get('/api/challenge-drafts')).body.drafts.map((d: { slug: string }) => d.slug)).not.toContain('never-made');

    const deleted = await admin.delete(base);
    expect(deleted.status).toBe(200);
    expectApiError(await admin.get(base), 404, 'not_found');
  });

  it('POST /api/statement-preview gives the tree the candidate page renders, with what it cannot show in words', async () => {
    const preview = await admin.post('/api/statement-preview', { markdown: '# Sum\n\nRead *two* numbers, $a+b$.\n\n<script>alert(1)</script>\n\n![x](missing.png)\n' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const tree = JSON.stringify(preview.body.statement);
    expect(tree).toContain('"type":"heading"');
    expect(tree).toContain('"type":"emphasis"');
    expect(tree).toContain('math');
    expect(tree).not.toContain('"type":"script"');
    expect(preview.body.issues.length).toBeGreaterThan(0);
    for (const issue of preview.body.issues) expect(['error', 'warning']).toContain(issue.severity);
  });
});

describe('coverage', () => {
  it('every route of API_ROUTES got a success, a validation error and each auth refusal it can give', () => {
    const missing: string[] = [];
    for (const def of API_ROUTES) {
      const pattern = new RegExp(`^${def.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
      const mine = hits.filter((h) => h.method === def.method.toUpperCase() && pattern.test(h.path));
      const has = (status: number, code?: string) => mine.some((h) => h.status === status && (code === undefined || h.code === code));
      const name = `${def.method.toUpperCase()} ${def.path}`;
      if (!mine.some((h) => h.status >= 200 && h.status < 300)) missing.push(`${name}: a success`);
      if (def.raw) {
        if (!has(415, 'unsupported_media_type')) missing.push(`${name}: 415`);
      } else if ((def.params || def.query || def.body) && !has(400, 'invalid_request')) missing.push(`${name}: 400`);
      if (def.access !== 'public' && !has(401, 'unauthenticated')) missing.push(`${name}: 401`);
      if (def.access !== 'public' && def.method !== 'get' && !has(403, 'csrf_failed')) missing.push(`${name}: 403 csrf_failed`);
      if (def.roles && !has(403, 'forbidden')) missing.push(`${name}: 403 forbidden`);
    }
    expect(missing).toEqual([]);
  });
});
