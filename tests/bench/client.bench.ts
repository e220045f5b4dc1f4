/**
 * `npm run bench:client`: the candidate's page on the slow link.
 * Spawns the real server, opens a fresh demo invite in headless Chromium (Debian's) with the
 * network throttled through CDP to 1.6 Mbit/s down, 750 kbit/s up and
 * 150 ms round trip, caching on, and prints, for a first visit and a second
 * visit in the same browser context: bytes on the wire until the candidate
 * can type (the editor takes a keystroke; the first visit includes pressing
 * Start), the time until a keystroke lands, and the time until Monaco has
 * taken over. Budgets (DESIGN.md): at most 150 KB before typing, typing
 * within 3 s, a second visit under 30 KB. Prints only; asserts nothing
 * (tests/browser/budget.test.ts asserts the bytes).
 *
 * Knobs (environment): BENCH_RUNS (3) fresh invites, each with its two visits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { figuresTable, kb, measureFirstAndSecondVisit, seconds, SLOW_LINK, type VisitFigures } from '../support/client-load.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, demoInvite, spawnServer } from '../support/server.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
const medianOf = (runs: VisitFigures[], pick: (f: VisitFigures) => number | undefined) => {
  const values = runs.map(pick).filter((x): x is number => x !== undefined);
  return values.length === runs.length ? median(values) : undefined;
};

async function main() {
  execFileSync('bash', ['scripts/build.sh'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-bench-client-'));
  // No judging: nothing is run, and the two CPUs stay with the browser.
  const server = await spawnServer(dataDir, { KODBRO_WORKERS: '0', KODBRO_LOG_LEVEL: 'warn' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const staff = new ApiClient(server.url);
    await staff.login();
    console.log(`server ${server.url}; link ${SLOW_LINK.downloadBitsPerSecond / 1e6} Mbit/s down, ${SLOW_LINK.uploadBitsPerSecond / 1e3} kbit/s up, ${SLOW_LINK.latencyMs} ms; ${RUNS} runs`);
    const runs: { first: VisitFigures; second: VisitFigures }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const invite = await demoInvite(staff, `Bench ${run}`);
      const figures = await measureFirstAndSecondVisit(browser, `${server.url}/invite/${invite.token}`, { throttle: SLOW_LINK });
      runs.push(figures);
      console.log(`\nrun ${run}\n${figuresTable(figures)}`);
      if (run === 1) {
        console.log('\nfirst visit, responses before typing:');
        for (const response of figures.first.responses) console.log(`  ${kb(response.bytes).padStart(10)}  ${response.url.replace(server.url, '')}`);
      }
    }
    const firsts = runs.map((r) => r.first);
    const seconds2 = runs.map((r) => r.second);
    console.log(`\nmedian of ${RUNS}`);
    console.log(
      figuresTable({
        first: {
          bytesBeforeTyping: medianOf(firsts, (f) => f.bytesBeforeTyping) ?? 0,
          msToEditor: medianOf(firsts, (f) => f.msToEditor) ?? 0,
          msToType: medianOf(firsts, (f) => f.msToType) ?? 0,
          msToMonaco: medianOf(firsts, (f) => f.msToMonaco),
          bytesToMonaco: medianOf(firsts, (f) => f.bytesToMonaco),
          responses: [],
        },
        second: {
          bytesBeforeTyping: medianOf(seconds2, (f) => f.bytesBeforeTyping) ?? 0,
          msToEditor: medianOf(seconds2, (f) => f.msToEditor) ?? 0,
          msToType: medianOf(seconds2, (f) => f.msToType) ?? 0,
          msToMonaco: medianOf(seconds2, (f) => f.msToMonaco),
          bytesToMonaco: medianOf(seconds2, (f) => f.bytesToMonaco),
          responses: [],
        },
      }),
    );
    console.log(`budgets: ≤ 150 KB before typing, typing within ${seconds(3000)}, second visit < 30 KB`);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
