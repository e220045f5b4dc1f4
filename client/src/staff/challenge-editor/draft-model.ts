import type { ChallengeDraft, DraftChecker, DraftValidation, FunctionSignature, LanguageId } from '@kodbro/server/contracts';

/*
 * The challenge editor's state as plain data and one reducer: the draft as
 * the author sees it, the server revision it was last saved on, and how far
 * saving has got. Edits are counted, so a save that went out while the
 * author kept typing does not mark the later edits saved.
 */

/** Statement languages offered in the editor's menu (BCP 47); any other tag can be typed. */
export const STATEMENT_LOCALES = ['en', 'sv', 'ar', 'fa', 'prs', 'ps', 'so', 'ti', 'uk', 'ru', 'de', 'fr', 'es', 'fi', 'tr', 'ku'] as const;
const RTL = new Set(['ar', 'fa', 'prs', 'ps', 'ur', 'he', 'ckb', 'yi', 'dv']);

/** Right to left for Arabic-script and Hebrew languages, by the tag's first part. */
export function directionOf(locale: string): 'rtl' | 'ltr' {
  return RTL.has(locale.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr';
}

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  /**
   * Not saved; `retry` when trying again may help (no connection), not when the
   * server refused the content (then only a change made after `edits` is sent).
   */
  | { kind: 'failed'; message: string; retry: boolean; edits: number }
  /** Someone saved a newer revision: the author chooses (their text stays on the page). */
  | { kind: 'conflict' };

export interface EditorState {
  draft: ChallengeDraft;
  revision: number;
  validation: DraftValidation | null;
  /** Changes made on this page so far. */
  edits: number;
  /** How many of them the server has (the count when the last accepted save went out). */
  savedEdits: number;
  save: SaveStatus;
  /** The server's objections to the last save, by path inside the draft. */
  issues: DraftIssue[];
}

export interface DraftIssue {
  path: (string | number)[];
  message: string;
}

export type DraftChange =
  | { type: 'title'; locale: string; text: string }
  | { type: 'statement'; locale: string; markdown: string }
  | { type: 'addLocale'; locale: string; from?: string }
  | { type: 'removeLocale'; locale: string }
  | { type: 'copyStatement'; to: string; from: string }
  | { type: 'language'; language: LanguageId; allowed: boolean }
  | { type: 'starter'; language: LanguageId; source: string }
  | { type: 'limit'; key: keyof ChallengeDraft['limits']; value: number | undefined }
  | { type: 'checker'; checker: DraftChecker }
  /** Candidates write this function (undefined: a whole program again); the checker follows. */
  | { type: 'signature'; signature: FunctionSignature | undefined }
  | { type: 'tests'; samples: ChallengeDraft['samples']; groups: ChallengeDraft['groups'] }
  | { type: 'solutions'; solutions: ChallengeDraft['solutions'] }
  /** "Explain your solution": question `index` (0 or 1) in one statement language; blank removes it. */
  | { type: 'explain'; locale: string; index: number; text: string };

export type EditorAction =
  | { type: 'edit'; change: DraftChange }
  | { type: 'loaded'; draft: ChallengeDraft; revision: number; validation: DraftValidation | null }
  | { type: 'saving' }
  | { type: 'saved'; revision: number; edits: number; at: string; validation: DraftValidation | null }
  | { type: 'saveFailed'; message: string; retry: boolean; edits: number; issues?: DraftIssue[] }
  | { type: 'conflict' }
  /** The author keeps their text over a newer save: the next save goes out on the server's revision. */
  | { type: 'overwrite'; revision: number }
  | { type: 'validation'; validation: DraftValidation | null };

export function initialState(draft: ChallengeDraft, revision: number, validation: DraftValidation | null): EditorState {
  return { draft, revision, validation, edits: 0, savedEdits: 0, save: { kind: 'idle' }, issues: [] };
}

export const hasUnsaved = (state: EditorState) => state.edits !== state.savedEdits;

/** Publishing needs a passed validation of exactly what the server has, and nothing unsaved here. */
export const canPublish = (state: EditorState) =>
  !hasUnsaved(state) && state.validation !== null && !state.validation.stale && state.validation.status === 'passed' && state.validation.revision === state.revision;

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'edit':
      return { ...state, draft: applyChange(state.draft, action.change), edits: state.edits + 1 };
    case 'loaded':
      return initialState(action.draft, action.revision, action.validation);
    case 'saving':
      return { ...state, save: { kind: 'saving' } };
    case 'saved':
      return { ...state, revision: action.revision, savedEdits: action.edits, validation: action.validation, save: { kind: 'saved', at: action.at }, issues: [] };
    case 'saveFailed':
      return { ...state, save: { kind: 'failed', message: action.message, retry: action.retry, edits: action.edits }, issues: action.issues ?? state.issues };
    case 'conflict':
      return { ...state, save: { kind: 'conflict' } };
    case 'overwrite':
      // Counted as a change, so the autosave sends the page's draft on the newer revision.
      return { ...state, revision: action.revision, edits: state.edits + 1, save: { kind: 'idle' } };
    case 'validation':
      return { ...state, validation: action.validation };
  }
}

/** The draft after one change; the draft given is never modified. */
export function applyChange(draft: ChallengeDraft, change: DraftChange): ChallengeDraft {
  switch (change.type) {
    case 'title':
      return { ...draft, title: { ...draft.title, [change.locale]: change.text } };
    case 'statement':
      return { ...draft, statements: { ...draft.statements, [change.locale]: change.markdown } };
    case 'addLocale': {
      if (change.locale in draft.statements) return draft;
      const from = change.from ?? firstLocale(draft);
      // A title is required per language: the source's stands in until it is translated.
      const title = (from && draft.title[from]) || '';
      const markdown = change.from ? (draft.statements[change.from] ?? '') : '';
      return { ...draft, title: { ...draft.title, [change.locale]: title }, statements: { ...draft.statements, [change.locale]: markdown } };
    }
    case 'removeLocale': {
      if (localesOf(draft).length <= 1) return draft;
      const { [change.locale]: _title, ...title } = draft.title;
      const { [change.locale]: _statement, ...statements } = draft.statements;
      const { [change.locale]: _questions, ...explain } = draft.explain ?? {};
      return { ...draft, title, statements, ...(draft.explain ? { explain } : {}) };
    }
    case 'copyStatement':
      return { ...draft, statements: { ...draft.statements, [change.to]: draft.statements[change.from] ?? '' } };
    case 'language': {
      const has = draft.languages.includes(change.language);
      if (has === change.allowed) return draft;
      const languages = change.allowed ? [...draft.languages, change.language] : draft.languages.filter((l) => l !== change.language);
      return { ...draft, languages };
    }
    case 'explain': {
      const questions = [...(draft.explain?.[change.locale] ?? [])];
      while (questions.length <= change.index) questions.push('');
      questions[change.index] = change.text;
      // Trailing blanks are not questions; a language without any asks none.
      while (questions.length > 0 && questions.at(-1)?.trim() === '') questions.pop();
      const { [change.locale]: _old, ...others } = draft.explain ?? {};
      const explain = questions.length > 0 ? { ...others, [change.locale]: questions } : others;
      return { ...draft, explain };
    }
    case 'starter':
      return { ...draft, starters: { ...draft.starters, [change.language]: change.source } };
    case 'limit': {
      const limits = { ...draft.limits };
      if (change.value === undefined) delete limits[change.key];
      else limits[change.key] = change.value;
      return { ...draft, limits };
    }
    case 'checker':
      return { ...draft, checker: change.checker };
    case 'signature': {
      // A function's results are values: they are compared as values, and a program's output is not.
      if (change.signature) return { ...draft, signature: change.signature, checker: draft.checker.type === 'value' ? draft.checker : { type: 'value' } };
      const { signature: _dropped, ...rest } = draft;
      return { ...rest, checker: draft.checker.type === 'value' ? { type: 'tokens' } : draft.checker };
    }
    case 'tests':
      return { ...draft, samples: change.samples, groups: change.groups };
    case 'solutions':
      return { ...draft, solutions: change.solutions };
  }
}

/** The statement languages, in the order they were added. */
export function localesOf(draft: ChallengeDraft): string[] {
  return [...new Set([...Object.keys(draft.statements), ...Object.keys(draft.title)])];
}

function firstLocale(draft: ChallengeDraft): string | undefined {
  const locales = localesOf(draft);
  return locales.includes('en') ? 'en' : locales[0];
}

/**
 * What is sent: starter code only for allowed languages (unticking a
 * language keeps its starter on the page, in case it is ticked again).
 */
export function draftToSave(draft: ChallengeDraft): ChallengeDraft {
  const starters: ChallengeDraft['starters'] = {};
  for (const language of draft.languages) {
    const source = draft.starters[language];
    if (source !== undefined && source !== '') starters[language] = source;
  }
  return { ...draft, starters };
}

/**
 * The server's zod issues for a draft (`details.issues`, paths such as
 * `body.draft.groups.1.tests.0.name`) as paths inside the draft.
 */
export function draftIssues(details: unknown): DraftIssue[] {
  const issues = typeof details === 'object' && details !== null ? (details as { issues?: unknown }).issues : undefined;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') return [];
    const parts = path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const inDraft = parts[0] === 'body' && parts[1] === 'draft' ? parts.slice(2) : parts[0] === 'body' ? parts.slice(1) : parts;
    return [{ path: inDraft, message }];
  });
}

/** The issues under `prefix`, with paths relative to it (`keepPrefix` leaves them whole). */
export function issuesUnder(issues: readonly DraftIssue[], prefix: readonly (string | number)[], keepPrefix = false): DraftIssue[] {
  return issues
    .filter((issue) => prefix.every((part, index) => issue.path[index] === part))
    .map((issue) => (keepPrefix ? issue : { ...issue, path: issue.path.slice(prefix.length) }));
}

/** A limit field's text as a value: blank means the default; otherwise a whole number from 1 to `max`. */
export function parseLimit(text: string, max: number): { ok: true; value: number | undefined } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (!/^\d+$/.test(trimmed)) return { ok: false };
  const value = Number(trimmed);
  return value >= 1 && value <= max ? { ok: true, value } : { ok: false };
}

/** A tolerance field's text: a number from 0 to 1e9 (3, 0.001, 1e-6). */
export function parseTolerance(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || !/^[0-9.eE+-]+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 && value <= 1e9 ? value : undefined;
}
