import { draftSavedDataSchema, type LanguageId } from '../contracts/index.ts';
import { applyEdit } from './edits.ts';

/** One recorded revision of one draft, rebuilt. */
export interface ReplayedRevision {
  challengeVersionId: string;
  language: LanguageId;
  revision: number;
  source: string;
  /** When it was saved, when the event said. */
  at?: Date;
}

export interface Replay {
  revisions: ReplayedRevision[];
  /**
   * Edits that could not be applied because their base revision is not in
   * the events given (a replay that starts mid-history, between snapshots):
   * skipped until the next snapshot of that draft, never guessed.
   */
  skipped: number;
}

/**
 * Rebuilds every revision the history holds from an attempt's events in
 * sequence order (other kinds are ignored), so a recruiter can step through
 * how the code was written. Exact: each revision equals the text that was saved.
 *
 * @example
 *   replayDrafts((await store.listEvents(scope)).filter((e) => e.kind === 'draft_saved'))
 */
export function replayDrafts(events: readonly { kind?: string; data: unknown; at?: Date }[]): Replay {
  const latest = new Map<string, { revision: number; source: string }>();
  const revisions: ReplayedRevision[] = [];
  let skipped = 0;
  for (const event of events) {
    if (event.kind !== undefined && event.kind !== 'draft_saved') continue;
    const parsed = draftSavedDataSchema.safeParse(event.data);
    if (!parsed.success) continue;
    const data = parsed.data;
    const key = `${data.challengeVersionId}/${data.language}`;
    let source: string;
    if ('source' in data) source = data.source;
    else {
      const base = latest.get(key);
      if (!base || base.revision !== data.base || data.edit.at + data.edit.remove > base.source.length) {
        latest.delete(key);
        skipped++;
        continue;
      }
      source = applyEdit(base.source, data.edit);
    }
    latest.set(key, { revision: data.revision, source });
    revisions.push({ challengeVersionId: data.challengeVersionId, language: data.language, revision: data.revision, source, ...(event.at ? { at: event.at } : {}) });
  }
  return { revisions, skipped };
}
