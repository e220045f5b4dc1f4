import type { DraftSavedData, LanguageId } from '../contracts/index.ts';
import { diffText } from './edits.ts';

/** When a save is kept as the whole text rather than as an edit. */
export interface SnapshotPolicy {
  /** A snapshot at least this often (by time) while a draft keeps changing. */
  snapshotEveryMs: number;
  /** And after at most this many edits, so a replay never applies more than that to reach a revision. */
  snapshotEveryEdits: number;
}

export const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = { snapshotEveryMs: 5 * 60_000, snapshotEveryEdits: 100 };

/** What the history already holds of one draft. */
export interface RecordedDraft {
  source: string;
  revision: number;
  /** When the history last took the whole text; null when it never did (a draft from before edits existed). */
  snapshotAt: number | null;
  editsSinceSnapshot: number;
}

export interface HistoryEntry {
  data: DraftSavedData;
  snapshot: boolean;
}

/**
 * The `draft_saved` entry for one accepted save: an edit against the
 * previous revision when there is a recorded one, it is recent enough and
 * smaller than the text, otherwise a snapshot.
 */
export function historyEntry(
  draft: { challengeVersionId: string; language: LanguageId },
  previous: RecordedDraft | undefined,
  next: { source: string; revision: number },
  now: number,
  policy: SnapshotPolicy = DEFAULT_SNAPSHOT_POLICY,
): HistoryEntry {
  const ref = { challengeVersionId: draft.challengeVersionId, language: draft.language, revision: next.revision };
  const snapshot: HistoryEntry = { data: { ...ref, source: next.source }, snapshot: true };
  if (!previous || previous.snapshotAt === null) return snapshot;
  if (now - previous.snapshotAt >= policy.snapshotEveryMs || previous.editsSinceSnapshot + 1 >= policy.snapshotEveryEdits) return snapshot;
  const edit = diffText(previous.source, next.source);
  // A rewrite of (nearly) everything is cheaper to replay, and no bigger, as the text itself.
  if (edit.insert.length >= next.source.length) return snapshot;
  return { data: { ...ref, base: previous.revision, edit }, snapshot: false };
}
