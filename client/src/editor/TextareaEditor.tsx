import { useRef, type KeyboardEvent } from 'react';
import type { EditorProps } from './types.ts';

const INDENT = '    ';

/**
 * A plain textarea: no download, works on every phone and screen reader, and
 * accepts typing at once. Tab inserts spaces; Escape then Tab leaves the
 * editor (so the keyboard is never trapped); Shift+Tab always leaves.
 */
export function TextareaEditor({ value, onChange, label, readOnly }: EditorProps) {
  const tabLeaves = useRef(false);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const area = event.currentTarget;
    if (event.key === 'Escape') {
      tabLeaves.current = true;
      return;
    }
    if (event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && !tabLeaves.current) {
      event.preventDefault();
      insert(area, INDENT, onChange);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Keep the current line's indentation: saves much typing on a phone.
      const lineStart = area.value.lastIndexOf('\n', area.selectionStart - 1) + 1;
      const indent = /^[ \t]*/.exec(area.value.slice(lineStart, area.selectionStart))?.[0] ?? '';
      if (indent) {
        event.preventDefault();
        insert(area, '\n' + indent, onChange);
      }
    }
    if (event.key !== 'Tab') tabLeaves.current = false;
  };

  return (
    <textarea
      className="editor"
      aria-label={label}
      value={value}
      readOnly={readOnly}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => {
        tabLeaves.current = false;
      }}
      dir="ltr"
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      autoComplete="off"
      wrap="off"
      rows={20}
    />
  );
}

/** Inserts text at the caret through the browser's own editing, so undo still works. */
function insert(area: HTMLTextAreaElement, text: string, onChange: (value: string) => void): void {
  // execCommand is deprecated but is the only way to keep the undo stack; it fires `input`, which React sees.
  if (document.execCommand?.('insertText', false, text)) return;
  const { selectionStart: start, selectionEnd: end } = area;
  area.setRangeText(text, start, end, 'end');
  onChange(area.value);
}
