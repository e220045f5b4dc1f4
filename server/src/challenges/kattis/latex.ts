import path from 'node:path';

/**
 * A small, honest LaTeX-to-Markdown mapping for problem statements: titles,
 * sections, emphasis, lists, verbatim blocks, images and simple tables.
 * Math stays TeX source in code spans (Kodbro renders no TeX), and any other
 * command is reduced to the text of its arguments, so nothing is invented.
 */
export function latexToMarkdown(tex: string, fileNames: string[] = []): { title?: string; markdown: string } {
  const stash: string[] = [];
  const keep = (markdown: string) => `\u0000${stash.push(markdown) - 1}\u0000`;

  let text = tex.replace(/\r\n?/g, '\n');
  const plainName = /^%%\s*plainproblemname:\s*(.+)$/m.exec(text)?.[1]?.trim();
  text = stashVerbatim(text, keep);
  text = stripComments(text);
  text = escapeSpecials(text);
  text = stashMath(text, keep);

  let title = plainName;
  text = replaceCommand(text, 'problemname', 1, ([name]) => {
    title ??= toPlain(name ?? '') || undefined;
    return '';
  });

  text = convertStructure(text, keep, fileNames);
  text = convertTables(text, keep);
  text = convertLists(text, keep);
  text = text
    .replace(/\\begin\{(?:minipage|wrapfigure)\}(?:\[[^\]]*\])?(?:\{[^{}]*\})*/g, '\n')
    .replace(/\\(?:begin|end)\{[A-Za-z*]+\}(?:\[[^\]]*\])?/g, '\n');
  text = stripCommands(typography(text));
  text = cleanLines(text);
  const body = restore(unescapeSpecials(text, 'markdown'), stash);
  const heading = title ? `# ${title}\n\n` : '';
  return { ...(title ? { title } : {}), markdown: `${heading}${body}\n` };
}

const SENTINEL = {
  linebreak: '\uE000',
  '$': '\uE001',
  '%': '\uE002',
  '&': '\uE003',
  '#': '\uE004',
  _: '\uE005',
  '{': '\uE006',
  '}': '\uE007',
  backslash: '\uE008',
} as const;

/** How each escaped character reads in Markdown text (`raw` is for code spans and math). */
const MARKDOWN_ESCAPES: Record<string, string> = {
  [SENTINEL.linebreak]: '\n',
  [SENTINEL.$]: '\\$',
  [SENTINEL['%']]: '%',
  [SENTINEL['&']]: '&',
  [SENTINEL['#']]: '\\#',
  [SENTINEL._]: '\\_',
  [SENTINEL['{']]: '{',
  [SENTINEL['}']]: '}',
  [SENTINEL.backslash]: '\\\\',
};
const RAW_ESCAPES: Record<string, string> = {
  [SENTINEL.linebreak]: ' ',
  [SENTINEL.$]: '$',
  [SENTINEL['%']]: '%',
  [SENTINEL['&']]: '&',
  [SENTINEL['#']]: '#',
  [SENTINEL._]: '_',
  [SENTINEL['{']]: '{',
  [SENTINEL['}']]: '}',
  [SENTINEL.backslash]: '\\',
};
/** Inside math the TeX escapes mean something; they go back as they were. */
const TEX_ESCAPES: Record<string, string> = {
  [SENTINEL.linebreak]: '\\\\',
  [SENTINEL.$]: '\\$',
  [SENTINEL['%']]: '\\%',
  [SENTINEL['&']]: '\\&',
  [SENTINEL['#']]: '\\#',
  [SENTINEL._]: '\\_',
  [SENTINEL['{']]: '\\{',
  [SENTINEL['}']]: '\\}',
  [SENTINEL.backslash]: '\\textbackslash ',
};

function escapeSpecials(text: string): string {
  return text
    .replace(/\\\\(?:\[[^\]]*\])?/g, SENTINEL.linebreak)
    .replace(/\\textbackslash(?![A-Za-z])(?:\{\})?/g, SENTINEL.backslash)
    .replace(/\\([$%&#_{}])/g, (_, c: keyof typeof SENTINEL) => SENTINEL[c]);
}

function unescapeSpecials(text: string, mode: 'markdown' | 'raw' | 'tex'): string {
  const table = mode === 'markdown' ? MARKDOWN_ESCAPES : mode === 'raw' ? RAW_ESCAPES : TEX_ESCAPES;
  return text.replace(/[\uE000-\uE008]/g, (c) => table[c] ?? c);
}

function restore(text: string, stash: string[]): string {
  // Stashed pieces may hold other stashed pieces (a list indent before a code span).
  for (let round = 0; round < 5 && text.includes('\u0000'); round++) {
    text = text.replace(/\u0000(\d+)\u0000/g, (_, i: string) => stash[Number(i)] ?? '');
  }
  return text;
}

function stashVerbatim(text: string, keep: (md: string) => string): string {
  return text
    .replace(/\\begin\{(verbatim|lstlisting)\}(?:\[[^\]\n]*\])?\n?([\s\S]*?)\\end\{\1\}/g, (_, _env: string, body: string) =>
      `\n\n${keep(fence(body.replace(/\n$/, ''), ''))}\n\n`,
    )
    .replace(/\\verb\*?([^A-Za-z\s])(.*?)\1/g, (_, _d: string, body: string) => keep(codeSpan(body)));
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*%/.test(line)) // a comment line vanishes with its newline, as in LaTeX
    .map((line) => line.replace(/(^|[^\\])%.*$/, '$1'))
    .join('\n');
}

function stashMath(text: string, keep: (md: string) => string): string {
  const display = (_: string, body: string) => `\n\n${keep(fence(unescapeSpecials(body.trim(), 'tex'), 'tex'))}\n\n`;
  const inline = (_: string, body: string) => keep(codeSpan(unescapeSpecials(body, 'tex').replace(/\s+/g, ' ').trim()));
  return text
    .replace(/\$\$([\s\S]+?)\$\$/g, display)
    .replace(/\\\[([\s\S]+?)\\\]/g, display)
    .replace(/\\begin\{(equation|align|displaymath)\*?\}([\s\S]*?)\\end\{\1\*?\}/g, (m, _env: string, body: string) => display(m, body))
    .replace(/\\\(([\s\S]+?)\\\)/g, inline)
    .replace(/\$([^$]+?)\$/g, inline);
}

function fence(body: string, info: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${info}\n${body}\n${marks}`;
}

function codeSpan(body: string): string {
  if (!body) return '';
  const marks = body.includes('`') ? '``' : '`';
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${marks}${pad}${body}${pad}${marks}`;
}

/** Sections, the 2023-07 Input/Output environments, emphasis, code, links and images. */
function convertStructure(text: string, keep: (md: string) => string, fileNames: string[]): string {
  const heading = (level: number) => ([title]: string[]) => `\n\n${'#'.repeat(level)} ${oneLine(title ?? '')}\n\n`;
  text = replaceCommand(text, 'section', 1, heading(2));
  text = replaceCommand(text, 'subsection', 1, heading(3));
  text = replaceCommand(text, 'subsubsection', 1, heading(4));
  text = replaceCommand(text, 'paragraph', 1, ([title]) => `\n\n**${oneLine(title ?? '')}** `);
  text = text.replace(/\\begin\{(Input|Output|Interaction)\}/g, (_, name: string) => `\n\n## ${name}\n\n`).replace(/\\end\{(Input|Output|Interaction)\}/g, '\n\n');

  text = replaceFontGroups(text);
  const wrap = (marks: string) => ([body]: string[]) => (body?.trim() ? `${marks}${body.trim()}${marks}` : '');
  for (const name of ['emph', 'textit', 'textsl']) text = replaceCommand(text, name, 1, wrap('*'));
  text = replaceCommand(text, 'textbf', 1, wrap('**'));
  for (const name of ['texttt', 'code']) text = replaceCommand(text, name, 1, ([body]) => keep(codeSpan(toPlain(body ?? ''))));

  text = replaceCommand(text, 'url', 1, ([url]) => keep(`<${unescapeSpecials(url ?? '', 'raw').trim()}>`));
  text = replaceCommand(text, 'href', 2, ([url, label]) => `[${label ?? ''}](${keep(unescapeSpecials(url ?? '', 'raw').trim())})`);
  const image = (file: string, caption: string) => `\n\n![${oneLine(caption)}](${keep(imageFile(unescapeSpecials(file, 'raw').trim(), fileNames))})\n\n`;
  text = replaceCommand(text, 'includegraphics', 1, ([file]) => image(file ?? '', ''));
  text = replaceCommand(text, 'illustration', 3, ([, file, caption]) => image(file ?? '', caption ?? ''));
  return text;
}

/** `{\bf text}` and friends, the old declaration forms. */
function replaceFontGroups(text: string): string {
  const marks: Record<string, string> = { bf: '**', bfseries: '**', it: '*', itshape: '*', em: '*', sl: '*' };
  let out = '';
  let i = 0;
  for (;;) {
    const match = /\{\\(bf|bfseries|it|itshape|em|sl|tt|ttfamily|sc|rm)(?![A-Za-z])\s*/g;
    match.lastIndex = i;
    const found = match.exec(text);
    if (!found) break;
    const end = groupEnd(text, found.index);
    if (end < 0) break;
    const body = text.slice(found.index + found[0].length, end).trim();
    const mark = marks[found[1] as string] ?? '';
    out += text.slice(i, found.index) + (body ? `${mark}${body}${mark}` : '');
    i = end + 1;
  }
  return out + text.slice(i);
}

/** Images are often named without their extension; point at the file that exists. */
function imageFile(name: string, fileNames: string[]): string {
  if (fileNames.includes(name) || path.extname(name)) return name;
  return ['.png', '.jpg', '.jpeg', '.svg', '.pdf'].map((ext) => name + ext).find((n) => fileNames.includes(n)) ?? name;
}

/** `tabular` becomes a Markdown table whose first row is the header. */
function convertTables(text: string, keep: (md: string) => string): string {
  return text.replace(/\\begin\{tabular\}\s*(?:\[[^\]]*\])?/g, '\u0001').replace(/\u0001([\s\S]*?)\\end\{tabular\}/g, (_, body: string) => {
    const specEnd = body.startsWith('{') ? groupEnd(body, 0) : -1;
    const rows = body
      .slice(specEnd + 1)
      .replace(/\\hline|\\cline\{[^}]*\}|\\toprule|\\midrule|\\bottomrule/g, '')
      .split(SENTINEL.linebreak)
      .map((row) => row.split('&').map((cell) => oneLine(cell)))
      .filter((cells) => cells.some((c) => c !== ''));
    const [header, ...rest] = rows;
    if (!header) return '';
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const lines = [line(header), line(header.map(() => '---')), ...rest.map(line)];
    // Table lines must stay where they are; the cleanup below must not merge them.
    return `\n\n${lines.map((l) => keep(l)).join('\n')}\n\n`;
  });
}

/** itemize → `-`, enumerate → `1.`, description → `- **term**`; nested lists indent under their parent. */
function convertLists(text: string, keep: (md: string) => string): string {
  const token = /\\begin\{(itemize|enumerate|description)\}|\\end\{(itemize|enumerate|description)\}|\\item(?![A-Za-z])\s*(?:\[([^\]]*)\])?/g;
  const stack: { numbered: boolean; count: number; indent: number; width: number }[] = [];
  let out = '';
  let last = 0;
  for (const match of text.matchAll(token)) {
    const between = text.slice(last, match.index);
    out += stack.length ? between.replace(/\s+/g, ' ') : between;
    last = match.index + match[0].length;
    const top = stack.at(-1);
    if (match[1]) {
      stack.push({ numbered: match[1] === 'enumerate', count: 0, indent: top ? top.indent + top.width : 0, width: 0 });
      if (!top) out += '\n\n'; // a nested list starts at its first item's new line
    } else if (match[2]) {
      stack.pop();
      if (stack.length === 0) out += '\n\n';
    } else if (top) {
      top.count += 1;
      const marker = top.numbered ? `${top.count}.` : '-';
      top.width = marker.length + 1;
      const term = match[3] ? `**${match[3].trim()}** ` : '';
      out += `\n${top.indent ? keep(' '.repeat(top.indent)) : ''}${marker} ${term}`;
    }
  }
  return out + text.slice(last);
}

function typography(text: string): string {
  const accents: Record<string, string> = {
    '"': '\u0308',
    "'": '\u0301',
    '`': '\u0300',
    '^': '\u0302',
    '~': '\u0303',
    '=': '\u0304',
    '.': '\u0307',
    u: '\u0306',
    v: '\u030C',
    H: '\u030B',
    c: '\u0327',
    r: '\u030A',
    k: '\u0328',
  };
  const letters: Record<string, string> = { aa: 'å', AA: 'Å', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', ss: 'ß', i: 'ı', l: 'ł', L: 'Ł' };
  return text
    .replace(/\\(["'`^~=.])\s*(?:\{([A-Za-z])\}|([A-Za-z]))/g, (_, a: string, b?: string, c?: string) => `${b ?? c}${accents[a]}`.normalize('NFC'))
    .replace(/\\([uvHcrk])\{([A-Za-z])\}/g, (_, a: string, b: string) => `${b}${accents[a]}`.normalize('NFC'))
    .replace(/\\(aa|AA|ae|AE|oe|OE|ss|o|O|i|l|L)(?![A-Za-z])(?:\{\}| )?/g, (_, name: string) => letters[name] ?? '')
    .replace(/\\(?:ldots|dots|textellipsis)(?![A-Za-z])(?:\{\})?/g, '…')
    .replace(/\\LaTeX(?![A-Za-z])(?:\{\})?/g, 'LaTeX')
    .replace(/\\TeX(?![A-Za-z])(?:\{\})?/g, 'TeX')
    .replace(/\\(?:quad|qquad)(?![A-Za-z])|\\[,;: ]/g, ' ')
    .replace(/\\[!/\-@]/g, '')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .replace(/`/g, '‘')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/~/g, ' ');
}

/** Commands whose arguments are not text: dropped with them. */
const DROPPED_COMMANDS = new Set([
  'label', 'ref', 'cite', 'vspace', 'hspace', 'setlength', 'newcommand', 'renewcommand', 'input', 'include',
  'sample', 'nextsample', 'remainingsamples', 'constant', 'footnotemark', 'addtolength', 'pagestyle', 'thispagestyle',
]);

/** Any command left: its arguments' text stays, the command goes. Then stray braces go. */
function stripCommands(text: string): string {
  const command = /\\([A-Za-z]+)\*?/;
  let done = '';
  let rest = text;
  for (let found = command.exec(rest); found; found = command.exec(rest)) {
    let j = skipOptional(rest, found.index + found[0].length);
    const args: string[] = [];
    for (let k = skipSpaces(rest, j); rest[k] === '{'; k = skipSpaces(rest, j)) {
      const end = groupEnd(rest, k);
      if (end < 0) break;
      args.push(rest.slice(k + 1, end));
      j = end + 1;
    }
    done += rest.slice(0, found.index);
    // The arguments are scanned again: they may hold commands of their own.
    rest = (DROPPED_COMMANDS.has(found[1] as string) ? '' : args.join(' ')) + rest.slice(j);
  }
  return (done + rest).replace(/[{}]/g, '');
}

function cleanLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text with every command reduced to its arguments: titles and code spans. */
function toPlain(tex: string): string {
  return oneLine(unescapeSpecials(stripCommands(typography(tex)), 'raw'));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Replaces `\name[opt]{a}{b}…` (exactly `count` brace arguments) using
 * `render`; balanced braces, so arguments may nest.
 */
function replaceCommand(text: string, name: string, count: number, render: (args: string[]) => string): string {
  const pattern = new RegExp(`\\\\${name}(?![A-Za-z])\\*?`, 'g');
  let out = '';
  let i = 0;
  for (;;) {
    pattern.lastIndex = i;
    const found = pattern.exec(text);
    if (!found) break;
    let j = skipOptional(text, found.index + found[0].length);
    const args: string[] = [];
    while (args.length < count) {
      const k = skipSpaces(text, j);
      if (text[k] !== '{') break;
      const end = groupEnd(text, k);
      if (end < 0) break;
      args.push(text.slice(k + 1, end));
      j = end + 1;
    }
    if (args.length < count) {
      out += text.slice(i, found.index + found[0].length);
      i = found.index + found[0].length;
      continue;
    }
    out += text.slice(i, found.index) + render(args);
    i = j;
  }
  return out + text.slice(i);
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t' || (text[i] === '\n' && text[i + 1] !== '\n')) i++;
  return i;
}

function skipOptional(text: string, i: number): number {
  const k = skipSpaces(text, i);
  if (text[k] !== '[') return i;
  const end = text.indexOf(']', k);
  return end < 0 ? i : end + 1;
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}
