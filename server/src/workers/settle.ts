import type { JudgeResult, TestDifference } from '../contracts/index.ts';
import { isKodbroError } from '../errors.ts';
import type { JudgeOutcome } from '../judge/index.ts';
import { retryAt } from '../store/index.ts';

/** What the queue is told about one claimed job. */
export type Settlement =
  /** The run produced a verdict: store it. */
  | { action: 'complete'; result: JudgeResult; differences: TestDifference[] }
  /** Our infrastructure failed: the queue tries again at `retryAt`, or marks it failed after its last try. */
  | { action: 'fail'; error: string; retryAt: Date }
  /** We stopped it on purpose (shutdown): back in the queue at once, the try not charged. */
  | { action: 'release'; reason: string };

/**
 * The one place that turns a judgement's outcome into a queue action, by its
 * kind: no verdict is read back to guess what happened.
 *
 * @example settle({ kind: 'infrastructure_failed', reason: 'Docker …' }, 1, now) // fail, retry at now + 2 s
 */
export function settle(outcome: JudgeOutcome, tries: number, now: Date): Settlement {
  switch (outcome.kind) {
    case 'judged':
      return { action: 'complete', result: outcome.result, differences: outcome.differences };
    case 'infrastructure_failed':
      return { action: 'fail', error: outcome.reason, retryAt: retryAt(now, tries) };
    case 'aborted':
      return { action: 'release', reason: outcome.reason };
  }
}

/**
 * An error thrown on the way to an outcome (loading the challenge, the
 * judge's refusals). A refusal of the submission itself — a language the
 * challenge does not allow, a source too large — is its result, shown like a
 * compile error; anything else is ours.
 */
export function outcomeOfError(error: unknown): JudgeOutcome {
  if (isKodbroError(error, 'language_not_allowed') || isKodbroError(error, 'source_too_large') || isKodbroError(error, 'language_unknown')) {
    return { kind: 'judged', result: { verdict: 'compile_error', score: 0, tests: [], groups: [], compileOutput: error.message }, differences: [] };
  }
  return { kind: 'infrastructure_failed', reason: error instanceof Error ? error.message : String(error) };
}
