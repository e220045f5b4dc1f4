/** Judging a solution as a candidate would, for server tests: an assessment, an invite, a started attempt, a submission. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ApiClient, waitForResult, type TestServer } from './server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An assessment of one challenge, an invite, a started attempt: what judging a solution needs. */
export async function startedAttempt(server: TestServer, staff: ApiClient, challengeId: string) {
  const assessment = await staff.post('/api/assessments', {
    title: `Round ${randomUUID().slice(0, 8)}`,
    timeLimitMinutes: 60,
    opensAt: new Date(Date.now() - DAY_MS).toISOString(),
    closesAt: new Date(Date.now() + DAY_MS).toISOString(),
    resultsVisibility: 'aggregate',
    challengeIds: [challengeId],
  });
  expect(assessment.status, JSON.stringify(assessment.body)).toBe(201);
  const invite = await staff.post(`/api/assessments/${assessment.body.id}/invites`, { candidateName: 'Round Trip' });
  const candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: invite.body.token });
  const started = await candidate.post('/api/candidate/attempt/start');
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return { assessmentId: assessment.body.id as string, versionId: assessment.body.challenges[0].challengeVersionId as string, candidate };
}

/** Submits and waits; answers with what judging decided, as staff see it, without times and ids that may differ. */
export async function judgedAs(staff: ApiClient, attempt: Awaited<ReturnType<typeof startedAttempt>>, source: string) {
  const sent = await attempt.candidate.post('/api/candidate/submissions', { id: randomUUID(), challengeVersionId: attempt.versionId, kind: 'submit', language: 'python', source });
  expect(sent.status, JSON.stringify(sent.body)).toBe(202);
  await waitForResult(attempt.candidate, sent.body.id, 180_000);
  const attempts = await staff.get(`/api/assessments/${attempt.assessmentId}/attempts`);
  const attemptId = attempts.body.attempts[0].id as string;
  const submissions = await staff.get(`/api/attempts/${attemptId}/submissions`);
  const submission = submissions.body.submissions.find((s: { id: string }) => s.id === sent.body.id);
  const result = submission.result;
  return {
    verdict: result.verdict,
    score: result.score,
    groups: result.groups.map((g: { points: number; earned: number }) => [g.points, g.earned]),
    tests: result.tests.map((t: { verdict: string }) => t.verdict),
  };
}

