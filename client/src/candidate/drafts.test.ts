import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftView, SaveDraftBody } from '@kodbro/server/contracts';
import { ApiError } from '../api/http.ts';
import { createDraftStore, type SaveOutcome } from './drafts.ts';

const CV = '0a5f4178-2d61-4162-a7fb-b5d992237121';

/** localStorage as the browser has it: items are the object's own keys. */
function memoryStorage(): Storage {
  const store = {} as Record<string, string>;
  const methods = {
    getItem: (key: string) => (Object.hasOwn(store, key) ? (store[key] ?? null) : null),
    setItem: (key: string, value: string) => void (store[key] = String(value)),
    removeItem: (key: string) => void delete store[key],
    clear: () => Object.keys(store).forEach((key) => delete store[key]),
    key: (index: number) => Object.keys(store)[index] ?? null,
  };
  for (const [name, fn] of Object.entries(methods)) Object.defineProperty(store, name, { value: fn, enumerable: false });
  Object.defineProperty(store, 'length', { get: () => Object.keys(store).length, enumerable: false });
  return store as unknown as Storage;
}

function server(answer: (body: SaveDraftBody) => SaveOutcome | Error = () => ({ ok: true })) {
  const sent: SaveDraftBody[] = [];
  const save = vi.fn(async (body: SaveDraftBody) => {
    sent.push(body);
    const outcome = answer(body);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  });
  return { sent, save };
}

const draft = (source: string, revision: number): DraftView => ({ challengeVersionId: CV, language: 'python', source, revision, updatedAt: '2026-01-01T00:00:00Z' });

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('localStorage', memoryStorage());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createDraftStore', () => {
  it('saves a second after the last keystroke, with strictly increasing revisions', async () => {
    const { sent, save } = server();
    const store = createDraftStore('t1', [draft('a', 4)], save);
    store.edit(CV, 'python', 'ab');
    await vi.advanceTimersByTimeAsync(500);
    store.edit(CV, 'python', 'abc');
    await vi.advanceTimersByTimeAsync(900);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent.map((body) => [body.source, body.revision])).toEqual([['abc', 5]]);
    expect(store.status()).toBe('saved');
    store.edit(CV, 'python', 'abcd');
    await vi.advanceTimersByTimeAsync(1100);
    expect(sent.map((body) => body.revision)).toEqual([5, 6]);
  });

  it('keeps unsaved typing and the revision count across a reload', async () => {
    const offline = server(() => new ApiError('network', 'down'));
    const first = createDraftStore('t1', [draft('a', 2)], offline.save);
    first.edit(CV, 'python', 'typed offline');
    await vi.advanceTimersByTimeAsync(1100);
    expect(first.status()).toBe('offline');
    first.persist();
    first.dispose();

    const online = server();
    const reloaded = createDraftStore('t1', [draft('a', 2)], online.save);
    expect(reloaded.source(CV, 'python')).toBe('typed offline');
    reloaded.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    // Revision 3 was used by the failed try; the next one is 4.
    expect(online.sent.map((body) => [body.source, body.revision])).toEqual([['typed offline', 4]]);
  });

  it('never shows texts of another attempt left on the device', () => {
    const { save } = server();
    const earlier = createDraftStore('someone-else', [], save);
    earlier.edit(CV, 'python', 'private');
    earlier.persist();
    const next = createDraftStore('t2', [], save);
    expect(next.source(CV, 'python')).toBeUndefined();
    expect(Object.keys(localStorage).filter((key) => key.includes('someone-else'))).toEqual([]);
  });

  it('retries after a failure with growing pauses, then reports saved', async () => {
    let fail = 2;
    const { sent, save } = server(() => (fail-- > 0 ? new ApiError('timeout', 'slow') : { ok: true }));
    const store = createDraftStore('t1', [], save);
    store.edit(CV, 'python', 'x');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.status()).toBe('offline');
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(4000);
    expect(sent.map((body) => body.revision)).toEqual([1, 2, 3]);
    expect(store.status()).toBe('saved');
  });

  it('waits as long as the server says after a rate-limited save, then sends the newest text; typing does not hurry it', async () => {
    let limited = 1;
    const { sent, save } = server(() => (limited-- > 0 ? new ApiError('rate_limited', 'Saving too often', 429, { retryAfterMs: 5000 }) : { ok: true }));
    const store = createDraftStore('t1', [draft('a', 1)], save);
    store.edit(CV, 'python', 'first');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.map((body) => body.source)).toEqual(['first']);
    expect(store.status()).toBe('pending');
    expect(store.lastError()).toBeNull();
    store.edit(CV, 'python', 'first and more');
    await vi.advanceTimersByTimeAsync(3000);
    expect(sent).toHaveLength(1);
    // The text is kept on the device meanwhile.
    expect(Object.values(localStorage as unknown as Record<string, string>).some((value) => value.includes('first'))).toBe(true);
    await vi.advanceTimersByTimeAsync(2100);
    expect(sent.map((body) => [body.source, body.revision])).toEqual([
      ['first', 2],
      ['first and more', 3],
    ]);
    expect(store.status()).toBe('saved');
    expect(store.source(CV, 'python')).toBe('first and more');
  });

  it('treats a stale answer holding our own text as saved (a lost acknowledgement)', async () => {
    const { save } = server((body) => ({ ok: false, current: draft(body.source, body.revision) }));
    const store = createDraftStore('t1', [], save);
    store.edit(CV, 'python', 'mine');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.status()).toBe('saved');
    expect(store.conflicts()).toBe(0);
  });

  it('takes the newer text saved on another device and counts a conflict', async () => {
    const { save } = server(() => ({ ok: false, current: draft('from the phone', 9) }));
    const store = createDraftStore('t1', [draft('old', 3)], save);
    store.edit(CV, 'python', 'old laptop');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.source(CV, 'python')).toBe('from the phone');
    expect(store.conflicts()).toBe(1);
    expect(store.isNewer(CV, 'python', 9)).toBe(false);
  });

  it('adopts newer drafts from elsewhere only over saved text', async () => {
    const { save } = server();
    const store = createDraftStore('t1', [draft('a', 1)], save);
    store.adoptNewer([draft('b', 2)]);
    expect(store.source(CV, 'python')).toBe('b');
    store.edit(CV, 'python', 'typing here');
    store.adoptNewer([draft('c', 5)]);
    expect(store.source(CV, 'python')).toBe('typing here');
  });
});
