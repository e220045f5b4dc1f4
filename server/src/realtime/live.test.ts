import { describe, expect, it } from 'vitest';
import { candidateProgress } from './live.ts';

describe('candidateProgress', () => {
  const submit = { submissionId: 'a', kind: 'submit' as const };
  const samples = { submissionId: 'b', kind: 'samples' as const };

  it('tells a candidate how far a hidden run got, never a hidden verdict', () => {
    expect(candidateProgress(submit, { type: 'testing', index: 3, total: 20 })).toEqual({ submissionId: 'a', kind: 'submit', stage: 'testing', index: 3, total: 20 });
    expect(candidateProgress(submit, { type: 'test_done', index: 3, total: 20, verdict: 'wrong_answer' })).toBeUndefined();
  });

  it('gives per-test verdicts of their own runs', () => {
    expect(candidateProgress(samples, { type: 'test_done', index: 1, total: 2, verdict: 'wrong_answer' })).toMatchObject({ stage: 'testing', verdict: 'wrong_answer' });
  });

  it('never forwards retry reasons or the raw result', () => {
    expect(candidateProgress(submit, { type: 'retrying', attempt: 1, reason: 'docker said /var/lib/x' })).toEqual({ submissionId: 'a', kind: 'submit', stage: 'retrying' });
    expect(candidateProgress(submit, { type: 'done', result: { verdict: 'accepted', score: 100, tests: [], groups: [] } })).toBeUndefined();
  });
});
