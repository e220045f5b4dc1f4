import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DraftSavedData } from '../contracts/index.ts';
import { historyEntry, type RecordedDraft, type SnapshotPolicy } from './record.ts';
import { replayDrafts } from './replay.ts';

const V1 = '0a5f4178-2d61-4162-a7fb-b5d992237121';
const V2 = '5d0f4a2c-8f0e-4a43-9c1e-3c6b8d1f0a77';
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '\n', 'ö', '😀', 'ب'), maxLength: 40 });

/** An edit a person might make to `source`: type, delete, replace somewhere, paste, or clear. */
function typed(source: string, choice: number, position: number, insert: string): string {
  const at = source.length === 0 ? 0 : position % (source.length + 1);
  switch (choice % 5) {
    case 0:
      return source.slice(0, at) + insert + source.slice(at);
    case 1:
      return source.slice(0, at) + source.slice(at + 1 + (position % 7));
    case 2:
      return source.slice(0, at) + insert + source.slice(at + (position % 5));
    case 3:
      return insert + source + insert;
    default:
      return insert;
  }
}

/** Records saves the way the store does: one entry each, the draft's state kept between them. */
function record(saves: { key: 0 | 1; source: string; at: number }[], policy: SnapshotPolicy) {
  const drafts = new Map<number, RecordedDraft>();
  const events: { kind: string; data: DraftSavedData; at: Date }[] = [];
  const revisions = new Map<number, number>();
  for (const save of saves) {
    const revision = (revisions.get(save.key) ?? 0) + 1 + (save.at % 3); // revisions only have to grow
    revisions.set(save.key, revision);
    const previous = drafts.get(save.key);
    const entry = historyEntry({ challengeVersionId: save.key ? V2 : V1, language: 'python' }, previous, { source: save.source, revision }, save.at, policy);
    events.push({ kind: 'draft_saved', data: entry.data, at: new Date(save.at) });
    drafts.set(save.key, {
      source: save.source,
      revision,
      snapshotAt: entry.snapshot ? save.at : (previous?.snapshotAt ?? null),
      editsSinceSnapshot: entry.snapshot ? 0 : (previous?.editsSinceSnapshot ?? 0) + 1,
    });
  }
  return events;
}

describe('history: record, then replay', () => {
  it('rebuilds every recorded revision exactly, for random edit sequences on two drafts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0 as const, 1 as const), fc.nat(), fc.nat(), text, fc.nat({ max: 90_000 })), { minLength: 1, maxLength: 60 }),
        fc.record({ snapshotEveryMs: fc.integer({ min: 1, max: 200_000 }), snapshotEveryEdits: fc.integer({ min: 1, max: 20 }) }),
        (steps, policy) => {
          const current = new Map<number, string>();
          let clock = 0;
          const saves = steps.map(([key, choice, position, insert, pause]) => {
            const source = typed(current.get(key) ?? '', choice, position, insert);
            current.set(key, source);
            clock += pause;
            return { key, source, at: clock };
          });
          const events = record(saves, policy);
          const replay = replayDrafts(events);
          expect(replay.skipped).toBe(0);
          expect(replay.revisions.map((r) => r.source)).toEqual(saves.map((s) => s.source));
          expect(replay.revisions.map((r) => r.challengeVersionId)).toEqual(saves.map((s) => (s.key ? V2 : V1)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps small edits small and takes a snapshot after the configured number of edits or time', () => {
    const policy = { snapshotEveryMs: 60_000, snapshotEveryEdits: 3 };
    const base = 'x'.repeat(10_000);
    const events = record(
      [
        { key: 0, source: base, at: 0 },
        { key: 0, source: `${base}1`, at: 1000 },
        { key: 0, source: `${base}12`, at: 2000 },
        { key: 0, source: `${base}123`, at: 3000 }, // the third edit: a snapshot
        { key: 0, source: `${base}1234`, at: 4000 },
        { key: 0, source: `${base}12345`, at: 70_000 }, // a minute after the last snapshot
      ],
      policy,
    );
    expect(events.map((e) => ('source' in e.data ? 'snapshot' : 'edit'))).toEqual(['snapshot', 'edit', 'edit', 'snapshot', 'edit', 'snapshot']);
    expect(JSON.stringify(events[1]!.data).length).toBeLessThan(200);
  });

  it('stores a rewrite of everything as a snapshot, and a draft from before edits existed starts with one', () => {
    const previous = { source: 'old text', revision: 1, snapshotAt: 0, editsSinceSnapshot: 0 };
    expect(historyEntry({ challengeVersionId: V1, language: 'go' }, previous, { source: 'new', revision: 2 }, 10).snapshot).toBe(true);
    expect(historyEntry({ challengeVersionId: V1, language: 'go' }, { ...previous, snapshotAt: null }, { source: 'old text!', revision: 2 }, 10).snapshot).toBe(true);
    expect(historyEntry({ challengeVersionId: V1, language: 'go' }, previous, { source: 'old text!', revision: 2 }, 10).data).toEqual({
      challengeVersionId: V1,
      language: 'go',
      revision: 2,
      base: 1,
      edit: { at: 8, remove: 0, insert: '!' },
    });
  });

  it('skips edits whose base is not in the events given, until the next snapshot, and reads old full-text events', () => {
    const ref = { challengeVersionId: V1, language: 'python' as const };
    const replay = replayDrafts([
      { kind: 'draft_saved', data: { ...ref, revision: 4, base: 3, edit: { at: 0, remove: 0, insert: 'x' } } },
      { kind: 'started', data: {} },
      { kind: 'draft_saved', data: { ...ref, revision: 5, source: 'abc' } },
      { kind: 'draft_saved', data: { ...ref, revision: 6, base: 5, edit: { at: 3, remove: 0, insert: 'd' } } },
      { kind: 'draft_saved', data: { ...ref, revision: 8, base: 7, edit: { at: 0, remove: 0, insert: '?' } } },
    ]);
    expect(replay.revisions.map((r) => [r.revision, r.source])).toEqual([
      [5, 'abc'],
      [6, 'abcd'],
    ]);
    expect(replay.skipped).toBe(2);
  });
});
