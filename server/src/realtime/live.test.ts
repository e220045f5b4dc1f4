import { describe, expect, it } from 'vitest';
import type { JudgeEvent } from '../contracts/index.ts';
import { candidateProgress, hiddenProgress } from './live.ts';

describe('candidateProgress', () => {
  const submit = { submissionId: 'a', kind: 'submit' as const };
  const samples = { submissionId: 'b', kind: 'samples' as const };

  it('forwards nothing of a hidden run as it happens: that goes through the tick', () => {
    const events: JudgeEvent[] = [
      { type: 'compiling' },
      { type: 'testing', index: 3, total: 20 },
      { type: 'test_done', index: 3, total: 20, verdict: 'wrong_answer' },
      { type: 'retrying', attempt: 1, reason: 'docker said /var/lib/x' },
      { type: 'done', result: { verdict: 'accepted', score: 100, tests: [], groups: [] } },
    ];
    for (const event of events) expect(candidateProgress(submit, event)).toBeUndefined();
  });

  it('gives per-test progress and verdicts of their own runs, live', () => {
    expect(candidateProgress(samples, { type: 'testing', index: 1, total: 2 })).toEqual({ submissionId: 'b', kind: 'samples', stage: 'testing', index: 1, total: 2 });
    expect(candidateProgress(samples, { type: 'test_done', index: 1, total: 2, verdict: 'wrong_answer' })).toMatchObject({ stage: 'testing', verdict: 'wrong_answer' });
  });

  it('never forwards retry reasons or the raw result', () => {
    expect(candidateProgress(samples, { type: 'retrying', attempt: 1, reason: 'docker said /var/lib/x' })).toEqual({ submissionId: 'b', kind: 'samples', stage: 'retrying' });
    expect(candidateProgress(samples, { type: 'done', result: { verdict: 'accepted', score: 100, tests: [], groups: [] } })).toBeUndefined();
  });
});

describe('hiddenProgress', () => {
  it('is a stage and a count of finished tests, never which test', () => {
    expect(hiddenProgress({ attemptId: 'x', submissionId: 'a', stage: 'testing', finished: 4, total: 20 })).toEqual({ submissionId: 'a', kind: 'submit', stage: 'testing', finished: 4, total: 20 });
    expect(hiddenProgress({ attemptId: 'x', submissionId: 'a', stage: 'compiling', finished: 0, total: undefined })).toEqual({ submissionId: 'a', kind: 'submit', stage: 'compiling' });
  });
});
