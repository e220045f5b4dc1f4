import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { KodbroError } from '../errors.ts';
import { startLocalPostgres, type LocalPostgres } from './local-postgres.ts';

/**
 * Grown mode on one machine, with real parts: PostgreSQL in a folder of the
 * data directory, web processes and worker processes of Kodbro, each worker
 * on the Docker host it is given. `npm run cluster` starts one
 * (cluster-main.ts); the cluster tests start theirs the same way.
 */
export interface ClusterOptions {
  /** Shared by every process here: link and results keys, the package cache; PostgreSQL's folder is inside. */
  dataDir: string;
  /** How to run one Kodbro process (`node server/dist/app/main.js`, or tsx on the sources). */
  command: readonly string[];
  cwd: string;
  /** One web process per port (0: a free one). */
  webPorts: readonly number[];
  /** One worker process each: its Docker host (DOCKER_HOST; the machine's own when absent) and health port. */
  workers: readonly { dockerHost?: string; healthPort: number }[];
  /** PostgreSQL's port (0: a free one) and whether it syncs to disk (a demonstration keeps its data). */
  postgres: { port: number; durable: boolean };
  /** Settings for every process (KODBRO_*); the role, ports and store are set here. */
  env: Record<string, string>;
  log: (line: string) => void;
}

export interface ClusterProcess {
  name: string;
  role: 'web' | 'worker';
  /** A web process's address, or a worker's health address. */
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

export interface RunningCluster {
  databaseUrl: string;
  postgres: LocalPostgres;
  webs: ClusterProcess[];
  workers: ClusterProcess[];
  /** Starts a worker again as it was first started (after a crash, as an orchestrator would). */
  restartWorker(index: number): Promise<ClusterProcess>;
  /** SIGTERM to every process (they finish or hand back their jobs), then PostgreSQL stops. */
  stop(): Promise<void>;
}

const DATABASE = 'kodbro';

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  options.log(`starting PostgreSQL in ${path.join(options.dataDir, 'postgres')}`);
  const postgres = await startLocalPostgres({ dir: path.join(options.dataDir, 'postgres'), port: options.postgres.port, durable: options.postgres.durable });
  const processes: ClusterProcess[] = [];
  try {
    const databaseUrl = await ensureDatabase(postgres);
    const common = { ...options.env, KODBRO_DATA_DIR: options.dataDir, KODBRO_DATABASE_URL: databaseUrl };

    // The first web process migrates and seeds; the others start once it has.
    const webs: ClusterProcess[] = [];
    for (const [n, port] of options.webPorts.entries()) {
      const env = { ...common, KODBRO_ROLE: 'web', PORT: String(port), ...(n > 0 ? { KODBRO_SEED_DEMO: 'false' } : {}) };
      const web = await startProcess(options, `web${n + 1}`, 'web', env);
      webs.push(web);
      processes.push(web);
      options.log(`web${n + 1}: ${web.url}`);
    }
    const workerEnvs = options.workers.map((worker) => ({
      ...common,
      KODBRO_ROLE: 'worker',
      KODBRO_WORKER_HEALTH_PORT: String(worker.healthPort),
      ...(worker.dockerHost ? { DOCKER_HOST: worker.dockerHost } : {}),
    }));
    const workers = await Promise.all(workerEnvs.map((env, n) => startProcess(options, `worker${n + 1}`, 'worker', env)));
    processes.push(...workers);
    for (const [n, worker] of workers.entries()) options.log(`worker${n + 1}: ${worker.url}/health on ${options.workers[n]?.dockerHost ?? 'the machine’s Docker'}`);

    return {
      databaseUrl,
      postgres,
      webs,
      workers,
      async restartWorker(index) {
        const env = workerEnvs[index];
        if (!env) throw new KodbroError('invalid_argument', `No worker ${index}`);
        const worker = await startProcess(options, `worker${index + 1}`, 'worker', env);
        workers[index] = worker;
        processes.push(worker);
        return worker;
      },
      async stop() {
        await stopAll(processes);
        await postgres.stop();
      },
    };
  } catch (error) {
    await stopAll(processes);
    await postgres.stop();
    throw error;
  }
}

async function ensureDatabase(postgres: LocalPostgres): Promise<string> {
  const client = new pg.Client({ connectionString: postgres.url() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return postgres.url(DATABASE);
}

/** Starts one process and waits until it says where it answers (its banner). */
async function startProcess(options: ClusterOptions, name: string, role: 'web' | 'worker', env: Record<string, string>): Promise<ClusterProcess> {
  const [program, ...args] = options.command;
  if (!program) throw new KodbroError('invalid_argument', 'No command to start Kodbro with');
  const child = spawn(program, args, { cwd: options.cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const take = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    // A long run must not grow without end: keep the last 256 KB.
    if (output.length > 512 * 1024) output = output.slice(-256 * 1024);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pattern = role === 'web' ? /Kodbro is running at\s+(\S+)/ : /Health\s+(\S+)\/health/;
  const url = await new Promise<string>((resolve, reject) => {
    // A worker on a Docker host without the images builds them first: minutes, not seconds.
    const timer = setTimeout(() => reject(new KodbroError('internal', `${name} did not start within 15 minutes:\n${output.slice(-4000)}`)), 15 * 60_000);
    const check = () => {
      const match = pattern.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new KodbroError('internal', `${name} exited with ${code} while starting:\n${output.slice(-4000)}`));
    });
  });
  return { name, role, url, child, exited, output: () => output };
}

async function stopAll(processes: readonly ClusterProcess[]): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
      await p.exited;
      clearTimeout(timer);
    }),
  );
}
