import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { KodbroError } from '../errors.ts';
import type { StoreQuotas } from '../store/index.ts';
import { judgeLimitsFromEnv, type JudgeLimits } from './limits.ts';

/** The repository root: where `npm start` runs and the default data folder lives. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

const MB = 1024 * 1024;

/** A yes/no variable; undefined when it is not set, so a default can depend on other settings. */
const optionalFlag = () =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === '1' || value === 'true' || value === 'yes'));

/** The demo login's password when none is set: printed in the README, so never good enough for a public server. */
export const DEFAULT_DEMO_PASSWORD = 'kodbro-demo-2026';

/** Whether a listen address (HOST) is a loopback address: only this machine can connect. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** `a.example, b.example:8080` → entries; each a host name or address with an optional port. */
const hostList = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry.length > 0))
  .pipe(z.array(z.string().regex(/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/, 'host or host:port, comma-separated')).max(50));

/**
 * Everything the server reads from its environment, parsed once at start-up.
 * Defaults give a working system on one machine.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Loopback by default: expose it on purpose (HOST=0.0.0.0 behind TLS). */
  HOST: z.string().min(1).default('127.0.0.1'),
  KODBRO_DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'data')),
  /** PostgreSQL instead of the SQLite file in the data folder (grown mode, docs/scaling.md). */
  KODBRO_DATABASE_URL: z
    .string()
    .regex(/^postgres(?:ql)?:\/\/\S+$/, 'a postgres:// or postgresql:// connection URL')
    .optional(),
  /** web: HTTP and sockets, judges nothing; worker: judges, serves only /health; all: both (one machine). */
  KODBRO_ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  /**
   * How long a claimed job stays its worker's without a renewal (renewed every third of it): after a worker
   * dies, its jobs wait this long before another worker takes them.
   */
  KODBRO_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(60),
  /** A worker's health endpoint port (role worker); 0 picks a free one. */
  KODBRO_WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65_535).default(3100),
  /** The address people open; links in invites start with it. */
  KODBRO_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** More `Host` names to answer for (a proxy that rewrites Host); the public URL's host is always allowed. */
  KODBRO_ALLOWED_HOSTS: hostList,
  /** Open TCP connections at once (HTTP keep-alive and WebSockets); more are refused until some close. */
  KODBRO_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  KODBRO_WORKERS: z.coerce.number().int().min(0).max(256).default(os.availableParallelism()),
  /** Runs (submit, samples, custom) one attempt may start per minute. */
  KODBRO_RUNS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Draft saves one attempt may make at once, then per minute (every device and transport together). */
  KODBRO_DRAFT_SAVE_BURST: z.coerce.number().int().min(1).max(10_000).default(10),
  KODBRO_DRAFT_SAVES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Replay history (draft edits and snapshots, connection changes) one attempt keeps. */
  KODBRO_HISTORY_KB_PER_ATTEMPT: z.coerce.number().int().min(16).max(1024 * 1024).default(4096),
  /** Source, custom input and results one attempt's runs may store; sample and custom runs may use three quarters. */
  KODBRO_RUN_STORAGE_KB_PER_ATTEMPT: z.coerce.number().int().min(512).max(16 * 1024 * 1024).default(32 * 1024),
  /** Devices (sessions) one invite may have at once; opening it on one more ends the oldest. */
  KODBRO_SESSIONS_PER_INVITE: z.coerce.number().int().min(1).max(1000).default(5),
  KODBRO_INVITES_PER_ASSESSMENT: z.coerce.number().int().min(1).max(100_000).default(2000),
  /** How often hidden-test progress reaches candidates, and what their timestamps are rounded to (docs/security.md). */
  KODBRO_PROGRESS_TICK_MS: z.coerce.number().int().min(1000).max(60_000).default(1000),
  KODBRO_SESSION_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(12),
  /** Sign-in tries per address and e-mail per 15 minutes; candidate code tries per address. */
  KODBRO_LOGIN_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
  KODBRO_CODE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Public reads of shared results (and of the key that verifies them) per address per 15 minutes. */
  KODBRO_RESULT_READ_LIMIT: z.coerce.number().int().min(1).max(100_000).default(300),
  KODBRO_MAX_TRIES: z.coerce.number().int().min(1).max(20).default(3),
  /** At SIGTERM, how long running judgements may finish before they are stopped and re-queued. */
  KODBRO_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Defaults to yes only on a loopback HOST: the demo login is a known account. */
  KODBRO_SEED_DEMO: optionalFlag(),
  KODBRO_DEMO_PASSWORD: z.string().min(8).max(200).default(DEFAULT_DEMO_PASSWORD),
  /** With the demo: a finished demo assessment with scored candidates (judged by the workers at start). Defaults to the demo's setting. */
  KODBRO_DEMO_RESULTS: optionalFlag(),
  KODBRO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Number of proxy hops to trust for the client address (express `trust proxy`). */
  KODBRO_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  KODBRO_CLIENT_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'client', 'dist')),
  /** Compressed size cap of one uploaded package archive. */
  KODBRO_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(64),
  /** Package bytes one organisation may keep stored (every distinct version counts once). */
  KODBRO_ORG_STORAGE_MB: z.coerce.number().int().min(1).max(1_048_576).default(2048),
  /** Parsed packages kept in memory: their size (statements, starters, checkers; test data stays on disk) and their number. */
  KODBRO_PACKAGE_CACHE_MB: z.coerce.number().int().min(1).max(65_536).default(256),
  KODBRO_PACKAGE_CACHE_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(200),
  /** Package jobs (unpacking, parsing, bundling) running at once, each in a child process; also the uploads in flight. */
  KODBRO_PACKAGE_JOBS: z.coerce.number().int().min(1).max(64).default(2),
  /** A package job still running after this long is killed. */
  KODBRO_PACKAGE_JOB_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Set: the store is on PostgreSQL; unset: on the SQLite file in dataDir. */
  databaseUrl: string | undefined;
  role: 'web' | 'worker' | 'all';
  workerHealthPort: number;
  leaseMs: number;
  publicUrl: string;
  /** Extra `Host` names served besides the public URL's (see auth's originPolicy). */
  allowedHosts: string[];
  maxConnections: number;
  workers: number;
  runsPerMinute: number;
  /** Draft, history, run-storage and session limits; the store enforces them. */
  quotas: Omit<StoreQuotas, 'snapshotEveryMs' | 'snapshotEveryEdits'>;
  /** Hidden-test progress and candidate-facing times move on this tick. */
  progressTickMs: number;
  sessionMs: number;
  loginLimit: number;
  codeLimit: number;
  resultReadLimit: number;
  maxTries: number;
  shutdownGraceMs: number;
  seedDemo: boolean;
  /** Also the finished demo assessment with its candidates (only with seedDemo). */
  demoResults: boolean;
  demoPassword: string;
  logLevel: z.infer<typeof envSchema>['KODBRO_LOG_LEVEL'];
  trustProxy: number;
  clientDir: string;
  /** Cookies carry Secure when people reach the server over HTTPS. */
  secureCookies: boolean;
  judge: JudgeLimits;
  packages: PackageLimits;
}

/** How much package work and storage the server allows (see the catalog). */
export interface PackageLimits {
  /** Compressed bytes of one upload. */
  uploadBytes: number;
  /** Stored package bytes per organisation. */
  orgStorageBytes: number;
  cacheBytes: number;
  cacheEntries: number;
  /** Package jobs at once (child processes); uploads in flight, one per organisation. */
  jobs: number;
  jobTimeoutMs: number;
}

/**
 * Reads the configuration, or throws one `invalid_argument` error that names
 * every bad variable, so a mistyped setting stops the start with a clear line.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`);
    throw new KodbroError('invalid_argument', `Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let judge: JudgeLimits;
  try {
    judge = judgeLimitsFromEnv(env);
  } catch (error) {
    throw new KodbroError('invalid_argument', `Invalid judge limits: ${error instanceof z.ZodError ? z.prettifyError(error) : String(error)}`);
  }
  if (e.KODBRO_ROLE !== 'all' && !e.KODBRO_DATABASE_URL) {
    throw new KodbroError(
      'invalid_argument',
      `KODBRO_ROLE=${e.KODBRO_ROLE} splits Kodbro across processes, which share their work through PostgreSQL: set KODBRO_DATABASE_URL too (docs/scaling.md).`,
    );
  }
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  const publicUrl = (e.KODBRO_PUBLIC_URL ?? `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${e.PORT}`).replace(/\/+$/, '');
  const seedDemo = e.KODBRO_SEED_DEMO ?? isLoopbackAddress(e.HOST);
  if (seedDemo && !isLoopbackAddress(e.HOST) && e.KODBRO_DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD) {
    throw new KodbroError(
      'invalid_argument',
      `Refusing to start: the demo organisation would be served on HOST=${e.HOST} with the published default password.\n` +
        '  Set KODBRO_DEMO_PASSWORD to a password of your own, or leave KODBRO_SEED_DEMO unset (no demo on a public HOST).',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.KODBRO_DATA_DIR),
    databaseUrl: e.KODBRO_DATABASE_URL,
    role: e.KODBRO_ROLE,
    workerHealthPort: e.KODBRO_WORKER_HEALTH_PORT,
    leaseMs: e.KODBRO_LEASE_SECONDS * 1000,
    publicUrl,
    allowedHosts: e.KODBRO_ALLOWED_HOSTS,
    maxConnections: e.KODBRO_MAX_CONNECTIONS,
    workers: e.KODBRO_WORKERS,
    runsPerMinute: e.KODBRO_RUNS_PER_MINUTE,
    quotas: {
      draftBurst: e.KODBRO_DRAFT_SAVE_BURST,
      draftSavesPerMinute: e.KODBRO_DRAFT_SAVES_PER_MINUTE,
      historyBytesPerAttempt: e.KODBRO_HISTORY_KB_PER_ATTEMPT * 1024,
      runBytesPerAttempt: e.KODBRO_RUN_STORAGE_KB_PER_ATTEMPT * 1024,
      sessionsPerInvite: e.KODBRO_SESSIONS_PER_INVITE,
      invitesPerAssessment: e.KODBRO_INVITES_PER_ASSESSMENT,
    },
    progressTickMs: e.KODBRO_PROGRESS_TICK_MS,
    sessionMs: Math.round(e.KODBRO_SESSION_HOURS * 3_600_000),
    loginLimit: e.KODBRO_LOGIN_LIMIT,
    codeLimit: e.KODBRO_CODE_LIMIT,
    resultReadLimit: e.KODBRO_RESULT_READ_LIMIT,
    maxTries: e.KODBRO_MAX_TRIES,
    shutdownGraceMs: e.KODBRO_SHUTDOWN_GRACE_MS,
    seedDemo,
    demoResults: seedDemo && (e.KODBRO_DEMO_RESULTS ?? true),
    demoPassword: e.KODBRO_DEMO_PASSWORD,
    logLevel: e.KODBRO_LOG_LEVEL,
    trustProxy: e.KODBRO_TRUST_PROXY,
    clientDir: path.resolve(e.KODBRO_CLIENT_DIR),
    secureCookies: publicUrl.startsWith('https:'),
    judge,
    packages: {
      uploadBytes: e.KODBRO_UPLOAD_MB * MB,
      orgStorageBytes: e.KODBRO_ORG_STORAGE_MB * MB,
      cacheBytes: e.KODBRO_PACKAGE_CACHE_MB * MB,
      cacheEntries: e.KODBRO_PACKAGE_CACHE_ENTRIES,
      jobs: e.KODBRO_PACKAGE_JOBS,
      jobTimeoutMs: e.KODBRO_PACKAGE_JOB_SECONDS * 1000,
    },
  };
}
