import type * as Latex from '@unified-latex/unified-latex-types';
import { printRaw } from '@unified-latex/unified-latex-util-print-raw';
import type { AlignType, BlockContent, Heading, List, ListItem, Literal, Paragraph, PhrasingContent, Root, Table, TableCell, TableRow } from 'mdast';
import { IMAGE_EXTENSIONS, imageContentType } from '../images.ts';
import { ACCENTS, accented, SYMBOLS, typography } from './text.ts';

/*
 * A parsed LaTeX statement (unified-latex's tree) as Markdown's tree (mdast),
 * for what Kattis statements use: sections and the Input/Output environments,
 * emphasis, code, lists, tabular, images, links, math, verbatim, escapes and
 * accents. A command Kodbro does not know is dropped and the text of the
 * groups after it is kept, so nothing is invented and nothing readable is
 * lost. The parser's input is bounded (guard.ts), so recursing on its tree is.
 */

/** Math as mdast-util-math names it; written out by handlers of our own (index.ts). */
export interface InlineMath extends Literal {
  type: 'inlineMath';
}
export interface DisplayMath extends Literal {
  type: 'math';
}

declare module 'mdast' {
  interface PhrasingContentMap {
    inlineMath: InlineMath;
  }
  interface BlockContentMap {
    math: DisplayMath;
  }
  interface RootContentMap {
    inlineMath: InlineMath;
    math: DisplayMath;
  }
}

type Inline = PhrasingContent | InlineMath;
type Block = BlockContent | DisplayMath;

export interface Converted {
  root: Root;
  /** The plain-text title from `\problemname{}`. */
  title?: string;
  /** Commands that were dropped, for the author's warning. */
  unknown: string[];
}

const HEADINGS: Record<string, Heading['depth']> = { section: 2, subsection: 3, subsubsection: 4 };
const EMPHASIS = new Set(['emph', 'textit', 'textsl', 'underline', 'uline']);
const CODE = new Set(['texttt', 'code', 'lstinline', 'path']);
const PLAIN = new Set(['textrm', 'textsf', 'textup', 'textmd', 'textnormal', 'textsc', 'mbox', 'text', 'makebox', 'fbox', 'hbox']);
/** Font switches: `{\bf text}` styles the rest of its group. */
const DECLARATIONS: Record<string, 'strong' | 'emphasis' | 'inlineCode' | 'plain'> = {
  bf: 'strong', bfseries: 'strong', it: 'emphasis', itshape: 'emphasis', em: 'emphasis', sl: 'emphasis', slshape: 'emphasis',
  tt: 'inlineCode', ttfamily: 'inlineCode', rm: 'plain', rmfamily: 'plain', sf: 'plain', sffamily: 'plain', sc: 'plain', scshape: 'plain',
  normalfont: 'plain', upshape: 'plain', small: 'plain', footnotesize: 'plain', large: 'plain', Large: 'plain', LARGE: 'plain',
  huge: 'plain', Huge: 'plain', normalsize: 'plain', tiny: 'plain', scriptsize: 'plain',
};
/** Commands whose arguments are not text: dropped with them, silently. */
const DROPPED = new Set([
  'label', 'ref', 'eqref', 'cite', 'vspace', 'hspace', 'vskip', 'hskip', 'medskip', 'bigskip', 'smallskip', 'vfill', 'hfill',
  'setlength', 'addtolength', 'newcommand', 'renewcommand', 'providecommand', 'def', 'input', 'include', 'usepackage',
  'sample', 'nextsample', 'remainingsamples', 'constant', 'footnotemark', 'pagestyle', 'thispagestyle', 'clearpage', 'newpage',
  'pagebreak', 'linebreak', 'nopagebreak', 'hline', 'cline', 'toprule', 'midrule', 'bottomrule', 'centering', 'caption',
  'maketitle', 'item', 'protect', 'phantom', 'index', 'graphicspath', 'hyphenation', 'sloppy', 'fussy', 'allowbreak', 'kern',
]);
const LETTERS = new Set(['aa', 'AA', 'o', 'O', 'ae', 'AE', 'oe', 'OE', 'ss', 'i', 'j', 'l', 'L']);
const LISTS = new Set(['itemize', 'enumerate', 'description', 'compactitem', 'compactenum']);
const VERBATIM = new Set(['verbatim', 'lstlisting', 'Verbatim', 'minted', 'alltt']);
const IO_SECTIONS: Record<string, string> = { Input: 'Input', Output: 'Output', Interaction: 'Interaction' };

/**
 * Converts a parsed statement. `fileNames` are the statement folder's files:
 * `\includegraphics{bus}` names `bus.png` when that is what exists.
 */
export function latexToMdast(tree: Latex.Root, fileNames: readonly string[]): Converted {
  const converter = new Converter(fileNames);
  const children = converter.blocks(tree.content);
  return { root: { type: 'root', children: children }, ...(converter.title ? { title: converter.title } : {}), unknown: [...converter.unknown] };
}

class Converter {
  title: string | undefined;
  readonly unknown = new Set<string>();
  private readonly fileNames: readonly string[];

  constructor(fileNames: readonly string[]) {
    this.fileNames = fileNames;
  }

  /** Block content: paragraphs gather inline nodes until a block-level construct or a blank line. */
  blocks(nodes: Latex.Node[]): Block[] {
    const out: Block[] = [];
    let inline: Inline[] = [];
    const endParagraph = () => {
      const paragraph = toParagraph(inline);
      if (paragraph) out.push(paragraph);
      inline = [];
    };
    this.walk(nodes, (node) => {
      if (isBlock(node)) {
        endParagraph();
        out.push(node);
      } else if (node === PARAGRAPH_BREAK) endParagraph();
      else inline.push(node);
    });
    endParagraph();
    return out;
  }

  /** Inline content: block constructs are flattened into it (a list in a table cell reads as text). */
  inlines(nodes: Latex.Node[]): Inline[] {
    const out: Inline[] = [];
    this.walk(nodes, (node) => {
      if (node === PARAGRAPH_BREAK) out.push(text(' '));
      else if (isBlock(node)) out.push(...flatten(node));
      else out.push(node);
    });
    return mergeText(out);
  }

  /** Emits each node's conversion; adjacent strings are joined first so `--` and quotes read as one run. */
  private walk(nodes: Latex.Node[], emit: (node: Inline | Block | typeof PARAGRAPH_BREAK) => void): void {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as Latex.Node;
      if (node.type === 'string') {
        let run = node.content;
        while (nodes[i + 1]?.type === 'string') run += (nodes[++i] as Latex.String).content;
        emit(text(typography(run)));
      } else if (node.type === 'macro' && ACCENTS[node.content] !== undefined && !node.args?.length) {
        // \'e or \"{o}: the accent goes on the first letter of what follows.
        const target = nodes[i + 1];
        const letter = target?.type === 'string' ? target.content : target?.type === 'group' ? this.plain(target.content) : '';
        if (target && (target.type === 'string' || target.type === 'group')) i++;
        emit(text(letter ? accented(letter[0] as string, node.content) + typography(letter.slice(1)) : ''));
      } else {
        for (const converted of this.node(node)) emit(converted);
        // A letter command ends at the space after it, as in TeX: Sk\aa rd is Skård.
        if (node.type === 'macro' && LETTERS.has(node.content) && nodes[i + 1]?.type === 'whitespace') i++;
      }
    }
  }

  private node(node: Latex.Node): (Inline | Block | typeof PARAGRAPH_BREAK)[] {
    switch (node.type) {
      case 'whitespace':
        return [text(' ')];
      case 'parbreak':
        return [PARAGRAPH_BREAK];
      case 'comment':
        return node.suffixParbreak ? [PARAGRAPH_BREAK] : [];
      case 'group':
        return this.group(node.content);
      case 'inlinemath':
        return [{ type: 'inlineMath', value: oneLine(printRaw(node.content)) }];
      case 'displaymath':
        return [{ type: 'math', value: printRaw(node.content).trim() }];
      case 'mathenv':
        return [{ type: 'math', value: mathEnvironment(node) }];
      case 'verb':
        return node.content ? [{ type: 'inlineCode', value: node.content }] : [];
      case 'verbatim':
        return [codeBlock(node.content)];
      case 'macro':
        return this.macro(node);
      case 'environment':
        return this.environment(node);
      default:
        return [];
    }
  }

  /** `{…}`, with a font switch at its start (`{\bf x}`) styling the rest. */
  private group(content: Latex.Node[]): Inline[] {
    const first = content.findIndex((n) => n.type !== 'whitespace');
    const head = content[first];
    const style = head?.type === 'macro' ? DECLARATIONS[head.content] : undefined;
    if (!style) return this.inlines(content);
    const rest = content.slice(first + 1);
    if (style === 'inlineCode') return code(plainText(rest));
    const inner = trimInline(this.inlines(rest));
    if (style === 'plain' || inner.length === 0) return inner;
    return [{ type: style, children: inner }];
  }

  private macro(node: Latex.Macro): (Inline | Block)[] {
    const name = node.content;
    const args = node.args ?? [];
    const last = args.at(-1)?.content ?? [];
    if (name === 'problemname') {
      this.title ??= this.plain(last) || undefined;
      return [];
    }
    const depth = HEADINGS[name];
    if (depth) return [{ type: 'heading', depth, children: trimInline(this.inlines(last)) }];
    if (name === 'paragraph' || name === 'subparagraph') return [{ type: 'strong', children: trimInline(this.inlines(last)) }, text(' ')];
    if (name === 'textbf') return styled('strong', trimInline(this.inlines(last)));
    if (EMPHASIS.has(name)) return styled('emphasis', trimInline(this.inlines(last)));
    if (CODE.has(name)) return code(plainText(last));
    if (PLAIN.has(name)) return this.inlines(last);
    if (name === 'footnote') return [text(' ('), ...this.inlines(last), text(')')];
    if (name === '\\' || name === 'newline') return [{ type: 'break' }];
    if (name === 'url') return [link(rawText(last), [text(rawText(last))])];
    if (name === 'href') return [link(rawText(args.at(-2)?.content ?? []), this.inlines(last))];
    if (name === 'includegraphics') return [imageBlock(this.image(rawText(last), ''))];
    if (name === 'illustration') return [imageBlock(this.image(rawText(args[1]?.content ?? []), this.plain(last)))];
    if (SYMBOLS[name] !== undefined) return SYMBOLS[name] ? [text(SYMBOLS[name])] : [];
    if (DECLARATIONS[name] === undefined && !DROPPED.has(name)) this.unknown.add(name);
    return [];
  }

  private environment(node: Latex.Environment): (Inline | Block | typeof PARAGRAPH_BREAK)[] {
    const env = node.env.replace(/\*$/, '');
    if (LISTS.has(env)) return [this.list(node.content, env === 'enumerate' || env === 'compactenum')];
    if (env === 'tabular' || env === 'tabularx' || env === 'longtable') return [this.table(node)];
    if (VERBATIM.has(env)) return [codeBlock(printRaw(node.content), listingLanguage(node))];
    const heading = IO_SECTIONS[env];
    if (heading) return [{ type: 'heading', depth: 2, children: [text(heading)] }, ...this.blocks(node.content)];
    if (env === 'quote' || env === 'quotation') return [{ type: 'blockquote', children: this.blocks(node.content) }];
    if (env === 'figure' || env === 'wrapfigure') return this.figure(node.content);
    // center, minipage, flushleft, … and any environment Kodbro does not know: its content, as paragraphs.
    return [PARAGRAPH_BREAK, ...this.blocks(node.content), PARAGRAPH_BREAK];
  }

  /** Each `\item` holds its body as its last argument (unified-latex attaches it). */
  private list(content: Latex.Node[], ordered: boolean): List {
    const items: ListItem[] = [];
    for (const node of content) {
      if (node.type !== 'macro' || node.content !== 'item') continue;
      const args = node.args ?? [];
      const body = this.blocks(args.at(-1)?.content ?? []);
      const term = args.find((a) => a.openMark === '[')?.content;
      if (term?.length) {
        const label: PhrasingContent = { type: 'strong', children: trimInline(this.inlines(term)) };
        const first = body[0];
        if (first?.type === 'paragraph') first.children.unshift(label, text(' '));
        else body.unshift({ type: 'paragraph', children: [label] });
      }
      items.push({ type: 'listItem', spread: false, children: body });
    }
    return { type: 'list', ordered, spread: false, children: items };
  }

  /** A tabular as a GFM table: rows end at `\\`, cells at `&`; the first row is the header. */
  private table(node: Latex.Environment): Table {
    const spec = printRaw(node.args?.at(-1)?.content ?? []);
    const align = columnAlignment(spec);
    const rows: Latex.Node[][][] = [[[]]];
    for (const child of node.content) {
      const row = rows.at(-1) as Latex.Node[][];
      if (child.type === 'macro' && child.content === '\\') rows.push([[]]);
      else if (child.type === 'string' && child.content === '&') row.push([]);
      else (row.at(-1) as Latex.Node[]).push(child);
    }
    const cells = rows.map((row) => row.map((cell) => this.cell(cell))).filter((row) => row.some((cell) => cell.content.length > 0));
    const width = Math.max(1, align.length, ...cells.map((row) => row.reduce((n, cell) => n + cell.span, 0)));
    const tableRows: TableRow[] = cells.map((row) => {
      const out: TableCell[] = [];
      for (const cell of row) {
        out.push({ type: 'tableCell', children: cell.content });
        for (let extra = cell.span - 1; extra > 0; extra--) out.push({ type: 'tableCell', children: [] });
      }
      while (out.length < width) out.push({ type: 'tableCell', children: [] });
      return { type: 'tableRow', children: out.slice(0, width) };
    });
    if (tableRows.length === 0) tableRows.push({ type: 'tableRow', children: Array.from({ length: width }, () => ({ type: 'tableCell', children: [] })) });
    return { type: 'table', align: Array.from({ length: width }, (_, i) => align[i] ?? null), children: tableRows };
  }

  /** One cell's content; `\multicolumn{n}{spec}{text}` keeps its text and is counted n columns wide. */
  private cell(nodes: Latex.Node[]): { content: Inline[]; span: number } {
    const multi = nodes.find((n): n is Latex.Macro => n.type === 'macro' && n.content === 'multicolumn');
    if (!multi) return { content: trimInline(this.inlines(nodes)), span: 1 };
    const span = Number(printRaw(multi.args?.[0]?.content ?? []));
    return { content: trimInline(this.inlines(multi.args?.at(-1)?.content ?? [])), span: Number.isInteger(span) && span > 1 && span <= 50 ? span : 1 };
  }

  /** A figure's images, with its caption as their alternative text. */
  private figure(content: Latex.Node[]): Block[] {
    const caption = content.find((n): n is Latex.Macro => n.type === 'macro' && n.content === 'caption');
    const alt = caption ? this.plain(caption.args?.at(-1)?.content ?? []) : '';
    const images = content.filter((n): n is Latex.Macro => n.type === 'macro' && n.content === 'includegraphics');
    if (images.length === 0) return this.blocks(content);
    return [{ type: 'paragraph', children: images.map((image) => this.image(rawText(image.args?.at(-1)?.content ?? []), alt)) }];
  }

  private image(name: string, alt: string): PhrasingContent {
    return { type: 'image', url: this.imageFile(name), alt: alt || null };
  }

  /** Text as a reader sees it (accents, quotes, symbols), for titles, captions and terms. */
  plain(nodes: Latex.Node[]): string {
    return oneLine(toText(this.inlines(nodes)));
  }

  /** Kattis names images without their extension as often as with it; point at the file that exists. */
  private imageFile(name: string): string {
    if (this.fileNames.includes(name) || imageContentType(name)) return name;
    return IMAGE_EXTENSIONS.map((ext) => name + ext).find((candidate) => this.fileNames.includes(candidate)) ?? name;
  }
}

/** A marker between paragraphs (a blank line, or around a block environment). */
const PARAGRAPH_BREAK = Symbol('paragraph break');

const BLOCK_TYPES = new Set(['heading', 'list', 'table', 'code', 'math', 'blockquote', 'paragraph', 'thematicBreak']);

function isBlock(node: Inline | Block | typeof PARAGRAPH_BREAK): node is Block {
  return typeof node === 'object' && BLOCK_TYPES.has(node.type);
}

/** A block met where only inline content fits (a table cell, a heading), as inline content. */
function flatten(node: Block): Inline[] {
  switch (node.type) {
    case 'math':
      return [{ type: 'inlineMath', value: oneLine(node.value) }];
    case 'code':
      return code(oneLine(node.value));
    case 'paragraph':
    case 'heading':
      return [text(' '), ...(node.children as Inline[]), text(' ')];
    case 'list':
      return node.children.flatMap((item, i) => [text(i ? '; ' : ' '), ...item.children.flatMap((child) => flatten(child as Block))]);
    case 'blockquote':
      return node.children.flatMap((child) => flatten(child as Block));
    default:
      return [];
  }
}

function toParagraph(inline: Inline[]): Paragraph | undefined {
  const children = trimInline(inline);
  return children.length ? { type: 'paragraph', children: children } : undefined;
}

/** Kattis illustrations stand alone: an image is a paragraph of its own. */
function imageBlock(image: PhrasingContent): Block {
  return { type: 'paragraph', children: [image] };
}

/** What a reader sees of inline content, as one string. */
function toText(nodes: readonly (Inline | PhrasingContent)[]): string {
  return nodes
    .map((node) => ('value' in node ? node.value : 'children' in node ? toText(node.children) : node.type === 'image' ? (node.alt ?? '') : ' '))
    .join('');
}

function text(value: string): Inline {
  return { type: 'text', value };
}

function code(value: string): Inline[] {
  return value ? [{ type: 'inlineCode', value }] : [];
}

function codeBlock(content: string, lang?: string): Block {
  // The line break after \begin{verbatim} and before \end{verbatim} is not content.
  return { type: 'code', ...(lang ? { lang } : {}), value: content.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n[ \t]*$/, '') };
}

/** `\begin{lstlisting}[language=Python]` → `python`. */
function listingLanguage(node: Latex.Environment): string | undefined {
  const options = printRaw(node.args?.find((a) => a.openMark === '[')?.content ?? []);
  return /(?:^|,)\s*language\s*=\s*\{?([A-Za-z0-9+#-]{1,20})/.exec(options)?.[1]?.toLowerCase();
}

function styled(type: 'strong' | 'emphasis', children: Inline[]): Inline[] {
  return children.length ? [{ type, children: children }] : [];
}

function link(url: string, children: Inline[]): Inline {
  return { type: 'link', url: url.trim(), children: (trimInline(children).length ? trimInline(children) : [text(url.trim())]) };
}

/** Runs of text joined and whitespace collapsed, as LaTeX reads it. */
function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const previous = out.at(-1);
    if (node.type === 'text' && previous?.type === 'text') previous.value = (previous.value + node.value).replace(/[ \t\n]+/g, ' ');
    else out.push(node.type === 'text' ? { type: 'text', value: node.value.replace(/[ \t\n]+/g, ' ') } : node);
  }
  return out;
}

/** Leading and trailing spaces and line breaks of a paragraph, heading or cell are layout, not content. */
function trimInline(nodes: Inline[]): Inline[] {
  const out = mergeText(nodes);
  const blank = (n: Inline | undefined) => n !== undefined && (n.type === 'break' || (n.type === 'text' && n.value.trim() === ''));
  while (blank(out[0])) out.shift();
  while (blank(out.at(-1))) out.pop();
  const first = out[0];
  if (first?.type === 'text') out[0] = { ...first, value: first.value.trimStart() };
  const last = out.at(-1);
  if (last?.type === 'text') out[out.length - 1] = { ...last, value: last.value.trimEnd() };
  return out;
}

/** `{|l|c|p{3cm}|}` → left, center, left. */
function columnAlignment(spec: string): AlignType[] {
  const out: AlignType[] = [];
  for (const match of spec.replace(/[@!]\{[^{}]*\}|\{[^{}]*\}/g, '').matchAll(/[lcrpmbX]/g)) {
    out.push(match[0] === 'c' ? 'center' : match[0] === 'r' ? 'right' : 'left');
  }
  return out;
}

/** align, gather, … keep their environment (the math renderer knows them); equation is its content. */
function mathEnvironment(node: Latex.Environment): string {
  // unified-latex gives a math environment's name as a string node.
  const env = node.env as string | Latex.String;
  const name = typeof env === 'string' ? env : env.content;
  const body = printRaw(node.content).trim();
  if (/^(?:equation|displaymath|math)\*?$/.test(name)) return body;
  return `\\begin{${name}}\n${body}\n\\end{${name}}`;
}

/** Text for code spans: commands reduced to their text, whitespace collapsed, no typography (`--` stays). */
function plainText(nodes: Latex.Node[]): string {
  const parts: string[] = [];
  const visit = (list: Latex.Node[]) => {
    for (const node of list) {
      if (node.type === 'string') parts.push(node.content);
      else if (node.type === 'whitespace' || node.type === 'parbreak') parts.push(' ');
      else if (node.type === 'macro') {
        if (SYMBOLS[node.content] !== undefined) parts.push(SYMBOLS[node.content] as string);
        else if (!DROPPED.has(node.content)) for (const arg of node.args ?? []) visit(arg.content);
      } else if (node.type === 'inlinemath' || node.type === 'displaymath') parts.push(printRaw(node.content));
      else if (node.type === 'verb' || node.type === 'verbatim') parts.push(node.content);
      else if ('content' in node && Array.isArray(node.content)) visit(node.content);
    }
  };
  visit(nodes);
  return oneLine(parts.join(''));
}

/** An argument's source as written (URLs and file names): `\_` and friends read as their character. */
function rawText(nodes: Latex.Node[]): string {
  return printRaw(nodes).replace(/\\([_%&#$~{}])/g, '$1').trim();
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
