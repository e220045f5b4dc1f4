import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { candidateReads } from '../attempts/index.ts';
import { originPolicy } from '../auth/index.ts';
import { openCatalog } from '../catalog/index.ts';
import type { ServerConfig } from '../config/index.ts';
import { API_ROUTES, applyServerLimits, createHttpApp, DEFAULT_BODY_RATE, guardBodyRate, serverOptions, watchLoopDelay, type AppDeps, type LoopDelay } from '../http/index.ts';
import { Server as SocketServer } from 'socket.io';
import { attachSockets, createLive } from '../realtime/index.ts';
import { loadResultsKey } from '../results/index.ts';
import { buildImages, createBoxPool, createDockerClient, dockerAnswers, reapExpired, startReaper } from '../sandbox/index.ts';
import { seedDemo, seedDemoResults, type DemoSeed } from '../seed/index.ts';
import { jobSignals, postgresSocketAdapter } from '../grown/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { startWorkerPool, type WorkerPool } from '../workers/index.ts';
import { listenForHealth } from './worker-health.ts';

export interface RunningServer {
  /**
   * Where it listens, e.g. http://127.0.0.1:3000 (the real port when 0 was
   * asked for); a worker process's health endpoint.
   */
  url: string;
  config: ServerConfig;
  store: Store;
  /** None in a web process. */
  pool: WorkerPool | undefined;
  logger: Logger;
  demo: DemoSeed | undefined;
  dockerUp(): boolean;
  /**
   * Stops listening, stops the worker pool (running jobs get the configured
   * grace time, then are stopped and re-queued untried), and only then closes
   * the store.
   */
  close(): Promise<void>;
}

const DOCKER_CHECK_MS = 5000;
const GROWN_POLL_MS = 2000;
const REAP_INTERVAL_MS = 60_000;
const DEADLINE_SWEEP_MS = 10_000;
const DEADLINE_SWEEP_BATCH = 5;

/**
 * The composition root: opens (and migrates) the store, re-queues jobs a dead
 * process left running, checks Docker, seeds the demo, and starts HTTP,
 * socket.io and the worker pool. Docker being away is not fatal: the server
 * says so and jobs wait in the queue.
 *
 * KODBRO_ROLE splits it (docs/scaling.md): a web process serves HTTP and
 * sockets and judges nothing; a worker process judges and serves only its
 * health. With PostgreSQL, job wake-ups (LISTEN/NOTIFY) and socket events
 * (socket.io's PostgreSQL adapter) cross processes, and a job whose worker
 * died is judged again when its lease runs out.
 */
export interface StartOptions {
  logger?: Logger;
  /** The server's clock (tests move it to make time run out); the wall clock by default. */
  clock?: () => Date;
  /** How often attempts whose time ran out are finished (default 10 s). */
  deadlineSweepMs?: number;
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'kodbro', role: config.role } });
  const clock = options.clock ?? (() => new Date());
  const judges = config.role !== 'web';
  const serves = config.role !== 'worker';
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    maxTries: config.maxTries,
    leaseMs: config.leaseMs,
    clock,
    quotas: config.quotas,
    applicationName: `kodbro-${config.role}`,
  });
  // One machine, one process: whatever is marked running was this store's last process's. In grown mode other
  // workers may be judging right now; a dead one's jobs come back when their leases run out.
  if (!config.databaseUrl) {
    const requeued = await store.requeueRunning();
    if (requeued.requeued + requeued.failed > 0) logger.warn(requeued, 'jobs left running by the previous process: re-queued (or failed when out of tries)');
  }
  const signals = config.databaseUrl ? jobSignals(config.databaseUrl, logger) : undefined;
  const sockets = config.databaseUrl ? postgresSocketAdapter(config.databaseUrl, logger) : undefined;

  const docker = createDockerClient();
  const dockerState = { up: judges && (await dockerAnswers(docker)) };
  if (dockerState.up) await reapExpired(docker).catch((error: unknown) => logger.warn({ err: error }, 'reaping old sandbox containers failed'));
  // A worker on a Docker host of its own (DOCKER_HOST) builds the runner images that host lacks, with the same
  // content-hash tags, before it takes a job. On one machine `npm start`'s setup has built them already.
  if (dockerState.up && config.role === 'worker') {
    const built = await buildImages(docker, { progress: (line) => logger.info({ image: line }, 'building runner images') });
    if (built.length > 0) logger.info({ built }, 'runner images built on this Docker host');
  }
  if (!dockerState.up && judges) logger.error('DOCKER IS NOT REACHABLE: the server runs, but submissions wait in the queue until Docker answers');

  const catalog = await openCatalog({ store, dataDir: config.dataDir, judgeLimits: config.judge, limits: config.packages });
  const demo = config.seedDemo && serves ? await seedDemo(store, catalog, config.demoPassword, clock()) : undefined;
  if (demo?.published.length) logger.info({ published: demo.published }, 'sample challenges published');
  if (demo && config.demoResults && (await seedDemoResults({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, quotas: config.quotas, orgId: demo.organisation.id, now: clock() }))) {
    logger.info('the finished demo assessment and its candidates are made; their submissions are judged now');
  }

  const reads = candidateReads(store, catalog, clock, config.progressTickMs);
  const live = createLive(store, reads, clock, logger, config.progressTickMs);
  // Warm boxes for the languages this process judges (the pool fills an image's share on its first use).
  const boxes = judges && config.judge.warmBoxes > 0 ? createBoxPool(docker, { perImage: config.judge.warmBoxes }) : undefined;
  const pool = judges
    ? startWorkerPool(config.workers, {
        store,
        catalog,
        docker,
        limits: config.judge,
        boxes,
        live,
        log: logger,
        clock,
        dockerUp: () => dockerState.up,
        // New jobs announce themselves across processes; the poll is for retries and expired leases.
        ...(signals ? { pollMs: GROWN_POLL_MS } : {}),
      })
    : undefined;
  if (pool && signals) await signals.listen(pool.wake);
  const wakeWorkers = () => {
    pool?.wake();
    signals?.announce();
  };

  let httpServer: HttpServer;
  let io: SocketServer;
  // For /api/health; a worker process's own /health does not report it.
  let loopDelay: LoopDelay | undefined;
  if (serves) {
    loopDelay = watchLoopDelay();
    const origin = originPolicy(() => config.publicUrl, config.allowedHosts);
    const deps: AppDeps = { config, origin, store, catalog, reads, docker, dockerState, loopDelayMs: loopDelay.maxMs, live, clock, logger, wakeWorkers, resultsKey: loadResultsKey(config.dataDir) };
    const app = createHttpApp(deps, API_ROUTES);
    httpServer = createServer(serverOptions(), app);
    applyServerLimits(httpServer, config.maxConnections);
    io = attachSockets(httpServer, deps, logger, sockets?.adapter);
    // After socket.io, so its long-polling bodies are watched too.
    guardBodyRate(httpServer, DEFAULT_BODY_RATE, (req) =>
      // API paths only: a page path may hold an invite token.
      logger.warn({ method: req.method, path: req.url?.startsWith('/api/') ? req.url.split('?')[0] : undefined }, 'request body too slow: cut off'),
    );
  } else {
    // A worker's progress reaches candidates through the adapter: a socket.io server with no sockets of its own.
    io = new SocketServer(sockets ? { adapter: sockets.adapter } : {});
    httpServer = listenForHealth({ config, store, dockerState, pool: pool!, logger });
  }
  live.attach(io);

  const stopReaper = judges ? startReaper(docker, REAP_INTERVAL_MS, (error) => logger.warn({ err: error }, 'reaper failed')) : () => undefined;
  // Only a process that judges watches Docker.
  const dockerTimer = judges
    ? setInterval(() => {
        void dockerAnswers(docker).then((up) => {
          if (up !== dockerState.up) {
            if (up) logger.info('Docker answers again: judging resumes');
            else logger.error('DOCKER IS NOT REACHABLE: submissions wait in the queue until it answers');
            dockerState.up = up;
            if (up) pool?.wake();
          }
        });
      }, DOCKER_CHECK_MS).unref()
    : undefined;

  // Time is up by the server's clock: record it, judge the drafts that changed since their last submission,
  // and tell the candidate's page and the recruiters watching. A few attempts per transaction, yielding
  // between them: many attempts may share a deadline (the assessment closing), and each may copy up to
  // one 256 KB draft per task. Several web processes may sweep: each attempt is finished once, in a transaction.
  const sweepDeadlines = async () => {
    for (;;) {
      const finished = await store.finishExpiredAttempts(DEADLINE_SWEEP_BATCH);
      for (const { attempt, timeUp } of finished) {
        for (const submission of timeUp) live.queued(attempt.orgId, attempt.id, submission.id);
        live.attemptChanged(attempt.orgId, attempt.id, 'finished');
      }
      const submitted = finished.reduce((n, f) => n + f.timeUp.length, 0);
      if (submitted > 0) {
        logger.info({ attempts: finished.length, submissions: submitted }, 'time ran out: changed drafts submitted');
        wakeWorkers();
      }
      if (finished.length < DEADLINE_SWEEP_BATCH || closing) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  let sweeping = false;
  // Web processes sweep; a worker has no sockets to tell.
  const deadlineTimer = serves
    ? setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        sweepDeadlines()
          .catch((error: unknown) => logger.warn({ err: error }, 'finishing expired attempts failed'))
          .finally(() => (sweeping = false));
      }, options.deadlineSweepMs ?? DEADLINE_SWEEP_MS).unref()
    : undefined;

  await listen(httpServer, serves ? config.port : config.workerHealthPort, config.host);
  const port = (httpServer.address() as AddressInfo).port;
  const url = listenUrl(config.host, port);
  // PORT=0 (tests) picks a free port: links, and the Host and Origin checks, must name the real one.
  if (serves && config.port === 0 && config.publicUrl.endsWith(':0')) config.publicUrl = `${config.publicUrl.slice(0, -2)}:${port}`;
  logger.info({ url, role: config.role, workers: pool ? config.workers : 0, store: config.databaseUrl ? 'postgres' : config.dataDir, docker: dockerState.up }, serves ? 'Kodbro is listening' : 'Kodbro worker is judging');

  let closing: Promise<void> | undefined;
  return {
    url,
    config,
    store,
    pool,
    logger,
    demo,
    dockerUp: () => dockerState.up,
    close() {
      closing ??= (async () => {
        clearInterval(dockerTimer);
        clearInterval(deadlineTimer);
        loopDelay?.stop();
        live.stop();
        stopReaper();
        if (serves) {
          await new Promise<void>((resolve) => {
            void io.close(() => resolve());
            httpServer.closeAllConnections();
          });
        } else {
          // A detached socket.io server has no engine to close: only its adapter (heartbeats, listeners).
          await io.of('/').adapter.close();
          await new Promise<void>((resolve) => {
            httpServer.close(() => resolve());
            httpServer.closeAllConnections();
          });
        }
        // No worker may write once the store is closed: the pool is stopped first, all the way.
        await pool?.stop(config.shutdownGraceMs);
        await boxes?.close();
        await signals?.close();
        await sockets?.close();
        await catalog.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/** Where this machine reaches the server: a wildcard address is reached on loopback. */
function listenUrl(host: string, port: number): string {
  const address = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

function listen(server: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
