import type { ChallengeDraft, DraftValidation } from '@kodbro/server/contracts';
import { describe, expect, it } from 'vitest';
import {
  applyChange,
  canPublish,
  directionOf,
  draftIssues,
  draftToSave,
  editorReducer,
  hasUnsaved,
  initialState,
  issuesUnder,
  localesOf,
  parseLimit,
  parseTolerance,
} from './draft-model.ts';

const draft = (): ChallengeDraft => ({
  title: { en: 'Sum' },
  statements: { en: '# Sum\n\nAdd.' },
  languages: ['python'],
  starters: { python: 'print()\n' },
  limits: { timeMs: 2000 },
  checker: { type: 'tokens' },
  samples: [],
  groups: [],
  solutions: [],
});

const passed = (revision: number, stale = false): DraftValidation => ({
  revision,
  stale,
  status: 'passed',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  warnings: [],
  solutions: [],
});

describe('draft changes', () => {
  it('adds a statement language with the first title standing in, copies a translation, removes a language but never the last', () => {
    let d = applyChange(draft(), { type: 'addLocale', locale: 'sv' });
    expect(d.title).toEqual({ en: 'Sum', sv: 'Sum' });
    expect(d.statements).toEqual({ en: '# Sum\n\nAdd.', sv: '' });
    expect(localesOf(d)).toEqual(['en', 'sv']);
    d = applyChange(d, { type: 'copyStatement', to: 'sv', from: 'en' });
    expect(d.statements.sv).toBe('# Sum\n\nAdd.');
    d = applyChange(d, { type: 'addLocale', locale: 'ar', from: 'sv' });
    expect(d.statements.ar).toBe('# Sum\n\nAdd.');
    d = applyChange(d, { type: 'removeLocale', locale: 'en' });
    expect(localesOf(d)).toEqual(['sv', 'ar']);
    d = applyChange(applyChange(d, { type: 'removeLocale', locale: 'sv' }), { type: 'removeLocale', locale: 'ar' });
    expect(localesOf(d)).toEqual(['ar']);
  });

  it('allows and disallows languages; a disallowed language keeps its starter on the page but it is not sent', () => {
    let d = applyChange(draft(), { type: 'language', language: 'java', allowed: true });
    d = applyChange(d, { type: 'starter', language: 'java', source: 'class Main {}' });
    expect(d.languages).toEqual(['python', 'java']);
    d = applyChange(d, { type: 'language', language: 'java', allowed: false });
    expect(d.starters.java).toBe('class Main {}');
    expect(draftToSave(d).starters).toEqual({ python: 'print()\n' });
    expect(applyChange(d, { type: 'language', language: 'python', allowed: true })).toBe(d);
  });

  it('writes "explain your solution" questions per language; blanks at the end are dropped, a removed language takes its questions', () => {
    let d = applyChange(draft(), { type: 'explain', locale: 'en', index: 1, text: 'What would you change?' });
    expect(d.explain).toEqual({ en: ['', 'What would you change?'] });
    d = applyChange(d, { type: 'explain', locale: 'en', index: 0, text: 'Running time?' });
    expect(d.explain).toEqual({ en: ['Running time?', 'What would you change?'] });
    d = applyChange(d, { type: 'explain', locale: 'en', index: 1, text: ' ' });
    expect(d.explain).toEqual({ en: ['Running time?'] });
    d = applyChange(applyChange(d, { type: 'addLocale', locale: 'sv' }), { type: 'explain', locale: 'sv', index: 0, text: 'Tidskomplexitet?' });
    d = applyChange(d, { type: 'removeLocale', locale: 'en' });
    expect(d.explain).toEqual({ sv: ['Tidskomplexitet?'] });
    expect(applyChange(d, { type: 'explain', locale: 'sv', index: 0, text: '' }).explain).toEqual({});
  });

  it('sets and clears limits (blank means the default) without touching the draft given', () => {
    const before = draft();
    const after = applyChange(applyChange(before, { type: 'limit', key: 'memoryMb', value: 256 }), { type: 'limit', key: 'timeMs', value: undefined });
    expect(after.limits).toEqual({ memoryMb: 256 });
    expect(before.limits).toEqual({ timeMs: 2000 });
  });
});

describe('saving and publishing', () => {
  it('counts edits: a save that went out before later typing leaves those unsaved', () => {
    let s = initialState(draft(), 1, null);
    s = editorReducer(s, { type: 'edit', change: { type: 'title', locale: 'en', text: 'Sums' } });
    const sent = s.edits;
    s = editorReducer(s, { type: 'saving' });
    s = editorReducer(s, { type: 'edit', change: { type: 'title', locale: 'en', text: 'Sums!' } });
    s = editorReducer(s, { type: 'saved', revision: 2, edits: sent, at: '2026-01-01T10:00:00Z', validation: null });
    expect(s.revision).toBe(2);
    expect(s.draft.title.en).toBe('Sums!');
    expect(hasUnsaved(s)).toBe(true);
  });

  it('a conflict keeps the text; overwriting takes the newer revision and counts as a change to save', () => {
    let s = editorReducer(initialState(draft(), 3, null), { type: 'edit', change: { type: 'statement', locale: 'en', markdown: 'mine' } });
    s = editorReducer(s, { type: 'conflict' });
    expect(s.draft.statements.en).toBe('mine');
    expect(s.save).toEqual({ kind: 'conflict' });
    s = editorReducer(s, { type: 'overwrite', revision: 5 });
    expect(s).toMatchObject({ revision: 5, save: { kind: 'idle' } });
    expect(hasUnsaved(s)).toBe(true);
  });

  it('publishes only with a passed, fresh validation of the saved revision and nothing unsaved', () => {
    expect(canPublish(initialState(draft(), 2, passed(2)))).toBe(true);
    expect(canPublish(initialState(draft(), 2, passed(2, true)))).toBe(false);
    expect(canPublish(initialState(draft(), 3, passed(2)))).toBe(false);
    expect(canPublish(initialState(draft(), 2, { ...passed(2), status: 'failed' }))).toBe(false);
    expect(canPublish(initialState(draft(), 2, null))).toBe(false);
    const edited = editorReducer(initialState(draft(), 2, passed(2)), { type: 'edit', change: { type: 'title', locale: 'en', text: 'x' } });
    expect(canPublish(edited)).toBe(false);
  });
});

describe('the server’s objections and the fields', () => {
  it('turns zod issue paths into paths inside the draft, and picks a section’s', () => {
    const issues = draftIssues({
      issues: [
        { path: 'body.draft.groups.1.tests.0.name', message: 'a plain file name' },
        { path: 'body.draft.title.sv', message: 'Too small' },
        { path: 'body.revision', message: 'Expected number' },
        { nonsense: true },
      ],
    });
    expect(issues).toEqual([
      { path: ['groups', 1, 'tests', 0, 'name'], message: 'a plain file name' },
      { path: ['title', 'sv'], message: 'Too small' },
      { path: ['revision'], message: 'Expected number' },
    ]);
    expect(issuesUnder(issues, ['title'])).toEqual([{ path: ['sv'], message: 'Too small' }]);
    expect(issuesUnder(issues, ['groups'], true)).toEqual([issues[0]]);
    expect(draftIssues(undefined)).toEqual([]);
  });

  it('reads limits (blank = default, whole numbers in bounds) and tolerances', () => {
    expect(parseLimit('', 60_000)).toEqual({ ok: true, value: undefined });
    expect(parseLimit(' 1500 ', 60_000)).toEqual({ ok: true, value: 1500 });
    expect(parseLimit('0', 60_000)).toEqual({ ok: false });
    expect(parseLimit('60001', 60_000)).toEqual({ ok: false });
    expect(parseLimit('1.5', 60_000)).toEqual({ ok: false });
    expect(parseTolerance('1e-6')).toBe(1e-6);
    expect(parseTolerance('0')).toBe(0);
    expect(parseTolerance('-1')).toBeUndefined();
    expect(parseTolerance('abc')).toBeUndefined();
  });

  it('writes Arabic-script languages right to left', () => {
    expect(['ar', 'fa', 'prs', 'fa-AF'].map(directionOf)).toEqual(['rtl', 'rtl', 'rtl', 'rtl']);
    expect(['en', 'sv', 'ti', 'uk'].map(directionOf)).toEqual(['ltr', 'ltr', 'ltr', 'ltr']);
  });
});
