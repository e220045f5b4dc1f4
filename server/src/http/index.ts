/**
 * The HTTP side: the express application over the route table, what it needs
 * from the composition root, and the limits on the node server it runs on.
 */
export { createHttpApp } from './app.ts';
export { API_ROUTES } from './routes/index.ts';
export type { AppDeps } from './deps.ts';
export { DEFAULT_BODY_RATE, guardBodyRate } from './body-rate.ts';
export { applyServerLimits, serverOptions } from './server-limits.ts';
export { KODBRO_VERSION } from './routes/health.ts';
export { watchLoopDelay, type LoopDelay } from './loop-delay.ts';
