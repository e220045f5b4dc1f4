/**
 * Similarity cost: N candidates' ~200-line Python solutions to one task,
 * compared the way the package worker does it (findSimilarPairs on one group).
 * Programs are built from a seeded generator so each is different; a few
 * candidates copy another's program with names and literals changed and its
 * halves swapped, and every program shares some lines from a pool of common
 * idioms (the hard case for the inverted index). Prints wall-clock
 * milliseconds (best of three), the pairs found, and the copies recalled;
 * also what handing the group to the worker costs (a structured clone).
 * `npm run bench:similarity`.
 */
import { findSimilarPairs, type SimilarityDoc } from '../../server/src/similarity/index.ts';

const LINES = 200;
const COPY_SHARE = 0.05;

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const OPS = ['+', '-', '*', '//', '%', '<<', '>>', '&', '|', '^', '**'];
const CMP = ['<', '>', '<=', '>=', '==', '!='];
const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** One line of plausible Python at an indentation, from the generator. */
function line(random: () => number, names: string[]): string {
  const v = () => pick(random, names);
  const e = () => `${v()} ${pick(random, OPS)} ${random() < 0.5 ? v() : Math.floor(random() * 100)}`;
  switch (Math.floor(random() * 9)) {
    case 0:
      return `if ${e()} ${pick(random, CMP)} ${v()}:\n        ${v()} = ${e()}`;
    case 1:
      return `for ${v()} in range(${e()}):\n        ${v()}.append(${e()})`;
    case 2:
      return `while ${v()} ${pick(random, CMP)} ${e()}:\n        ${v()} -= 1`;
    case 3:
      return `${v()} = [${e()} for ${v()} in ${v()} if ${v()} ${pick(random, CMP)} ${e()}]`;
    case 4:
      return `${v()}[${e()}] = max(${v()}, ${e()})`;
    case 5:
      return `print(${v()}, ${e()}, sep="${v()}")`;
    case 6:
      return `${v()}, ${v()} = ${v()}[${e()}:], len(${v()})`;
    case 7:
      return `return ${e()} if ${v()} else ${e()}`;
    default:
      return `${v()} = ${v()}.get(${e()}, ${e()}) + sum(${v()})`;
  }
}

const COMMON = Array.from({ length: 40 }, (_, i) => line(prng(9000 + i), ['data', 'n', 'i', 'result']));

function program(seed: number): string {
  const random = prng(seed);
  const names = Array.from({ length: 8 }, (_, i) => `v${seed}_${i}`);
  const out: string[] = ['import sys', ''];
  for (let f = 0; out.length < LINES; f++) {
    out.push(`def f${f}(${names[0]}, ${names[1]}):`);
    for (let i = 0; i < 8; i++) out.push(`    ${random() < 0.25 ? pick(random, COMMON) : line(random, names)}`);
  }
  out.push('', 'f0(sys.stdin.read().split(), 0)');
  return out.join('\n');
}

/** A copy: identifiers renamed, numbers and strings changed, a comment added, the two halves of its functions swapped. */
function disguise(source: string, seed: number): string {
  const renamed = source.replace(/v\d+_(\d)/g, (_, i: string) => `name${seed}x${i}`).replace(/\b\d+\b/g, (d) => String(Number(d) + 1));
  const parts = renamed.split('\ndef ');
  const half = Math.floor(parts.length / 2);
  return ['# my own work', ...parts.slice(half).map((p) => `def ${p}`), parts.slice(0, half).join('\ndef ')].join('\n');
}

function candidates(n: number): { docs: SimilarityDoc[]; copies: Set<string> } {
  const docs: SimilarityDoc[] = [];
  const copies = new Set<string>();
  for (let i = 0; i < n; i++) {
    const id = `c${i}`;
    if (i > 0 && i % Math.round(1 / COPY_SHARE) === 0) {
      docs.push({ id, owner: id, source: disguise(docs[i - 1]!.source, i) });
      copies.add(`c${i - 1}+${id}`);
    } else {
      docs.push({ id, owner: id, source: program(i + 1) });
    }
  }
  return { docs, copies };
}

function bestMs(work: () => unknown): { ms: number; value: unknown } {
  let best = Infinity;
  let value: unknown;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    value = work();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, value };
}

console.log(`similarity: ${LINES}-line Python programs, ${COPY_SHARE * 100} % disguised copies, best of 3`);
for (const n of [100, 500, 2000]) {
  const { docs, copies } = candidates(n);
  const bytes = docs.reduce((sum, d) => sum + d.source.length, 0);
  const group = { language: 'python' as const, starter: 'import sys\n', docs };
  const { ms, value } = bestMs(() => findSimilarPairs(group));
  const pairs = value as ReturnType<typeof findSimilarPairs>;
  const found = pairs.filter((p) => copies.has(`${p.a}+${p.b}`) || copies.has(`${p.b}+${p.a}`)).length;
  const clone = bestMs(() => structuredClone(group)).ms;
  console.log(
    `${String(n).padStart(5)} candidates (${(bytes / 1024 / 1024).toFixed(1)} MB): ${ms.toFixed(0).padStart(6)} ms compare, ${clone.toFixed(0).padStart(4)} ms clone to the worker; ` +
      `${pairs.length} pairs listed, ${found}/${copies.size} copies found, ${pairs.length - found} others`,
  );
}
