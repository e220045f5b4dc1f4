/**
 * Challenge statements: the pinned Markdown dialect parsed into the tree the
 * candidate's page renders (math as MathML), Kattis LaTeX converted to that
 * Markdown, and the image types statements may show. Pure: no I/O.
 */
export { parseStatement, type ConversionIssue, type ParsedStatement } from './markdown.ts';
export { latexToMarkdown, markdownText } from './latex/index.ts';
export { imageContentType } from './images.ts';
export { STATEMENT_CAPS } from './caps.ts';
