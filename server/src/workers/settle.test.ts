import { describe, expect, it } from 'vitest';
import { KodbroError } from '../errors.ts';
import type { JudgeResult } from '../contracts/index.ts';
import { outcomeOfError, settle } from './settle.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const RESULT: JudgeResult = { verdict: 'wrong_answer', score: 30, tests: [], groups: [] };

describe('settle', () => {
  it('stores a judged result as it is, whatever the verdict', () => {
    expect(settle({ kind: 'judged', result: RESULT, differences: [] }, 1, NOW)).toEqual({ action: 'complete', result: RESULT, differences: [] });
  });

  it('hands an infrastructure failure back to the queue with a backoff that grows with the tries', () => {
    expect(settle({ kind: 'infrastructure_failed', reason: 'Docker failed to start a process' }, 1, NOW)).toEqual({
      action: 'fail',
      error: 'Docker failed to start a process',
      retryAt: new Date(NOW.getTime() + 2_000),
    });
    expect(settle({ kind: 'infrastructure_failed', reason: 'budget' }, 3, NOW)).toMatchObject({ action: 'fail', retryAt: new Date(NOW.getTime() + 8_000) });
  });

  it('puts an aborted judgement back without a verdict and without a retry delay', () => {
    expect(settle({ kind: 'aborted', reason: 'the server is stopping' }, 2, NOW)).toEqual({ action: 'release', reason: 'the server is stopping' });
  });
});

describe('outcomeOfError', () => {
  it('makes a refusal of the submission itself its result, shown like a compile error', () => {
    for (const code of ['language_not_allowed', 'source_too_large', 'language_unknown'] as const) {
      expect(outcomeOfError(new KodbroError(code, `refused: ${code}`))).toEqual({
        kind: 'judged',
        result: { verdict: 'compile_error', score: 0, tests: [], groups: [], compileOutput: `refused: ${code}` },
        differences: [],
      });
    }
  });

  it('counts anything else as our failure, never the candidate’s', () => {
    expect(outcomeOfError(new KodbroError('sandbox_failed', 'Docker did not start a process within 30 s'))).toEqual({
      kind: 'infrastructure_failed',
      reason: 'Docker did not start a process within 30 s',
    });
    expect(outcomeOfError(new Error('Challenge version x is missing'))).toEqual({ kind: 'infrastructure_failed', reason: 'Challenge version x is missing' });
    expect(outcomeOfError('weird')).toEqual({ kind: 'infrastructure_failed', reason: 'weird' });
  });
});
