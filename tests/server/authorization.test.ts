/**
 * The authorisation matrix, driven by API_ROUTES so a new route is covered
 * without touching this file (a new path parameter or body fails loudly
 * until it gets an id or a sample body below). Two organisations: the demo
 * one (X) and Y, made through the store. Candidates A and A2 belong to X
 * (different assessments), B to Y. Every refusal must carry the error body
 * and nothing else.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { hashPassword } from '../../server/src/auth/index.ts';
import type { RouteDef } from '../../server/src/http/route.ts';
import { API_ROUTES } from '../../server/src/http/routes/index.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import {
  ApiClient,
  connected,
  demoInvite,
  emitWithAck,
  expectApiError,
  newId,
  packageTarGz,
  startTestServer,
  waitForResult,
  type ApiResponse,
  type TestServer,
} from '../support/server.ts';

const SUM_DIR = path.join(REPO_ROOT, 'tests/fixtures/packages/sum');
const Y_EMAIL = 'admin@yonder.example';
const Y_PASSWORD = 'yonder-admin-password';
const COLLEAGUE_PASSWORD = 'colleague-password-long';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Everything one party owns that a path can name, by parameter name. */
interface Party {
  challengeId: string;
  assessmentId: string;
  /** An invite nobody uses: revoking it (as the owner's control) breaks nothing. */
  inviteId: string;
  attemptId: string;
  challengeVersionId: string;
  submissionId: string;
  /** A statement image of the party's challenge version. */
  name: string;
  /** A colleague of the organisation's admin, whose roles the admin may change. */
  userId: string;
  /** A challenge draft of the organisation (made again when the matrix deletes it). */
  draftId: string;
  /** A shared result's id (public; the matrix only needs one that has the right form). */
  resultId: string;
  /** Texts that identify the party's data: none may show up in another party's answers. */
  secrets: string[];
}

/** A candidate and what their attempt owns. */
interface CandidateParty extends Party {
  client: ApiClient;
  source: string;
}

let server: TestServer;
let staffX: ApiClient;
let staffY: ApiClient;
let anon: ApiClient;
let X: Party;
let Y: Party;
let A: CandidateParty;
let A2: CandidateParty;
let B: CandidateParty;
/** Staff of X with one role each, and with none. */
let noRole: ApiClient;
let authorOnly: ApiClient;
let recruiterOnly: ApiClient;

let extensions = 0;
/** Who owns each draft: a save names the revision the owner sees now. */
const draftOwners = new Map<string, ApiClient>();

async function newDraft(client: ApiClient, slug = `matrix-${newId()}`): Promise<string> {
  const created = await client.post('/api/challenge-drafts', { slug });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  draftOwners.set(created.body.id, client);
  return created.body.id as string;
}
const routeName = (def: RouteDef) => `${def.method.toUpperCase()} ${def.path}`;
const hasParams = (def: RouteDef) => def.path.includes(':');
const staffRoutes = API_ROUTES.filter((def) => def.access === 'staff');
const candidateRoutes = API_ROUTES.filter((def) => def.access === 'candidate');

function fill(def: RouteDef, ids: Partial<Party>): string {
  return def.path.replace(/:([A-Za-z]+)/g, (_all, name: string) => {
    const id = ids[name as keyof Party];
    if (typeof id !== 'string') throw new Error(`${routeName(def)}: no id for :${name}; add it to Party`);
    return id;
  });
}

/** A body each route accepts from its owner, so a refusal is about who asks and never about the body. */
async function sampleBody(def: RouteDef, ids: Party): Promise<{ body?: unknown; rawBody?: Buffer; contentType?: string }> {
  switch (`${def.method} ${def.path}`) {
    case 'post /api/challenges':
      return { rawBody: await packageTarGz(SUM_DIR), contentType: 'application/gzip' };
    case 'post /api/staff':
      return { body: { email: `matrix-${newId()}@kodbro.example`, displayName: 'Matrix', password: 'matrix-password-long', roles: { author: false, recruiter: true } } };
    case 'post /api/assessments':
      return { body: { title: 'Matrix', timeLimitMinutes: 30, opensAt: new Date(Date.now() - DAY_MS).toISOString(), closesAt: new Date(Date.now() + DAY_MS).toISOString(), resultsVisibility: 'samples', challengeIds: [ids.challengeId] } };
    case 'patch /api/staff/:userId':
      return { body: { roles: { author: true, recruiter: true } } };
    case 'post /api/staff/invitations':
      return { body: { email: `invited-${newId()}@kodbro.example`, displayName: 'Matrix Invited', roles: { author: false, recruiter: true, admin: false } } };
    case 'post /api/auth/welcome':
      return { body: { token: 'A'.repeat(43), password: 'matrix-password-long' } };
    case 'patch /api/assessments/:assessmentId':
      // A change the running assessment takes (a later close); unsafe ones are refused 409 whoever asks.
      return { body: { closesAt: new Date(Date.now() + 400 * DAY_MS).toISOString() } };
    case 'post /api/assessments/:assessmentId/duplicate':
      return { body: { title: 'Matrix next round', opensAt: new Date(Date.now() + 40 * DAY_MS).toISOString(), closesAt: new Date(Date.now() + 47 * DAY_MS).toISOString() } };
    case 'post /api/assessments/:assessmentId/invites':
      return { body: { candidateName: 'Matrix Invite' } };
    case 'post /api/assessments/:assessmentId/invites/import':
      // A dry run: the matrix is about who may call, and changes nothing.
      return { body: { csv: 'name\nMatrix Import\n', dryRun: true } };
    case 'post /api/invites/:inviteId/extend':
      // Each call later than the one before, so the owner's repeated calls all succeed.
      return { body: { expiresAt: new Date(Date.now() + 20 * 365 * DAY_MS + ++extensions * 60_000).toISOString() } };
    case 'put /api/candidate/drafts':
      return { body: { challengeVersionId: ids.challengeVersionId, language: 'python', source: 'print(0)\n', revision: 1_000_000 } };
    case 'post /api/candidate/submissions':
      return { body: { id: newId(), challengeVersionId: ids.challengeVersionId, kind: 'samples', language: 'python', source: 'print(0)\n' } };
    case 'put /api/candidate/explanations':
      // A challenge without questions: refused 400 for its owner, so the matrix sees who may ask, never a write.
      return { body: { challengeVersionId: ids.challengeVersionId, language: 'en', answers: ['matrix'] } };
    case 'post /api/auth/login':
      return { body: { email: 'nobody@kodbro.example', password: 'nothing' } };
    case 'post /api/candidate/session':
      return { body: { code: 'ZZZZZZZZ' } };
    case 'post /api/challenge-drafts':
      return { body: { slug: `matrix-${newId()}` } };
    case 'put /api/challenge-drafts/:draftId': {
      const current = await draftOwners.get(ids.draftId)!.get(`/api/challenge-drafts/${ids.draftId}`);
      return { body: { revision: current.body.revision, draft: current.body.draft } };
    }
    case 'put /api/invites/:inviteId/review':
      return { body: { note: 'Matrix note', rating: 3, shortlisted: false } };
    case 'post /api/candidate/result/share':
      return { body: { shareable: true } };
    case 'post /api/attempts/:attemptId/result/revoke':
      return { body: { reason: 'Matrix' } };
    case 'post /api/statement-preview':
      return { body: { markdown: '# Matrix\n\nA *statement*.' } };
    default:
      // Routes whose body is optional (start, finish, logout, revoke) are called without one.
      if (def.raw || (def.body && !(def.body as ZodType).safeParse(undefined).success)) throw new Error(`${routeName(def)} takes a body: add a sample to sampleBody`);
      return {};
  }
}

async function call(client: ApiClient, def: RouteDef, pathIds: Partial<Party>, bodyIds: Party, csrf?: string): Promise<ApiResponse> {
  const headers: Record<string, string> = csrf !== undefined ? { 'x-csrf-token': csrf } : {};
  return client.request(def.method.toUpperCase(), fill(def, pathIds), { ...(await sampleBody(def, bodyIds)), headers, csrf: csrf === undefined });
}

/** A refusal: the status, the error body and not one of the other party's texts. */
function expectRefused(response: ApiResponse, status: number, code: string, others: Party[] = [], label = '') {
  expectApiError(response, status, code);
  const text = JSON.stringify(response.body);
  for (const other of others) for (const secret of other.secrets) expect(text, `${label} leaks ${secret}`).not.toContain(secret);
}

async function staffLogin(email?: string, password?: string): Promise<ApiClient> {
  const client = new ApiClient(server.url);
  await client.login(email, password);
  return client;
}

async function candidateIn(staff: ApiClient, assessmentId: string, name: string): Promise<{ client: ApiClient; inviteId: string }> {
  const invite = await staff.post(`/api/assessments/${assessmentId}/invites`, { candidateName: name });
  expect(invite.status).toBe(201);
  const client = new ApiClient(server.url);
  await client.openInvite({ token: invite.body.token });
  expect((await client.post('/api/candidate/attempt/start')).status).toBe(200);
  return { client, inviteId: invite.body.invite.id };
}

/** Starts A candidate, saves a draft and runs the samples once with a source carrying a marker. */
async function candidateParty(staff: ApiClient, assessmentId: string, name: string, slug: string, solution: string): Promise<Omit<CandidateParty, 'challengeId' | 'assessmentId' | 'inviteId' | 'name' | 'userId' | 'draftId' | 'resultId'>> {
  const { client, inviteId } = await candidateIn(staff, assessmentId, name);
  const session = await client.get('/api/candidate/session');
  const challengeVersionId = session.body.attempt.assessment.challenges[0].challengeVersionId;
  const marker = `marker-${slug}-${newId()}`;
  const source = `# ${marker}\n${await readFile(solution, 'utf8')}`;
  expect((await client.put('/api/candidate/drafts', { challengeVersionId, language: 'python', source, revision: 1 })).status).toBe(200);
  const submissionId = newId();
  expect((await client.post('/api/candidate/submissions', { id: submissionId, challengeVersionId, kind: 'samples', language: 'python', source })).status).toBe(202);
  const attemptId = (await staff.get(`/api/assessments/${assessmentId}/invites`)).body.invites.find((i: { id: string }) => i.id === inviteId).attemptId;
  return { client, source, attemptId, challengeVersionId, submissionId, secrets: [marker, name, attemptId, submissionId, challengeVersionId] };
}

beforeAll(async () => {
  server = await startTestServer();
  anon = new ApiClient(server.url);
  staffX = await staffLogin();

  // Organisation Y, made directly in the store; its admin then works through HTTP like anyone.
  const store = server.server.store;
  const org = await store.createOrganisation({ name: 'Yonder Recruiting Ltd', slug: 'yonder' });
  if (!org.ok) throw new Error(org.reason);
  const user = await store.createStaffUser(org.value.id, { email: Y_EMAIL, displayName: 'Yara Yonder', passwordHash: await hashPassword(Y_PASSWORD), roles: { author: true, recruiter: true, admin: true } });
  if (!user.ok) throw new Error(user.reason);
  staffY = await staffLogin(Y_EMAIL, Y_PASSWORD);

  const sum = await staffY.request('POST', '/api/challenges', { rawBody: await packageTarGz(SUM_DIR), contentType: 'application/gzip' });
  expect(sum.status).toBe(201);
  const window = { opensAt: new Date(Date.now() - DAY_MS).toISOString(), closesAt: new Date(Date.now() + 30 * DAY_MS).toISOString() };
  const yAssessment = await staffY.post('/api/assessments', { title: 'Yonder secret hiring round', timeLimitMinutes: 60, ...window, resultsVisibility: 'samples', challengeIds: [sum.body.challenge.id] });
  expect(yAssessment.status).toBe(201);

  // X: the demo assessment for A, a second one (another challenge) for A2.
  const { assessmentId: xAssessmentId } = await demoInvite(staffX, 'unused');
  const xChallenges = (await staffX.get('/api/challenges')).body.challenges as { id: string; slug: string }[];
  const sensors = xChallenges.find((c) => c.slug === 'sensor-averages')!;
  const logs = xChallenges.find((c) => c.slug === 'log-aggregation')!;
  const xOther = await staffX.post('/api/assessments', { title: 'X second round', timeLimitMinutes: 60, ...window, resultsVisibility: 'samples', challengeIds: [sensors.id] });
  expect(xOther.status).toBe(201);

  const a = await candidateParty(staffX, xAssessmentId, 'Alice Alpha', 'log', path.join(REPO_ROOT, 'challenges/log-aggregation/solutions/accepted.py'));
  const a2 = await candidateParty(staffX, xOther.body.id, 'Anders Second', 'sensors', path.join(REPO_ROOT, 'challenges/sensor-averages/solutions/accepted.py'));
  const b = await candidateParty(staffY, yAssessment.body.id, 'Bashir Beta', 'sum', path.join(SUM_DIR, 'solutions/accepted.py'));
  const spareX = (await staffX.post(`/api/assessments/${xAssessmentId}/invites`, { candidateName: 'Spare X' })).body.invite.id;
  const spareY = (await staffY.post(`/api/assessments/${yAssessment.body.id}/invites`, { candidateName: 'Spare Y' })).body.invite.id;

  // A colleague in each organisation, and X's staff with one role or none, all through the admins' own API.
  const colleague = async (admin: ApiClient, email: string, roles: { author: boolean; recruiter: boolean }) => {
    const created = await admin.post('/api/staff', { email, displayName: `Colleague ${email}`, password: COLLEAGUE_PASSWORD, roles });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const colleagueX = await colleague(staffX, 'colleague@x.example', { author: false, recruiter: true });
  const colleagueY = await colleague(staffY, 'colleague@yonder.example', { author: false, recruiter: true });
  await colleague(staffX, 'norole@x.example', { author: false, recruiter: false });
  await colleague(staffX, 'author@x.example', { author: true, recruiter: false });
  await colleague(staffX, 'recruiter@x.example', { author: false, recruiter: true });
  noRole = await staffLogin('norole@x.example', COLLEAGUE_PASSWORD);
  authorOnly = await staffLogin('author@x.example', COLLEAGUE_PASSWORD);
  recruiterOnly = await staffLogin('recruiter@x.example', COLLEAGUE_PASSWORD);

  const draftX = await newDraft(staffX, 'x-secret-draft');
  const draftY = await newDraft(staffY, 'yonder-secret-draft');

  A = { ...a, resultId: 'A'.repeat(22), challengeId: logs.id, assessmentId: xAssessmentId, inviteId: spareX, name: 'percentile.svg', userId: colleagueX, draftId: draftX };
  A2 = { ...a2, resultId: 'A'.repeat(22), challengeId: sensors.id, assessmentId: xOther.body.id, inviteId: spareX, name: 'percentile.svg', userId: colleagueX, draftId: draftX };
  B = { ...b, resultId: 'B'.repeat(22), challengeId: sum.body.challenge.id, assessmentId: yAssessment.body.id, inviteId: spareY, name: 'numbers.png', userId: colleagueY, draftId: draftY };
  X = { ...A, secrets: [...a.secrets, ...a2.secrets, xAssessmentId, xOther.body.id, spareX, 'X second round', colleagueX, draftX, 'x-secret-draft'] };
  Y = { ...B, secrets: [...b.secrets, yAssessment.body.id, sum.body.challenge.id, spareY, 'Yonder', Y_EMAIL, colleagueY, draftY, 'yonder-secret-draft'] };
  for (const party of [A, A2, B]) expect((await waitForResult(party.client, party.submissionId)).status).toBe('done');
}, 120_000);
afterAll(async () => server?.stop());

describe('HTTP: who may call what', () => {
  it('the matrix knows every route with a body or a path parameter', async () => {
    for (const def of API_ROUTES) {
      expect(() => fill(def, X), routeName(def)).not.toThrow();
      await expect(sampleBody(def, X), routeName(def)).resolves.toBeDefined();
    }
    expect(staffRoutes.length).toBeGreaterThan(10);
    expect(candidateRoutes.length).toBeGreaterThan(7);
  });

  it('anonymous gets 401 on every non-public route, with or without a CSRF header', async () => {
    for (const def of API_ROUTES.filter((d) => d.access !== 'public')) {
      expectRefused(await call(anon, def, X, X), 401, 'unauthenticated', [X], routeName(def));
      expectRefused(await call(anon, def, X, X, 'made-up-token'), 401, 'unauthenticated', [X], routeName(def));
    }
  });

  it("staff of one organisation get 404 on every staff route naming the other's ids, and nothing changes", async () => {
    const beforeY = (await staffY.get(`/api/assessments/${Y.assessmentId}`)).body;
    const invitesY = (await staffY.get(`/api/assessments/${Y.assessmentId}/invites`)).body.invites.length;
    for (const def of staffRoutes.filter(hasParams)) {
      expectRefused(await call(staffX, def, Y, X), 404, 'not_found', [Y], `X → Y ${routeName(def)}`);
      expectRefused(await call(staffY, def, X, Y), 404, 'not_found', [X], `Y → X ${routeName(def)}`);
    }
    expect((await staffY.get(`/api/assessments/${Y.assessmentId}`)).body).toEqual(beforeY);
    const invites = (await staffY.get(`/api/assessments/${Y.assessmentId}/invites`)).body.invites;
    expect(invites).toHaveLength(invitesY);
    expect(invites.find((i: { id: string }) => i.id === Y.inviteId).status).toBe('not_started');
  });

  it('the same calls with their own ids succeed (the ids above were real)', async () => {
    for (const def of staffRoutes.filter(hasParams)) {
      for (const [client, own] of [
        [staffX, X],
        [staffY, Y],
      ] as const) {
        const response = await call(client, def, own, own);
        if (routeName(def) === 'POST /api/challenge-drafts/:draftId/publish') {
          // Found and allowed: what stops it is the draft itself, never validated.
          expectRefused(response, 409, 'validation_required', [], routeName(def));
          continue;
        }
        expect(response.status, `${routeName(def)} ${JSON.stringify(response.body)}`).toBeGreaterThanOrEqual(200);
        expect(response.status, `${routeName(def)} ${JSON.stringify(response.body)}`).toBeLessThan(300);
        if (routeName(def) === 'DELETE /api/challenge-drafts/:draftId') {
          expect((await client.get(`/api/challenge-drafts/${own.draftId}`)).status).toBe(404);
          own.draftId = await newDraft(client);
        }
      }
    }
  });

  it("staff lists name nothing of the other organisation; a foreign challenge id in a body is refused", async () => {
    for (const def of staffRoutes.filter((d) => d.method === 'get' && !hasParams(d))) {
      for (const [client, other] of [
        [staffX, Y],
        [staffY, X],
      ] as const) {
        const response = await call(client, def, {}, other);
        expect(response.status, routeName(def)).toBe(200);
        for (const secret of other.secrets) expect(JSON.stringify(response.body), `${routeName(def)} shows ${secret}`).not.toContain(secret);
      }
    }
    const foreign = await staffX.post('/api/assessments', (await sampleBody(API_ROUTES.find((d) => d.method === 'post' && d.path === '/api/assessments')!, Y)).body);
    expectRefused(foreign, 400, 'invalid_request', [Y]);
  });

  it("candidate A gets 404 for B's and A2's challenge versions and submissions, in paths and bodies", async () => {
    for (const other of [B, A2]) {
      for (const def of candidateRoutes.filter(hasParams)) {
        expectRefused(await call(A.client, def, other, A), 404, 'not_found', [other], `A → ${other.secrets[1]} ${routeName(def)}`);
      }
      const draft = await A.client.put('/api/candidate/drafts', { challengeVersionId: other.challengeVersionId, language: 'python', source: 'x', revision: 50 });
      expectRefused(draft, 404, 'not_found', [other]);
      const run = await A.client.post('/api/candidate/submissions', { id: newId(), challengeVersionId: other.challengeVersionId, kind: 'samples', language: 'python', source: 'x' });
      expectRefused(run, 404, 'not_found', [other]);
      // Their submission id, taken: refused without a word of the first one.
      const reused = await A.client.post('/api/candidate/submissions', { id: other.submissionId, challengeVersionId: A.challengeVersionId, kind: 'samples', language: 'python', source: 'x' });
      expectRefused(reused, 409, 'conflict', [{ ...other, secrets: other.secrets.filter((s) => s !== other.submissionId) }]);
      expect((await other.client.get(`/api/candidate/submissions/${other.submissionId}`)).body.result.verdict).toBe('accepted');
    }
    const own = await A.client.get('/api/candidate/submissions');
    expect(own.body.submissions.map((s: { id: string }) => s.id)).toEqual([A.submissionId]);
    const session = await A.client.get('/api/candidate/session');
    for (const other of [B, A2]) for (const secret of other.secrets) expect(JSON.stringify([own.body, session.body])).not.toContain(secret);
    for (const def of candidateRoutes.filter(hasParams)) {
      const response = await call(A.client, def, A, A);
      expect(response.status, routeName(def)).toBe(200);
    }
  });

  it('the paged reads of an attempt stay inside that attempt and organisation, whatever the cursor', async () => {
    for (const route of ['submissions', 'events']) {
      expect(API_ROUTES.some((d) => d.method === 'get' && d.path === `/api/attempts/:attemptId/${route}`), route).toBe(true);
      for (const after of [0, 1, 2, 1_000_000]) {
        const own = await staffX.get(`/api/attempts/${A.attemptId}/${route}?after=${after}&limit=100`);
        expect(own.status, `${route} after ${after}`).toBe(200);
        for (const other of [A2, B]) for (const secret of other.secrets) expect(JSON.stringify(own.body), `${route} after ${after} shows ${secret}`).not.toContain(secret);
        expectRefused(await staffY.get(`/api/attempts/${A.attemptId}/${route}?after=${after}`), 404, 'not_found', [X]);
        expectRefused(await A.client.get(`/api/attempts/${A.attemptId}/${route}?after=${after}`), 401, 'unauthenticated', [X]);
      }
    }
    // The ids were real: A's own submission is on its first page.
    const first = await staffX.get(`/api/attempts/${A.attemptId}/submissions?limit=100`);
    expect(first.body.submissions.map((s: { id: string }) => s.id)).toContain(A.submissionId);
  });

  it('every staff route but the own session names the roles it needs; a staff user with no role gets 403 on each and reads nothing', async () => {
    const unrestricted = staffRoutes.filter((def) => !def.roles).map(routeName);
    expect(unrestricted.sort()).toEqual(['GET /api/auth/session', 'POST /api/auth/logout']);
    for (const def of staffRoutes.filter((d) => d.roles)) {
      const response = await call(noRole, def, X, X);
      expectRefused(response, 403, 'forbidden', [X], routeName(def));
      // Invite short codes above all: each one opens an attempt.
      expect(JSON.stringify(response.body)).not.toMatch(/"shortCode"/);
    }
    expect((await noRole.get('/api/auth/session')).status).toBe(200);
  });

  it('each role reads what its list says and nothing else (author: challenges, assessments, invites; recruiter: assessments, invites, attempts)', async () => {
    for (const def of staffRoutes.filter((d) => d.method === 'get' && d.roles)) {
      for (const [client, role] of [
        [authorOnly, 'author'],
        [recruiterOnly, 'recruiter'],
      ] as const) {
        const response = await call(client, def, X, X);
        if (def.roles!.includes(role)) expect(response.status, `${role} ${routeName(def)} ${JSON.stringify(response.body)}`).toBe(200);
        else expectRefused(response, 403, 'forbidden', [X], `${role} ${routeName(def)}`);
      }
    }
    // The lists themselves, spelled out: a change to them should be a decision, not an accident.
    const readable = (role: 'author' | 'recruiter') => staffRoutes.filter((d) => d.method === 'get' && d.roles?.includes(role)).map(routeName).sort();
    expect(readable('author')).toEqual([
      'GET /api/assessments',
      'GET /api/assessments/:assessmentId',
      'GET /api/assessments/:assessmentId/changes',
      'GET /api/assessments/:assessmentId/invites',
      'GET /api/assessments/:assessmentId/sheet',
      'GET /api/challenge-drafts',
      'GET /api/challenge-drafts/:draftId',
      'GET /api/challenge-drafts/:draftId/validation',
      'GET /api/challenge-versions/:challengeVersionId/export',
      'GET /api/challenge-versions/:challengeVersionId/files/:name',
      'GET /api/challenges',
      'GET /api/challenges/:challengeId',
      'GET /api/invites/:inviteId/link',
    ]);
    expect(readable('recruiter')).toEqual([
      'GET /api/assessments',
      'GET /api/assessments/:assessmentId',
      'GET /api/assessments/:assessmentId/attempts',
      'GET /api/assessments/:assessmentId/changes',
      'GET /api/assessments/:assessmentId/dashboard',
      'GET /api/assessments/:assessmentId/dashboard.csv',
      'GET /api/assessments/:assessmentId/dashboard/rows/:inviteId',
      'GET /api/assessments/:assessmentId/invites',
      'GET /api/assessments/:assessmentId/sheet',
      'GET /api/assessments/:assessmentId/similarity',
      'GET /api/attempts/:attemptId',
      'GET /api/attempts/:attemptId/events',
      'GET /api/attempts/:attemptId/explanations',
      'GET /api/attempts/:attemptId/result',
      'GET /api/attempts/:attemptId/submissions',
      'GET /api/attempts/:attemptId/submissions/:submissionId',
      'GET /api/challenge-versions/:challengeVersionId/files/:name',
      'GET /api/invites/:inviteId/link',
    ]);
  });

  it('every write a role may not make is refused 403 for it, whatever the ids (a recruiter writes no challenge or draft; an author manages no colleague)', async () => {
    const writes = staffRoutes.filter((d) => d.method !== 'get' && d.roles);
    let refused = 0;
    for (const def of writes) {
      for (const [client, role] of [
        [authorOnly, 'author'],
        [recruiterOnly, 'recruiter'],
      ] as const) {
        if (def.roles!.includes(role)) continue;
        expectRefused(await call(client, def, X, X), 403, 'forbidden', [X], `${role} ${routeName(def)}`);
        refused++;
      }
    }
    const authoring = writes.filter((d) => d.path.startsWith('/api/challenge') || d.path === '/api/statement-preview').map(routeName);
    expect(authoring.length).toBeGreaterThanOrEqual(8);
    for (const name of authoring) expect(writes.find((d) => routeName(d) === name)!.roles, name).not.toContain('recruiter');
    expect(refused).toBeGreaterThan(authoring.length);
  });

  it('managing colleagues is the admin’s alone: an author or a recruiter gets 403 on every staff-management route, and nothing changes', async () => {
    const manage = staffRoutes.filter((d) => d.path.startsWith('/api/staff'));
    expect(manage.map(routeName).sort()).toEqual(['DELETE /api/staff/:userId', 'GET /api/staff', 'PATCH /api/staff/:userId', 'POST /api/staff', 'POST /api/staff/invitations']);
    const before = (await staffX.get('/api/staff')).body.staff.length;
    for (const def of manage) {
      for (const client of [recruiterOnly, authorOnly]) expectRefused(await call(client, def, X, X), 403, 'forbidden', [X], routeName(def));
    }
    expect((await staffX.get('/api/staff')).body.staff).toHaveLength(before);
  });

  it('a candidate cookie gets 401 on every staff route (with its own CSRF token too)', async () => {
    for (const def of staffRoutes) {
      expectRefused(await call(A.client, def, X, X), 401, 'unauthenticated', [X], routeName(def));
      expectRefused(await call(A.client, def, X, X, A.client.csrfToken), 401, 'unauthenticated', [X], routeName(def));
    }
  });

  it('a staff cookie gets 401 on every candidate route', async () => {
    for (const def of candidateRoutes) {
      expectRefused(await call(staffX, def, A, A), 401, 'unauthenticated', [A], routeName(def));
      expectRefused(await call(staffX, def, A, A, staffX.csrfToken), 401, 'unauthenticated', [A], routeName(def));
    }
  });

  it("a session's CSRF token is its own: another session's token is 403 csrf_failed on every write", async () => {
    const writes = (defs: RouteDef[]) => defs.filter((d) => d.method !== 'get');
    for (const def of writes(candidateRoutes)) {
      for (const token of [staffX.csrfToken!, B.client.csrfToken!, A2.client.csrfToken!, '']) {
        expectRefused(await call(A.client, def, A, A, token), 403, 'csrf_failed', [B, A2], routeName(def));
      }
    }
    for (const def of writes(staffRoutes)) {
      for (const token of [staffY.csrfToken!, A.client.csrfToken!]) {
        expectRefused(await call(staffX, def, X, X, token), 403, 'csrf_failed', [Y], routeName(def));
      }
    }
    // A shared device holding both cookies: each token still opens only its own kind of route.
    const both = new ApiClient(server.url);
    for (const [k, v] of [...A.client.cookies, ...staffX.cookies]) both.cookies.set(k, v);
    expectRefused(await both.request('POST', '/api/candidate/attempt/finish', { headers: { 'x-csrf-token': staffX.csrfToken! }, csrf: false }), 403, 'csrf_failed');
    expectRefused(await both.request('POST', `/api/assessments/${X.assessmentId}/invites`, { body: {}, headers: { 'x-csrf-token': A.client.csrfToken! }, csrf: false }), 403, 'csrf_failed');
    expect((await A.client.get('/api/candidate/session')).body.attempt.status).toBe('in_progress');
  });
});

describe('socket.io: who may connect, ask and hear what', () => {
  function rawSocket(client: ApiClient, options: { csrfToken?: string | undefined; origin?: string } = {}): Socket {
    const headers: Record<string, string> = {};
    if (client.cookies.size > 0) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (options.origin) headers.origin = options.origin;
    return ioClient(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { csrfToken: 'csrfToken' in options ? options.csrfToken : client.csrfToken }, extraHeaders: headers });
  }
  const refusal = async (socket: Socket) => {
    const error = await connected(socket).then(
      () => undefined,
      (e: Error) => e,
    );
    socket.close();
    return error;
  };
  const expectAckRefused = (ack: unknown, code: string) => {
    expect(ack).toEqual({ ok: false, error: { code, message: expect.any(String) } });
  };

  it('refuses an anonymous handshake, a wrong or foreign CSRF token, and a foreign Origin', async () => {
    expect((await refusal(rawSocket(anon)))?.message).toBe('unauthenticated');
    expect((await refusal(rawSocket(anon, { csrfToken: A.client.csrfToken })))?.message).toBe('unauthenticated');
    expect((await refusal(rawSocket(A.client, { csrfToken: undefined })))?.message).toBe('unauthenticated');
    expect((await refusal(rawSocket(A.client, { csrfToken: 'not-the-token' })))?.message).toBe('unauthenticated');
    expect((await refusal(rawSocket(A.client, { csrfToken: staffX.csrfToken })))?.message).toBe('unauthenticated');
    expect((await refusal(rawSocket(A.client, { csrfToken: B.client.csrfToken })))?.message).toBe('unauthenticated');
    expect((await refusal(rawSocket(staffX, { csrfToken: staffY.csrfToken })))?.message).toBe('unauthenticated');
    expect(await refusal(rawSocket(A.client, { origin: 'http://evil.example' }))).toBeInstanceOf(Error);
    expect(await refusal(rawSocket(staffX, { origin: `http://attacker.example:${new URL(server.url).port}` }))).toBeInstanceOf(Error);
    // The same credentials from our own origin connect: the refusals above were about the origin and the token.
    expect(await refusal(rawSocket(A.client, { origin: server.url }))).toBeUndefined();
    expect(await refusal(rawSocket(staffX))).toBeUndefined();
  });

  it('each side is refused the other side’s events; staff cannot watch another organisation’s assessment', async () => {
    const candidate = rawSocket(A.client);
    const staff = rawSocket(staffX);
    await Promise.all([connected(candidate), connected(staff)]);
    expectAckRefused(await emitWithAck(candidate, 'assessment:watch', { assessmentId: A.assessmentId }), 'forbidden');
    expectAckRefused(await emitWithAck(candidate, 'assessment:unwatch', { assessmentId: A.assessmentId }), 'forbidden');
    expectAckRefused(await emitWithAck(staff, 'draft:save', { challengeVersionId: A.challengeVersionId, language: 'python', source: 'x', revision: 99 }), 'forbidden');
    expectAckRefused(await emitWithAck(staff, 'attempt:sync', {}), 'forbidden');
    const foreign = await emitWithAck(staff, 'assessment:watch', { assessmentId: Y.assessmentId });
    expectAckRefused(foreign, 'not_found');
    for (const secret of Y.secrets) expect(JSON.stringify(foreign)).not.toContain(secret);
    expectAckRefused(await emitWithAck(staff, 'assessment:watch', { assessmentId: 'not-an-id' }), 'invalid_request');
    const draft = await emitWithAck(candidate, 'draft:save', { challengeVersionId: B.challengeVersionId, language: 'python', source: 'x', revision: 99 });
    expectAckRefused(draft, 'not_found');
    expect(await emitWithAck(staff, 'assessment:watch', { assessmentId: X.assessmentId })).toMatchObject({ ok: true, value: { attempts: expect.any(Number) } });
    candidate.close();
    staff.close();
  });

  it('watching an assessment needs the role that reads its attempts (recruiter or admin), as over HTTP', async () => {
    for (const [client, allowed] of [
      [noRole, false],
      [authorOnly, false],
      [recruiterOnly, true],
    ] as const) {
      const socket = rawSocket(client);
      await connected(socket);
      const ack = await emitWithAck(socket, 'assessment:watch', { assessmentId: X.assessmentId });
      if (allowed) expect(ack).toMatchObject({ ok: true });
      else expectAckRefused(ack, 'forbidden');
      socket.close();
    }
  });

  it('a socket that connected before Start hears its own live progress from then on, and nothing else', async () => {
    const invite = await staffX.post(`/api/assessments/${X.assessmentId}/invites`, { candidateName: 'Early Socket' });
    const early = new ApiClient(server.url);
    await early.openInvite({ token: invite.body.token });
    const socket = rawSocket(early);
    const heard: { event: string; payload: any }[] = [];
    socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
    await connected(socket);
    await expect.poll(() => heard.some((e) => e.event === 'timer' && e.payload.status === 'not_started')).toBe(true);

    expect((await early.post('/api/candidate/attempt/start')).status).toBe(200);
    const id = newId();
    const run = await early.post('/api/candidate/submissions', { id, challengeVersionId: A.challengeVersionId, kind: 'samples', language: 'python', source: A.source });
    expect(run.status).toBe(202);
    // No attempt:sync was sent: only the live events can bring these.
    await expect.poll(() => heard.filter((e) => e.event === 'submission:progress' && e.payload.submissionId === id).map((e) => e.payload.stage), { timeout: 30_000 }).toContain('done');
    expect(heard.filter((e) => e.event === 'submission:progress').map((e) => e.payload.stage)).toContain('testing');
    socket.close();
    for (const e of heard) if (e.event === 'submission:progress') expect(e.payload.submissionId).toBe(id);
    for (const other of [A, A2, B]) expect(JSON.stringify(heard)).not.toContain(other.submissionId);
  });

  it("no socket hears another attempt's or another organisation's events", async () => {
    const heard = new Map<string, { event: string; args: unknown[] }[]>();
    const listen = (name: string, socket: Socket) => {
      heard.set(name, []);
      socket.onAny((event: string, ...args: unknown[]) => heard.get(name)!.push({ event, args }));
      return socket;
    };
    const sockets = {
      A: listen('A', rawSocket(A.client)),
      A2: listen('A2', rawSocket(A2.client)),
      B: listen('B', rawSocket(B.client)),
      staffX: listen('staffX', rawSocket(staffX)),
      staffY: listen('staffY', rawSocket(staffY)),
    };
    await Promise.all(Object.values(sockets).map(connected));
    expect(await emitWithAck(sockets.staffX, 'assessment:watch', { assessmentId: X.assessmentId })).toMatchObject({ ok: true });
    expect(await emitWithAck(sockets.staffX, 'assessment:watch', { assessmentId: Y.assessmentId })).toMatchObject({ ok: false });
    expect(await emitWithAck(sockets.staffY, 'assessment:watch', { assessmentId: Y.assessmentId })).toMatchObject({ ok: true });
    expect(await emitWithAck(sockets.staffY, 'assessment:watch', { assessmentId: X.assessmentId })).toMatchObject({ ok: false });

    // Each candidate saves a draft and submits; B's and A's runs overlap.
    const runs = new Map<CandidateParty, string>();
    for (const party of [B, A, A2]) {
      const id = newId();
      runs.set(party, id);
      expect(await emitWithAck(sockets[party === B ? 'B' : party === A ? 'A' : 'A2'], 'draft:save', { challengeVersionId: party.challengeVersionId, language: 'python', source: party.source, revision: 2 })).toMatchObject({ ok: true });
      const submitted = await party.client.post('/api/candidate/submissions', { id, challengeVersionId: party.challengeVersionId, kind: 'submit', language: 'python', source: party.source });
      expect(submitted.status).toBe(202);
    }
    for (const party of [B, A, A2]) expect((await waitForResult(party.client, runs.get(party)!)).result.verdict).toBe('accepted');
    const doneFor = (name: string, id: string) => heard.get(name)!.some((e) => e.event === 'submission:progress' && (e.args[0] as { submissionId: string; stage: string }).submissionId === id && (e.args[0] as { stage: string }).stage === 'done');
    const changedFor = (name: string, attemptId: string, change: string) =>
      heard.get(name)!.some((e) => e.event === 'attempt:changed' && (e.args[0] as { attempt: { id: string }; change: string }).attempt.id === attemptId && (e.args[0] as { change: string }).change === change);
    // Controls: everyone heard their own.
    await expect.poll(() => doneFor('A', runs.get(A)!) && doneFor('A2', runs.get(A2)!) && doneFor('B', runs.get(B)!)).toBe(true);
    await expect.poll(() => changedFor('staffX', A.attemptId, 'scored') && changedFor('staffY', B.attemptId, 'scored')).toBe(true);
    Object.values(sockets).forEach((s) => s.close());

    const text = (name: string) => JSON.stringify(heard.get(name));
    const candidatesOwn: [string, CandidateParty, CandidateParty[]][] = [
      ['A', A, [B, A2]],
      ['A2', A2, [A, B]],
      ['B', B, [A, A2]],
    ];
    for (const [name, own, others] of candidatesOwn) {
      const mine = new Set([own.submissionId, runs.get(own)]);
      for (const { event, args } of heard.get(name)!) {
        expect(['timer', 'submission:progress', 'draft:saved']).toContain(event);
        if (event === 'submission:progress') expect(mine.has((args[0] as { submissionId: string }).submissionId)).toBe(true);
        if (event === 'draft:saved') expect((args[0] as { challengeVersionId: string }).challengeVersionId).toBe(own.challengeVersionId);
      }
      for (const other of others) for (const secret of [...other.secrets, runs.get(other)!]) expect(text(name), `${name} heard ${secret}`).not.toContain(secret);
    }
    for (const [name, ownAssessment, other] of [
      ['staffX', X.assessmentId, Y],
      ['staffY', Y.assessmentId, X],
    ] as const) {
      for (const { event, args } of heard.get(name)!) {
        expect(event).toBe('attempt:changed');
        expect((args[0] as { assessmentId: string }).assessmentId).toBe(ownAssessment);
      }
      for (const secret of other.secrets) expect(text(name), `${name} heard ${secret}`).not.toContain(secret);
    }
    // A2's assessment was not watched: staff X heard nothing of it either.
    expect(text('staffX')).not.toContain(A2.attemptId);
  });
});
