export { judgeLimitsSchema, judgeLimitsFromEnv, DEFAULT_JUDGE_LIMITS } from './limits.ts';
export type { JudgeLimits } from './limits.ts';
