/**
 * Issue 12, assessments: pinned challenge versions (a new version of a
 * challenge leaves a running assessment's tasks, statements and tests as they
 * were), settings, safe changes only once a candidate has started, the change
 * record, and duplicates. Real server, real Docker, real SQLite.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, expectApiError, newId, packageTarGz, startTestServer, waitForResult, type TestServer } from '../support/server.ts';

const SUM_DIR = path.join(REPO_ROOT, 'tests/fixtures/packages/sum');
const DAY_MS = 24 * 60 * 60 * 1000;

let server: TestServer;
let staff: ApiClient;
let scratch: string;
/** The sum challenge at version 1 and at version 2 (a new statement, every answer doubled). */
let challengeId: string;
let v1: string;
let v2: string;

const window = (fromDays = -1, toDays = 7) => ({
  opensAt: new Date(Date.now() + fromDays * DAY_MS).toISOString(),
  closesAt: new Date(Date.now() + toDays * DAY_MS).toISOString(),
});

async function publish(dir: string) {
  return staff.request('POST', '/api/challenges', { rawBody: await packageTarGz(dir), contentType: 'application/gzip' });
}

/** Version 2 of sum: "print twice the sum", with every hidden and sample answer doubled. */
async function doubledSum(): Promise<string> {
  const dir = path.join(scratch, 'sum-v2');
  await cp(SUM_DIR, dir, { recursive: true });
  await writeFile(path.join(dir, 'statement.en.md'), '# Sum of numbers\n\nThe first line holds `n`; the second `n` integers. Print twice their sum.\n');
  for (const folder of ['tests/hidden', 'tests/sample']) {
    for (const name of (await readdir(path.join(dir, folder))).filter((n) => n.endsWith('.ans'))) {
      const file = path.join(dir, folder, name);
      await writeFile(file, `${2n * BigInt((await readFile(file, 'utf8')).trim())}\n`);
    }
  }
  await writeFile(path.join(dir, 'solutions/accepted.py'), 'input()\nprint(2 * sum(map(int, input().split())))\n');
  return dir;
}

async function candidateOn(assessmentId: string, name: string): Promise<ApiClient> {
  const invite = await staff.post(`/api/assessments/${assessmentId}/invites`, { candidateName: name });
  expect(invite.status).toBe(201);
  const candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: invite.body.token });
  return candidate;
}

async function submitSum(candidate: ApiClient, challengeVersionId: string): Promise<string> {
  const id = newId();
  const source = await readFile(path.join(SUM_DIR, 'solutions/accepted.py'), 'utf8');
  const sent = await candidate.post('/api/candidate/submissions', { id, challengeVersionId, kind: 'submit', language: 'python', source });
  expect(sent.status, JSON.stringify(sent.body)).toBe(202);
  return (await waitForResult(candidate, id)).result.verdict;
}

beforeAll(async () => {
  server = await startTestServer();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'kodbro-assess-'));
  staff = new ApiClient(server.url);
  await staff.login();
  const first = await publish(SUM_DIR);
  expect(first.status).toBe(201);
  challengeId = first.body.challenge.id;
  v1 = first.body.version.id;
}, 120_000);
afterAll(async () => {
  await server?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const settings = (extra: Record<string, unknown> = {}) => ({ title: 'Backend, March', timeLimitMinutes: 60, ...window(), resultsVisibility: 'aggregate', ...extra });

describe('pinned versions', () => {
  it('publishing a new version leaves a running assessment on the old one: old statement, old tests', async () => {
    const march = await staff.post('/api/assessments', settings({ challengeVersionIds: [v1] }));
    expect(march.status, JSON.stringify(march.body)).toBe(201);
    const candidate = await candidateOn(march.body.id, 'Pinned Candidate');
    expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);

    const second = await publish(await doubledSum());
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.version.version).toBe(2);
    v2 = second.body.version.id;

    const after = await staff.get(`/api/assessments/${march.body.id}`);
    expect(after.body.challenges.map((c: { challengeVersionId: string; version: number }) => [c.challengeVersionId, c.version])).toEqual([[v1, 1]]);
    const session = await candidate.get('/api/candidate/session');
    expect(session.body.attempt.assessment.challenges.map((c: { challengeVersionId: string }) => c.challengeVersionId)).toEqual([v1]);
    const statement = JSON.stringify((await candidate.get(`/api/candidate/challenges/${v1}`)).body.statements);
    expect(statement).toContain('Print their sum');
    expect(statement).not.toContain('twice');
    expectApiError(await candidate.get(`/api/candidate/challenges/${v2}`), 404, 'not_found');

    // Judged against version 1's tests: the plain sum passes there, and fails version 2's.
    expect(await submitSum(candidate, v1)).toBe('accepted');
    const april = await staff.post('/api/assessments', settings({ title: 'Backend, April', challengeIds: [challengeId] }));
    expect(april.body.challenges[0].challengeVersionId).toBe(v2);
    const later = await candidateOn(april.body.id, 'Newest Candidate');
    expect((await later.post('/api/candidate/attempt/start')).status).toBe(200);
    expect(await submitSum(later, v2)).toBe('wrong_answer');
  }, 120_000);

  it('refuses two versions of one challenge, a version of another organisation is as unknown as a made-up one, and both task forms at once', async () => {
    expect(v2).toBeDefined();
    const twice = await staff.post('/api/assessments', settings({ challengeVersionIds: [v1, v2] }));
    expectApiError(twice, 400, 'invalid_request');
    expect(twice.body.error.details).toEqual({ reason: 'challenge_repeated' });
    const unknown = await staff.post('/api/assessments', settings({ challengeVersionIds: [newId()] }));
    expectApiError(unknown, 400, 'invalid_request');
    expect(unknown.body.error.details).toEqual({ reason: 'challenge_not_found' });
    expectApiError(await staff.post('/api/assessments', settings({ challengeVersionIds: [v1], challengeIds: [challengeId] })), 400, 'invalid_request');
    expectApiError(await staff.post('/api/assessments', settings({ challengeVersionIds: [v1], interfaceLanguages: ['en', 'xx'] })), 400, 'invalid_request');
  });
});

describe('settings and changes', () => {
  it('stores interface languages and the second-language percentage; the candidate gets the offered languages and their time', async () => {
    const created = await staff.post('/api/assessments', settings({ challengeVersionIds: [v1], interfaceLanguages: ['uk', 'en'], secondLanguagePercent: 40 }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ interfaceLanguages: ['en', 'uk'], secondLanguagePercent: 40, running: false });
    const defaults = await staff.post('/api/assessments', settings({ challengeVersionIds: [v1] }));
    expect(defaults.body).toMatchObject({ interfaceLanguages: ['en', 'sv', 'ar', 'prs', 'ti', 'uk'], secondLanguagePercent: 25 });
    const candidate = await candidateOn(created.body.id, 'Languages');
    const session = await candidate.get('/api/candidate/session');
    expect(session.body.attempt.assessment).toMatchObject({ interfaceLanguages: ['en', 'uk'], timeLimitMinutes: 60 });
  });

  it('before anyone starts every setting and the tasks may change; once a candidate started only safe changes, each recorded', async () => {
    const created = await staff.post('/api/assessments', settings({ challengeVersionIds: [v1], interfaceLanguages: ['en', 'sv'] }));
    const id = created.body.id;
    const early = await staff.patch(`/api/assessments/${id}`, { challengeVersionIds: [v2], timeLimitMinutes: 45, resultsVisibility: 'samples' });
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    expect(early.body).toMatchObject({ timeLimitMinutes: 45, resultsVisibility: 'samples', challenges: [{ challengeVersionId: v2, version: 2 }] });

    const candidate = await candidateOn(id, 'Started');
    expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
    expect((await staff.get(`/api/assessments/${id}`)).body.running).toBe(true);

    for (const [body, fields] of [
      [{ timeLimitMinutes: 90 }, ['timeLimitMinutes']],
      [{ challengeVersionIds: [v1] }, ['challengeVersionIds']],
      [{ closesAt: new Date(Date.now() + DAY_MS).toISOString() }, ['closesAt']],
      [{ interfaceLanguages: ['en'] }, ['interfaceLanguages']],
      [{ resultsVisibility: 'none', secondLanguagePercent: 0 }, ['resultsVisibility', 'secondLanguagePercent']],
    ] as const) {
      const refused = await staff.patch(`/api/assessments/${id}`, { title: 'Not this', ...body });
      expectApiError(refused, 409, 'assessment_running');
      expect(refused.body.error.details).toEqual({ fields });
    }
    const closesAt = new Date(Date.now() + 30 * DAY_MS).toISOString();
    const safe = await staff.patch(`/api/assessments/${id}`, { title: 'Backend, March (extended)', closesAt, interfaceLanguages: ['en', 'sv', 'ar'] });
    expect(safe.status, JSON.stringify(safe.body)).toBe(200);
    expect(safe.body).toMatchObject({ title: 'Backend, March (extended)', closesAt, interfaceLanguages: ['en', 'sv', 'ar'], timeLimitMinutes: 45 });

    const record = (await staff.get(`/api/assessments/${id}/changes`)).body.changes;
    expect(record.map((c: { kind: string; by: string; changes: { field: string }[] }) => [c.kind, c.by, c.changes.map((f) => f.field)])).toEqual([
      ['created', 'Demo Author', ['title', 'challengeVersionIds', 'timeLimitMinutes', 'opensAt', 'closesAt', 'resultsVisibility', 'interfaceLanguages', 'secondLanguagePercent', 'anonymousReview']],
      ['updated', 'Demo Author', ['challengeVersionIds', 'timeLimitMinutes', 'resultsVisibility']],
      ['updated', 'Demo Author', ['title', 'closesAt', 'interfaceLanguages']],
    ]);
    expect(record[2].changes[1]).toEqual({ field: 'closesAt', from: created.body.closesAt, to: closesAt });
  });

  it('duplicates: same versions and settings, a new title and window, no invites, recorded as a copy', async () => {
    const original = await staff.post('/api/assessments', settings({ challengeVersionIds: [v1], interfaceLanguages: ['en', 'ar'], secondLanguagePercent: 50, resultsVisibility: 'samples' }));
    await candidateOn(original.body.id, 'Left behind');
    const next = window(30, 37);
    const copy = await staff.post(`/api/assessments/${original.body.id}/duplicate`, { title: 'Backend, April', ...next });
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body).toMatchObject({
      title: 'Backend, April',
      ...next,
      timeLimitMinutes: 60,
      resultsVisibility: 'samples',
      interfaceLanguages: ['en', 'ar'],
      secondLanguagePercent: 50,
      running: false,
      challenges: [{ challengeVersionId: v1, version: 1 }],
    });
    expect((await staff.get(`/api/assessments/${copy.body.id}/invites`)).body.invites).toEqual([]);
    const record = (await staff.get(`/api/assessments/${copy.body.id}/changes`)).body.changes;
    expect(record).toHaveLength(1);
    expect(record[0]).toMatchObject({ kind: 'created', copiedFrom: original.body.id, by: 'Demo Author' });
    expectApiError(await staff.post(`/api/assessments/${original.body.id}/duplicate`, { title: 'Backwards', ...window(5, 4) }), 400, 'invalid_request');
  });
});
