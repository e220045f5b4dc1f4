import { describe, expect, it } from 'vitest';
import type { AttemptEventView } from '@kodbro/server/contracts';
import { changedLines, readReplay, textsOf } from './replay-model.ts';

const CV = '8d0c5d4e-2b8f-4b1e-9c57-3f1f4a0b6c11';
let seq = 0;
const at = (second: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, second)).toISOString();
const event = (second: number, kind: AttemptEventView['kind'], data?: unknown): AttemptEventView => ({ seq: ++seq, kind, at: at(second), data: data ?? null });
const snapshot = (second: number, revision: number, source: string, language = 'python') => event(second, 'draft_saved', { challengeVersionId: CV, language, revision, source });
const edit = (second: number, revision: number, base: number, change: { at: number; remove: number; insert: string }) =>
  event(second, 'draft_saved', { challengeVersionId: CV, language: 'python', revision, base, edit: change });

describe('the replay read from the event log', () => {
  const events = [
    event(0, 'started'),
    snapshot(1, 1, 'print(1)'),
    edit(2, 2, 1, { at: 6, remove: 1, insert: '42' }),
    event(3, 'pasted', { challengeVersionId: CV, language: 'python', chars: 20 }),
    edit(4, 3, 2, { at: 9, remove: 0, insert: '\nx = [1, 2, 3, 4, 5]' }),
    event(5, 'disconnected'),
    event(65, 'reconnected'),
    edit(66, 4, 3, { at: 0, remove: 0, insert: '# sum\n' }),
    snapshot(70, 1, 'console.log(1)', 'javascript'),
    event(80, 'disconnected'),
  ];
  const replay = readReplay(events);

  it('holds one track per challenge and language, each save in order, pastes on the save that carried them', () => {
    expect(replay.tracks.map((track) => track.language)).toEqual(['python', 'javascript']);
    const python = replay.tracks[0]!;
    expect(python.frames.map((frame) => [frame.revision, frame.inserted, frame.pasted])).toEqual([
      [1, 8, 0],
      [2, 2, 0],
      [3, 20, 20],
      [4, 6, 0],
    ]);
  });

  it('rebuilds every revision exactly, forwards and backwards', () => {
    const texts = textsOf(replay.tracks[0]!);
    expect(texts(3)).toBe('# sum\nprint(42)\nx = [1, 2, 3, 4, 5]');
    expect(texts(0)).toBe('print(1)');
    expect(texts(1)).toBe('print(42)');
    expect(texts(2)).toBe('print(42)\nx = [1, 2, 3, 4, 5]');
    expect(texts(3)).toBe('# sum\nprint(42)\nx = [1, 2, 3, 4, 5]');
  });

  it('gives no text for a broken chain until the next whole text', () => {
    const broken = readReplay([snapshot(1, 1, 'a'), edit(2, 3, 2, { at: 1, remove: 0, insert: 'b' }), snapshot(3, 4, 'abc')]);
    const texts = textsOf(broken.tracks[0]!);
    expect([texts(0), texts(1), texts(2)]).toEqual(['a', null, 'abc']);
    expect(texts(1)).toBeNull();
  });

  it('finds connection drops and their ends; one never ended stays open', () => {
    expect(replay.drops).toEqual([
      { from: Date.parse(at(5)), to: Date.parse(at(65)) },
      { from: Date.parse(at(80)), to: null },
    ]);
  });

  it('marks the lines an edit touched', () => {
    expect([...changedLines('print(42)\nx = [1, 2, 3, 4, 5]', { at: 9, remove: 0, insert: '\nx = [1, 2, 3, 4, 5]' })]).toEqual([1, 2]);
  });
});
