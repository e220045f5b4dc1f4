import type { CandidateSubmission, CreateSubmissionBody } from '@kodbro/server/contracts';
import { ApiError } from '../api/http.ts';
import type { LocalStore } from './local-store.ts';

/**
 * Runs and submissions waiting to reach the server. Each gets its id on this
 * device when the candidate presses the button and is written to IndexedDB
 * before the first try, so neither a lost connection nor a reload loses it.
 * It is sent again — same id — until the server answers; the server stores
 * one submission per id, so however often it goes out it is judged once.
 *
 * - sent in the order they were made, one at a time;
 * - a failure of the link (no network, timeout, 5xx) keeps it and tries
 *   again with growing pauses, and at once on `flush()` (the connection is
 *   back: `online`, socket `connect`);
 * - `rate_limited` keeps it and waits as long as the server asked;
 * - any other refusal (the time is over, the language is not allowed…) is
 *   final: it leaves the queue and `onRefused` tells the candidate why.
 */

export interface QueuedRun {
  body: CreateSubmissionBody;
  /** When the candidate pressed the button (ISO time on this device's clock). */
  queuedAt: string;
}

export interface OutboxHooks {
  send(body: CreateSubmissionBody): Promise<CandidateSubmission>;
  onSent(submission: CandidateSubmission, run: QueuedRun): void;
  onRefused(run: QueuedRun, error: ApiError): void;
}

export interface Outbox {
  /** What waits, oldest first (a new array after each change: safe for useSyncExternalStore). */
  items(): readonly QueuedRun[];
  /** Keeps the run on this device, then tries to send it. Resolves once it is stored. */
  add(body: CreateSubmissionBody): Promise<void>;
  /** Tries to send everything now. */
  flush(): void;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

const RETRY_MS = [2000, 4000, 8000, 15000, 30000];

/** Keys sort by time queued, then id: the queue's order survives a reload. */
const keyOf = (prefix: string, run: QueuedRun) => `${prefix}${run.queuedAt}/${run.body.id}`;

export async function openOutbox(store: LocalStore, prefix: string, hooks: OutboxHooks, now: () => Date = () => new Date()): Promise<Outbox> {
  let queue: readonly QueuedRun[] = (await store.list<QueuedRun>(prefix)).map(([, run]) => run).filter(isQueuedRun);
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending = false;
  let failures = 0;
  let disposed = false;

  const notify = () => listeners.forEach((listener) => listener());
  const remove = async (run: QueuedRun) => {
    queue = queue.filter((entry) => entry.body.id !== run.body.id);
    notify();
    await store.delete(keyOf(prefix, run));
  };
  const later = (ms: number) => {
    clearTimeout(timer);
    if (!disposed) timer = setTimeout(() => void sendAll(), ms);
  };

  async function sendAll(): Promise<void> {
    if (sending || disposed) return;
    sending = true;
    clearTimeout(timer);
    try {
      for (let run = queue[0]; run && !disposed; run = queue[0]) {
        let submission: CandidateSubmission;
        try {
          submission = await hooks.send(run.body);
        } catch (caught) {
          const error = caught instanceof ApiError ? caught : new ApiError('network', String(caught));
          if (error.code === 'rate_limited') return later(waitOf(error));
          if (isLinkFailure(error)) {
            failures += 1;
            return later(RETRY_MS[Math.min(failures - 1, RETRY_MS.length - 1)] ?? 30_000);
          }
          const removed = remove(run);
          hooks.onRefused(run, error);
          await removed;
          continue;
        }
        failures = 0;
        const removed = remove(run);
        hooks.onSent(submission, run);
        await removed;
      }
    } finally {
      sending = false;
    }
  }

  if (queue.length > 0) void sendAll();

  return {
    items: () => queue,
    async add(body) {
      const run: QueuedRun = { body, queuedAt: now().toISOString() };
      await store.set(keyOf(prefix, run), run);
      queue = [...queue, run];
      notify();
      void sendAll();
    },
    flush() {
      failures = 0;
      void sendAll();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      listeners.clear();
    },
  };
}

/** The link failed, not the request: worth sending again unchanged. */
export function isLinkFailure(error: ApiError): boolean {
  return error.code === 'network' || error.code === 'timeout' || error.status >= 500 || error.code === 'unavailable';
}

/** How long the server asked to wait; a second when it did not say, never more than a minute. */
function waitOf(error: ApiError): number {
  const wait = (error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof wait === 'number' && Number.isFinite(wait) && wait >= 0 ? Math.min(wait, 60_000) : 5000;
}

function isQueuedRun(value: unknown): value is QueuedRun {
  const run = value as Partial<QueuedRun> | null;
  return typeof run?.queuedAt === 'string' && typeof run.body === 'object' && run.body !== null && typeof run.body.id === 'string';
}
