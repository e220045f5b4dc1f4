import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftView, SaveDraftBody } from '@kodbro/server/contracts';
import { ApiError } from '../api/http.ts';
import { attemptPrefix, forgetOtherAttempts, indexedDbStore, type LocalStore } from '../offline/index.ts';
import { MERGE_MARKER, openDraftStore, type SaveOutcome } from './drafts.ts';

const CV = '0a5f4178-2d61-4162-a7fb-b5d992237121';
const PREFIX = attemptPrefix('t1');

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

let local: LocalStore;
beforeEach(() => {
  // A fresh IndexedDB for each test (the browser's API, in memory).
  vi.stubGlobal('indexedDB', new IDBFactory());
  local = indexedDbStore();
  // IndexedDB (fake-indexeddb) schedules with setImmediate: only the store's own timers are faked.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('openDraftStore', () => {
  it('saves a second after the last keystroke, with strictly increasing revisions', async () => {
    const { sent, save } = server();
    const store = await openDraftStore(local, PREFIX, [draft('a', 4)], save);
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

  it('writes every change to IndexedDB at once, before any save is sent', async () => {
    const { sent, save } = server();
    const store = await openDraftStore(local, PREFIX, [], save);
    store.edit(CV, 'python', 'print(1)');
    await store.settled();
    expect(sent).toEqual([]);
    expect(await local.get(`${PREFIX}draft/${CV}/python`)).toMatchObject({ source: 'print(1)', saved: false });
  });

  it('keeps unsaved typing and the revision count across a reload', async () => {
    const offline = server(() => new ApiError('network', 'down'));
    const first = await openDraftStore(local, PREFIX, [draft('a', 2)], offline.save);
    first.edit(CV, 'python', 'typed offline');
    await vi.advanceTimersByTimeAsync(1100);
    expect(first.status()).toBe('offline');
    await first.settled();
    first.dispose();

    const online = server();
    const reloaded = await openDraftStore(local, PREFIX, [draft('a', 2)], online.save);
    expect(reloaded.source(CV, 'python')).toBe('typed offline');
    reloaded.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    // Revision 3 was used by the failed try; the next one is 4.
    expect(online.sent.map((body) => [body.source, body.revision])).toEqual([['typed offline', 4]]);
  });

  it('keeps typing the page closed on before its first save (same revision as the server)', async () => {
    const { save } = server();
    const first = await openDraftStore(local, PREFIX, [draft('saved text', 3)], save);
    first.edit(CV, 'python', 'saved text, then typed');
    await first.settled();
    first.dispose(); // closed within the second before the save

    const reloaded = await openDraftStore(local, PREFIX, [draft('saved text', 3)], save);
    expect(reloaded.source(CV, 'python')).toBe('saved text, then typed');
    expect(reloaded.conflicts()).toEqual([]);
  });

  it('never shows texts of another attempt left on the device', async () => {
    const { save } = server();
    const earlier = await openDraftStore(local, attemptPrefix('someone-else'), [], save);
    earlier.edit(CV, 'python', 'private');
    earlier.setCustomInput(CV, 'private input');
    await earlier.settled();
    await forgetOtherAttempts(local, 't2');
    const next = await openDraftStore(local, attemptPrefix('t2'), [], save);
    expect(next.source(CV, 'python')).toBeUndefined();
    expect(next.customInput(CV)).toBe('');
    expect(await local.list('a/')).toEqual([]);
  });

  it('retries after a failure with growing pauses, then reports saved', async () => {
    let fail = 2;
    const { sent, save } = server(() => (fail-- > 0 ? new ApiError('timeout', 'slow') : { ok: true }));
    const store = await openDraftStore(local, PREFIX, [], save);
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
    const store = await openDraftStore(local, PREFIX, [draft('a', 1)], save);
    store.edit(CV, 'python', 'first');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.map((body) => body.source)).toEqual(['first']);
    expect(store.status()).toBe('pending');
    expect(store.lastError()).toBeNull();
    store.edit(CV, 'python', 'first and more');
    await vi.advanceTimersByTimeAsync(3000);
    expect(sent).toHaveLength(1);
    // The text is kept on the device meanwhile.
    await store.settled();
    expect(await local.get(`${PREFIX}draft/${CV}/python`)).toMatchObject({ source: 'first and more' });
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
    const store = await openDraftStore(local, PREFIX, [], save);
    store.edit(CV, 'python', 'mine');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.status()).toBe('saved');
    expect(store.conflicts()).toEqual([]);
  });

  it('two devices at once: keeps both texts, holds saving, and offers the choice', async () => {
    const phone = draft('from the phone', 9);
    let stored = phone;
    const { sent, save } = server((body) => {
      if (body.revision <= stored.revision) return { ok: false, current: stored };
      stored = draft(body.source, body.revision);
      return { ok: true };
    });
    const store = await openDraftStore(local, PREFIX, [draft('old', 3)], save);
    store.edit(CV, 'python', 'old laptop');
    await vi.advanceTimersByTimeAsync(1000);
    // Nothing dropped: the editor keeps this device's text, the phone's is offered beside it.
    expect(store.source(CV, 'python')).toBe('old laptop');
    expect(store.conflicts()).toEqual([{ challengeVersionId: CV, language: 'python', mine: 'old laptop', theirs: 'from the phone', theirsRevision: 9 }]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(1); // not saved over the phone's text while the candidate decides

    store.resolve(CV, 'python', 'mine');
    // Unsaved from the choice on, not only once its save begins.
    expect(store.status()).toBe('pending');
    await vi.advanceTimersByTimeAsync(0);
    expect(store.conflicts()).toEqual([]);
    expect(sent.at(-1)).toMatchObject({ source: 'old laptop', revision: 10 });
    expect(stored.source).toBe('old laptop');
    expect(store.status()).toBe('saved');
  });

  it('"use the other version" takes it without saving; "keep both" saves a merge of the two', async () => {
    const { sent, save } = server(() => ({ ok: false, current: draft('theirs', 7) }));
    const store = await openDraftStore(local, PREFIX, [draft('base', 2)], save);
    store.edit(CV, 'python', 'mine');
    await vi.advanceTimersByTimeAsync(1000);
    store.resolve(CV, 'python', 'theirs');
    expect(store.source(CV, 'python')).toBe('theirs');
    expect(store.conflicts()).toEqual([]);
    expect(store.status()).toBe('saved');
    expect(sent).toHaveLength(1);

    store.edit(CV, 'python', 'mine again');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.conflicts()).toHaveLength(1);
    save.mockImplementation(async (body) => {
      sent.push(body);
      return { ok: true };
    });
    store.resolve(CV, 'python', 'both');
    expect(store.status()).toBe('pending');
    await vi.advanceTimersByTimeAsync(0);
    const merged = sent.at(-1)?.source ?? '';
    expect(merged).toContain('mine again');
    expect(merged).toContain('theirs');
    expect(merged).toContain(MERGE_MARKER);
    expect(store.conflicts()).toEqual([]);
  });

  it('adopts a newer text from elsewhere over saved text with a notice, and makes unsaved typing a conflict', async () => {
    const { save } = server();
    const store = await openDraftStore(local, PREFIX, [draft('a', 1)], save);
    store.adoptNewer([draft('b', 2)]);
    expect(store.source(CV, 'python')).toBe('b');
    expect(store.updatedElsewhere()).toEqual([{ challengeVersionId: CV, language: 'python' }]);
    store.dismissUpdate(CV, 'python');
    expect(store.updatedElsewhere()).toEqual([]);

    store.edit(CV, 'python', 'typing here');
    store.adoptNewer([draft('c', 5)]);
    expect(store.source(CV, 'python')).toBe('typing here');
    expect(store.conflicts()).toMatchObject([{ mine: 'typing here', theirs: 'c', theirsRevision: 5 }]);
  });

  it('does not take its own save, announced before its acknowledgement, for another device', async () => {
    let release: (() => void) | undefined;
    const save = vi.fn(
      (_body: SaveDraftBody) =>
        new Promise<SaveOutcome>((resolve) => {
          release = () => resolve({ ok: true });
        }),
    );
    const store = await openDraftStore(local, PREFIX, [draft('a', 1)], save);
    store.edit(CV, 'python', 'sent text');
    await vi.advanceTimersByTimeAsync(1000);
    store.edit(CV, 'python', 'sent text, and more typing');
    // The server's broadcast of our own revision 2 arrives first.
    expect(store.isNewer(CV, 'python', 2)).toBe(true);
    store.adoptNewer([draft('sent text', 2)]);
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.conflicts()).toEqual([]);
    expect(store.source(CV, 'python')).toBe('sent text, and more typing');
  });

  it('after a reload, offers the choice when another device saved while this one had unsaved typing', async () => {
    const offline = server(() => new ApiError('network', 'down'));
    const first = await openDraftStore(local, PREFIX, [draft('a', 2)], offline.save);
    first.edit(CV, 'python', 'laptop, offline');
    await vi.advanceTimersByTimeAsync(1100);
    await first.settled();
    first.dispose();

    // Meanwhile the phone saved revision 3.
    const reloaded = await openDraftStore(local, PREFIX, [draft('phone', 3)], server().save);
    expect(reloaded.source(CV, 'python')).toBe('laptop, offline');
    expect(reloaded.conflicts()).toMatchObject([{ mine: 'laptop, offline', theirs: 'phone' }]);
  });

  it('keeps custom input per task on the device', async () => {
    const { save } = server();
    const store = await openDraftStore(local, PREFIX, [], save);
    store.setCustomInput(CV, '3\n1 2 3\n');
    await store.settled();
    store.dispose();
    const reloaded = await openDraftStore(local, PREFIX, [], save);
    expect(reloaded.customInput(CV)).toBe('3\n1 2 3\n');
    expect(reloaded.customInput('another-task')).toBe('');
  });
});

describe('openDraftStore after a reload', () => {
  it('sends typing kept on the device at once, without waiting for an edit', async () => {
    const offline = server(() => new ApiError('network', 'down'));
    const first = await openDraftStore(local, PREFIX, [draft('a', 1)], offline.save);
    first.edit(CV, 'python', 'kept');
    await first.settled();
    first.dispose();
    const online = server();
    const reloaded = await openDraftStore(local, PREFIX, [draft('a', 1)], online.save);
    expect(reloaded.status()).toBe('pending');
    await vi.advanceTimersByTimeAsync(0);
    expect(online.sent.map((body) => body.source)).toEqual(['kept']);
    expect(reloaded.status()).toBe('saved');
  });
});

describe('openDraftStore after a lost save', () => {
  it('reads the server before saving again, so another device that took the same revision is not overwritten', async () => {
    // The server: the phone's offline save (revision 2) never arrived; the laptop then saved revision 2.
    let stored = draft('shared', 1);
    let reachable = false;
    const { sent, save } = server((body) => {
      if (!reachable) return new ApiError('network', 'down');
      if (body.revision <= stored.revision) return { ok: false, current: stored };
      stored = draft(body.source, body.revision);
      return { ok: true };
    });
    const fetchDrafts = vi.fn(async () => [stored]);
    const phone = await openDraftStore(local, PREFIX, [draft('shared', 1)], save, fetchDrafts);
    phone.edit(CV, 'python', 'shared + phone');
    await vi.advanceTimersByTimeAsync(1000);
    expect(phone.status()).toBe('offline');
    stored = draft('shared + laptop', 2);

    reachable = true;
    phone.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchDrafts).toHaveBeenCalled();
    expect(stored.source).toBe('shared + laptop');
    expect(phone.conflicts()).toMatchObject([{ mine: 'shared + phone', theirs: 'shared + laptop' }]);
    expect(sent.filter((body) => body.source === 'shared + phone').every((body) => body.revision === 2)).toBe(true);
  });
});
