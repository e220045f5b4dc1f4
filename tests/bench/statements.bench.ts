/**
 * Statement conversion cost: a real-looking Kattis LaTeX statement and a
 * Markdown one (tests/fixtures/statements/), and the hostile shapes of
 * tests/support/statement-inputs.ts at 100 KB and 1 MB, each converted the
 * way loadChallenge does it (LaTeX → Markdown → tree, or Markdown → tree).
 * Prints CPU milliseconds (best of three) per input; `npm run bench:statements`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATEMENT_CAPS, statementParsers } from '../../server/src/statements/index.ts';
import { BALANCED_LATEX, HOSTILE_LATEX, HOSTILE_MARKDOWN } from '../support/statement-inputs.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/statements');
const { latexToMarkdown, parseStatement } = await statementParsers();
const KB = 1024;

function cpuMs(work: () => void): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

const fromLatex = (tex: string) => () => void parseStatement(latexToMarkdown(tex, ['bridges.png']).markdown, ['bridges.png']);
const fromMarkdown = (markdown: string) => () => void parseStatement(markdown, ['timeline.svg']);

function row(name: string, cells: string[]): void {
  console.log(`${name.padEnd(44)}${cells.map((c) => c.padStart(12)).join('')}`);
}
const ms = (value: number) => `${value.toFixed(1)} ms`;

// Warm the JIT so the first row is not charged for it.
for (let i = 0; i < 5; i++) fromLatex(readFileSync(path.join(FIXTURES, 'toll-bridges.tex'), 'utf8'))();

console.log(`Statement conversion, CPU time (best of 3); caps: LaTeX ${STATEMENT_CAPS.maxLatexChars / KB} KB, Markdown ${STATEMENT_CAPS.maxMarkdownChars / KB} KB\n`);
row('real-looking statements', ['size', 'time']);
const tex = readFileSync(path.join(FIXTURES, 'toll-bridges.tex'), 'utf8');
const markdown = readFileSync(path.join(FIXTURES, 'queue-simulator.md'), 'utf8');
row('  Kattis LaTeX (toll-bridges.tex)', [`${(tex.length / KB).toFixed(1)} KB`, ms(cpuMs(fromLatex(tex)))]);
row('  Markdown (queue-simulator.md)', [`${(markdown.length / KB).toFixed(1)} KB`, ms(cpuMs(fromMarkdown(markdown)))]);

console.log('');
row('hostile LaTeX', ['100 KB', '1 MB']);
for (const [name, make] of Object.entries(HOSTILE_LATEX)) row(`  ${name}`, [ms(cpuMs(fromLatex(make(100 * KB)))), ms(cpuMs(fromLatex(make(1024 * KB))))]);
row('LaTeX the guard passes (parsed)', ['16 KB', '32 KB']);
for (const [name, make] of Object.entries(BALANCED_LATEX)) row(`  ${name}`, [ms(cpuMs(fromLatex(make(16 * KB)))), ms(cpuMs(fromLatex(make(32 * KB - 64))))]);

console.log('');
row('hostile Markdown', ['100 KB', '1 MB']);
for (const [name, make] of Object.entries(HOSTILE_MARKDOWN)) row(`  ${name}`, [ms(cpuMs(fromMarkdown(make(100 * KB)))), ms(cpuMs(fromMarkdown(make(1024 * KB))))]);
