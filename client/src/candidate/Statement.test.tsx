/**
 * What the candidate sees: the golden statement trees (made on the server by
 * server/src/statements/golden.test.ts from tests/fixtures/statements/) rendered
 * by the real renderer and compared with the checked-in HTML. `UPDATE_GOLDEN=1`
 * rewrites the HTML files; review the diff before committing it.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { statementDocSchema, type StatementDoc } from '@kodbro/server/contracts';
import queueTree from '../../../tests/fixtures/statements/queue-simulator.tree.json';
import queueHtml from '../../../tests/fixtures/statements/queue-simulator.expected.html?raw';
import tollTree from '../../../tests/fixtures/statements/toll-bridges.tree.json';
import tollHtml from '../../../tests/fixtures/statements/toll-bridges.expected.html?raw';
import { Statement } from './Statement.tsx';

const imageUrl = (file: string) => `/api/candidate/challenges/cv/files/${encodeURIComponent(file)}`;

/** One element per line, so a golden diff points at the element that changed. */
function render(doc: StatementDoc, title?: string): string {
  const html = renderToStaticMarkup(<Statement doc={statementDocSchema.parse(doc)} title={title} imageUrl={imageUrl} />);
  return `${html.replace(/></g, '>\n<')}\n`;
}

async function expectGolden(name: string, actual: string, expected: string): Promise<void> {
  if (process.env.UPDATE_GOLDEN) {
    // Node's fs, loaded only when rewriting (the client's types know no Node).
    const fs = (await import('node:fs')) as { writeFileSync: (file: URL, text: string) => void };
    fs.writeFileSync(new URL(`../../../tests/fixtures/statements/${name}`, import.meta.url), actual);
    return;
  }
  expect(actual).toBe(expected);
}

describe('Statement: what the candidate sees', () => {
  it('the Kattis LaTeX statement (title heading left out, math as MathML, table with header cells)', async () => {
    const html = render(tollTree as StatementDoc, 'Toll Bridges');
    await expectGolden('toll-bridges.expected.html', html, tollHtml);
  });

  it('the Markdown statement (nested lists, aligned table, code, links, image, raw HTML as text)', async () => {
    const html = render(queueTree as StatementDoc, 'Queue simulator');
    await expectGolden('queue-simulator.expected.html', html, queueHtml);
  });

  it('never writes markup from the statement: raw HTML is text, links and images keep to what the server allowed', () => {
    const html = render({
      children: [
        { type: 'paragraph', children: ['<img src=x onerror=alert(1)>', { type: 'link', url: 'https://kodbro.example', children: ['ok'] }] },
        { type: 'image', file: '../../etc/passwd', alt: 'x' },
      ],
    });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<a href="https://kodbro.example" rel="noopener noreferrer nofollow" target="_blank">ok</a>');
    expect(html).toContain('src="/api/candidate/challenges/cv/files/..%2F..%2Fetc%2Fpasswd"');
    expect(html).toContain('loading="lazy"');
  });

  it('shows the TeX in a left-to-right code span when there is no MathML', () => {
    expect(render({ children: [{ type: 'paragraph', children: [{ type: 'math', display: false, tex: 'x^2' }] }] })).toBe(
      '<div class="statement-text">\n<p>\n<span class="math" dir="ltr">\n<code class="tex">x^2</code>\n</span>\n</p>\n</div>\n',
    );
  });
});
