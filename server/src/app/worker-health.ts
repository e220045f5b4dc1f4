import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config/index.ts';
import { KODBRO_VERSION } from '../http/index.ts';
import type { Store } from '../store/index.ts';
import type { WorkerPool } from '../workers/index.ts';

/**
 * A worker process serves nothing but this: `GET /health` answers 200 while
 * the store and Docker answer (503 otherwise, so an orchestrator restarts or
 * drains it), with the worker's id, its Docker host and the queue's depth.
 * Everything else is 404. No body is read.
 */
export function listenForHealth(deps: { config: ServerConfig; store: Store; dockerState: { up: boolean }; pool: WorkerPool; logger: Logger }): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"A worker serves only GET /health"}}');
      return;
    }
    void (async () => {
      const store = await deps.store.ping().catch(() => false);
      const queue = store ? await deps.store.queueDepth().catch(() => undefined) : undefined;
      const docker = deps.dockerState.up;
      const body = {
        status: store && docker ? 'ok' : 'degraded',
        role: 'worker',
        worker: deps.pool.id,
        dockerHost: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock',
        store,
        docker,
        queue,
        workers: deps.config.workers,
        version: KODBRO_VERSION,
      };
      res.writeHead(store && docker ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    })().catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'health check failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
}
