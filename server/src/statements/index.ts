/**
 * Challenge statements: the pinned Markdown dialect parsed into the tree the
 * candidate's page renders (math as MathML), Kattis LaTeX converted to that
 * Markdown, and the image types statements may show. Pure: no I/O.
 */
import type { latexToMarkdown, markdownText } from './latex/index.ts';
import type { parseStatement } from './markdown.ts';

export type { ConversionIssue, ParsedStatement } from './markdown.ts';
export { imageContentType } from './images.ts';
export { STATEMENT_CAPS } from './caps.ts';

export interface StatementParsers {
  parseStatement: typeof parseStatement;
  latexToMarkdown: typeof latexToMarkdown;
  markdownText: typeof markdownText;
}

let parsers: Promise<StatementParsers> | undefined;

/**
 * The parsers (unified, micromark, the LaTeX parser, MathML) take about a
 * fifth of a second to load: a command that reads no statement, such as the
 * CLI's judge, does not pay it. Loaded on first use, once.
 */
export function statementParsers(): Promise<StatementParsers> {
  parsers ??= Promise.all([import('./markdown.ts'), import('./latex/index.ts')]).then(([markdown, latex]) => ({
    parseStatement: markdown.parseStatement,
    latexToMarkdown: latex.latexToMarkdown,
    markdownText: latex.markdownText,
  }));
  return parsers;
}
