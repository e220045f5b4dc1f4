export { judgeSubmission, wallClockFor } from './judge.ts';
export type { JudgeDeps, JudgeOutcome } from './judge.ts';
export { checkSolutions } from './validate.ts';
