/**
 * Hostile statements cost bounded time: each 1 MB one converts (LaTeX →
 * Markdown → tree, or Markdown → tree) in under a second, and doubling the
 * input roughly doubles the time rather than quadrupling it. Time is the
 * process's CPU time (best of three), so a busy machine does not fail this;
 * the bounds are generous against the measured ~0.05–0.5 s.
 */
import { describe, expect, it } from 'vitest';
import { BALANCED_LATEX, HOSTILE_LATEX, HOSTILE_MARKDOWN } from '../../../tests/support/statement-inputs.ts';
import { STATEMENT_CAPS } from './caps.ts';
import { latexToMarkdown } from './latex/index.ts';
import { parseStatement } from './markdown.ts';

const MB = 1024 * 1024;

function cpuSeconds(work: () => void, runs = 5): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

/**
 * The best CPU time of each piece of work over `runs` rounds, the two run in
 * turn: whatever else the machine does at a moment weighs on both sizes alike,
 * so their ratio is the parser's, not the moment's.
 */
function cpuSecondsInTurn(half: () => void, full: () => void, runs = 5): { half: number; full: number } {
  const best = { half: Infinity, full: Infinity };
  for (let run = 0; run < runs; run++) {
    for (const [which, work] of [['half', half], ['full', full]] as const) {
      const start = process.cpuUsage();
      work();
      const used = process.cpuUsage(start);
      best[which] = Math.min(best[which], (used.user + used.system) / 1e6);
    }
  }
  return best;
}

const fromLatex = (tex: string) => () => void parseStatement(latexToMarkdown(tex).markdown, []);
const fromMarkdown = (markdown: string) => () => void parseStatement(markdown, []);

/**
 * Below this, a doubling's ratio is garbage collection and the other tests
 * sharing the machine, not the parser: the quadratic shapes this guards
 * against cost seconds at these sizes (micromark's `*_*_` took 7 s at 16 KB).
 */
const NOISE_SECONDS = 0.25;

/** Under a second at 1 MB, and at most ~3× (not 4×) the time of half the input; tiny times are noise and pass. */
function expectLinear(name: string, convert: (input: string) => () => void, make: (bytes: number) => string): void {
  const { half, full } = cpuSecondsInTurn(convert(make(MB / 2)), convert(make(MB)));
  expect(full, `${name}: ${full.toFixed(3)} s for 1 MB`).toBeLessThan(1);
  expect(full, `${name}: ${half.toFixed(3)} s → ${full.toFixed(3)} s when doubled`).toBeLessThan(Math.max(3 * half, NOISE_SECONDS));
}

describe('hostile statements take bounded time', () => {
  for (const [name, make] of Object.entries(HOSTILE_LATEX)) {
    it(`LaTeX: ${name}`, () => expectLinear(name, fromLatex, make));
  }
  for (const [name, make] of Object.entries(HOSTILE_MARKDOWN)) {
    it(`Markdown: ${name}`, () => expectLinear(name, fromMarkdown, make));
  }

  it('Markdown below the size cap is parsed, not cut, and still scales linearly', () => {
    for (const [name, make] of Object.entries(HOSTILE_MARKDOWN)) {
      const { half, full } = cpuSecondsInTurn(fromMarkdown(make(STATEMENT_CAPS.maxMarkdownChars / 2)), fromMarkdown(make(STATEMENT_CAPS.maxMarkdownChars)));
      expect(full, name).toBeLessThan(1);
      expect(full, `${name}: ${half.toFixed(3)} s → ${full.toFixed(3)} s when doubled`).toBeLessThan(Math.max(3 * half, NOISE_SECONDS));
    }
  }, 120_000);

  it('LaTeX the guard lets through converts in under 1.5 s of CPU at the size cap', () => {
    for (const [name, make] of Object.entries(BALANCED_LATEX)) {
      const tex = make(STATEMENT_CAPS.maxLatexChars - 64);
      expect(latexToMarkdown(tex).issues.filter((i) => i.message.includes('LaTeX source')), name).toEqual([]);
      // unified-latex costs ~10 µs a character (not linear on every shape): the size cap is what bounds it.
      // 0.2–0.6 s on a quiet machine (bench:statements), 1.04 s once while other suites shared the cores.
      const seconds = cpuSeconds(fromLatex(tex), 2);
      expect(seconds, `${name}: ${seconds.toFixed(3)} s`).toBeLessThan(1.5);
    }
  }, 120_000);
});
