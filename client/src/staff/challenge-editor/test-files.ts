import { MAX_DRAFT_BYTES, type ChallengeDraft } from '@kodbro/server/contracts';

/*
 * The tests of a challenge draft as pure functions over its arrays: pairing
 * many uploaded files into tests, names, moving tests up, down and between
 * groups, group ids and points. The section (TestsSection.tsx) does the I/O
 * (reading files, rendering) and turns the problems here into words.
 *
 * Line endings: a file's text is kept exactly as it was uploaded, CRLF too.
 * A package upload keeps its bytes as they are, and export → import must
 * judge identically, so the editor may not quietly change the data an
 * author gave (with the exact checker, "\r\n" against "\n" decides the
 * verdict). Uploads with CRLF are named in the summary, so the author knows.
 */

export type DraftTest = ChallengeDraft['samples'][number];
export type DraftGroup = ChallengeDraft['groups'][number];
export interface TestsValue {
  samples: DraftTest[];
  groups: DraftGroup[];
}

/** The schema's bounds (contracts/authoring.ts). */
export const MAX_SAMPLES = 100;
export const MAX_GROUPS = 100;
export const MAX_TESTS_PER_GROUP = 1000;
export const MAX_GROUP_POINTS = 1000;
/**
 * What the samples and groups together may take of a draft's JSON: the
 * whole draft is at most MAX_DRAFT_BYTES, and statements, starters and
 * solutions need room too (one MB of it; more test data comes by package).
 */
export const MAX_TEST_DATA_BYTES = MAX_DRAFT_BYTES - 1024 * 1024;

/** File endings that make a test: the input, then the answer (`.ans` as in Kattis packages, `.out` as many others write). */
export const INPUT_EXTENSION = '.in';
export const ANSWER_EXTENSIONS = ['.ans', '.out'] as const;

const encoder = new TextEncoder();
export const utf8Bytes = (text: string) => encoder.encode(text).length;
/** What a value adds to the draft's JSON. */
export const jsonBytes = (value: unknown) => utf8Bytes(JSON.stringify(value));

/** Natural order: 2 before 10, then letters without regard to case. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
export const naturalCompare = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** The schema's plain file name: a letter or digit first, then letters, digits, dot, dash, underscore; at most 100. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const isPlainName = (name: string) => PLAIN_NAME.test(name);

/** A name made plain: other characters become dashes, what may not lead is dropped, long names are cut. */
export function plainName(name: string, fallback = 'test'): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100)
    .replace(/[-.]+$/, '');
  return plain || fallback;
}

// ---------------------------------------------------------------------------
// Pairing uploaded files

/** A file the author dropped: its text when it was read (a file too large to hold is not read at all). */
export interface UploadedFile {
  name: string;
  size: number;
  text?: string;
}

export type UploadProblem =
  /** An input without an answer file, or an answer without an input. */
  | { kind: 'no_answer'; file: string }
  | { kind: 'no_input'; file: string }
  /** Neither `.in` nor an answer ending. */
  | { kind: 'not_test_file'; file: string }
  /** Both `3.ans` and `3.out`: the first is used, the other named. */
  | { kind: 'second_answer'; file: string; used: string }
  /** The list already has a test of this name, or two uploads give the same one. */
  | { kind: 'duplicate'; name: string }
  /** The file's name was not a plain name: the test got another. */
  | { kind: 'renamed'; file: string; name: string }
  /** Not UTF-8 text: a draft holds text only, so it would not be the same data. */
  | { kind: 'not_text'; file: string }
  /** The test would take the tests over their share of the draft. */
  | { kind: 'too_large'; name: string; bytes: number; limit: number }
  /** The list is full (100 samples, 1000 tests a group). */
  | { kind: 'too_many'; name: string; limit: number }
  /** Windows line endings, kept as they are. */
  | { kind: 'crlf'; name: string };

export interface UploadResult {
  /** The new tests, in natural order of their names, to put after the list's own. */
  added: DraftTest[];
  problems: UploadProblem[];
}

export interface UploadLimits {
  /** Tests the list may hold in all. */
  maxTests: number;
  /** Bytes of JSON the new tests may add. */
  freeBytes: number;
}

/** Splits `3.in` into its stem and ending (lower-case, with the dot); no ending gives ''. */
function splitName(file: string): { stem: string; ext: string } {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return { stem: file, ext: '' };
  return { stem: file.slice(0, dot), ext: file.slice(dot).toLowerCase() };
}

/**
 * Pairs uploaded files into tests for one list (the samples or one group):
 * `x.in` with `x.ans` (or `x.out`), in natural order of x; everything that
 * could not become a test is a problem, and nothing is added twice or past
 * the list's bounds.
 */
export function pairUploads(files: readonly UploadedFile[], existing: readonly DraftTest[], limits: UploadLimits): UploadResult {
  const problems: UploadProblem[] = [];
  const inputs = new Map<string, UploadedFile>();
  const answers = new Map<string, UploadedFile>();
  for (const file of [...files].sort((a, b) => naturalCompare(a.name, b.name))) {
    const { stem, ext } = splitName(file.name);
    if (ext === INPUT_EXTENSION) {
      if (inputs.has(stem)) problems.push({ kind: 'duplicate', name: stem });
      else inputs.set(stem, file);
    } else if ((ANSWER_EXTENSIONS as readonly string[]).includes(ext)) {
      const other = answers.get(stem);
      // `.ans` wins over `.out` whatever order the files came in.
      if (!other) answers.set(stem, file);
      else if (ext === ANSWER_EXTENSIONS[0]) {
        problems.push({ kind: 'second_answer', file: other.name, used: file.name });
        answers.set(stem, file);
      } else problems.push({ kind: 'second_answer', file: file.name, used: other.name });
    } else problems.push({ kind: 'not_test_file', file: file.name });
  }
  for (const [stem, file] of answers) if (!inputs.has(stem)) problems.push({ kind: 'no_input', file: file.name });

  const taken = new Set(existing.map((test) => test.name.toLowerCase()));
  let count = existing.length;
  let free = limits.freeBytes;
  const added: DraftTest[] = [];
  for (const [stem, input] of inputs) {
    const answer = answers.get(stem);
    if (!answer) {
      problems.push({ kind: 'no_answer', file: input.name });
      continue;
    }
    const name = plainName(stem);
    if (name !== stem) problems.push({ kind: 'renamed', file: input.name, name });
    if (taken.has(name.toLowerCase())) {
      problems.push({ kind: 'duplicate', name });
      continue;
    }
    if (input.text === undefined || answer.text === undefined) {
      problems.push({ kind: 'too_large', name, bytes: input.size + answer.size, limit: limits.freeBytes });
      continue;
    }
    const unreadable = [input, answer].find((file) => file.text?.includes('\uFFFD'));
    if (unreadable) {
      problems.push({ kind: 'not_text', file: unreadable.name });
      continue;
    }
    if (count >= limits.maxTests) {
      problems.push({ kind: 'too_many', name, limit: limits.maxTests });
      continue;
    }
    const test = { name, input: input.text, answer: answer.text };
    const bytes = jsonBytes(test) + 1;
    if (bytes > free) {
      problems.push({ kind: 'too_large', name, bytes, limit: limits.freeBytes });
      continue;
    }
    if (test.input.includes('\r\n') || test.answer.includes('\r\n')) problems.push({ kind: 'crlf', name });
    free -= bytes;
    count += 1;
    taken.add(name.toLowerCase());
    added.push(test);
  }
  return { added, problems };
}

/** What the samples and groups may still take, in bytes of JSON. */
export const freeTestBytes = (value: TestsValue) => Math.max(0, MAX_TEST_DATA_BYTES - jsonBytes(value));

/**
 * Which of the dropped files to read (by index): test files only, in natural
 * order, while their sizes together fit in what is left. A file past that
 * could never fit, so it is not read at all: a thousand large files dropped
 * at once must not be held in memory only to be refused.
 */
export function filesToRead(files: readonly { name: string; size: number }[], freeBytes: number): Set<number> {
  const endings: readonly string[] = [INPUT_EXTENSION, ...ANSWER_EXTENSIONS];
  const order = files.map((file, index) => ({ file, index })).sort((a, b) => naturalCompare(a.file.name, b.file.name));
  const chosen = new Set<number>();
  let left = freeBytes;
  for (const { file, index } of order) {
    if (!endings.includes(splitName(file.name).ext) || file.size > left) continue;
    left -= file.size;
    chosen.add(index);
  }
  return chosen;
}

// ---------------------------------------------------------------------------
// Lists: which list a test is in, and moving tests

/** The samples, or the hidden group at this index. */
export type ListRef = { kind: 'samples' } | { kind: 'group'; group: number };

export function listOf(value: TestsValue, list: ListRef): DraftTest[] {
  return list.kind === 'samples' ? value.samples : (value.groups[list.group]?.tests ?? []);
}

function withList(value: TestsValue, list: ListRef, tests: DraftTest[]): TestsValue {
  if (list.kind === 'samples') return { ...value, samples: tests };
  return { ...value, groups: value.groups.map((group, index) => (index === list.group ? { ...group, tests } : group)) };
}

/** An array with the item at `from` moved to `to` (clamped); the same array when nothing moves. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from === target || from < 0 || from >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** A test one place up (-1) or down (+1) in its list. */
export function moveTest(value: TestsValue, list: ListRef, index: number, delta: -1 | 1): TestsValue {
  return withList(value, list, moveItem(listOf(value, list), index, index + delta));
}

/** A name not yet in the list: the name itself, else `name-2`, `name-3`… */
export function freeName(name: string, tests: readonly DraftTest[]): string {
  const taken = new Set(tests.map((test) => test.name.toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n += 1) {
    const candidate = `${name.slice(0, 95)}-${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

export interface MoveResult {
  value: TestsValue;
  /** Where the test is now, and its name there (renamed when the target had the name). */
  index: number;
  name: string;
}

/** A test to the end of another list (a group or the samples), renamed if that list has its name. */
export function moveTestTo(value: TestsValue, from: ListRef, index: number, to: ListRef): MoveResult | null {
  const source = listOf(value, from);
  const test = source[index];
  if (!test || sameList(from, to)) return null;
  const moved = withList(value, from, source.filter((_, at) => at !== index));
  const target = listOf(moved, to);
  const name = freeName(test.name, target);
  return { value: withList(moved, to, [...target, { ...test, name }]), index: target.length, name };
}

export const sameList = (a: ListRef, b: ListRef) => a.kind === b.kind && (a.kind === 'samples' || a.group === (b as { group: number }).group);

/** A new empty test, named with the next free number. */
export function newTest(tests: readonly DraftTest[]): DraftTest {
  return { name: nextNumberName(tests.map((test) => test.name)), input: '', answer: '' };
}

function nextNumberName(names: readonly string[]): string {
  const numbers = names.map((name) => (/^\d+$/.test(name) ? Number(name) : 0));
  const lower = new Set(names.map((name) => name.toLowerCase()));
  let next = Math.max(0, ...numbers) + 1;
  while (lower.has(String(next))) next += 1;
  return String(next);
}

/** Why a test's name cannot stay as typed, or null: not plain, or another test of its list has it. */
export function testNameProblem(tests: readonly DraftTest[], index: number, name: string): 'not_plain' | 'duplicate' | null {
  if (!isPlainName(name)) return 'not_plain';
  const lower = name.toLowerCase();
  return tests.some((test, at) => at !== index && test.name.toLowerCase() === lower) ? 'duplicate' : null;
}

// ---------------------------------------------------------------------------
// Groups

const GROUP_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const isGroupId = (id: string) => GROUP_ID.test(id);

/** Why a group's id cannot stay as typed, or null. */
export function groupIdProblem(groups: readonly DraftGroup[], index: number, id: string): 'not_slug' | 'duplicate' | null {
  if (!isGroupId(id)) return 'not_slug';
  return groups.some((group, at) => at !== index && group.id === id) ? 'duplicate' : null;
}

/** A new group after the others, with the next free `group-N` id and one empty test (a group needs one). */
export function newGroup(groups: readonly DraftGroup[]): DraftGroup {
  const ids = new Set(groups.map((group) => group.id));
  let n = groups.length + 1;
  while (ids.has(`group-${n}`)) n += 1;
  return { id: `group-${n}`, points: 0, tests: [newTest([])] };
}

/** Ids `group-1`, `group-2`… in judging order, for after groups were added, removed and moved. */
export const renumberGroups = (groups: readonly DraftGroup[]): DraftGroup[] => groups.map((group, index) => ({ ...group, id: `group-${index + 1}` }));

export const totalPoints = (groups: readonly DraftGroup[]) => groups.reduce((sum, group) => sum + (Number.isFinite(group.points) ? group.points : 0), 0);

/** Points as typed: a whole number within the schema's bounds, or null. */
export function parsePoints(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const points = Number(text);
  return points <= MAX_GROUP_POINTS ? points : null;
}

// ---------------------------------------------------------------------------
// Showing long data

/** Inputs over this size or line count show a preview and their size, and a textarea only on request. */
export const LONG_TEXT_BYTES = 4 * 1024;
export const LONG_TEXT_LINES = 40;
const PREVIEW_LINES = 8;
const PREVIEW_LINE_CHARS = 200;

export function isLong(text: string): boolean {
  if (text.length > LONG_TEXT_BYTES) return true;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) if (++lines > LONG_TEXT_LINES) return true;
  return utf8Bytes(text) > LONG_TEXT_BYTES;
}

/** The first lines of a text (each cut short), for a long input shown without a textarea. */
export function preview(text: string): { text: string; more: boolean } {
  const head = text.slice(0, PREVIEW_LINES * (PREVIEW_LINE_CHARS + 2));
  const lines = head.split('\n').slice(0, PREVIEW_LINES);
  const shown = lines.map((line) => (line.length > PREVIEW_LINE_CHARS ? `${line.slice(0, PREVIEW_LINE_CHARS)}…` : line)).join('\n');
  return { text: shown, more: shown !== text };
}

/** 812 B, 4.2 KB, 1.3 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
