/**
 * Golden statements: a real-looking Kattis LaTeX statement and a Markdown one,
 * converted to Markdown and to the tree the candidate's page receives, compared
 * with the checked-in files in tests/fixtures/statements/. The client's test
 * (client/src/candidate/Statement.test.tsx) renders the same trees to HTML, so
 * together they pin LaTeX → Markdown → tree → what the candidate sees.
 * `UPDATE_GOLDEN=1` rewrites the files; review the diff before committing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { latexToMarkdown } from './latex/index.ts';
import { parseStatement } from './markdown.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/statements');
const read = (name: string) => readFileSync(path.join(DIR, name), 'utf8');

function expectGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN) writeFileSync(path.join(DIR, name), actual);
  expect(actual).toBe(read(name));
}

describe('golden statements', () => {
  it('a Kattis LaTeX statement becomes the expected Markdown and tree', () => {
    const converted = latexToMarkdown(read('toll-bridges.tex'), ['bridges.png', 'problem.en.tex']);
    expect(converted.title).toBe('Toll Bridges');
    expect(converted.issues).toEqual([]);
    expectGolden('toll-bridges.expected.md', converted.markdown);
    const parsed = parseStatement(converted.markdown, ['bridges.png']);
    expect(parsed.issues).toEqual([]);
    expectGolden('toll-bridges.tree.json', `${JSON.stringify(parsed.doc, null, 1)}\n`);
  });

  it('a Markdown statement becomes the expected tree, with a warning for its missing image', () => {
    const parsed = parseStatement(read('queue-simulator.md'), ['timeline.svg']);
    expect(parsed.issues).toEqual([
      { severity: 'warning', message: 'refers to the image "missing.png", which is not among the statement files: its alternative text is shown instead' },
    ]);
    expectGolden('queue-simulator.tree.json', `${JSON.stringify(parsed.doc, null, 1)}\n`);
  });
});
