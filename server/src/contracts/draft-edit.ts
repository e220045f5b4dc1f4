import type { DraftEdit } from './api.ts';

/**
 * Applies one recorded edit of a draft's history (`diffText` on the server
 * makes them). Shared: the server rebuilds drafts with it, and the staff
 * report's replay rebuilds revisions in the browser, on demand. Throws when
 * the edit does not fit the text (a broken chain, never guessed).
 */
export function applyEdit(text: string, edit: DraftEdit): string {
  if (edit.at + edit.remove > text.length) throw new RangeError(`An edit at ${edit.at} removing ${edit.remove} does not fit a text of ${text.length}`);
  return text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
}
