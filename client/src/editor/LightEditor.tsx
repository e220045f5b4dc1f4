import { useMemo, useRef, type KeyboardEvent, type RefObject } from 'react';
import { indent, lineCount, newlineKeepingIndent, unindent, type Edit } from './editing.ts';

interface Props {
  value: string;
  onChange: (value: string) => void;
  label: string;
  /** Id of the visible hint that names the keys. */
  describedBy: string;
  readOnly: boolean;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}

/**
 * A plain textarea with line numbers: no download, works on every phone and
 * screen reader, and accepts typing at once. Tab indents and Shift+Tab
 * un-indents (every selected line); Enter keeps the indentation; Escape then
 * Tab (or Shift+Tab) leaves, so the keyboard is never trapped.
 */
export function LightEditor({ value, onChange, label, describedBy, readOnly, textareaRef }: Props) {
  const gutterRef = useRef<HTMLPreElement>(null);
  const tabLeaves = useRef(false);
  const lines = lineCount(value);
  const numbers = useMemo(() => Array.from({ length: lines }, (_, i) => i + 1).join('\n'), [lines]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (readOnly || event.nativeEvent.isComposing) return;
    const area = event.currentTarget;
    const state = { text: area.value, start: area.selectionStart, end: area.selectionEnd };
    if (event.key === 'Escape') {
      tabLeaves.current = true;
      return;
    }
    if (event.key === 'Tab' && !event.altKey && !event.ctrlKey && !event.metaKey) {
      if (tabLeaves.current) return;
      event.preventDefault();
      const edit = event.shiftKey ? unindent(state) : indent(state);
      if (edit) applyEdit(area, edit, onChange);
      return;
    }
    if (!MODIFIER_KEYS.has(event.key)) tabLeaves.current = false;
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const edit = newlineKeepingIndent(state);
      if (edit) {
        event.preventDefault();
        applyEdit(area, edit, onChange);
      }
    }
  };

  return (
    <div className="light-editor">
      <pre className="light-editor-gutter" aria-hidden="true" ref={gutterRef} style={{ width: `${String(lines).length + 2}ch` }}>
        {numbers}
      </pre>
      <textarea
        ref={textareaRef}
        className="editor"
        aria-label={label}
        aria-describedby={describedBy}
        value={value}
        readOnly={readOnly}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          tabLeaves.current = false;
        }}
        onScroll={(event) => {
          if (gutterRef.current) gutterRef.current.scrollTop = event.currentTarget.scrollTop;
        }}
        dir="ltr"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        autoComplete="off"
        // Phones: no word suggestions over code, and an Enter key that makes a line break.
        enterKeyHint="enter"
        wrap="off"
      />
    </div>
  );
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph']);

/**
 * Applies an edit through the browser's own editing, so undo still works
 * (one Ctrl+Z per key press), then sets the selection the edit asks for.
 */
function applyEdit(area: HTMLTextAreaElement, edit: Edit, onChange: (value: string) => void): void {
  area.setSelectionRange(edit.from, edit.to);
  // execCommand is deprecated but is the only way to keep the undo stack; it fires `input`, which React sees.
  const done = edit.insert ? document.execCommand?.('insertText', false, edit.insert) : document.execCommand?.('delete');
  if (!done) {
    area.setRangeText(edit.insert, edit.from, edit.to);
    onChange(area.value);
  }
  area.setSelectionRange(edit.selectionStart, edit.selectionEnd);
}
