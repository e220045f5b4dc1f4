import { getParser } from '@unified-latex/unified-latex-util-parse';
import type { Root } from 'mdast';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown, type Handle, type Options } from 'mdast-util-to-markdown';
import type { ConversionIssue } from '../markdown.ts';
import { latexParseRefusal } from './guard.ts';
import { latexToMdast, type DisplayMath, type InlineMath } from './to-mdast.ts';

/*
 * Kattis LaTeX statements → Markdown of the pinned dialect. The LaTeX is
 * parsed by unified-latex (within the bounds guard.ts checks), turned into
 * Markdown's tree, and written out by mdast-util-to-markdown, which escapes
 * whatever the text holds so the Markdown reads back as the same text.
 */

/** The macros Kattis' problemset class adds, so the parser gives them their arguments. */
const parser = getParser({
  macros: {
    problemname: { signature: 'm' },
    illustration: { signature: 'm m m' },
    href: { signature: 'm m' },
    url: { signature: 'm' },
  },
});

export interface LatexStatement {
  markdown: string;
  /** The plain-text name given by `%% plainproblemname:` or `\problemname{}`. */
  title?: string;
  issues: ConversionIssue[];
}

/**
 * Converts a LaTeX statement. `fileNames` are the files beside it (images
 * named without their extension are found). A source the parser must not see
 * (too large, unbalanced, too deep) is shown as its LaTeX source in a code
 * block, with an issue saying why; so is one the parser fails on.
 */
export function latexToMarkdown(tex: string, fileNames: readonly string[] = []): LatexStatement {
  const source = tex.replace(/\r\n?/g, '\n');
  const plainName = /^%%\s*plainproblemname:\s*(.+)$/m.exec(source.slice(0, 4096))?.[1]?.trim();
  const refusal = latexParseRefusal(source);
  if (refusal) return asSource(source, plainName, `${refusal}; it is shown to candidates as LaTeX source`);
  let converted;
  let body: string;
  try {
    converted = latexToMdast(parser.parse(source), fileNames);
    body = serialise(converted.root);
  } catch (error) {
    return asSource(source, plainName, `could not be read as LaTeX (${(error as Error).message.split('\n')[0]?.slice(0, 100)}); it is shown as LaTeX source`);
  }
  const title = plainName ?? converted.title;
  const issues: ConversionIssue[] = [];
  if (converted.unknown.length) {
    const names = converted.unknown.slice(0, 12).map((name) => `\\${name}`);
    issues.push({ severity: 'warning', message: `uses LaTeX commands Kodbro leaves out (their arguments stay as text): ${names.join(', ')}${converted.unknown.length > 12 ? ', …' : ''}` });
  }
  return { markdown: title ? `# ${markdownText(title)}\n\n${body}` : body, ...(title ? { title } : {}), issues };
}

function asSource(source: string, title: string | undefined, message: string): LatexStatement {
  const markdown = serialise({ type: 'root', children: [{ type: 'code', lang: 'latex', value: source.replace(/\n$/, '') }] });
  return { markdown: title ? `# ${markdownText(title)}\n\n${markdown}` : markdown, ...(title ? { title } : {}), issues: [{ severity: 'warning', message }] };
}

/** The pinned dialect's math: `$…$` inline (no spaces inside the dollars), `$$` lines around display math. */
const inlineMath: Handle = (node: InlineMath, _parent, state) => {
  const value = node.value.replace(/\s+/g, ' ').trim();
  // A | in a table cell would end the cell; GFM reads \| as | inside it.
  return `$${state.stack.includes('tableCell') ? value.replace(/\|/g, '\\|') : value}$`;
};
const displayMath: Handle = (node: DisplayMath) => `$$\n${node.value}\n$$`;

const options: Options = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  fence: '`',
  rule: '-',
  listItemIndent: 'one',
  extensions: [gfmTableToMarkdown({ tablePipeAlign: false })],
  handlers: { inlineMath, math: displayMath },
  // Dollars in text are text, not math.
  unsafe: [
    { character: '$', inConstruct: 'phrasing' },
    { character: '$', atBreak: true },
  ],
};

function serialise(root: Root): string {
  return toMarkdown(root, options);
}

/** Plain text as Markdown that reads back as the same text (a title for a `# ` heading). */
export function markdownText(title: string): string {
  return serialise({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: title }] }] }).trim();
}
