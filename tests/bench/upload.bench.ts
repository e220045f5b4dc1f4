/**
 * `npm run bench:upload`: publishing packages to a server in its own
 * process. For a typical package (a copy of challenges/log-aggregation) and
 * the maximal one (tests/support/uploads.ts: 5.3 MB that unpacks to 496 MB),
 * several runs each, every one a new package: the wall time from the first
 * byte sent to the answer, then — for the maximal package — the first
 * candidate page of the version (unpacked from the store and parsed),
 * /api/health latency p50 / p99 / max asked every 50 ms meanwhile, and the
 * server process's resident memory before and after.
 *
 * Knobs (environment): BENCH_TYPICAL_RUNS (5), BENCH_MAXIMAL_RUNS (3).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiClient, packageTarGz, spawnServer, type SpawnedServer } from '../support/server.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { percentile, pollHealth, postFile, rssMb, writeBigPackage } from '../support/uploads.ts';

const TYPICAL_RUNS = Number(process.env.BENCH_TYPICAL_RUNS ?? 5);
const MAXIMAL_RUNS = Number(process.env.BENCH_MAXIMAL_RUNS ?? 3);
const MB = 1024 * 1024;

interface Run {
  publishMs: number;
  firstPageMs?: number;
  health: number[];
  /** The longest delay the server's own event loop reported meanwhile. */
  serverLoopDelayMs: number;
  rssBefore: number;
  rssAfter: number;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

async function measure(server: SpawnedServer, staff: ApiClient, archive: Buffer, withPage: boolean): Promise<Run> {
  const pid = server.child.pid!;
  await settle();
  const rssBefore = rssMb(pid);
  const polling = pollHealth(server.url);
  const started = performance.now();
  const published = await postFile(server.url, staff, '/api/challenges', archive);
  const publishMs = performance.now() - started;
  if (published.status !== 201) throw new Error(`publish answered ${published.status}: ${JSON.stringify(published.body)}`);
  let firstPageMs: number | undefined;
  if (withPage) firstPageMs = await firstCandidatePage(server, staff, published.body.challenge.id, published.body.version.id);
  const { latencies: health, serverLoopDelayMs } = await polling.stop();
  await settle();
  return { publishMs, ...(firstPageMs === undefined ? {} : { firstPageMs }), health, serverLoopDelayMs, rssBefore, rssAfter: rssMb(pid) };
}

/** An assessment with the version, a candidate in it, and the time their first page of it takes. */
async function firstCandidatePage(server: SpawnedServer, staff: ApiClient, challengeId: string, versionId: string): Promise<number> {
  const window = { opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString() };
  const assessment = await staff.post('/api/assessments', { title: 'Bench', timeLimitMinutes: 60, ...window, resultsVisibility: 'none', challengeIds: [challengeId] });
  const invite = await staff.post(`/api/assessments/${assessment.body.id}/invites`, { candidateName: 'Bench' });
  const candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: invite.body.token });
  await candidate.post('/api/candidate/attempt/start');
  const started = performance.now();
  const page = await candidate.get(`/api/candidate/challenges/${versionId}`);
  if (page.status !== 200) throw new Error(`candidate page answered ${page.status}`);
  return performance.now() - started;
}

function report(name: string, runs: Run[]): void {
  const health = runs.flatMap((r) => r.health);
  const median = (xs: number[]) => percentile(xs, 50);
  const range = (xs: number[]) => `${(median(xs) / 1000).toFixed(1)} s (${(Math.min(...xs) / 1000).toFixed(1)}–${(Math.max(...xs) / 1000).toFixed(1)})`;
  console.log(`\n${name}: ${runs.length} runs`);
  console.log(`  publish, first byte to answer: median ${range(runs.map((r) => r.publishMs))}`);
  const pages = runs.flatMap((r) => (r.firstPageMs === undefined ? [] : [r.firstPageMs]));
  if (pages.length) console.log(`  first candidate page (unpack from the store, parse): median ${range(pages)}`);
  console.log(`  /api/health during it: ${health.length} answers, p50 ${percentile(health, 50).toFixed(1)} ms, p99 ${percentile(health, 99).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms`);
  for (const [i, r] of runs.entries()) {
    console.log(`  run ${i + 1}: publish ${(r.publishMs / 1000).toFixed(1)} s${r.firstPageMs === undefined ? '' : `, page ${(r.firstPageMs / 1000).toFixed(1)} s`}, health max ${Math.max(...r.health).toFixed(1)} ms (the server's loop delay ${r.serverLoopDelayMs} ms), RSS ${r.rssBefore.toFixed(0)} → ${r.rssAfter.toFixed(0)} MB`);
  }
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kodbro-bench-upload-'));
  const work = await mkdtemp(path.join(os.tmpdir(), 'kodbro-bench-packages-'));
  const server = await spawnServer(dataDir, { KODBRO_WORKERS: '0', KODBRO_LOG_LEVEL: 'warn' });
  try {
    const staff = new ApiClient(server.url);
    await staff.login();
    console.log(`server ${server.url} (pid ${server.child.pid}), ${os.availableParallelism()} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

    const typical: Run[] = [];
    for (let i = 0; i < TYPICAL_RUNS; i++) {
      const dir = path.join(work, `typical-${i}`);
      await cp(path.join(REPO_ROOT, 'challenges/log-aggregation'), dir, { recursive: true });
      const manifest = path.join(dir, 'kodbro.yaml');
      await writeFile(manifest, (await readFile(manifest, 'utf8')).replace(/^id: .*$/m, `id: typical-${i}`));
      const archive = await packageTarGz(dir);
      if (i === 0) console.log(`typical package: ${(archive.length / MB).toFixed(2)} MB as sent`);
      typical.push(await measure(server, staff, archive, false));
    }
    report('typical package (challenges/log-aggregation)', typical);

    const maximal: Run[] = [];
    for (let i = 0; i < MAXIMAL_RUNS; i++) {
      const file = path.join(work, `maximal-${i}.tar.gz`);
      const made = await writeBigPackage(file, { id: `maximal-${i}` });
      if (i === 0) console.log(`\nmaximal package: ${(made.compressedBytes / MB).toFixed(1)} MB as sent, ${(made.expandedBytes / MB).toFixed(0)} MB unpacked`);
      const archive = await readFile(file);
      await rm(file);
      maximal.push(await measure(server, staff, archive, true));
    }
    report('maximal package', maximal);
    console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(dataDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

await main();
