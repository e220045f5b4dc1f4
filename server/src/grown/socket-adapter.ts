import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Logger } from 'pino';
import type { ServerOptions } from 'socket.io';

/**
 * socket.io's PostgreSQL adapter: an event emitted to a room in any process
 * (a worker's progress, a web process's draft acknowledgement) reaches the
 * sockets in that room on every web process. One more service is not needed:
 * it uses the store's database (LISTEN/NOTIFY, and the socket_io_attachments
 * table for large payloads, made by the store's migration).
 */
export function postgresSocketAdapter(url: string, log: Logger): { adapter: NonNullable<Partial<ServerOptions>['adapter']>; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'kodbro-sockets' });
  pool.on('error', (error) => log.warn({ err: error }, 'socket adapter connection failed'));
  const adapter = createAdapter(pool, {
    errorHandler: (error) => log.warn({ err: error }, 'socket adapter failed'),
  }) as unknown as NonNullable<Partial<ServerOptions>['adapter']>;
  return { adapter, close: () => pool.end() };
}
