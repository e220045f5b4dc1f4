/**
 * Similarity through the real server: candidates submit through the candidate
 * API (the judge runs them on Docker meanwhile; similarity does not wait for
 * verdicts), and staff read the pairs. Final code is each attempt's last
 * `submit` — a sample run or an earlier submission is not.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/index.ts';
import { similarityLockKey } from '../../server/src/http/routes/similarity.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, demoInvite, expectApiError, newId, startTestServer, type TestServer } from '../support/server.ts';

const read = (file: string) => readFile(path.join(REPO_ROOT, file), 'utf8');

let server: TestServer;
let staff: ApiClient;
let assessmentId: string;
let versionId: string;
const finals = new Map<string, { attemptId: string; submissionId: string }>();
const clients = new Map<string, ApiClient>();

async function candidate(name: string): Promise<{ client: ApiClient; attemptId: string }> {
  const invite = await staff.post(`/api/assessments/${assessmentId}/invites`, { candidateName: name });
  expect(invite.status).toBe(201);
  const client = new ApiClient(server.url);
  await client.openInvite({ token: invite.body.token });
  const started = await client.post('/api/candidate/attempt/start');
  expect(started.status).toBe(200);
  versionId = started.body.assessment.challenges[0].challengeVersionId;
  const invites = await staff.get(`/api/assessments/${assessmentId}/invites`);
  return { client, attemptId: invites.body.invites.find((i: { id: string }) => i.id === invite.body.invite.id).attemptId };
}

async function send(client: ApiClient, source: string, kind: 'submit' | 'samples' = 'submit'): Promise<string> {
  const id = newId();
  const response = await client.post('/api/candidate/submissions', { id, challengeVersionId: versionId, kind, language: 'python', source });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return id;
}

/** A candidate whose last `submit` is `final` (after the `before` runs and submissions). */
async function finalOf(name: string, final: string, before: { source: string; kind: 'submit' | 'samples' }[] = []): Promise<void> {
  const { client, attemptId } = await candidate(name);
  for (const run of before) await send(client, run.source, run.kind);
  finals.set(name, { attemptId, submissionId: await send(client, final) });
  clients.set(name, client);
}

beforeAll(async () => {
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
  assessmentId = (await demoInvite(staff, 'unused')).assessmentId;

  const original = await read('challenges/log-aggregation/solutions/accepted.py');
  const copied = await read('tests/fixtures/similarity/copied.py');
  const independent = await read('challenges/log-aggregation/solutions/slow.py');
  const starter = await read('challenges/log-aggregation/starter/main.py');
  await finalOf('Olivia Original', original);
  await finalOf('Carl Copier', copied);
  // Ran the copy on the samples, then submitted their own: the sample run is not final code.
  await finalOf('Ingrid Independent', independent, [{ source: copied, kind: 'samples' }]);
  // Submitted the copy first, then something else of their own: only the last submission counts.
  await finalOf('Lena Later', await read('challenges/log-aggregation/solutions/wrong.py'), [{ source: copied, kind: 'submit' }]);
  // Two who sent the starter untouched, and one with a one-line change.
  await finalOf('Sam Starter', starter);
  await finalOf('Stina Starter', starter);
  await finalOf('Tove Trivial', starter.replace('return []', 'return ["x"]'));
}, 120_000);
afterAll(async () => server?.stop());

describe('GET /api/assessments/:assessmentId/similarity', () => {
  it('lists the copied pair with its regions, and neither the independent solution, nor an earlier submission, nor the starter', async () => {
    const response = await staff.get(`/api/assessments/${assessmentId}/similarity`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const [first, ...others] = response.body.challenges;
    expect(first.challengeVersionId).toBe(versionId);
    expect(first.compared).toBe(7);
    expect(first.pairs).toHaveLength(1);
    const pair = first.pairs[0];
    const names = [pair.a.candidateName, pair.b.candidateName].sort();
    expect(names).toEqual(['Carl Copier', 'Olivia Original']);
    for (const side of [pair.a, pair.b]) {
      expect(side).toEqual({ ...finals.get(side.candidateName), candidateName: side.candidateName, language: 'python' });
    }
    expect(pair.score).toBeGreaterThanOrEqual(response.body.threshold);
    expect(pair.regions.length).toBeGreaterThan(0);
    expect(pair.regions[0].a.fromLine).toBeLessThanOrEqual(pair.regions[0].a.toLine);
    // Nobody submitted to the other tasks.
    for (const challenge of others) expect(challenge).toMatchObject({ compared: 0, pairs: [] });
  });

  it('reads both codes of a pair for the side-by-side view', async () => {
    const carl = finals.get('Carl Copier')!;
    const response = await staff.get(`/api/attempts/${carl.attemptId}/submissions/${carl.submissionId}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: carl.submissionId, kind: 'submit', language: 'python', source: await read('tests/fixtures/similarity/copied.py') });
    // Another attempt's id with this submission: not found.
    const olivia = finals.get('Olivia Original')!;
    expectApiError(await staff.get(`/api/attempts/${olivia.attemptId}/submissions/${carl.submissionId}`), 404, 'not_found');
  });

  it('answers a new submission with a new comparison, and one comparison per organisation at a time (429)', async () => {
    // Ingrid now submits the copy as well: her final code changes, so the answer must.
    const ingrid = finals.get('Ingrid Independent')!;
    finals.set('Ingrid Independent', { ...ingrid, submissionId: await send(clients.get('Ingrid Independent')!, await read('tests/fixtures/similarity/copied.py')) });
    // A comparison for the organisation runs meanwhile (here: the route's lock in the shared store is held,
    // as another server process holds it while comparing). Two requests at once raced: a comparison of
    // eight programs can end between the second's cache check and its try for the lock.
    const store = server.server.store;
    const orgId = (await store.findOrganisationBySlug('demo'))!.id;
    const held = await store.tryLock(similarityLockKey(orgId), 60_000, new Date());
    expect(held).toBeDefined();
    const refused = await staff.get(`/api/assessments/${assessmentId}/similarity`);
    expectApiError(refused, 429, 'rate_limited');
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await store.unlock(similarityLockKey(orgId), held!)).toBe(true);

    const answered = await staff.get(`/api/assessments/${assessmentId}/similarity`);
    expect(answered.status).toBe(200);
    const names = answered.body.challenges[0].pairs.map((p: { a: { candidateName: string }; b: { candidateName: string } }) => [p.a.candidateName, p.b.candidateName].sort().join(' + '));
    expect(names.sort()).toEqual(['Carl Copier + Ingrid Independent', 'Carl Copier + Olivia Original', 'Ingrid Independent + Olivia Original']);
  });

  it("another organisation's staff get 404, and staff who may not read attempts 403", async () => {
    const store = server.server.store;
    const org = await store.createOrganisation({ name: 'Other Org', slug: 'other-org' });
    if (!org.ok) throw new Error(org.reason);
    const user = await store.createStaffUser(org.value.id, { email: 'admin@other.example', displayName: 'Other Admin', passwordHash: await hashPassword('other-admin-password'), roles: { author: true, recruiter: true, admin: true } });
    if (!user.ok) throw new Error(user.reason);
    const other = new ApiClient(server.url);
    await other.login('admin@other.example', 'other-admin-password');
    expectApiError(await other.get(`/api/assessments/${assessmentId}/similarity`), 404, 'not_found');
    const carl = finals.get('Carl Copier')!;
    expectApiError(await other.get(`/api/attempts/${carl.attemptId}/submissions/${carl.submissionId}`), 404, 'not_found');

    const created = await staff.post('/api/staff', { email: 'author-only@x.example', displayName: 'Author Only', password: 'author-only-password', roles: { author: true, recruiter: false } });
    expect(created.status).toBe(201);
    const author = new ApiClient(server.url);
    await author.login('author-only@x.example', 'author-only-password');
    expectApiError(await author.get(`/api/assessments/${assessmentId}/similarity`), 403, 'forbidden');
    expectApiError(await author.get(`/api/attempts/${carl.attemptId}/submissions/${carl.submissionId}`), 403, 'forbidden');
  });
});

