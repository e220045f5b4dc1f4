/**
 * The candidate report's server side, with a real server and real Docker: a
 * rejected hidden test keeps where its output first parted from the answer,
 * for staff only (the candidate's views of the same submission hold none of
 * it), and pastes the candidate's editor reports are recorded in the replay
 * history, bounded per connection.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChallenge, readTestData } from '../../server/src/challenges/index.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, connected, demoInvite, emitWithAck, newId, startTestServer, waitForResult, type TestServer } from '../support/server.ts';

let server: TestServer;
let staff: ApiClient;
let candidate: ApiClient;
let attemptId: string;
let challengeVersionId: string;

beforeAll(async () => {
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
  const invite = await demoInvite(staff, 'Report Candidate');
  candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: invite.token });
  expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
  const assessment = (await staff.get(`/api/assessments/${invite.assessmentId}`)).body;
  challengeVersionId = assessment.challenges[0].challengeVersionId;
  const attempts = (await staff.get(`/api/assessments/${invite.assessmentId}/attempts`)).body.attempts;
  attemptId = attempts.find((a: { inviteId: string }) => a.inviteId === invite.inviteId).id;
}, 120_000);
afterAll(async () => server?.stop());

describe('the first differing line of a rejected hidden test', () => {
  it('is in the staff report, quoting the hidden answer; the candidate sees none of it', async () => {
    const source = await readFile(path.join(REPO_ROOT, 'challenges/log-aggregation/solutions/wrong.py'), 'utf8');
    const id = newId();
    expect((await candidate.post('/api/candidate/submissions', { id, challengeVersionId, kind: 'submit', language: 'python', source })).status).toBe(202);
    const judged = await waitForResult(candidate, id, 120_000);
    expect(judged.status).toBe('done');

    const report = (await staff.get(`/api/attempts/${attemptId}`)).body;
    const submission = report.submissions.find((s: { id: string }) => s.id === id);
    expect(submission.result.verdict).toBe('wrong_answer');
    const rejected = submission.result.tests.filter((t: { verdict: string }) => t.verdict === 'wrong_answer').map((t: { id: string }) => t.id);
    expect(submission.differences.length).toBeGreaterThan(0);
    expect(submission.differences.length).toBe(Math.min(rejected.length, 20));

    // Each difference names a rejected test, and its "expected" is that test's answer on that line.
    const pkg = await loadChallenge(path.join(REPO_ROOT, 'challenges/log-aggregation'));
    const tests = new Map(pkg.groups.flatMap((g) => g.tests).map((t) => [t.id, t]));
    for (const difference of submission.differences) {
      expect(rejected).toContain(difference.testId);
      expect(difference.got).not.toEqual(difference.expected);
      const answer = (await readTestData(tests.get(difference.testId)!.answer)).toString('utf8');
      const line = answer.split('\n')[difference.line - 1]!.replace(/\s+$/, '');
      expect(difference.expected === null || line.includes(difference.expected.replace(/^…|…$/g, ''))).toBe(true);
    }

    const seen = JSON.stringify((await candidate.get(`/api/candidate/submissions/${id}`)).body) + JSON.stringify((await candidate.get('/api/candidate/submissions')).body);
    expect(seen).not.toContain('differences');
    for (const difference of submission.differences) if (difference.expected && difference.expected.length >= 8) expect(seen).not.toContain(difference.expected);
  }, 180_000);
});

describe('pastes in the replay history', () => {
  it('are recorded from the candidate’s socket, read by staff in the event log, and bounded per connection', async () => {
    const socket = candidate.socket();
    await connected(socket);
    try {
      expect(await emitWithAck(socket, 'editor:pasted', { challengeVersionId, language: 'python', chars: 321 })).toEqual({ ok: true, value: {} });
      expect(await emitWithAck(socket, 'editor:pasted', { challengeVersionId, language: 'python', chars: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      const events = (await staff.get(`/api/attempts/${attemptId}/events?limit=1000`)).body.events;
      expect(events.filter((e: { kind: string }) => e.kind === 'pasted').map((e: { data: unknown }) => e.data)).toEqual([{ challengeVersionId, language: 'python', chars: 321 }]);

      const acks = await Promise.all(Array.from({ length: 500 }, () => emitWithAck(socket, 'editor:pasted', { challengeVersionId, language: 'python', chars: 5 })));
      expect(acks.filter((ack) => ack.ok)).toHaveLength(499);
      expect(acks.filter((ack) => !ack.ok).map((ack) => ack.error.code)).toEqual(['rate_limited']);
    } finally {
      socket.close();
    }
  }, 60_000);

  it('may not be sent by staff', async () => {
    const socket = staff.socket();
    await connected(socket);
    try {
      expect(await emitWithAck(socket, 'editor:pasted', { challengeVersionId, language: 'python', chars: 3 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      socket.close();
    }
  });
});
