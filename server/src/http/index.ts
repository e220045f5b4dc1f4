/** The HTTP API: the express application over the route table, and what it needs from the composition root. */
export { createHttpApp } from './app.ts';
export { API_ROUTES } from './routes/index.ts';
export type { AppDeps } from './deps.ts';
