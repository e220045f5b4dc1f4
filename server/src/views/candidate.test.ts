import { describe, expect, it } from 'vitest';
import type { JudgeResult } from '../contracts/index.ts';
import type { CheckerSpec } from '../challenges/index.ts';
import type { Assessment, Invite, Submission } from '../store/index.ts';
import { attemptStatus, toCandidateAttempt, toCandidateResult, toCandidateSubmission } from './candidate.ts';

const hidden: JudgeResult = {
  verdict: 'wrong_answer',
  score: 30,
  tests: [
    { id: 'h1', group: 'basic', verdict: 'accepted', timeMs: 12, memoryKb: 4000 },
    { id: 'h2', group: 'big', verdict: 'wrong_answer', timeMs: 873, memoryKb: 91234 },
  ],
  groups: [
    { id: 'basic', points: 30, earned: 30 },
    { id: 'big', points: 70, earned: 0 },
  ],
};

const samples = [{ id: 's1', input: Buffer.from('3\n1 2 3\n'), answer: Buffer.from('6\n') }];
const tokens = { kind: 'tokens', caseSensitive: false } as const;
const interactor: CheckerSpec = { kind: 'interactor', language: 'python', entry: 'i.py', files: [], args: [] };
const sampleRun: JudgeResult = {
  verdict: 'accepted',
  score: 100,
  tests: [{ id: 's1', group: 'samples', verdict: 'accepted', timeMs: 20, memoryKb: 3000, output: { stdout: '6\n', stderr: '', exitCode: 0, truncated: false } }],
  groups: [{ id: 'samples', points: 0, earned: 0 }],
};

describe('toCandidateResult', () => {
  const done = (kind: 'submit' | 'samples' | 'custom', result: JudgeResult) => ({ kind, status: 'done' as const, result });

  it('shows nothing of a hidden run when the assessment shows nothing', () => {
    expect(toCandidateResult(done('submit', hidden), 'none', undefined)).toEqual({});
  });

  it('shows only the verdict and score for "aggregate"', () => {
    expect(toCandidateResult(done('submit', hidden), 'aggregate', undefined)).toEqual({ verdict: 'wrong_answer', score: 30 });
  });

  it('adds passed counts per group for "samples", never a per-test line of a hidden test', () => {
    const view = toCandidateResult(done('submit', hidden), 'samples', undefined);
    expect(view).toEqual({
      verdict: 'wrong_answer',
      score: 30,
      groups: [
        { id: 'basic', points: 30, earned: 30, passed: 1, total: 1 },
        { id: 'big', points: 70, earned: 0, passed: 0, total: 1 },
      ],
    });
    expect(JSON.stringify(view)).not.toMatch(/873|91234|h2/);
  });

  it('shows sample runs in full, with the sample input and answer, whatever the visibility', () => {
    expect(toCandidateResult(done('samples', sampleRun), 'none', { samples, checker: tokens })).toEqual({
      verdict: 'accepted',
      tests: [{ id: 's1', verdict: 'accepted', timeMs: 20, memoryKb: 3000, input: '3\n1 2 3\n', expected: '6\n', output: { stdout: '6\n', stderr: '', exitCode: 0, truncated: false } }],
    });
  });

  it('shows an interactive sample run against its expected exchange, never the interactor’s input or answer', () => {
    const game = [{ id: 's1', input: Buffer.from('10 7\n'), answer: Buffer.from('7\n'), interaction: Buffer.from('<10\n>guess 7\n<correct\n') }];
    const view = toCandidateResult(done('samples', sampleRun), 'none', { samples: game, checker: interactor });
    expect(view?.tests?.[0]).toMatchObject({ id: 's1', expected: '<10\n>guess 7\n<correct\n' });
    expect(view?.tests?.[0]).not.toHaveProperty('input');
  });

  it('never shows operator text: a system error is only "could not be judged"', () => {
    // Not a judged result (older code stored none like it either): shown as "could not be judged", the text never.
    const broken = { ...hidden, verdict: 'system_error', systemError: 'checker crashed: secret path /data/x' };
    expect(toCandidateResult({ kind: 'submit', status: 'done', result: broken }, 'samples', undefined)).toEqual({ systemFailure: true });
    expect(toCandidateResult({ kind: 'submit', status: 'failed', result: null }, 'samples', undefined)).toEqual({ systemFailure: true });
    expect(toCandidateResult({ kind: 'submit', status: 'done', result: { nonsense: true } }, 'samples', undefined)).toEqual({ systemFailure: true });
  });

  it('has no result while queued or running', () => {
    expect(toCandidateResult({ kind: 'submit', status: 'queued', result: null }, 'samples', undefined)).toBeNull();
    expect(toCandidateResult({ kind: 'submit', status: 'running', result: null }, 'samples', undefined)).toBeNull();
  });
});

describe('toCandidateSubmission: times on the tick', () => {
  const stored = (kind: Submission['kind'], finishedAt: string | null): Submission => ({
    id: '6f1c3f7e-5d5b-4a55-9d3e-0d6a7f1a2b3c',
    orgId: 'org' as Submission['orgId'],
    attemptId: 'attempt' as Submission['attemptId'],
    challengeVersionId: '0a5f4178-2d61-4162-a7fb-b5d992237121',
    kind,
    origin: 'candidate',
    language: 'python',
    source: 'print(1)',
    customInput: kind === 'custom' ? '1' : null,
    status: finishedAt ? 'done' : 'running',
    result: finishedAt ? hidden : null,
    differences: null,
    error: null,
    tries: 1,
    createdAt: new Date('2026-11-23T12:00:00.640Z'),
    updatedAt: new Date('2026-11-23T12:00:03.210Z'),
    startedAt: new Date('2026-11-23T12:00:00.700Z'),
    finishedAt: finishedAt ? new Date(finishedAt) : null,
  });
  const at = (iso: string) => ({ now: new Date(iso), tickMs: 1000 });

  it('rounds the creation down and the end up to the tick', () => {
    const view = toCandidateSubmission(stored('submit', '2026-11-23T12:00:03.210Z'), 'aggregate', undefined, undefined, at('2026-11-23T12:00:04.000Z'));
    expect(view).toMatchObject({ status: 'done', createdAt: '2026-11-23T12:00:00.000Z', finishedAt: '2026-11-23T12:00:04.000Z', result: { verdict: 'wrong_answer', score: 30 } });
  });

  it('shows a hidden run that ended after the last tick as still running, with no result', () => {
    const view = toCandidateSubmission(stored('submit', '2026-11-23T12:00:03.210Z'), 'aggregate', undefined, undefined, at('2026-11-23T12:00:03.900Z'));
    expect(view).toMatchObject({ status: 'running', finishedAt: null, result: null });
  });

  it('tells the candidate’s own runs at once, with the end rounded up', () => {
    const view = toCandidateSubmission(stored('custom', '2026-11-23T12:00:03.210Z'), 'none', undefined, undefined, at('2026-11-23T12:00:03.300Z'));
    expect(view).toMatchObject({ status: 'done', finishedAt: '2026-11-23T12:00:04.000Z' });
  });
});

describe('attemptStatus', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('follows the server clock, not the client', () => {
    expect(attemptStatus(undefined, now)).toBe('not_started');
    expect(attemptStatus({ finishedAt: null, deadlineAt: new Date('2026-11-23T12:00:01Z') }, now)).toBe('in_progress');
    expect(attemptStatus({ finishedAt: null, deadlineAt: now }, now)).toBe('finished');
    expect(attemptStatus({ finishedAt: new Date('2026-11-23T11:00:00Z'), deadlineAt: new Date('2026-11-24T00:00:00Z') }, now)).toBe('finished');
  });
});

describe('toCandidateAttempt: what the test holds, before the timer starts', () => {
  const invite = { id: 'i', candidateName: 'Amina', preferredLanguage: null, extraMinutes: 0, expiresAt: null } as Invite;
  const assessment = {
    title: 'Backend',
    timeLimitMinutes: 90,
    secondLanguagePercent: 25,
    closesAt: new Date('2026-12-01T00:00:00Z'),
    resultsVisibility: 'aggregate',
    challenges: [
      {
        position: 0,
        challengeId: 'c1',
        challengeVersionId: '0a5f4178-2d61-4162-a7fb-b5d992237121',
        version: 1,
        title: 'Log aggregation',
        meta: { title: { en: 'Log aggregation', sv: 'Loggsammanställning', ar: 'تجميع السجلات' }, languages: ['python', 'cpp'], checker: 'tokens' },
      },
      // A version stored without listing JSON: the primary title still shows, the rest is empty.
      { position: 1, challengeId: 'c2', challengeVersionId: '6f1c3f7e-5d5b-4a55-9d3e-0d6a7f1a2b3c', version: 3, title: 'Old', meta: null },
    ],
  } as unknown as Assessment;

  it('sends every title the package has, the languages per task, and the scoring rule', () => {
    const view = toCandidateAttempt(invite, assessment, undefined, [], new Date('2026-11-23T12:00:00Z'));
    expect(view.assessment.scoring).toBe('best');
    expect(view.assessment.challenges).toEqual([
      {
        position: 0,
        challengeVersionId: '0a5f4178-2d61-4162-a7fb-b5d992237121',
        title: 'Log aggregation',
        titles: { en: 'Log aggregation', sv: 'Loggsammanställning', ar: 'تجميع السجلات' },
        languages: ['python', 'cpp'],
      },
      { position: 1, challengeVersionId: '6f1c3f7e-5d5b-4a55-9d3e-0d6a7f1a2b3c', title: 'Old', titles: {}, languages: [] },
    ]);
  });

  it("shows this candidate's own time and end: the second-language share, the invite's minutes, an extended invite's end", () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(toCandidateAttempt(invite, assessment, undefined, [], now).assessment).toMatchObject({ timeLimitMinutes: 90, closesAt: '2026-12-01T00:00:00.000Z' });
    // Swedish is a statement language of the first task only: the second task is read in another language.
    const swedish = { ...invite, preferredLanguage: 'sv', extraMinutes: 10, expiresAt: new Date('2026-12-05T00:00:00Z') };
    expect(toCandidateAttempt(swedish, assessment, undefined, [], now).assessment).toMatchObject({ timeLimitMinutes: 123, closesAt: '2026-12-05T00:00:00.000Z' });
  });
});
