import { healthSchema } from '../../contracts/index.ts';
import { route, withStatus } from '../route.ts';

export const KODBRO_VERSION = '0.1.0';

export const healthRoutes = [
  route({
    method: 'get',
    path: '/api/health',
    summary: 'Whether the store and Docker answer, the queue depth, this process\'s role, its worker count and its event loop\'s longest recent delay',
    tag: 'health',
    access: 'public',
    status: 200,
    response: healthSchema,
    async handler({ deps }) {
      const store = await deps.store.ping().catch(() => false);
      const queue = store ? await deps.store.queueDepth() : { queued: 0, delayed: 0, running: 0 };
      const docker = deps.dockerState.up;
      // A web process judges nothing: Docker is its workers' concern (their own /health).
      const role = deps.config.role;
      const judging = role === 'web' || docker;
      const workers = role === 'web' ? 0 : deps.config.workers;
      const body = { status: store && judging ? ('ok' as const) : ('degraded' as const), role, store, docker, queue, workers, eventLoopDelayMs: Math.round(deps.loopDelayMs()), version: KODBRO_VERSION };
      // 503 tells a load balancer to look elsewhere; the body still says why.
      return withStatus(store ? 200 : 503, body);
    },
  }),
];
