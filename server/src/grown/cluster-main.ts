/**
 * `npm run cluster` (after scripts/cluster.sh has installed and built what is
 * needed and started the second Docker daemon): grown mode on this machine —
 * PostgreSQL in <data>/postgres, two web processes, two workers, one on the
 * machine's Docker and one on the second daemon. Ctrl+C stops them all.
 *
 * Usage: node server/dist/grown/cluster-main.js <data-dir> <second DOCKER_HOST>
 */
import path from 'node:path';
import { REPO_ROOT } from '../config/index.ts';
import { startCluster } from './cluster.ts';

const [dataDir, secondDockerHost] = process.argv.slice(2);
if (!dataDir || !secondDockerHost) {
  process.stderr.write('usage: cluster-main <data-dir> <second DOCKER_HOST>\n');
  process.exit(2);
}
const log = (line: string) => process.stderr.write(`[cluster] ${line}\n`);
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const cluster = await startCluster({
  dataDir: path.resolve(dataDir),
  command: [process.execPath, path.join(REPO_ROOT, 'server/dist/app/main.js')],
  cwd: REPO_ROOT,
  webPorts: [port('KODBRO_CLUSTER_WEB_PORT', 3000), port('KODBRO_CLUSTER_WEB_PORT', 3000) + 1],
  workers: [{ healthPort: 3100 }, { healthPort: 3101, dockerHost: secondDockerHost }],
  postgres: { port: port('KODBRO_CLUSTER_POSTGRES_PORT', 5433), durable: true },
  env: { KODBRO_LOG_LEVEL: process.env.KODBRO_LOG_LEVEL ?? 'info', KODBRO_WORKERS: process.env.KODBRO_WORKERS ?? '1' },
  log,
});

// Before the banner: whoever started this may stop it as soon as it reads that it runs.
let stopping = false;
const stop = () => {
  if (stopping) process.exit(1);
  stopping = true;
  log('stopping: web and worker processes finish or hand back their jobs, then PostgreSQL stops');
  cluster.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      log(`stopping failed: ${String(error)}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const first = cluster.webs[0]!;
const banner = /\n(\s+Kodbro is running at[\s\S]*?)\s+Stop with Ctrl\+C\./.exec(first.output())?.[1] ?? `  Kodbro is running at ${first.url}`;
process.stdout.write(
  [
    '',
    '  Kodbro in grown mode on this machine:',
    `    PostgreSQL       ${cluster.databaseUrl}   (files in ${cluster.postgres.dir})`,
    ...cluster.webs.map((web) => `    ${web.name.padEnd(16)} ${web.url}`),
    ...cluster.workers.map((worker) => `    ${worker.name.padEnd(16)} ${worker.url}/health`),
    '',
    banner,
    '',
    '  Each process logs to this terminal’s stderr with its role. Stop all with Ctrl+C.',
    '',
  ].join('\n'),
);
for (const p of [...cluster.webs, ...cluster.workers]) {
  // Their logs (pino, one JSON line each, with the role) from here on.
  p.child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  p.child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  void p.exited.then((code) => log(`${p.name} exited (${code})`));
}
