import { describe, expect, it } from 'vitest';
import { DEFAULT_JUDGE_LIMITS } from '../config/index.ts';
import { STATEMENT_CAPS } from '../statements/index.ts';
import { withStatementDocs } from './load.ts';
import { lintChallenge } from './lint.ts';
import type { PackageContent } from './model.ts';

function content(overrides: Partial<PackageContent> = {}): PackageContent {
  return {
    format: 'kodbro',
    id: 'lint',
    title: { en: 'Lint' },
    statements: { en: '# Lint\n\n![A graph](graph.png)\n' },
    statementIssues: [],
    statementFiles: [{ path: 'graph.png', content: Buffer.alloc(10) }],
    languages: ['python'],
    limits: {},
    checker: { kind: 'tokens', caseSensitive: true },
    samples: [{ id: '1', input: Buffer.from('1\n'), answer: Buffer.from('1\n') }],
    groups: [{ id: '1', points: 1, tests: [{ id: '1', input: Buffer.from('1\n'), answer: Buffer.from('1\n') }] }],
    starters: { python: 'print()\n' },
    solutions: [{ file: 'solutions/a.py', expect: 'accepted' }],
    ...overrides,
  };
}

describe('lintChallenge: statements', () => {
  it('says nothing of a statement that converts faithfully', async () => {
    expect(lintChallenge(await withStatementDocs(content()), DEFAULT_JUDGE_LIMITS)).toEqual({ errors: [], warnings: [] });
  });

  it('refuses a statement image over the cap, so candidates on weak links are not made to load it', async () => {
    const big = Buffer.alloc(STATEMENT_CAPS.maxImageBytes + 1);
    const report = lintChallenge(await withStatementDocs(content({ statementFiles: [{ path: 'graph.png', content: big }, { path: 'data.csv', content: big }] })), DEFAULT_JUDGE_LIMITS);
    expect(report.errors).toEqual(['statement-files/graph.png is 2.0 MB; a statement image may be at most 2.0 MB']);
  });

  it('reports what the statement conversion could not do, per locale', async () => {
    const report = lintChallenge(
      await withStatementDocs(content({ statements: { en: '![Gone](gone.png) [x](ftp://a.example)\n', sv: 'x'.repeat(STATEMENT_CAPS.maxMarkdownChars + 1) }, title: { en: 'Lint', sv: 'Lint' } })),
      DEFAULT_JUDGE_LIMITS,
    );
    expect(report.errors).toEqual(['statement sv: is longer than 128 KB; it is cut there']);
    expect(report.warnings).toEqual([
      'statement en: refers to the image "gone.png", which is not among the statement files: its alternative text is shown instead',
      'statement en: links only to http, https and mailto addresses; the link to "ftp://a.example" is shown as text',
    ]);
  });
});
