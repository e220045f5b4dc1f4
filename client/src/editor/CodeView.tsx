import { useEffect, useState } from 'react';
import type { LanguageId } from '@kodbro/server/contracts';
import { isTouchDevice, loadMonaco } from './load.ts';
import type { CodeToken } from './monaco.ts';

interface Props {
  source: string;
  language: LanguageId;
  /** Accessible name of the code region. */
  label: string;
  /** Lines (1-based) to mark, e.g. a test's first differing line or a replay's change. */
  marked?: ReadonlySet<number>;
}

/** Code longer than this is shown without colours: tokenizing it would hold the page's thread too long. */
const MAX_COLOURED_CHARS = 200_000;

/**
 * Read-only code with line numbers, for staff: plain at once, then coloured
 * by Monaco's grammar of its language once Monaco has loaded (a cached chunk;
 * never on touch devices, where the plain text stays). Line numbers are
 * hidden from screen readers, which read the code alone. Its styles are in
 * the staff chunk (report.css), never in the candidate's first load.
 */
export function CodeView({ source, language, label, marked }: Props) {
  const [tokens, setTokens] = useState<{ source: string; language: LanguageId; lines: CodeToken[][] } | null>(null);
  useEffect(() => {
    if (isTouchDevice() || source.length > MAX_COLOURED_CHARS) return;
    let live = true;
    loadMonaco()
      .then((monaco) => monaco.tokenizeCode(source, language))
      .then((lines) => live && setTokens({ source, language, lines }))
      .catch(() => {}); // Without Monaco the plain text stays.
    return () => {
      live = false;
    };
  }, [source, language]);

  const coloured = tokens && tokens.source === source && tokens.language === language ? tokens.lines : null;
  const lines = source.split('\n');
  return (
    <pre className="code-view" dir="ltr" tabIndex={0} role="region" aria-label={label} data-coloured={coloured ? 'yes' : 'no'}>
      <code>
        {lines.map((line, index) => (
          <span key={index} className={marked?.has(index + 1) ? 'code-line marked' : 'code-line'}>
            <span className="line-number" aria-hidden="true">
              {index + 1}
            </span>
            {coloured?.[index] ? colourLine(line, coloured[index]) : line}
            {'\n'}
          </span>
        ))}
      </code>
    </pre>
  );
}

function colourLine(line: string, tokens: CodeToken[]) {
  return tokens.map((token, index) => {
    const text = line.slice(token.offset, tokens[index + 1]?.offset ?? line.length);
    const kind = tokenClass(token.type);
    return kind ? (
      <span key={index} className={kind}>
        {text}
      </span>
    ) : (
      text
    );
  });
}

/** Monaco's token types (`keyword.python`, `string.escape.cpp`, `comment.line`) to a few colour classes. */
function tokenClass(type: string): string | undefined {
  const head = type.split('.')[0];
  switch (head) {
    case 'keyword':
      return 'tok-keyword';
    case 'string':
      return 'tok-string';
    case 'comment':
      return 'tok-comment';
    case 'number':
      return 'tok-number';
    case 'type':
      return 'tok-type';
    default:
      return undefined;
  }
}
