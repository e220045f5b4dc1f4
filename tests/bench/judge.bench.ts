/**
 * `npm run bench:judge`: submit-to-verdict time for a 20-test package, and the
 * sandbox's overhead per test against the same program as a bare host process,
 * for Python and C++; then how long a time limit takes to judge. Prints
 * numbers; asserts nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hiddenTests, loadChallenge } from '../../server/src/challenges/index.ts';
import { DEFAULT_JUDGE_LIMITS } from '../../server/src/config/index.ts';
import type { LanguageId } from '../../server/src/contracts/index.ts';
import { judgeSubmission } from '../../server/src/judge/index.ts';
import { expandArgv, LANGUAGES, sourceFileName } from '../../server/src/languages/index.ts';
import { createBoxPool, createDockerClient, imageFor, openBox, type BoxPool } from '../../server/src/sandbox/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The budget's case (a small Python solution, 20 small tests), then a realistic package (inputs up to 1 MB). */
const CASES: { dir: string; language: LanguageId; solution: string }[] = [
  { dir: 'tests/fixtures/packages/sum-20', language: 'python', solution: 'accepted.py' },
  { dir: 'challenges/log-aggregation', language: 'python', solution: 'accepted.py' },
  { dir: 'challenges/log-aggregation', language: 'cpp', solution: 'accepted.cpp' },
];
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const docker = createDockerClient();
const limits = DEFAULT_JUDGE_LIMITS;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function main() {
  console.log(`${RUNS} runs after 1 warm-up each; ${new Date().toISOString().slice(0, 10)}`);
  for (const { dir, language, solution } of CASES) {
    const challenge = await loadChallenge(path.join(ROOT, dir));
    const inputs = hiddenTests(challenge).map((t) => t.test.input);
    const source = readFileSync(path.join(ROOT, dir, 'solutions', solution), 'utf8');

    // 1. Submit to verdict, through the whole judge (compile, every test, checks): with a warm box
    //    taken from the pool, as the worker pool judges, and with a box started for the judgement.
    const pool = createBoxPool(docker, { perImage: 1 });
    const image = await imageFor(LANGUAGES[language].image);
    const timeJudge = async (boxes: BoxPool | undefined, waitForWarm = boxes !== undefined) => {
      if (boxes && waitForWarm) while ((boxes.idle()[image] ?? 0) < 1) await sleep(20);
      const started = performance.now();
      let verdictAt = 0;
      const outcome = await judgeSubmission(challenge, { language, source }, { docker, limits, boxes }, {
        onEvent: (e) => {
          if (e.type === 'done') verdictAt = performance.now();
        },
      });
      if (outcome.kind !== 'judged') throw new Error(`${dir} ${solution} was not judged: ${outcome.reason}`);
      if (outcome.result.verdict !== 'accepted') throw new Error(`${dir} ${solution} was ${outcome.result.verdict}`);
      return verdictAt - started;
    };
    const totals: number[] = [];
    const cold: number[] = [];
    try {
      // The first judgement finds the pool empty and fills it for this image and memory cap.
      await timeJudge(pool, false);
      for (let run = 0; run < RUNS; run++) {
        totals.push(await timeJudge(pool));
        // Give the refill its time, as a worker between two jobs would.
        while ((pool.idle()[image] ?? 0) < 1) await sleep(20);
        await sleep(200);
      }
      for (let run = 0; run < Math.min(RUNS, 3); run++) cold.push(await timeJudge(undefined));
    } finally {
      await pool.close();
    }

    // 2. Per-test overhead: the same program per test in one box vs as a bare process on the host.
    const { sandboxMs, hostMs } = await perTest(language, source, inputs);
    const overhead = sandboxMs.map((ms, i) => ms - (hostMs[i] as number));
    console.log(
      `${dir} (${inputs.length} hidden tests), ${LANGUAGES[language].name}: submit-to-verdict, warm box, median ${fmt(median(totals))} ` +
        `(min ${fmt(Math.min(...totals))}, max ${fmt(Math.max(...totals))}); box started for it: median ${fmt(median(cold))}; per test: sandbox ${fmt(median(sandboxMs))}, ` +
        `bare host process ${fmt(median(hostMs))}, overhead median ${fmt(median(overhead))}`,
    );
  }
  await timeLimits();
}

/**
 * 3. A time limit: a Python busy loop on `sum` (five tests, 1 s CPU each), judged once. The judge stops
 *    each test as soon as its CPU time passes the limit; what a test costs past that is the stop itself.
 */
async function timeLimits() {
  const challenge = await loadChallenge(path.join(ROOT, 'tests/fixtures/packages/sum'));
  const source = readFileSync(path.join(ROOT, 'tests/integration/programs/python/time_limit.py'), 'utf8');
  const started = performance.now();
  const outcome = await judgeSubmission(challenge, { language: 'python', source }, { docker, limits });
  const totalMs = performance.now() - started;
  if (outcome.kind !== 'judged' || outcome.result.verdict !== 'time_limit') throw new Error(`the busy loop was not a time limit: ${JSON.stringify(outcome)}`);
  const tests = outcome.result.tests;
  console.log(
    `tests/fixtures/packages/sum (${tests.length} hidden tests, 1 s limit), a Python busy loop: time_limit in ${fmt(totalMs)} ` +
      `(${fmt(totalMs / tests.length)} a test, box included); CPU time reported per test ${tests.map((t) => t.timeMs).join(', ')} ms`,
  );
}

async function perTest(language: LanguageId, source: string, inputs: Buffer[]) {
  const spec = LANGUAGES[language];
  const fileName = sourceFileName(spec, source);
  const box = await openBox(docker, { image: await imageFor(spec.image), memoryMb: 1024, deadline: Date.now() + 600_000, purpose: 'run' });
  const hostDir = mkdtempSync(path.join(tmpdir(), 'kodbro-bench-'));
  try {
    await box.writeFiles([{ path: fileName, content: Buffer.from(source) }]);
    if (spec.compile) {
      await box.exec({ argv: expandArgv(spec.compile, { file: fileName, memoryMb: 1024 }), wallTimeMs: 60_000, stdoutLimit: 1 << 16, stderrLimit: 1 << 16 });
    }
    const hostFile = path.join(hostDir, fileName);
    writeFileSync(hostFile, source);
    if (language === 'cpp') execFileSync('g++', ['-std=gnu++17', '-O2', '-o', path.join(hostDir, 'main'), hostFile]);
    // Debian's python3 when the host has it: the same build as the runner image's.
    const hostPython = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    const hostArgv = language === 'cpp' ? [path.join(hostDir, 'main')] : [hostPython, hostFile];
    const runArgv = expandArgv(spec.run, { file: fileName, memoryMb: 256 });

    const sandboxMs: number[] = [];
    const hostMs: number[] = [];
    for (let round = 0; round < RUNS; round++) {
      for (const input of inputs) {
        // The whole command as the judge pays for it: the accounting around it and the leftover check included.
        const before = performance.now();
        const run = await box.exec({ argv: runArgv, stdin: input, wallTimeMs: 10_000, stdoutLimit: 1 << 24, stderrLimit: 1 << 16 });
        if (run.exitCode !== 0) throw new Error(`sandbox run failed: ${run.stderr.toString()}`);
        sandboxMs.push(performance.now() - before);
        const started = performance.now();
        const host = spawnSync(hostArgv[0] as string, hostArgv.slice(1), { input, maxBuffer: 1 << 26 });
        hostMs.push(performance.now() - started);
        if (host.status !== 0) throw new Error(`host run failed: ${host.stderr.toString()}`);
      }
    }
    return { sandboxMs, hostMs };
  } finally {
    await box.destroy();
  }
}

await main();
