export { judgeSubmission, judgingBudgetMs, sanitiseText, wallClockFor } from './judge.ts';
export type { JudgeDeps, JudgeOptions, JudgeOutcome, Submission } from './judge.ts';
export { checkOutput, tokenize, withinTolerance } from './checkers.ts';
export type { CheckResult } from './checkers.ts';
export { scoreGroups, overallVerdict } from './scoring.ts';
export { runFailure } from './run-verdict.ts';
export { checkSolutions } from './validate.ts';
export type { SolutionCheck } from './validate.ts';
export type { RunObservation } from './run-verdict.ts';
