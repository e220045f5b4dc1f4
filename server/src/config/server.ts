import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { KodbroError } from '../errors.ts';
import { judgeLimitsFromEnv, type JudgeLimits } from './limits.ts';

/** The repository root: where `npm start` runs and the default data folder lives. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

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
  /** The address people open; links in invites start with it. */
  KODBRO_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** More `Host` names to answer for (a proxy that rewrites Host); the public URL's host is always allowed. */
  KODBRO_ALLOWED_HOSTS: hostList,
  /** Open TCP connections at once (HTTP keep-alive and WebSockets); more are refused until some close. */
  KODBRO_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  KODBRO_WORKERS: z.coerce.number().int().min(0).max(256).default(os.availableParallelism()),
  /** Runs (submit, samples, custom) one attempt may start per minute. */
  KODBRO_RUNS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  KODBRO_SESSION_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(12),
  /** Sign-in tries per address and e-mail per 15 minutes; candidate code tries per address. */
  KODBRO_LOGIN_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
  KODBRO_CODE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
  KODBRO_MAX_TRIES: z.coerce.number().int().min(1).max(20).default(3),
  /** Defaults to yes only on a loopback HOST: the demo login is a known account. */
  KODBRO_SEED_DEMO: optionalFlag(),
  KODBRO_DEMO_PASSWORD: z.string().min(8).max(200).default(DEFAULT_DEMO_PASSWORD),
  KODBRO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Number of proxy hops to trust for the client address (express `trust proxy`). */
  KODBRO_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  KODBRO_CLIENT_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'client', 'dist')),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  /** Extra `Host` names served besides the public URL's (see auth's originPolicy). */
  allowedHosts: string[];
  maxConnections: number;
  workers: number;
  runsPerMinute: number;
  sessionMs: number;
  loginLimit: number;
  codeLimit: number;
  maxTries: number;
  seedDemo: boolean;
  demoPassword: string;
  logLevel: z.infer<typeof envSchema>['KODBRO_LOG_LEVEL'];
  trustProxy: number;
  clientDir: string;
  /** Cookies carry Secure when people reach the server over HTTPS. */
  secureCookies: boolean;
  judge: JudgeLimits;
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
    publicUrl,
    allowedHosts: e.KODBRO_ALLOWED_HOSTS,
    maxConnections: e.KODBRO_MAX_CONNECTIONS,
    workers: e.KODBRO_WORKERS,
    runsPerMinute: e.KODBRO_RUNS_PER_MINUTE,
    sessionMs: Math.round(e.KODBRO_SESSION_HOURS * 3_600_000),
    loginLimit: e.KODBRO_LOGIN_LIMIT,
    codeLimit: e.KODBRO_CODE_LIMIT,
    maxTries: e.KODBRO_MAX_TRIES,
    seedDemo,
    demoPassword: e.KODBRO_DEMO_PASSWORD,
    logLevel: e.KODBRO_LOG_LEVEL,
    trustProxy: e.KODBRO_TRUST_PROXY,
    clientDir: path.resolve(e.KODBRO_CLIENT_DIR),
    secureCookies: publicUrl.startsWith('https:'),
    judge,
  };
}
