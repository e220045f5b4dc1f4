/**
 * A function-signature challenge over the API, against a real server and real
 * Docker: the candidate's view carries the signature, the generated starters
 * and the samples as formatted values; custom arguments are checked against
 * the signature before anything runs; a run shows the returned value and the
 * printed text apart; a submission is scored on returned values.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, expectApiError, newId, startTestServer, waitForResult, type TestServer } from '../support/server.ts';

const ACCEPTED = readFileSync(path.join(REPO_ROOT, 'challenges/busy-periods/solutions/accepted.py'), 'utf8');

let server: TestServer;
let candidate: ApiClient;
let versionId: string;

beforeAll(async () => {
  server = await startTestServer();
  const staff = new ApiClient(server.url);
  await staff.login();
  const library = await staff.get('/api/challenges');
  const busy = library.body.challenges.find((c: { slug: string }) => c.slug === 'busy-periods');
  expect(busy.meta.checker).toBe('value');
  const now = Date.now();
  const created = await staff.post('/api/assessments', {
    title: 'Signatures',
    challengeIds: [busy.id],
    timeLimitMinutes: 60,
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
    resultsVisibility: 'samples',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const invite = await staff.post(`/api/assessments/${created.body.id}/invites`, { candidateName: 'Signe Signature' });
  candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: invite.body.token });
  const started = await candidate.post('/api/candidate/attempt/start');
  expect(started.status).toBe(200);
  versionId = started.body.assessment.challenges[0].challengeVersionId;
}, 120_000);
afterAll(() => server?.stop());

const send = (body: Record<string, unknown>) => candidate.post('/api/candidate/submissions', { id: newId(), challengeVersionId: versionId, language: 'python', source: ACCEPTED, ...body });

describe('a function-signature challenge over the API', () => {
  it('the candidate sees the signature, generated starters and the samples as values', async () => {
    const view = await candidate.get(`/api/candidate/challenges/${versionId}`);
    expect(view.status).toBe(200);
    expect(view.body.signature.name).toBe('busy_periods');
    expect(view.body.starters.python).toContain('def busy_periods(bookings: list[Booking]) -> list[Period]:');
    expect(view.body.samples[1].answer).toBe('[\n  {"start": 0, "end": 180}\n]\n');
    expect(JSON.parse(view.body.samples[0].input)).toHaveLength(1);
  });

  it('refuses custom arguments that do not fit the signature, saying where, before anything runs', async () => {
    for (const [customInput, said] of [
      ['[[{"room": "A", "start": 1}]]', 'bookings[0]: booking needs its field end'],
      ['[]', 'busy_periods takes 1 argument (bookings), got 0'],
      ['[[{"room": "A", "start": 1, "end": 99999}]]', 'bookings[0].end: 99999 is outside 0…10080'],
      ['{oops', 'The arguments are not valid JSON'],
    ]) {
      const refused = await send({ kind: 'custom', customInput });
      expectApiError(refused, 400, 'invalid_request');
      expect(refused.body.error.message).toContain(said);
    }
  });

  it('runs custom arguments and shows the returned value; a submission is scored on returned values', async () => {
    const custom = await send({ kind: 'custom', customInput: '[[{"room": "A", "start": 5, "end": 9}, {"room": "B", "start": 9, "end": 12}]]' });
    expect(custom.status, JSON.stringify(custom.body)).toBe(202);
    const ran = await waitForResult(candidate, custom.body.id, 90_000);
    expect(ran.result.tests[0].output).toMatchObject({ stdout: '[\n  {"start": 5, "end": 12}\n]\n', printed: '' });
    const submitted = await send({ kind: 'submit' });
    const judged = await waitForResult(candidate, submitted.body.id, 120_000);
    expect(judged.result).toMatchObject({ verdict: 'accepted', score: 100 });
  });
});
