import { useEffect, useId, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageId } from '@kodbro/server/contracts';
import { lineCount, lineRange } from './editing.ts';
import { undoHistory } from './history.ts';
import { LightEditor } from './LightEditor.tsx';
import { afterFirstPaint, isTouchDevice, loadMonaco, QUIET_BEFORE_LOAD_MS, QUIET_BEFORE_TAKEOVER_MS, whenQuiet } from './load.ts';
import type { MonacoView, mountMonaco as MountMonaco } from './monaco.ts';
import type { EditorProps } from './types.ts';
import './editor.css';

/**
 * The code editor. The light editor shows at once and takes typing before
 * anything else has loaded; once the page has painted and typing pauses,
 * Monaco is fetched (separate, cached chunks) and, in the next pause, takes
 * over in the same box with the same text, selection, focus and undo steps.
 * On touch devices and in light mode, and wherever Monaco fails to load, the
 * light editor stays. Switching light mode on hands text, selection and focus
 * back to the light editor.
 */
export function Editor({ value, onChange, language, label, readOnly = false, light = false, onPaste, ref }: EditorProps) {
  const { t } = useTranslation();
  const hintId = useId();
  const frameRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const viewRef = useRef<MonacoView | null>(null);
  const composing = useRef(false);
  const [mode, setMode] = useState<'light' | 'monaco'>('light');
  const [history] = useState(undoHistory);

  // What the editor shows, to tell its own edits (echoed back as `value`) from changes made elsewhere.
  const shown = useRef<{ value: string; language: LanguageId }>({ value, language });
  // The latest props, for Monaco's events and the loader, which outlive a render.
  const latest = useRef({ onChange, label, readOnly });
  useLayoutEffect(() => {
    latest.current = { onChange, label, readOnly };
  });

  const edited = (next: string, recordUndo: boolean) => {
    if (recordUndo) history.record(shown.current.value, next, Date.now());
    shown.current = { value: next, language: shown.current.language };
    latest.current.onChange(next);
  };

  // A text or language from outside (a language switch, another device, reset to starter).
  useLayoutEffect(() => {
    const was = shown.current;
    if (was.value === value && was.language === language) return;
    shown.current = { value, language };
    // The light editor's undo steps no longer lead to this text.
    history.reset();
    const view = viewRef.current;
    if (!view) return;
    if (was.language !== language) view.showLanguage(language, value);
    else view.setValue(value);
  }, [value, language, history]);

  useEffect(() => {
    viewRef.current?.update({ label, readOnly });
  }, [label, readOnly, mode]);

  useEffect(() => {
    // Always rendered, so the same nodes for as long as this effect lives.
    const area = textareaRef.current;
    const frame = frameRef.current;
    const host = hostRef.current;
    if (light || isTouchDevice() || !area || !frame || !host) return;
    let cancelled = false;

    const takeOver = (mountMonaco: typeof MountMonaco) => {
      if (cancelled) return;
      // Never in the middle of composing a character (an input method): wait for another pause.
      if (composing.current) {
        cancelWait = whenQuiet(QUIET_BEFORE_TAKEOVER_MS, () => takeOver(mountMonaco));
        return;
      }
      const style = getComputedStyle(area);
      const handover = {
        language: shown.current.language,
        value: shown.current.value,
        undoSteps: history.steps(),
        selectionStart: area.selectionStart,
        selectionEnd: area.selectionEnd,
        selectionBackward: area.selectionDirection === 'backward',
        focused: document.activeElement === area,
      };
      // Shown before Monaco measures its box; React's own render below agrees.
      frame.dataset.editor = 'monaco';
      try {
        viewRef.current = mountMonaco(host, handover, {
          ...latest.current,
          describedBy: hintId,
          fontFamily: style.fontFamily,
          fontSize: parseFloat(style.fontSize) || 15,
          lineHeight: parseFloat(style.lineHeight) || 22,
          onChange: (next) => edited(next, false),
        });
      } catch {
        // An old browser that cannot run Monaco: the light editor stays.
        frame.dataset.editor = 'light';
        host.replaceChildren();
        if (handover.focused) area.focus();
        return;
      }
      history.reset();
      setMode('monaco');
    };

    // After the first paint, in a pause: fetch and start Monaco; in the next pause, take over.
    let cancelWait = afterFirstPaint(() => {
      cancelWait = whenQuiet(QUIET_BEFORE_LOAD_MS, () => {
        loadMonaco().then(
          ({ mountMonaco }) => {
            if (!cancelled) cancelWait = whenQuiet(QUIET_BEFORE_TAKEOVER_MS, () => takeOver(mountMonaco));
          },
          () => undefined, // offline or too old: the light editor stays
        );
      });
    });

    return () => {
      cancelled = true;
      cancelWait();
      const view = viewRef.current;
      if (!view) return;
      // Back to the light editor (light mode switched on): hand back selection and focus.
      viewRef.current = null;
      const selection = view.selection();
      const focused = view.hasFocus();
      view.dispose();
      frame.dataset.editor = 'light';
      setMode('light');
      area.setSelectionRange(selection.start, selection.end, selection.backward ? 'backward' : 'forward');
      if (focused) area.focus();
    };
    // `edited` and `hintId` are stable in effect: edited reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [light, history]);

  useImperativeHandle(
    ref,
    () => ({
      focus() {
        if (viewRef.current) viewRef.current.focus();
        else textareaRef.current?.focus();
      },
      revealLine(line) {
        frameRef.current?.scrollIntoView({ block: 'nearest' });
        if (viewRef.current) viewRef.current.revealLine(line);
        else if (textareaRef.current) revealInTextarea(textareaRef.current, line);
      },
    }),
    [],
  );

  return (
    <div className="code-editor-field">
      <div
        ref={frameRef}
        className="code-editor"
        data-editor={mode}
        dir="ltr"
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={() => (composing.current = false)}
        // Both editors take pastes through a textarea inside this frame (Monaco's is hidden).
        onPasteCapture={(event) => {
          const chars = event.clipboardData.getData('text/plain').length;
          if (chars > 0 && !readOnly) onPaste?.(chars);
        }}
      >
        <LightEditor
          value={value}
          onChange={(next) => edited(next, true)}
          label={label}
          describedBy={hintId}
          readOnly={readOnly}
          textareaRef={textareaRef}
        />
        <div ref={hostRef} className="monaco-host" />
      </div>
      <p id={hintId} className="editor-hint">
        {t('editor.hint')}
      </p>
    </div>
  );
}

/** Selects a line of the textarea and scrolls it to the middle of the box. */
function revealInTextarea(area: HTMLTextAreaElement, line: number): void {
  const { start, end } = lineRange(area.value, line);
  area.focus({ preventScroll: true });
  area.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 22;
  const clamped = Math.min(Math.max(line, 1), lineCount(area.value));
  area.scrollTop = Math.max(0, (clamped - 1) * lineHeight - area.clientHeight / 2);
}
