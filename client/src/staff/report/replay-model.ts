import { applyEdit, draftSavedDataSchema, pastedEventSchema, type AttemptEventView, type DraftEdit, type LanguageId } from '@kodbro/server/contracts';

/** One save of one draft, as the history holds it: the whole text, or an edit of the save before. */
export interface ReplayFrame {
  at: number;
  revision: number;
  /** The whole text (a snapshot), or an edit against the frame before when `base` is its revision. */
  change: { source: string } | { base: number; edit: DraftEdit };
  /** Characters that appeared with this save (inserted, for an edit; the text's length, for a snapshot). */
  inserted: number;
  /** Characters the candidate's editor reported pasted since the save before (0: none reported). */
  pasted: number;
}

/** The saves of one challenge in one language, oldest first. */
export interface ReplayTrack {
  key: string;
  challengeVersionId: string;
  language: LanguageId;
  frames: ReplayFrame[];
}

/** A time the candidate's page had no connection: from the drop to the reconnect (null: never came back). */
export interface ConnectionDrop {
  from: number;
  to: number | null;
}

export interface ReplayData {
  tracks: ReplayTrack[];
  drops: ConnectionDrop[];
  /** The history reached its cap at this time: later saves were not recorded. */
  cappedAt: number | null;
}

/**
 * Reads an attempt's event log (oldest first) into what the replay plays:
 * each draft's saves, the pastes marked on the save that carried them, and
 * the connection drops with their length. Events it cannot read are skipped.
 */
export function readReplay(events: readonly AttemptEventView[]): ReplayData {
  const tracks = new Map<string, ReplayTrack>();
  const pendingPastes = new Map<string, number>();
  const drops: ConnectionDrop[] = [];
  let cappedAt: number | null = null;
  for (const event of events) {
    const at = Date.parse(event.at);
    if (event.kind === 'draft_saved') {
      const parsed = draftSavedDataSchema.safeParse(event.data);
      if (!parsed.success) continue;
      const data = parsed.data;
      const key = `${data.challengeVersionId}/${data.language}`;
      let track = tracks.get(key);
      if (!track) {
        track = { key, challengeVersionId: data.challengeVersionId, language: data.language, frames: [] };
        tracks.set(key, track);
      }
      const change = 'source' in data ? { source: data.source } : { base: data.base, edit: data.edit };
      const inserted = 'source' in data ? data.source.length : data.edit.insert.length;
      track.frames.push({ at, revision: data.revision, change, inserted, pasted: pendingPastes.get(key) ?? 0 });
      pendingPastes.delete(key);
    } else if (event.kind === 'pasted') {
      const parsed = pastedEventSchema.safeParse(event.data);
      if (!parsed.success) continue;
      const key = `${parsed.data.challengeVersionId}/${parsed.data.language}`;
      pendingPastes.set(key, (pendingPastes.get(key) ?? 0) + parsed.data.chars);
    } else if (event.kind === 'disconnected') {
      if (drops.at(-1)?.to !== null || drops.length === 0) drops.push({ from: at, to: null });
    } else if (event.kind === 'reconnected') {
      const open = drops.at(-1);
      if (open && open.to === null) open.to = at;
    } else if (event.kind === 'history_capped') {
      cappedAt = at;
    }
  }
  return { tracks: [...tracks.values()], drops, cappedAt };
}

/**
 * Rebuilds a track's texts on demand: from the nearest whole text before the
 * frame asked for, applying edits forward; stepping one frame forward applies
 * one edit. A frame whose chain is broken (an edit whose base is not the frame
 * before, or that does not fit) has no text (null) until the next whole text.
 */
export function textsOf(track: ReplayTrack): (index: number) => string | null {
  let last: { index: number; text: string | null } | undefined;
  const step = (previous: { index: number; text: string | null } | undefined, index: number): string | null => {
    const frame = track.frames[index];
    if (!frame) return null;
    if ('source' in frame.change) return frame.change.source;
    const before = previous && previous.index === index - 1 ? previous.text : null;
    const prior = track.frames[index - 1];
    if (before === null || !prior || prior.revision !== frame.change.base) return null;
    try {
      return applyEdit(before, frame.change.edit);
    } catch {
      return null;
    }
  };
  return (index) => {
    if (last && last.index === index) return last.text;
    let start = last && last.index < index ? last.index + 1 : index;
    if (!(last && last.index < index)) {
      // Back to the nearest whole text at or before `index`.
      while (start > 0 && !('source' in (track.frames[start]?.change ?? { source: '' }))) start--;
      last = undefined;
    }
    for (let i = start; i <= index; i++) last = { index: i, text: step(last, i) };
    return last?.text ?? null;
  };
}

/** The lines (1-based) an edit touched in the text after it: what the replay marks. */
export function changedLines(after: string, edit: DraftEdit): Set<number> {
  const first = after.slice(0, edit.at).split('\n').length;
  const last = first + edit.insert.split('\n').length - 1;
  const lines = new Set<number>();
  for (let line = first; line <= last; line++) lines.add(line);
  return lines;
}

/** Pastes at least this long, or insertions this long within one save, are marked in the timeline. */
export const LARGE_INSERT_CHARS = 200;
