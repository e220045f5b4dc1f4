export { judgeLimitsFromEnv, DEFAULT_JUDGE_LIMITS } from './limits.ts';
export type { JudgeLimits } from './limits.ts';
export { configFromEnv, isLoopbackAddress, DEFAULT_DEMO_PASSWORD, REPO_ROOT } from './server.ts';
export type { PackageLimits, ServerConfig } from './server.ts';
