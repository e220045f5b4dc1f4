/**
 * Similarity runs in a package worker process: a comparison of hundreds of
 * candidates takes the worker a second or more, while the server's event
 * loop keeps answering (measured here as the longest gap between 10 ms
 * timer ticks during the comparison).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../server/src/catalog/index.ts';
import { DEFAULT_JUDGE_LIMITS } from '../../server/src/config/index.ts';
import { SqliteStore } from '../../server/src/store/index.ts';

const MB = 1024 * 1024;
let scratch: string;
let store: SqliteStore;
let catalog: Catalog;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'kodbro-similarity-'));
  store = new SqliteStore({ dataDir: path.join(scratch, 'data') });
  catalog = await openCatalog({
    store,
    dataDir: path.join(scratch, 'data'),
    judgeLimits: DEFAULT_JUDGE_LIMITS,
    limits: { uploadBytes: 64 * MB, orgStorageBytes: 256 * MB, cacheBytes: 64 * MB, cacheEntries: 20, jobs: 1, jobTimeoutMs: 120_000 },
  });
});
afterAll(async () => {
  await catalog?.close();
  await store?.close();
  await rm(scratch, { recursive: true, force: true });
});

/** A 150-line program of its own: the operators, comparisons and keywords follow a generator seeded with `seed`. */
function program(seed: number): string {
  let s = seed * 2654435761;
  const next = (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s % n;
  };
  const ops = ['+', '-', '*', '//', '%', '<<', '>>', '&', '|', '^'];
  const lines: string[] = [];
  for (let i = 0; i < 150; i++) {
    const kw = ['if', 'while', 'for x in'][next(3)]!;
    lines.push(`${kw} a ${ops[next(10)]} b${'[c]'.repeat(next(3))} ${kw.startsWith('for') ? '' : '> d'}:`, `    e = (f ${ops[next(10)]} g)${'.h'.repeat(next(3))}`);
  }
  return lines.join('\n');
}

it('compares 400 candidates in a worker while the event loop stays free', async () => {
  const docs = Array.from({ length: 400 }, (_, i) => ({ id: `d${i}`, owner: `o${i}`, source: program(i + 1) }));
  // Two copies, renamed: the only pair.
  docs.push({ id: 'copy', owner: 'copier', source: program(7).replaceAll('a ', 'alpha ').replaceAll('e = ', 'epsilon = ') });

  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  const [pairs] = await catalog.findSimilarity([{ language: 'python', starter: '', docs }]);
  const took = performance.now() - started;
  clearInterval(ticker);

  expect(pairs!.map((p) => [p.a, p.b].sort().join('+'))).toEqual(['copy+d6']);
  // The comparison itself takes hundreds of milliseconds at least; the loop never waited a fraction of that.
  expect(took).toBeGreaterThan(longestGap * 2);
  expect(longestGap).toBeLessThan(150);
}, 120_000);
