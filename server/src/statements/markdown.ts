import { tex } from '@mdit/plugin-tex';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { StatementDoc, StatementElement, StatementNode, TableAlign } from '../contracts/index.ts';
import { STATEMENT_CAPS } from './caps.ts';
import { imageContentType } from './images.ts';
import { texToMathml } from './math.ts';

/*
 * The one Markdown dialect of statements, pinned here: CommonMark, GFM
 * tables, strikethrough (~~x~~) and links written out (https://…, a@b.example),
 * and math as $…$ and $$…$$. Raw HTML is not interpreted: it stays text.
 * markdown-it was chosen over micromark because micromark's emphasis
 * resolution is quadratic (16 KB of `*_*_…` took seconds); markdown-it is
 * linear on the CommonMark pathological inputs and bounds nesting itself.
 */

const dialect = new MarkdownIt('commonmark', { html: false, linkify: true, typographer: false })
  .enable(['table', 'strikethrough', 'linkify'])
  // Only $…$ and $$…$$: the \(…\) form would rescan to the end for every unclosed \( (quadratic).
  .use(tex, { delimiters: 'dollars', render: () => '' });
// markdown-it reads its nesting limit from the options at every parse (the typings omit it).
Object.assign(dialect.options, { maxNesting: STATEMENT_CAPS.maxMarkdownNesting });
// Bare names like main.py or node.js are file names in statements, not links: only written-out URLs link.
dialect.linkify.set({ fuzzyLink: false, fuzzyEmail: true });

export interface ConversionIssue {
  severity: 'error' | 'warning';
  message: string;
}

export interface ParsedStatement {
  doc: StatementDoc;
  issues: ConversionIssue[];
}

/**
 * Parses a statement's Markdown into the tree the candidate's page renders.
 * `files` are the names of the challenge's statement files (images are
 * shown only from these). Never throws: what cannot be shown faithfully
 * becomes text, and an issue says so.
 */
export function parseStatement(markdown: string, files: readonly string[]): ParsedStatement {
  const issues: ConversionIssue[] = [];
  let source = markdown;
  if (source.length > STATEMENT_CAPS.maxMarkdownChars) {
    issues.push({ severity: 'error', message: `is longer than ${STATEMENT_CAPS.maxMarkdownChars / 1024} KB; it is cut there` });
    source = source.slice(0, source.lastIndexOf('\n', STATEMENT_CAPS.maxMarkdownChars) + 1 || STATEMENT_CAPS.maxMarkdownChars);
  }
  const builder = new TreeBuilder(new Set(files), issues);
  builder.addBlocks(dialect.parse(source, {}));
  return { doc: { children: builder.root.children }, issues: dedupe(issues) };
}

type Parent = { children: StatementNode[] };

/**
 * Turns markdown-it's flat token stream into nested nodes with an explicit
 * stack (no recursion on the input's shape). Past the depth cap an element
 * is left out and its content joins its parent; past the node cap the rest
 * of the statement is dropped.
 */
class TreeBuilder {
  readonly root: Parent = { children: [] };
  /** Open elements; `null` marks an element left out, whose content goes to the nearest real parent. */
  private readonly stack: (Parent | null)[] = [this.root];
  private depth = 0;
  private nodes = 0;
  private formulas = 0;
  private full = false;
  private readonly files: Set<string>;
  private readonly issues: ConversionIssue[];

  constructor(files: Set<string>, issues: ConversionIssue[]) {
    this.files = files;
    this.issues = issues;
  }

  addBlocks(tokens: Token[]): void {
    for (const token of tokens) {
      if (this.full) return;
      this.addBlock(token);
    }
  }

  private addBlock(token: Token): void {
    switch (token.type) {
      case 'heading_open':
        return this.open({ type: 'heading', depth: Number(token.tag.slice(1)), children: [] });
      case 'paragraph_open':
        // Paragraphs of tight lists are not shown as paragraphs.
        return token.hidden ? this.skip() : this.open({ type: 'paragraph', children: [] });
      case 'bullet_list_open':
        return this.open({ type: 'list', ordered: false, children: [] });
      case 'ordered_list_open': {
        const start = Number(token.attrGet('start') ?? 1);
        return this.open({ type: 'list', ordered: true, ...(start !== 1 && Number.isSafeInteger(start) ? { start } : {}), children: [] });
      }
      case 'list_item_open':
        return this.open({ type: 'listItem', children: [] });
      case 'blockquote_open':
        return this.open({ type: 'blockquote', children: [] });
      case 'table_open':
        return this.open({ type: 'table', align: [], children: [] });
      case 'thead_open':
      case 'tbody_open':
        return this.skip();
      case 'tr_open':
        return this.open({ type: 'tableRow', children: [] });
      case 'th_open':
      case 'td_open':
        return this.open({ type: 'tableCell', header: token.type === 'th_open', children: [] }, alignOf(token));
      case 'inline':
        return this.addInlines(token.children ?? []);
      case 'fence':
      case 'code_block': {
        const lang = token.info.trim().split(/\s+/)[0];
        return this.add({ type: 'code', value: token.content.replace(/\n$/, ''), ...(lang ? { lang: lang.slice(0, 40) } : {}) });
      }
      case 'hr':
        return this.add({ type: 'thematicBreak' });
      case 'math_block':
        return this.addMath(token.content, true);
      default:
        if (token.nesting === -1) return this.close();
        // Anything else the dialect could produce is shown as its text.
        if (token.content) this.addText(token.content);
    }
  }

  private addInlines(tokens: Token[]): void {
    for (const token of tokens) {
      if (this.full) return;
      this.addInline(token);
    }
  }

  private addInline(token: Token): void {
    switch (token.type) {
      case 'text':
      case 'text_special':
      case 'html_inline':
        return this.addText(token.content);
      case 'softbreak':
        return this.addText('\n');
      case 'hardbreak':
        return this.add({ type: 'break' });
      case 'code_inline':
        return this.add({ type: 'inlineCode', value: token.content });
      case 'em_open':
        return this.open({ type: 'emphasis', children: [] });
      case 'strong_open':
        return this.open({ type: 'strong', children: [] });
      case 's_open':
        return this.open({ type: 'delete', children: [] });
      case 'link_open':
        return this.openLink(token.attrGet('href') ?? '');
      case 'image':
        return this.addImage(token.attrGet('src') ?? '', token.content);
      case 'math_inline':
        return this.addMath(token.content, false);
      default:
        if (token.nesting === -1) return this.close();
        if (token.content) this.addText(token.content);
    }
  }

  private openLink(href: string): void {
    if (/^(?:https?:\/\/|mailto:)/i.test(href)) return this.open({ type: 'link', url: href, children: [] });
    this.issue('warning', `links only to http, https and mailto addresses; the link to ${quote(href)} is shown as text`);
    this.skip();
  }

  private addImage(src: string, alt: string): void {
    const file = statementFileName(src);
    const problem = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(file)
      ? `shows no remote images (${quote(file)}); only the package's own statement files`
      : !this.files.has(file)
        ? `refers to the image ${quote(file)}, which is not among the statement files`
        : !imageContentType(file)
          ? `refers to ${quote(file)}, which is not an image type browsers show (png, jpeg, gif, webp, svg)`
          : undefined;
    if (problem) {
      this.issue('warning', `${problem}: its alternative text is shown instead`);
      if (alt) this.addText(alt);
      return;
    }
    this.add({ type: 'image', file, alt });
  }

  private addMath(source: string, display: boolean): void {
    const tex = source.trim();
    if (!tex) return;
    const mathml = ++this.formulas <= STATEMENT_CAPS.maxFormulas ? texToMathml(tex, display) : undefined;
    if (!mathml) this.issue('warning', this.formulas > STATEMENT_CAPS.maxFormulas ? `has more than ${STATEMENT_CAPS.maxFormulas} formulas; the rest are shown as TeX` : `has math Kodbro cannot render (shown as TeX): ${quote(tex.slice(0, 60))}`);
    const cost = mathml ? countMathNodes(mathml) : 0;
    if (mathml && this.nodes + cost < STATEMENT_CAPS.maxNodes) {
      this.nodes += cost;
      return this.add({ type: 'math', display, tex, mathml });
    }
    this.add({ type: 'math', display, tex });
  }

  private open(element: StatementElement & Parent, align?: TableAlign): void {
    if (this.depth >= STATEMENT_CAPS.maxDepth) {
      this.issue('warning', `nests deeper than ${STATEMENT_CAPS.maxDepth} levels; deeper parts are shown flat`);
      return this.skip();
    }
    if (element.type === 'tableCell' && element.header) this.headerAlign(align ?? null);
    this.add(element);
    if (this.full) return this.skip();
    this.stack.push(element);
    this.depth += 1;
  }

  /** An element left out: its content goes to the nearest element that is shown. */
  private skip(): void {
    this.stack.push(null);
  }

  private close(): void {
    if (this.stack.length <= 1) return;
    if (this.stack.pop() !== null) this.depth -= 1;
  }

  private parent(): Parent {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const frame = this.stack[i];
      if (frame) return frame;
    }
    return this.root;
  }

  private add(node: StatementElement): void {
    if (!this.count()) return;
    this.parent().children.push(node);
  }

  /** Adjacent text joins into one string: fewer nodes, same content. */
  private addText(text: string): void {
    if (!text) return;
    const siblings = this.parent().children;
    const last = siblings.length - 1;
    if (typeof siblings[last] === 'string') siblings[last] += text;
    else if (this.count()) siblings.push(text);
  }

  private count(): boolean {
    if (this.full) return false;
    if (++this.nodes <= STATEMENT_CAPS.maxNodes) return true;
    this.full = true;
    this.issue('warning', `has more than ${STATEMENT_CAPS.maxNodes} elements; the rest is left out`);
    return false;
  }

  /** The alignment of a table's columns comes from its header cells. */
  private headerAlign(align: TableAlign): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const frame = this.stack[i] as StatementElement | null;
      if (frame && typeof frame === 'object' && frame.type === 'table') {
        frame.align.push(align);
        return;
      }
    }
  }

  private issue(severity: ConversionIssue['severity'], message: string): void {
    this.issues.push({ severity, message });
  }
}

function alignOf(token: Token): TableAlign {
  const style = token.attrGet('style') ?? '';
  const match = /text-align:\s*(left|center|right)/.exec(style);
  return (match?.[1] as TableAlign | undefined) ?? null;
}

/** `statement-files/a b.png`, `./a%20b.png` and `a b.png` all name the statement file `a b.png`. */
function statementFileName(src: string): string {
  let name = src;
  try {
    name = decodeURI(src);
  } catch {
    // A broken escape is kept as it was written; it will not name a file.
  }
  return name.replace(/^\.\//, '').replace(/^statement-files\//, '');
}

function countMathNodes(node: { children?: unknown[] }): number {
  let count = 1;
  for (const child of node.children ?? []) count += typeof child === 'object' && child !== null ? countMathNodes(child) : 1;
  return count;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Each message once, and at most 20: a hostile statement must not make thousands of warnings. */
function dedupe(issues: ConversionIssue[]): ConversionIssue[] {
  const byMessage = new Map<string, ConversionIssue>();
  for (const issue of issues) if (!byMessage.has(issue.message)) byMessage.set(issue.message, issue);
  return [...byMessage.values()].slice(0, 20);
}
