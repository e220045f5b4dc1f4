/**
 * Monaco, as Kodbro uses it. This module is only ever imported lazily (see
 * load.ts): it and everything it pulls in land in chunks of their own that
 * the first load never fetches and that later visits find in the cache.
 *
 * Only what a candidate needs is bundled: the editor core, the syntax
 * colouring of Kodbro's languages (C uses the cpp grammar; TypeScript its
 * Monarch grammar only), a few editing features, and the one editor worker.
 * Each grammar is registered here but loaded on first use, in a chunk of its
 * own. No TypeScript, JSON, CSS or HTML language services, no suggestions,
 * no context menu (the browser's own menu with copy and paste stays).
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import 'monaco-editor/languages/definitions/python/register.js';
import 'monaco-editor/languages/definitions/javascript/register.js';
import 'monaco-editor/languages/definitions/java/register.js';
import 'monaco-editor/languages/definitions/cpp/register.js';
import 'monaco-editor/languages/definitions/go/register.js';
import 'monaco-editor/languages/definitions/csharp/register.js';
import 'monaco-editor/languages/definitions/kotlin/register.js';
import 'monaco-editor/languages/definitions/rust/register.js';
import 'monaco-editor/languages/definitions/ruby/register.js';
import 'monaco-editor/languages/definitions/php/register.js';
// The Monarch grammar alone: not the TypeScript language service and its worker.
import 'monaco-editor/languages/definitions/typescript/register.js';
// Monaco has no Haskell grammar: a Haskell model is plain text (Monaco's own fallback for an unknown id).
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/multicursor/register.js';
import 'monaco-editor/features/toggleTabFocusMode/register.js';
import 'monaco-editor/features/wordOperations/register.js';
import type { LanguageId } from '@kodbro/server/contracts';
import { lineRange } from './editing.ts';
import { textChange } from './history.ts';

// The one worker Monaco asks for (it compares texts and finds words off the page's thread).
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

/** Where the light editor was when Monaco takes over. */
export interface Handover {
  language: LanguageId;
  value: string;
  /** The text before each undo step of the light editor, oldest first. */
  undoSteps: readonly string[];
  selectionStart: number;
  selectionEnd: number;
  selectionBackward: boolean;
  focused: boolean;
}

export interface MonacoOptions {
  label: string;
  /** Id of the element that explains the keys (the visible hint). */
  describedBy: string;
  readOnly: boolean;
  /** The light editor's font, so the text does not jump when Monaco takes over (and follows the page's zoom). */
  fontFamily: string;
  fontSize: number;
  lineHeight: number;
  onChange: (value: string) => void;
}

export interface MonacoView {
  /** Another language's draft: each language keeps its own model (undo, cursor, scroll). */
  showLanguage(language: LanguageId, value: string): void;
  /** A text set from outside (another device, reset to starter): applied as one undoable edit. */
  setValue(value: string): void;
  update(options: Pick<MonacoOptions, 'label' | 'readOnly'>): void;
  revealLine(line: number): void;
  focus(): void;
  hasFocus(): boolean;
  /** The selection as offsets, to hand back to the light editor. */
  selection(): { start: number; end: number; backward: boolean };
  dispose(): void;
}

/** Creates Monaco in `host` with the light editor's text, selection and undo steps. */
export function mountMonaco(host: HTMLElement, handover: Handover, options: MonacoOptions): MonacoView {
  const models = new Map<LanguageId, monaco.editor.ITextModel>();
  const viewStates = new Map<LanguageId, monaco.editor.ICodeEditorViewState | null>();
  let language = handover.language;

  const model = monaco.editor.createModel(handover.undoSteps[0] ?? handover.value, language);
  replayUndoSteps(model, [...handover.undoSteps.slice(1), handover.value]);
  models.set(language, model);

  const editor = monaco.editor.create(host, {
    model,
    ...editorOptions(options),
  });
  const start = model.getPositionAt(handover.selectionStart);
  const end = model.getPositionAt(handover.selectionEnd);
  editor.setSelection(
    handover.selectionBackward
      ? monaco.Selection.fromPositions(end, start)
      : monaco.Selection.fromPositions(start, end),
  );
  editor.revealPositionInCenterIfOutsideViewport(handover.selectionBackward ? start : end, monaco.editor.ScrollType.Immediate);
  describeBy(editor, options.describedBy);
  if (handover.focused) editor.focus();

  // Our own change events would echo back as `setValue` with the same text; ignore those.
  let applying = false;
  editor.onDidChangeModelContent(() => {
    if (!applying) options.onChange(editor.getValue());
  });
  leaveWithEscapeThenTab(editor);
  const stopFollowingPreferences = followPreferences(editor);

  const apply = (target: monaco.editor.ITextModel, value: string) => {
    if (target.getValue() === value) return;
    const change = textChange(target.getValue(), value);
    applying = true;
    try {
      target.pushStackElement();
      target.pushEditOperations(
        editor.getSelections(),
        [{ range: rangeOf(target, change.from, change.to), text: change.insert }],
        () => null,
      );
      target.pushStackElement();
    } finally {
      applying = false;
    }
  };

  return {
    showLanguage(next, value) {
      if (next === language) return apply(editor.getModel() ?? model, value);
      viewStates.set(language, editor.saveViewState());
      language = next;
      let nextModel = models.get(next);
      if (nextModel) apply(nextModel, value);
      else {
        nextModel = monaco.editor.createModel(value, next);
        models.set(next, nextModel);
      }
      applying = true;
      try {
        editor.setModel(nextModel);
      } finally {
        applying = false;
      }
      const state = viewStates.get(next);
      if (state) editor.restoreViewState(state);
    },
    setValue(value) {
      const current = editor.getModel();
      if (current) apply(current, value);
    },
    update({ label, readOnly }) {
      editor.updateOptions({ ariaLabel: label, readOnly });
    },
    revealLine(line) {
      const current = editor.getModel();
      if (!current) return;
      const { start: from, end: to } = lineRange(current.getValue(), line);
      const range = rangeOf(current, from, to);
      editor.setSelection(range);
      editor.revealRangeInCenterIfOutsideViewport(range, monaco.editor.ScrollType.Immediate);
      editor.focus();
    },
    focus: () => editor.focus(),
    hasFocus: () => editor.hasTextFocus(),
    selection() {
      const current = editor.getModel();
      const selection = editor.getSelection();
      if (!current || !selection) return { start: 0, end: 0, backward: false };
      const a = current.getOffsetAt(selection.getStartPosition());
      const b = current.getOffsetAt(selection.getEndPosition());
      return { start: a, end: b, backward: selection.getDirection() === monaco.SelectionDirection.RTL };
    },
    dispose() {
      stopFollowingPreferences();
      editor.dispose();
      for (const each of models.values()) each.dispose();
    },
  };
}

function editorOptions(options: MonacoOptions): monaco.editor.IStandaloneEditorConstructionOptions {
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  return {
    ariaLabel: options.label,
    readOnly: options.readOnly,
    // Screen readers get the text around the cursor, not Monaco's visual layer.
    accessibilitySupport: 'on',
    theme: currentTheme(),
    fontFamily: options.fontFamily,
    fontSize: options.fontSize,
    lineHeight: options.lineHeight,
    tabSize: 4,
    insertSpaces: true,
    detectIndentation: true,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    wordWrap: 'off',
    lineNumbersMinChars: 3,
    padding: { top: 8, bottom: 8 },
    // The browser's menu: it has copy and paste, in the candidate's language.
    contextmenu: false,
    quickSuggestions: false,
    suggestOnTriggerCharacters: false,
    wordBasedSuggestions: 'off',
    parameterHints: { enabled: false },
    hover: { enabled: 'off' },
    links: false,
    occurrencesHighlight: 'off',
    stickyScroll: { enabled: false },
    folding: false,
    renderWhitespace: 'selection',
    // Motion only for those who have not asked for less.
    smoothScrolling: false,
    cursorSmoothCaretAnimation: 'off',
    cursorBlinking: reducedMotion ? 'solid' : 'blink',
    // Widgets (find) may reach beyond the editor's box rather than be cut off.
    fixedOverflowWidgets: true,
  };
}

/**
 * The light or dark theme the page uses, on the page's own background (so
 * Monaco sits in the page like the light editor did); high contrast when the
 * system forces colours.
 */
function currentTheme(): string {
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  if (matchMedia('(forced-colors: active)').matches) return dark ? 'hc-black' : 'hc-light';
  const background = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
  const name = dark ? 'kodbro-dark' : 'kodbro-light';
  monaco.editor.defineTheme(name, {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [],
    colors: /^#[0-9a-f]{6}$/i.test(background) ? { 'editor.background': background } : {},
  });
  return name;
}

/** Theme and motion follow the system's settings as they change. */
function followPreferences(editor: monaco.editor.IStandaloneCodeEditor): () => void {
  const queries = ['(prefers-color-scheme: dark)', '(forced-colors: active)', '(prefers-reduced-motion: reduce)'].map((query) => matchMedia(query));
  const onChange = () => {
    monaco.editor.setTheme(currentTheme());
    editor.updateOptions({ cursorBlinking: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'solid' : 'blink' });
  };
  for (const query of queries) query.addEventListener('change', onChange);
  return () => {
    for (const query of queries) query.removeEventListener('change', onChange);
  };
}

/**
 * The keyboard never gets stuck: Tab indents, but Escape then Tab (or
 * Shift+Tab) moves on, as in the light editor and as the hint says. Monaco's
 * own Ctrl+M switch does the same for as long as it is on.
 */
function leaveWithEscapeThenTab(editor: monaco.editor.IStandaloneCodeEditor): void {
  let tabLeaves = false;
  const set = (value: boolean) => {
    if (tabLeaves === value) return;
    tabLeaves = value;
    editor.updateOptions({ tabFocusMode: value });
  };
  editor.onKeyDown((event) => {
    if (event.keyCode === monaco.KeyCode.Escape) set(true);
    else if (!MODIFIERS.has(event.keyCode) && event.keyCode !== monaco.KeyCode.Tab) set(false);
  });
  editor.onDidBlurEditorText(() => set(false));
}

const MODIFIERS = new Set([monaco.KeyCode.Shift, monaco.KeyCode.Ctrl, monaco.KeyCode.Alt, monaco.KeyCode.Meta]);

/**
 * The visible hint names the keys for screen readers too. Monaco's text box
 * is a `role="textbox"` element (an EditContext div in Chromium, a textarea
 * elsewhere); the other one is hidden from assistive technology.
 */
function describeBy(editor: monaco.editor.IStandaloneCodeEditor, id: string): void {
  editor.getDomNode()?.querySelector('[role="textbox"]')?.setAttribute('aria-describedby', id);
}

/**
 * The light editor's undo steps become Monaco's: each is pushed as one edit
 * and one undo stop, so Ctrl+Z in Monaco walks back through what was typed
 * before it arrived.
 */
function replayUndoSteps(model: monaco.editor.ITextModel, texts: readonly string[]): void {
  for (const text of texts) {
    const change = textChange(model.getValue(), text);
    if (change.from === change.to && change.insert === '') continue;
    const range = rangeOf(model, change.from, change.to);
    const before = [new monaco.Selection(range.startLineNumber, range.startColumn, range.endLineNumber, range.endColumn)];
    model.pushEditOperations(before, [{ range, text: change.insert }], () => {
      const end = model.getPositionAt(change.from + change.insert.length);
      return [monaco.Selection.fromPositions(end, end)];
    });
    model.pushStackElement();
  }
}

function rangeOf(model: monaco.editor.ITextModel, from: number, to: number): monaco.Range {
  return monaco.Range.fromPositions(model.getPositionAt(from), model.getPositionAt(to));
}

/** One coloured piece of a line: where it starts and Monaco's token type (e.g. `keyword.python`). */
export interface CodeToken {
  offset: number;
  type: string;
}

/**
 * The tokens of `text`, line by line, from Monaco's own grammar of the
 * language: staff read a candidate's code in the colours the candidate saw.
 * The grammars load lazily: colourising nothing first waits for this one.
 */
export async function tokenizeCode(text: string, language: LanguageId): Promise<CodeToken[][]> {
  await monaco.editor.colorize('', language, {});
  return monaco.editor.tokenize(text, language).map((line) => line.map((token) => ({ offset: token.offset, type: token.type })));
}
