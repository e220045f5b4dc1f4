/**
 * The light editor's undo history, kept so Monaco can take it over: the
 * browser's own undo stack of a textarea cannot be read, so the text before
 * each group of edits is remembered here and replayed into Monaco as undo
 * steps. Groups are made the way editors group typing: a pause, a line
 * break, or anything but typing or deleting one character starts a new one.
 */

/** The one range where two texts differ (their common start and end kept). */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

export function textChange(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

export interface UndoHistory {
  /** One edit, from `before` to `after`, at time `now` (ms). */
  record(before: string, after: string, now: number): void;
  /** The text before each group of edits, oldest first (empty: no edits since the last reset). */
  steps(): readonly string[];
  /** Forget everything (the text was replaced from outside: another language, another device). */
  reset(): void;
}

/** How long a pause in typing ends an undo step (about what browsers and Monaco do). */
const PAUSE_MS = 1000;

/**
 * Bounded: at most `maxSteps` steps and `maxChars` characters of remembered
 * text (a 64 KB file typed for an hour stays well under a few MB); past that
 * the oldest steps are forgotten, and Monaco's undo simply stops there.
 */
export function undoHistory({ maxSteps = 100, maxChars = 2_000_000 } = {}): UndoHistory {
  let steps: string[] = [];
  let chars = 0;
  let last: { at: number; change: TextChange } | undefined;

  const startsGroup = (change: TextChange, now: number): boolean => {
    if (!last || now - last.at > PAUSE_MS) return true;
    const typed = change.to === change.from && change.insert.length === 1 && change.insert !== '\n';
    const deleted = change.insert === '' && change.to - change.from === 1;
    if (!typed && !deleted) return true;
    const previous = last.change;
    const previousEnd = previous.from + previous.insert.length;
    // Typing on where the last keystroke ended, or deleting back from it.
    return !(typed ? change.from === previousEnd : change.to === previousEnd || change.from === previous.from);
  };

  return {
    record(before, after, now) {
      if (before === after) return;
      const change = textChange(before, after);
      if (startsGroup(change, now)) {
        steps.push(before);
        chars += before.length;
        while (steps.length > maxSteps || (chars > maxChars && steps.length > 1)) chars -= steps.shift()?.length ?? 0;
        if (chars > maxChars) {
          steps = [];
          chars = 0;
        }
      }
      last = { at: now, change };
    },
    steps: () => steps,
    reset() {
      steps = [];
      chars = 0;
      last = undefined;
    },
  };
}
