/**
 * Typed work counts (issue 11): when an attempt's time runs out, the server
 * submits each task's newest saved draft that differs from its last
 * submission, judges it once, and the staff total counts it. A real server
 * with real Docker, on a clock the test moves past the deadline.
 *
 * Also the server's half of queued offline runs: a run the browser queued and
 * sends twice (a reconnect resending its queue) is judged once, and one sent
 * after the deadline is refused with 409 attempt_closed — the server's clock
 * decides, not when the browser made it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeUpSubmissionId } from '../../server/src/store/index.ts';
import { openStoreFile, submissionRowsOfAttempts } from './store-db.ts';
import { ApiClient, demoInvite, expectApiError, newId, PY_LOG_AGGREGATION, startTestServer, waitForResult, type TestServer } from '../support/server.ts';

const MINUTE = 60_000;
let offsetMs = 0;
/** The server's clock: the wall clock plus however far the test has moved it. */
const clock = () => new Date(Date.now() + offsetMs);

let server: TestServer;
let staff: ApiClient;

beforeAll(async () => {
  server = await startTestServer({}, undefined, { clock, deadlineSweepMs: 200 });
  staff = new ApiClient(server.url);
  await staff.login();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('time runs out with unsubmitted, changed code', () => {
  it('judges that draft once, and the staff total counts it', async () => {
    const invite = await demoInvite(staff, 'Time Up Tova');
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.token });
    const started = await candidate.post('/api/candidate/attempt/start');
    expect(started.status).toBe(200);
    const [logs, rooms] = started.body.assessment.challenges.map((c: { challengeVersionId: string }) => c.challengeVersionId);

    // Task 1: a wrong submission (sent twice, as a reconnecting browser resends its queue), then the right code typed and saved, never submitted.
    const wrong = { id: newId(), challengeVersionId: logs, kind: 'submit', language: 'python', source: 'print(0)\n' };
    const [first, resent] = await Promise.all([candidate.post('/api/candidate/submissions', wrong), candidate.post('/api/candidate/submissions', wrong)]);
    expect([first.status, resent.status].sort()).toEqual([200, 202]);
    expect((await waitForResult(candidate, wrong.id)).result).toMatchObject({ verdict: 'wrong_answer', score: 0 });
    const accepted = readFileSync(PY_LOG_AGGREGATION, 'utf8');
    expect((await candidate.put('/api/candidate/drafts', { challengeVersionId: logs, language: 'python', source: accepted, revision: 1 })).status).toBe(200);
    // Task 2: the saved draft is exactly what was submitted: nothing more to judge.
    const same = { id: newId(), challengeVersionId: rooms, kind: 'submit', language: 'python', source: 'print("no rooms")\n' };
    expect((await candidate.put('/api/candidate/drafts', { challengeVersionId: rooms, language: 'python', source: same.source, revision: 1 })).status).toBe(200);
    expect((await candidate.post('/api/candidate/submissions', same)).status).toBe(202);
    await waitForResult(candidate, same.id);

    const attempts = await staff.get(`/api/assessments/${invite.assessmentId}/attempts`);
    const attemptId: string = attempts.body.attempts.find((a: { inviteId: string }) => a.inviteId === invite.inviteId).id;
    expect(attempts.body.attempts.find((a: { id: string }) => a.id === attemptId).score).toBe(0);

    // The demo assessment gives 90 minutes.
    offsetMs += 91 * MINUTE;

    const timeUpId = timeUpSubmissionId(attemptId, logs);
    const judged = await until('the time-up submission to be judged and counted', async () => {
      const detail = await staff.get(`/api/attempts/${attemptId}`);
      const timeUp = detail.body.submissions?.find((s: { id: string }) => s.id === timeUpId);
      return timeUp?.status === 'done' && detail.body.attempt.score === 100 ? detail.body : undefined;
    });
    expect(judged.attempt).toMatchObject({ status: 'finished', score: 100, submissions: 3 });
    expect(judged.attempt.finishedAt).toBe(judged.attempt.deadlineAt);
    expect(judged.submissions.map((s: { id: string; origin: string }) => [s.id, s.origin])).toEqual([
      [wrong.id, 'candidate'],
      [same.id, 'candidate'],
      [timeUpId, 'time_up'],
    ]);
    expect(judged.submissions[2]).toMatchObject({ kind: 'submit', language: 'python', source: accepted, tries: 1, result: { verdict: 'accepted', score: 100 } });

    // The candidate sees it too, marked as the server's.
    const mine = await until('the candidate to see the result', async () => {
      const seen = (await candidate.get(`/api/candidate/submissions/${timeUpId}`)).body;
      return seen.status === 'done' ? seen : undefined;
    });
    expect(mine).toMatchObject({ origin: 'time_up', kind: 'submit', result: { verdict: 'accepted', score: 100 } });
    expect(((await candidate.get('/api/candidate/submissions')).body.submissions as { origin: string }[]).map((s) => s.origin)).toEqual(['candidate', 'candidate', 'time_up']);

    // Later sweeps add nothing: one row, one `submitted` event, judged once.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const db = await openStoreFile(server.dataDir);
    try {
      const rows = await submissionRowsOfAttempts(db, [attemptId]);
      expect(rows.map((r) => [r.id, r.status, r.tries])).toEqual([
        [wrong.id, 'done', 1],
        [same.id, 'done', 1],
        [timeUpId, 'done', 1],
      ]);
      const submitted = (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM attempt_events WHERE attempt_id = ? AND kind = 'submitted'", attemptId))!;
      expect(submitted.n).toBe(3);
    } finally {
      await db.close();
    }

    // A run queued offline and sent after the deadline is refused cleanly; a resend of an accepted one still answers.
    expectApiError(await candidate.post('/api/candidate/submissions', { ...wrong, id: newId() }), 409, 'attempt_closed');
    expect((await candidate.post('/api/candidate/submissions', wrong)).status).toBe(200);
    expectApiError(await candidate.put('/api/candidate/drafts', { challengeVersionId: logs, language: 'python', source: 'late', revision: 2 }), 409, 'attempt_closed');
  });

  it('gives a candidate who finished early nothing of the kind', async () => {
    const invite = await demoInvite(staff, 'Early Emil');
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.token });
    const started = await candidate.post('/api/candidate/attempt/start');
    const logs = started.body.assessment.challenges[0].challengeVersionId;
    expect((await candidate.put('/api/candidate/drafts', { challengeVersionId: logs, language: 'python', source: 'print(1)\n', revision: 1 })).status).toBe(200);
    expect((await candidate.post('/api/candidate/attempt/finish')).status).toBe(200);
    offsetMs += 91 * MINUTE;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await candidate.get('/api/candidate/submissions')).body.submissions).toEqual([]);
  });
});
