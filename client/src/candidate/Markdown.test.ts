import { describe, expect, it } from 'vitest';
import { isValidElement, type ReactElement } from 'react';
import { parseBlocks, renderInline } from './Markdown.tsx';

describe('parseBlocks', () => {
  it('reads headings, paragraphs, fenced code, lists and quotes', () => {
    const blocks = parseBlocks(['# Title', '', 'Some', 'text.', '', '```', '<b>5</b>', '  x', '```', '- one', '- two', '  more', '1. first', '> note'].join('\n'));
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Title' },
      { kind: 'paragraph', text: 'Some text.' },
      { kind: 'code', text: '<b>5</b>\n  x' },
      { kind: 'list', ordered: false, items: ['one', 'two more'] },
      { kind: 'list', ordered: true, items: ['first'] },
      { kind: 'quote', text: 'note' },
    ]);
  });
});

describe('renderInline', () => {
  it('keeps raw HTML as text and links only http(s)', () => {
    const nodes = renderInline('a <script>alert(1)</script> [x](javascript:alert(1)) [y](https://example.org) `<i>` **b**');
    const elements = nodes.filter(isValidElement) as ReactElement<{ href?: string; children?: unknown }>[];
    expect(nodes.filter((node) => typeof node === 'string').join('')).toContain('<script>alert(1)</script>');
    expect(elements.map((element) => element.type)).toEqual(['a', 'code', 'strong']);
    expect(elements[0]?.props.href).toBe('https://example.org');
    expect(elements[1]?.props.children).toBe('<i>');
  });
});
