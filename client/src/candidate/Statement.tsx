import { createElement, type ReactNode } from 'react';
import type { MathNode, StatementDoc, StatementNode } from '@kodbro/server/contracts';

/**
 * Renders a statement tree made by the server (contracts/statement.ts) as
 * React elements — never an HTML string. Headings start at h3 (the page has
 * h1 and h2 already) and a first heading that repeats the title is left
 * out. Code and math stay left-to-right inside right-to-left statements.
 */
export function Statement({ doc, title, imageUrl }: { doc: StatementDoc; title?: string; imageUrl: (file: string) => string }) {
  const [first, ...rest] = doc.children;
  const repeatsTitle = typeof first === 'object' && first.type === 'heading' && textOf(first.children).trim() === title?.trim();
  return <div className="statement-text">{nodes(repeatsTitle ? rest : doc.children, imageUrl)}</div>;
}

/** MathML Core is shown natively by current browsers; older ones get the TeX source instead of garbled text. */
const showsMathml = typeof window === 'undefined' || 'MathMLElement' in window;

function nodes(list: StatementNode[], imageUrl: (file: string) => string): ReactNode[] {
  return list.map((node, key) => render(node, key, imageUrl));
}

function render(node: StatementNode, key: number, imageUrl: (file: string) => string): ReactNode {
  if (typeof node === 'string') return node;
  const inner = () => ('children' in node ? nodes(node.children, imageUrl) : null);
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{inner()}</p>;
    case 'heading':
      return createElement(`h${Math.min(node.depth + 2, 6)}`, { key }, inner());
    case 'emphasis':
      return <em key={key}>{inner()}</em>;
    case 'strong':
      return <strong key={key}>{inner()}</strong>;
    case 'delete':
      return <del key={key}>{inner()}</del>;
    case 'blockquote':
      return <blockquote key={key}>{inner()}</blockquote>;
    case 'list':
      return node.ordered ? <ol key={key} start={node.start}>{inner()}</ol> : <ul key={key}>{inner()}</ul>;
    case 'listItem':
      return <li key={key}>{inner()}</li>;
    case 'table': {
      const [head, ...body] = node.children;
      const row = (r: StatementNode | undefined, header: boolean, k: number) =>
        typeof r === 'object' && 'children' in r ? (
          <tr key={k}>
            {r.children.map((cell, c) => {
              const Cell = header ? 'th' : 'td';
              const align = node.align[c];
              return (
                <Cell key={c} scope={header ? 'col' : undefined} style={align ? { textAlign: align } : undefined}>
                  {typeof cell === 'object' && 'children' in cell ? nodes(cell.children, imageUrl) : null}
                </Cell>
              );
            })}
          </tr>
        ) : null;
      return (
        <div key={key} className="table-scroll" tabIndex={0}>
          <table>
            <thead>{row(head, true, 0)}</thead>
            <tbody>{body.map((r, k) => row(r, false, k))}</tbody>
          </table>
        </div>
      );
    }
    case 'link':
      return (
        <a key={key} href={node.url} rel="noopener noreferrer nofollow" target="_blank">
          {inner()}
        </a>
      );
    case 'image':
      return <img key={key} src={imageUrl(node.file)} alt={node.alt} loading="lazy" decoding="async" />;
    case 'inlineCode':
      return (
        <code key={key} dir="ltr">
          {node.value}
        </code>
      );
    case 'code':
      return (
        <pre key={key} dir="ltr" tabIndex={0}>
          <code>{node.value}</code>
        </pre>
      );
    case 'math': {
      const math = node.mathml && showsMathml ? mathml(node.mathml, 0) : <code className="tex">{node.tex}</code>;
      return node.display ? (
        <div key={key} className="math-display" dir="ltr">
          {math}
        </div>
      ) : (
        <span key={key} className="math" dir="ltr">
          {math}
        </span>
      );
    }
    case 'break':
      return <br key={key} />;
    case 'thematicBreak':
      return <hr key={key} />;
    default:
      // A node type this client does not know yet (a newer server): its text, if it has any.
      return 'children' in node ? <span key={key}>{inner()}</span> : null;
  }
}

/** MathML elements by name, with the server's allowed attributes; the namespace comes from <math>. */
function mathml(node: MathNode, key: number): ReactNode {
  return createElement(node.tag, { key, ...node.attrs }, ...(node.children ?? []).map((child, k) => (typeof child === 'string' ? child : mathml(child, k))));
}

function textOf(list: StatementNode[]): string {
  return list.map((node) => (typeof node === 'string' ? node : 'children' in node ? textOf(node.children) : '')).join('');
}
