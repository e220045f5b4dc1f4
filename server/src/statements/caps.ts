/**
 * Bounds on what one statement may cost the server to convert and the
 * candidate's browser to render. The parsers are not all linear on hostile
 * input (measured: tests/bench/statements.bench.ts), so each is given input
 * of bounded size and shape; past a bound the statement degrades (cut, or
 * shown as source) and the author is told, rather than the server stalling.
 */
export const STATEMENT_CAPS = {
  /** LaTeX given to the LaTeX parser; larger sources are shown as their source. */
  maxLatexChars: 32 * 1024,
  /** `{…}` nesting (and `\begin…\end` nesting) the LaTeX parser is given. */
  maxLatexGroupDepth: 32,
  maxLatexEnvironmentDepth: 12,
  /** Markdown given to the Markdown parser; the rest of a longer statement is cut. */
  maxMarkdownChars: 128 * 1024,
  /** Block and inline nesting inside the Markdown parser. */
  maxMarkdownNesting: 20,
  /** Elements nested in the tree; deeper ones give their text to their parent. */
  maxDepth: 32,
  /** Nodes (elements, text runs, MathML elements) in one statement's tree. */
  maxNodes: 20_000,
  /** TeX of one formula rendered as MathML; longer formulas are shown as TeX. */
  maxFormulaChars: 2_000,
  /** Formulas rendered per statement; later ones are shown as TeX. */
  maxFormulas: 1_000,
  /** MathML elements of one formula, and their nesting. */
  maxFormulaNodes: 2_000,
  maxFormulaDepth: 24,
  /** One statement image; larger ones are refused at publishing. */
  maxImageBytes: 2 * 1024 * 1024,
} as const;
