import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { KodbroError } from '../errors.ts';

/**
 * A PostgreSQL cluster of Kodbro's own on loopback, from Debian's packages:
 * `initdb` into a folder, `postgres` on a free port (or the one asked for),
 * trust authentication for loopback only. Used by the tests (a throw-away
 * cluster each) and by `npm run cluster` (one under the data folder). As
 * root, the server runs as the `postgres` user, which initdb requires.
 */
export interface LocalPostgres {
  port: number;
  /** The folder holding the cluster's files, its socket and its log. */
  dir: string;
  /** A connection URL for one database of this cluster. */
  url(database?: string): string;
  /** Makes a new empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Fast shutdown; with `remove`, deletes the folder too. */
  stop(options?: { remove?: boolean }): Promise<void>;
}

export interface LocalPostgresOptions {
  /** The folder for the cluster; made when missing, reused when it holds one. */
  dir: string;
  /** 0 (default): a free port. */
  port?: number;
  /** Throw-away clusters skip fsync: fast, and lost on a power cut. */
  durable?: boolean;
  maxConnections?: number;
}

let databases = 0;

export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const bin = postgresBin();
  const dir = path.resolve(options.dir);
  const data = path.join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  const owner = processOwner();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  if (!existsSync(path.join(data, 'PG_VERSION'))) {
    const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      encoding: 'utf8',
      ...(owner ?? {}),
    });
    if (init.status !== 0) {
      const why = init.stderr || init.stdout || init.error?.message || '';
      const hint = owner && /Permission denied/.test(why) ? ` (PostgreSQL runs as the postgres user: every folder above ${dir} must let others through, chmod o+x)` : '';
      throw new KodbroError('internal', `initdb failed: ${why.trim()}${hint}`);
    }
  }
  const port = options.port || (await freePort());
  const settings = [
    ['listen_addresses', '127.0.0.1'],
    ['port', String(port)],
    ['unix_socket_directories', dir],
    ['max_connections', String(options.maxConnections ?? 200)],
    ...(options.durable ? [] : [['fsync', 'off'], ['synchronous_commit', 'off'], ['full_page_writes', 'off']]),
  ].flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const log = createWriteStream(path.join(dir, 'postgres.log'), { flags: 'a' });
  const server: ChildProcess = spawn(path.join(bin, 'postgres'), ['-D', data, ...settings], { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  await waitUntilAnswering(url(), exited, dir);

  return {
    port,
    dir,
    url,
    async createDatabase(name) {
      const database = name ?? `kodbro_${process.pid}_${++databases}`;
      if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new KodbroError('invalid_argument', `Not a plain database name: ${database}`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${database}`);
      } finally {
        await client.end();
      }
      return url(database);
    },
    async stop({ remove = false } = {}) {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGINT'); // fast shutdown: disconnects clients, then exits cleanly
        await exited;
      }
      log.end();
      if (remove) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's newest installed server programs. */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'postgres'))) : [];
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (!newest) throw new KodbroError('internal', 'PostgreSQL is not installed: run `bash scripts/postgres-install.sh`');
  return path.join(root, newest, 'bin');
}

/** As root, initdb and postgres run as the postgres user (they refuse root). */
function processOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0) throw new KodbroError('internal', 'Running as root, but there is no postgres user to run PostgreSQL as');
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilAnswering(url: string, exited: Promise<void>, dir: string): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (gone) throw new KodbroError('internal', `PostgreSQL stopped while starting; see ${path.join(dir, 'postgres.log')}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new KodbroError('internal', `PostgreSQL did not answer within 30 s; see ${path.join(dir, 'postgres.log')}`);
}
