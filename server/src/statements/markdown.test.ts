import { describe, expect, it } from 'vitest';
import { statementDocSchema, type StatementNode } from '../contracts/index.ts';
import { STATEMENT_CAPS } from './caps.ts';
import { parseStatement } from './markdown.ts';

const parse = (markdown: string, files: string[] = []) => parseStatement(markdown, files);
const blocks = (markdown: string, files: string[] = []) => parse(markdown, files).doc.children;
/** The first paragraph's children. */
const inline = (markdown: string, files: string[] = []) => {
  const first = blocks(markdown, files)[0];
  return typeof first === 'object' && first.type === 'paragraph' ? first.children : [];
};

function depthOf(nodes: StatementNode[]): number {
  let max = 0;
  for (const node of nodes) if (typeof node === 'object' && 'children' in node) max = Math.max(max, 1 + depthOf(node.children));
  return max;
}
function textOf(nodes: StatementNode[]): string {
  return nodes.map((node) => (typeof node === 'string' ? node : 'children' in node ? textOf(node.children) : '')).join('');
}
function countOf(nodes: StatementNode[]): number {
  return nodes.reduce((n, node) => n + 1 + (typeof node === 'object' && 'children' in node ? countOf(node.children) : 0), 0);
}

describe('parseStatement: the pinned dialect', () => {
  it('gives headings, paragraphs, emphasis, strong, strikethrough, code and breaks', () => {
    expect(blocks('# Title\n\nSome *a* **b** ~~c~~ `d`  \nnext\nline\n\n---\n\n```python\nprint(1)\n```\n')).toEqual([
      { type: 'heading', depth: 1, children: ['Title'] },
      {
        type: 'paragraph',
        children: ['Some ', { type: 'emphasis', children: ['a'] }, ' ', { type: 'strong', children: ['b'] }, ' ', { type: 'delete', children: ['c'] }, ' ', { type: 'inlineCode', value: 'd' }, { type: 'break' }, 'next\nline'],
      },
      { type: 'thematicBreak' },
      { type: 'code', lang: 'python', value: 'print(1)' },
    ]);
  });

  it('keeps nested lists, list numbering and block quotes', () => {
    expect(blocks('3. one\n   - a\n   - b\n4. two\n\n> quoted\n')).toEqual([
      {
        type: 'list',
        ordered: true,
        start: 3,
        children: [
          { type: 'listItem', children: ['one', { type: 'list', ordered: false, children: [{ type: 'listItem', children: ['a'] }, { type: 'listItem', children: ['b'] }] }] },
          { type: 'listItem', children: ['two'] },
        ],
      },
      { type: 'blockquote', children: [{ type: 'paragraph', children: ['quoted'] }] },
    ]);
  });

  it('reads GFM tables with their alignment and header row', () => {
    expect(blocks('| n | name |  sum |\n|:-:|:--|--:|\n| 1 | a\\|b | 3 |\n')).toEqual([
      {
        type: 'table',
        align: ['center', 'left', 'right'],
        children: [
          { type: 'tableRow', children: ['n', 'name', 'sum'].map((text) => ({ type: 'tableCell', header: true, children: [text] })) },
          { type: 'tableRow', children: ['1', 'a|b', '3'].map((text) => ({ type: 'tableCell', header: false, children: [text] })) },
        ],
      },
    ]);
  });

  it('shows raw HTML and escaped characters as text', () => {
    expect(inline('<script>alert(1)</script> <b onclick="x()">b</b> \\_x\\_ \\*y\\* &amp; &lt;i&gt;')).toEqual([
      '<script>alert(1)</script> <b onclick="x()">b</b> _x_ *y* & <i>',
    ]);
    expect(blocks('<div>\n<img src=x onerror=alert(1)>\n</div>\n')).toEqual([{ type: 'paragraph', children: ['<div>\n<img src=x onerror=alert(1)>\n</div>'] }]);
  });

  it('links only to http, https and mailto; other links become their text with a warning', () => {
    const parsed = parse('[a](https://kodbro.example/x) <http://b.example> https://c.example/d and [e](ftp://f.example) [g](/relative) [h](javascript:alert(1))');
    expect((parsed.doc.children[0] as { children: StatementNode[] }).children).toEqual([
      { type: 'link', url: 'https://kodbro.example/x', children: ['a'] },
      ' ',
      { type: 'link', url: 'http://b.example', children: ['http://b.example'] },
      ' ',
      { type: 'link', url: 'https://c.example/d', children: ['https://c.example/d'] },
      ' and e g [h](javascript:alert(1))',
    ]);
    expect(parsed.issues.map((i) => i.message)).toEqual([
      'links only to http, https and mailto addresses; the link to "ftp://f.example" is shown as text',
      'links only to http, https and mailto addresses; the link to "/relative" is shown as text',
    ]);
  });

  it('does not turn file names into links', () => {
    expect(inline('Save it as main.py or node.js, see www.example.com.')).toEqual(['Save it as main.py or node.js, see www.example.com.']);
  });

  it('shows images only from the statement files; a missing or remote one becomes its alt text with a warning', () => {
    const parsed = parse('![A bus](bus.png) ![b](statement-files/b%20w.svg) ![gone](gone.png) ![remote](https://evil.example/t.png) ![doc](notes.pdf)', ['bus.png', 'b w.svg', 'notes.pdf']);
    expect((parsed.doc.children[0] as { children: StatementNode[] }).children).toEqual([
      { type: 'image', file: 'bus.png', alt: 'A bus' },
      ' ',
      { type: 'image', file: 'b w.svg', alt: 'b' },
      ' gone remote doc',
    ]);
    expect(parsed.issues).toEqual([
      { severity: 'warning', message: 'refers to the image "gone.png", which is not among the statement files: its alternative text is shown instead' },
      { severity: 'warning', message: `shows no remote images ("https://evil.example/t.png"); only the package's own statement files: its alternative text is shown instead` },
      { severity: 'warning', message: 'refers to "notes.pdf", which is not an image type browsers show (png, jpeg, gif, webp, svg): its alternative text is shown instead' },
    ]);
  });

  it('renders $…$ and $$…$$ as MathML and keeps the TeX', () => {
    const [paragraph, display] = blocks('Let $x_i \\le 10^6$ hold.\n\n$$\n\\sum_{i=1}^n x_i\n$$\n');
    const math = (paragraph as { children: StatementNode[] }).children[1];
    expect(math).toEqual({
      type: 'math',
      display: false,
      tex: 'x_i \\le 10^6',
      mathml: {
        tag: 'math',
        children: [
          {
            tag: 'mrow',
            children: [
              { tag: 'msub', children: [{ tag: 'mi', children: ['x'] }, { tag: 'mi', children: ['i'] }] },
              { tag: 'mo', children: ['≤'] },
              { tag: 'msup', children: [{ tag: 'mn', children: ['10'] }, { tag: 'mn', children: ['6'] }] },
            ],
          },
        ],
      },
    });
    expect(display).toMatchObject({ type: 'math', display: true, tex: '\\sum_{i=1}^n x_i', mathml: { tag: 'math', attrs: { display: 'block' } } });
  });

  it('keeps math it cannot render as TeX, with a warning; a price is not math', () => {
    const parsed = parse('Cost $5 and $6. Bad: $\\frac{1}{$ and $\\href{https://x.example}{x}$ and $\\unknowncommand{a}$.');
    const maths = (parsed.doc.children[0] as { children: StatementNode[] }).children.filter((n) => typeof n === 'object');
    expect(maths).toEqual([
      { type: 'math', display: false, tex: '\\frac{1}{' },
      { type: 'math', display: false, tex: '\\href{https://x.example}{x}' },
      { type: 'math', display: false, tex: '\\unknowncommand{a}' },
    ]);
    expect(inline('Cost $5 and $6.')).toEqual(['Cost $5 and $6.']);
    expect(parsed.issues.map((i) => i.message)).toEqual([
      'has math Kodbro cannot render (shown as TeX): "\\\\frac{1}{"',
      'has math Kodbro cannot render (shown as TeX): "\\\\href{https://x.example}{x}"',
      'has math Kodbro cannot render (shown as TeX): "\\\\unknowncommand{a}"',
    ]);
  });

  it('bounds the depth: deeper elements give their content to their parent', () => {
    const deep = `${'> '.repeat(100)}deep *text*\n`;
    const parsed = parse(deep);
    expect(depthOf(parsed.doc.children)).toBeLessThanOrEqual(STATEMENT_CAPS.maxDepth);
    expect(JSON.stringify(parsed.doc)).not.toContain('deep'); // past markdown-it's nesting limit the tail is dropped
    const nestedLists = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- level ${i}\n`).join('');
    expect(depthOf(blocks(nestedLists))).toBeLessThanOrEqual(STATEMENT_CAPS.maxDepth);
  });

  it('bounds the node count and says so', () => {
    const parsed = parse('*a* '.repeat(STATEMENT_CAPS.maxNodes));
    expect(countOf(parsed.doc.children)).toBeLessThanOrEqual(STATEMENT_CAPS.maxNodes);
    expect(parsed.issues).toContainEqual({ severity: 'warning', message: `has more than ${STATEMENT_CAPS.maxNodes} elements; the rest is left out` });
  });

  it('cuts a statement over the size cap at a line and reports an error', () => {
    const line = 'word '.repeat(19) + '\n\n';
    const parsed = parse(line.repeat(Math.ceil((STATEMENT_CAPS.maxMarkdownChars * 1.5) / line.length)));
    expect(parsed.issues[0]).toEqual({ severity: 'error', message: `is longer than ${STATEMENT_CAPS.maxMarkdownChars / 1024} KB; it is cut there` });
    expect(textOf(parsed.doc.children).length).toBeLessThanOrEqual(STATEMENT_CAPS.maxMarkdownChars);
    expect(textOf(parsed.doc.children).length).toBeGreaterThan(STATEMENT_CAPS.maxMarkdownChars * 0.9);
  });

  it('gives trees the shared contract accepts', () => {
    const parsed = parse('# T\n\n| a |\n|---|\n| $x^2$ |\n\n1. ![i](i.png) [l](mailto:a@b.example)\n', ['i.png']);
    expect(statementDocSchema.parse(parsed.doc)).toEqual(parsed.doc);
  });
});
