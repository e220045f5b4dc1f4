/**
 * `npx tsx tests/bench/compile.bench.ts [language…]`: how long each
 * language's compile step takes, and how much memory it peaks at, in a real
 * box: the judge's own compile argv, environment and caps (one CPU, the
 * default compile memory and time limits), on the integration matrix's
 * `accepted` program (tests/integration/programs/<language>/). Each language
 * compiles once to warm the page cache, then BENCH_RUNS times (default 5),
 * each in a fresh box as the judge does (a compiler that skips unchanged
 * work, like GHC, would otherwise measure nothing). Prints numbers; asserts
 * nothing. Default: every language with a compile step.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_JUDGE_LIMITS } from '../../server/src/config/index.ts';
import { LANGUAGE_IDS, type LanguageId } from '../../server/src/contracts/index.ts';
import { expandArgv, LANGUAGES, sourceFileName } from '../../server/src/languages/index.ts';
import { createDockerClient, imageFor, openBox } from '../../server/src/sandbox/index.ts';

const PROGRAMS = path.resolve(import.meta.dirname, '../integration/programs');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const limits = DEFAULT_JUDGE_LIMITS;
const docker = createDockerClient();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function acceptedProgram(language: LanguageId): string {
  const file = readdirSync(path.join(PROGRAMS, language)).find((name) => name.startsWith('accepted.'));
  if (!file) throw new Error(`no accepted program for ${language}`);
  return readFileSync(path.join(PROGRAMS, language, file), 'utf8');
}

async function main() {
  const asked = process.argv.slice(2);
  for (const id of asked) if (!LANGUAGE_IDS.includes(id as LanguageId)) throw new Error(`unknown language ${id}`);
  const languages = (asked.length ? (asked as LanguageId[]) : LANGUAGE_IDS).filter((id) => LANGUAGES[id].compile);
  console.log(`${RUNS} runs after 1 warm-up each, compile cap ${limits.compileMemoryMb} MB / ${limits.compileTimeMs / 1000} s; ${new Date().toISOString().slice(0, 10)}`);
  console.log('language     wall (median, min–max)      CPU (median)   peak memory');
  for (const id of languages) {
    const spec = LANGUAGES[id];
    const source = acceptedProgram(id);
    const fileName = sourceFileName(spec, source);
    const memoryMb = spec.compileWithinRunMemory ? 256 + spec.memoryOverheadMb : limits.compileMemoryMb;
    const image = await imageFor(spec.image);
    const walls: number[] = [];
    const cpus: number[] = [];
    let peakKb = 0;
    for (let run = 0; run <= RUNS; run++) {
      const box = await openBox(docker, { image, memoryMb, deadline: Date.now() + 600_000, purpose: 'run' });
      try {
        const outcome = await box.exec({
          argv: expandArgv(spec.compile ?? [], { file: fileName, memoryMb }),
          files: [{ path: fileName, content: Buffer.from(source, 'utf8') }],
          env: spec.env ?? {},
          wallTimeMs: limits.compileTimeMs,
          stdoutLimit: limits.compileOutputKb * 1024,
          stderrLimit: limits.compileOutputKb * 1024,
        });
        if (outcome.exitCode !== 0) throw new Error(`${id}: the compile failed:\n${outcome.stdout.toString()}${outcome.stderr.toString()}`);
        if (run === 0) continue;
        walls.push(outcome.wallMs);
        cpus.push(outcome.cpuMs ?? Number.NaN);
        peakKb = Math.max(peakKb, outcome.memoryKb ?? 0);
      } finally {
        await box.destroy();
      }
    }
    const wall = `${median(walls).toFixed(0)} ms (${Math.min(...walls)}–${Math.max(...walls)})`;
    console.log(`${id.padEnd(12)} ${wall.padEnd(27)} ${`${median(cpus).toFixed(0)} ms`.padEnd(14)} ${(peakKb / 1024).toFixed(0)} MB`);
  }
}

await main();
