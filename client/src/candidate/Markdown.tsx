import type { ReactNode } from 'react';

/**
 * A small Markdown renderer for challenge statements: headings, paragraphs,
 * fenced code blocks, lists, block quotes, inline code, bold, italics and
 * http(s) links. It builds React elements, never HTML strings, so whatever a
 * statement contains is shown as text: raw HTML is not interpreted.
 */

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'paragraph'; text: string };

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/;

export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      endParagraph();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trimStart().startsWith(fence[1] ?? '```'); i++) code.push(lines[i] ?? '');
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endParagraph();
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      endParagraph();
      const ordered = item[2] !== undefined;
      const items = [item[3] ?? ''];
      // Following items of the same list, and indented continuation lines.
      while (i + 1 < lines.length) {
        const next = lines[i + 1] ?? '';
        const nextItem = LIST_ITEM.exec(next);
        if (nextItem && (nextItem[2] !== undefined) === ordered) items.push(nextItem[3] ?? '');
        else if (/^\s{2,}\S/.test(next) && !nextItem) items[items.length - 1] += ' ' + next.trim();
        else break;
        i++;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    if (line.startsWith('>')) {
      endParagraph();
      const quote = [line.replace(/^>\s?/, '')];
      while (i + 1 < lines.length && (lines[i + 1] ?? '').startsWith('>')) quote.push((lines[++i] ?? '').replace(/^>\s?/, ''));
      blocks.push({ kind: 'quote', text: quote.join(' ') });
      continue;
    }
    if (line.trim() === '') endParagraph();
    else paragraph.push(line.trim());
  }
  endParagraph();
  return blocks;
}

const INLINE = /(`+)([\s\S]*?)\1|\*\*(.+?)\*\*|\*(\S(?:.*?\S)?)\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;

/** Inline spans of one block's text. */
export function renderInline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index;
    if (at > last) out.push(text.slice(last, at));
    const key = out.length;
    if (match[1] !== undefined) out.push(<code key={key} dir="ltr">{(match[2] ?? '').trim()}</code>);
    else if (match[3] !== undefined) out.push(<strong key={key}>{renderInline(match[3])}</strong>);
    else if (match[4] !== undefined) out.push(<em key={key}>{renderInline(match[4])}</em>);
    else out.push(<a key={key} href={match[6]} rel="noopener noreferrer" target="_blank">{match[5]}</a>);
    last = at + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * Statement headings start at h3: the page already has h1 (assessment) and
 * h2 (task). A first heading that repeats `title` is left out.
 */
export function Markdown({ source, title }: { source: string; title?: string }) {
  const blocks = parseBlocks(source);
  const first = blocks[0];
  if (first?.kind === 'heading' && first.text.trim() === title?.trim()) blocks.shift();
  return (
    <div className="markdown">
      {blocks.map((block, index) => {
        switch (block.kind) {
          case 'heading': {
            const Tag = `h${Math.min(block.level + 2, 6)}` as 'h3' | 'h4' | 'h5' | 'h6';
            return <Tag key={index}>{renderInline(block.text)}</Tag>;
          }
          case 'code':
            return (
              <pre key={index} dir="ltr" tabIndex={0}>
                <code>{block.text}</code>
              </pre>
            );
          case 'list': {
            const List = block.ordered ? 'ol' : 'ul';
            return (
              <List key={index}>
                {block.items.map((item, itemIndex) => (
                  <li key={itemIndex}>{renderInline(item)}</li>
                ))}
              </List>
            );
          }
          case 'quote':
            return <blockquote key={index}>{renderInline(block.text)}</blockquote>;
          case 'paragraph':
            return <p key={index}>{renderInline(block.text)}</p>;
        }
      })}
    </div>
  );
}
