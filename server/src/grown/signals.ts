import pg from 'pg';
import type { Logger } from 'pino';

/** The channel a new job is announced on. */
const JOBS_CHANNEL = 'kodbro_jobs';
/** After a lost connection, listen again after this long (and look for work meanwhile: see onWake). */
const RECONNECT_MS = 1000;

/**
 * Job wake-ups between processes by PostgreSQL's LISTEN/NOTIFY: a web
 * process that queues a job announces it, and every worker process's idle
 * workers look at once instead of at their next poll. A lost notification
 * costs one poll interval, never a job: the queue in the table is the truth.
 */
export interface JobSignals {
  /** Tells every listening process that a job waits. */
  announce(): void;
  /** Calls `wake` on every announcement (and once after each reconnection, for what was missed). */
  listen(wake: () => void): Promise<void>;
  close(): Promise<void>;
}

export function jobSignals(url: string, log: Logger): JobSignals {
  // Announcing uses short-lived queries on a small pool of its own; listening holds one connection.
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'kodbro-signals' });
  pool.on('error', (error) => log.warn({ err: error }, 'job signal connection failed'));
  let listener: pg.Client | undefined;
  let closed = false;
  let pending = false;

  const connect = async (wake: () => void): Promise<void> => {
    const client = new pg.Client({ connectionString: url, application_name: 'kodbro-listen' });
    client.on('notification', () => wake());
    client.on('error', (error) => {
      log.warn({ err: error }, 'job signal listener lost its connection; listening again');
      void client.end().catch(() => undefined);
      if (listener === client) listener = undefined;
      retry(wake);
    });
    await client.connect();
    await client.query(`LISTEN ${JOBS_CHANNEL}`);
    if (closed) {
      await client.end();
      return;
    }
    listener = client;
    wake();
  };

  const retry = (wake: () => void) => {
    if (closed) return;
    setTimeout(() => {
      connect(wake).catch((error: unknown) => {
        log.warn({ err: error }, 'job signal listener could not connect; trying again');
        retry(wake);
      });
    }, RECONNECT_MS).unref();
  };

  return {
    announce() {
      // Many jobs at once (a class pressing Submit) need one announcement in flight, not one each.
      if (pending || closed) return;
      pending = true;
      pool
        .query(`NOTIFY ${JOBS_CHANNEL}`)
        .catch((error: unknown) => log.warn({ err: error }, 'announcing a job failed (workers find it at their next poll)'))
        .finally(() => (pending = false));
    },
    listen: (wake) => connect(wake),
    async close() {
      closed = true;
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
