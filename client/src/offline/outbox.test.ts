import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CandidateSubmission, CreateSubmissionBody } from '@kodbro/server/contracts';
import { ApiError } from '../api/http.ts';
import { indexedDbStore, type LocalStore } from './local-store.ts';
import { openOutbox, type QueuedRun } from './outbox.ts';

const CV = '0a5f4178-2d61-4162-a7fb-b5d992237121';
const PREFIX = 'a/t1/outbox/';
let local: LocalStore;

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  local = indexedDbStore();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets IndexedDB (fake-indexeddb, on setImmediate) finish what it was doing, then fake time. */
async function advance(ms: number): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

const run = (id: string, kind: CreateSubmissionBody['kind'] = 'submit'): CreateSubmissionBody => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  challengeVersionId: CV,
  kind,
  language: 'python',
  source: `print(${id})`,
});

/**
 * The server as the outbox sees it: idempotent by id (a repeated POST returns
 * the first submission), reachable or not, and able to lose an answer after
 * it stored the submission.
 */
function fakeServer() {
  const judged = new Map<string, CreateSubmissionBody>();
  const state = { reachable: true, loseNextAnswer: false, refuse: undefined as ApiError | undefined };
  const send = vi.fn(async (body: CreateSubmissionBody): Promise<CandidateSubmission> => {
    if (!state.reachable) throw new ApiError('network', 'offline');
    if (state.refuse) throw state.refuse;
    if (!judged.has(body.id)) judged.set(body.id, body);
    if (state.loseNextAnswer) {
      state.loseNextAnswer = false;
      throw new ApiError('timeout', 'answer lost');
    }
    return { id: body.id, challengeVersionId: body.challengeVersionId, kind: body.kind, origin: 'candidate', language: body.language, status: 'queued', queuePosition: 0, createdAt: new Date().toISOString(), finishedAt: null, result: null };
  });
  return { judged, state, send };
}

describe('openOutbox', () => {
  it('keeps runs made offline across a reload and sends each once, in order, when the connection returns', async () => {
    const server = fakeServer();
    server.state.reachable = false;
    const sent: string[] = [];
    const hooks = { send: server.send, onSent: (s: CandidateSubmission) => sent.push(s.id), onRefused: vi.fn() };
    const first = await openOutbox(local, PREFIX, hooks);
    await first.add(run('1', 'samples'));
    await advance(1);
    await first.add(run('2'));
    await advance(10_000);
    expect(first.items().map((item) => item.body.id)).toEqual([run('1').id, run('2').id]);
    first.dispose(); // the page is reloaded, still offline

    const reloaded = await openOutbox(local, PREFIX, hooks);
    expect(reloaded.items().map((item) => item.body.kind)).toEqual(['samples', 'submit']);
    server.state.reachable = true;
    reloaded.flush();
    await advance(0);
    expect(sent).toEqual([run('1').id, run('2').id]);
    expect(server.judged.size).toBe(2);
    expect(reloaded.items()).toEqual([]);
    expect(await local.list<QueuedRun>(PREFIX)).toEqual([]);
  });

  it('sends the same id again after a lost answer: the server judges it once', async () => {
    const server = fakeServer();
    server.state.loseNextAnswer = true;
    const onSent = vi.fn();
    const outbox = await openOutbox(local, PREFIX, { send: server.send, onSent, onRefused: vi.fn() });
    await outbox.add(run('3'));
    await advance(0);
    expect(outbox.items()).toHaveLength(1);
    await advance(2000);
    expect(server.send).toHaveBeenCalledTimes(2);
    expect(new Set(server.send.mock.calls.map(([body]) => body.id)).size).toBe(1);
    expect(server.judged.size).toBe(1);
    expect(onSent).toHaveBeenCalledTimes(1);
    expect(outbox.items()).toEqual([]);
  });

  it('drops a run the server refuses for good and says why', async () => {
    const server = fakeServer();
    server.state.refuse = new ApiError('attempt_closed', 'over', 409);
    const onRefused = vi.fn();
    const outbox = await openOutbox(local, PREFIX, { send: server.send, onSent: vi.fn(), onRefused });
    await outbox.add(run('4'));
    await advance(0);
    expect(onRefused).toHaveBeenCalledWith(expect.objectContaining({ body: run('4') }), server.state.refuse);
    expect(outbox.items()).toEqual([]);
    expect(await local.list(PREFIX)).toEqual([]);
  });

  it('waits as long as the server asks when it is rate limited, keeping the run', async () => {
    const server = fakeServer();
    server.state.refuse = new ApiError('rate_limited', 'slow down', 429, { retryAfterMs: 7000 });
    const outbox = await openOutbox(local, PREFIX, { send: server.send, onSent: vi.fn(), onRefused: vi.fn() });
    await outbox.add(run('5'));
    await advance(0);
    server.state.refuse = undefined;
    await advance(6900);
    expect(server.send).toHaveBeenCalledTimes(1);
    expect(outbox.items()).toHaveLength(1);
    await advance(200);
    expect(server.send).toHaveBeenCalledTimes(2);
    expect(outbox.items()).toEqual([]);
  });
});
