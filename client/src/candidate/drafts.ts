import { LANGUAGE_IDS, type DraftView, type LanguageId, type SaveDraftBody } from '@kodbro/server/contracts';
import { ApiError } from '../api/http.ts';

/**
 * The candidate's code, one text per challenge and programming language, and
 * its autosave. Plain TypeScript (React reads it through `subscribe`), so the
 * saving rules can be read in one place:
 *
 * - a save starts about a second after the last keystroke;
 * - each save carries a revision one above the last one used for that text,
 *   strictly increasing; the last one used is kept in localStorage with the
 *   text, so a reload continues the count and keeps unsaved typing;
 * - a failed save is retried with growing pauses, and at once when the
 *   connection returns (`retryNow`);
 * - a save the server refuses as too frequent (`rate_limited`, with
 *   `details.retryAfterMs`) is sent again once that time has passed, with the
 *   newest text; nothing is sent before then, typing included;
 * - when the server holds a newer revision written elsewhere (another tab or
 *   device), that newer text is taken and the candidate is told.
 */

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'offline' | 'error';

export type SaveOutcome = { ok: true } | { ok: false; current: DraftView };
/** Sends one draft; throws an ApiError when it could not be saved. */
export type SaveDraft = (body: SaveDraftBody) => Promise<SaveOutcome>;

interface Entry {
  challengeVersionId: string;
  language: LanguageId;
  source: string;
  /** The last revision used for this text (sent or received). */
  revision: number;
  saved: boolean;
}

export interface DraftStore {
  source(challengeVersionId: string, language: LanguageId): string | undefined;
  /** The language most recently edited for a challenge, if any. */
  lastLanguage(challengeVersionId: string): LanguageId | undefined;
  edit(challengeVersionId: string, language: LanguageId, source: string): void;
  status(): SaveStatus;
  lastError(): ApiError | null;
  /** Counts the texts replaced by a newer version from elsewhere; the UI shows a notice when it grows. */
  conflicts(): number;
  subscribe(listener: () => void): () => void;
  /** True when the server reports a save newer than anything this page holds for that text. */
  isNewer(challengeVersionId: string, language: LanguageId, revision: number): boolean;
  /** Takes drafts saved elsewhere that are newer than this page's saved texts (typing here is never replaced). */
  adoptNewer(drafts: DraftView[]): void;
  /** Saves everything not yet saved, now. */
  flush(): Promise<void>;
  retryNow(): void;
  /** Writes unsaved texts to localStorage (page hidden or closing). */
  persist(): void;
  dispose(): void;
}

const DEBOUNCE_MS = 1000;
const RETRY_MS = [2000, 4000, 8000, 15000, 30000];
const PREFIX = 'kodbro.draft.';

/**
 * @param attemptKey identifies this attempt on this device (its start time):
 *   texts of another attempt left on a shared device are dropped, never shown.
 */
export function createDraftStore(attemptKey: string, serverDrafts: DraftView[], save: SaveDraft): DraftStore {
  const entries = new Map<string, Entry>();
  const order: string[] = []; // keys by last edit, newest last
  const listeners = new Set<() => void>();
  let status: SaveStatus = 'saved';
  let error: ApiError | null = null;
  let conflictCount = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let running: Promise<void> | null = null;
  let disposed = false;
  /** Not before this time (ms): the server asked us to wait. */
  let holdUntil = 0;

  const keyOf = (challengeVersionId: string, language: string) => `${challengeVersionId}.${language}`;
  const storageKey = (key: string) => `${PREFIX}${attemptKey}.${key}`;
  const notify = () => listeners.forEach((listener) => listener());
  const setStatus = (next: SaveStatus, nextError: ApiError | null = null) => {
    status = next;
    error = nextError;
    notify();
  };
  const touch = (key: string) => {
    const at = order.indexOf(key);
    if (at >= 0) order.splice(at, 1);
    order.push(key);
  };

  for (const draft of serverDrafts) {
    const key = keyOf(draft.challengeVersionId, draft.language);
    entries.set(key, { ...draft, saved: true });
    touch(key);
  }
  for (const local of readLocal(attemptKey)) {
    const key = keyOf(local.challengeVersionId, local.language);
    const server = entries.get(key);
    if (!server || (!local.saved && local.revision > server.revision)) {
      // Typing that had not reached the server before the page was closed.
      entries.set(key, local);
      touch(key);
    } else {
      server.revision = Math.max(server.revision, local.revision);
    }
  }

  const persistEntry = (key: string, entry: Entry) => writeLocal(storageKey(key), entry);

  const schedule = (delay: number) => {
    clearTimeout(timer);
    if (!disposed) timer = setTimeout(() => void run(), Math.max(delay, holdUntil - Date.now()));
  };

  const run = (): Promise<void> => {
    if (running) return running;
    running = saveAll().finally(() => {
      running = null;
    });
    return running;
  };

  async function saveAll(): Promise<void> {
    clearTimeout(timer);
    for (const [key, entry] of entries) {
      if (entry.saved || disposed) continue;
      setStatus('saving');
      const source = entry.source;
      entry.revision += 1;
      const revision = entry.revision;
      // Stored before sending, so a reload never reuses a revision.
      persistEntry(key, entry);
      let outcome: SaveOutcome;
      try {
        outcome = await save({ challengeVersionId: entry.challengeVersionId, language: entry.language, source, revision });
      } catch (caught) {
        const wait = retryAfter(caught);
        if (wait !== undefined) {
          // Not a failure: the text stays unsaved (and in localStorage) and goes again, newest, when allowed.
          holdUntil = Date.now() + wait;
          setStatus('pending');
          schedule(wait);
          return;
        }
        failures += 1;
        const apiError = caught instanceof ApiError ? caught : new ApiError('network', String(caught));
        const offline = apiError.code === 'network' || apiError.code === 'timeout' || apiError.status >= 500;
        setStatus(offline ? 'offline' : 'error', apiError);
        schedule(RETRY_MS[Math.min(failures - 1, RETRY_MS.length - 1)] ?? 30000);
        return;
      }
      failures = 0;
      if (outcome.ok) {
        if (entry.source === source) entry.saved = true;
      } else if (outcome.current.source === source) {
        // Ours already (an earlier try got through but its answer was lost).
        entry.revision = Math.max(revision, outcome.current.revision);
        if (entry.source === source) entry.saved = true;
      } else {
        entry.source = outcome.current.source;
        entry.revision = outcome.current.revision;
        entry.saved = true;
        conflictCount += 1;
      }
      persistEntry(key, entry);
    }
    const pending = [...entries.values()].some((entry) => !entry.saved);
    setStatus(pending ? 'pending' : 'saved');
    if (pending) schedule(DEBOUNCE_MS);
  }

  return {
    source: (challengeVersionId, language) => entries.get(keyOf(challengeVersionId, language))?.source,
    lastLanguage(challengeVersionId) {
      for (let i = order.length - 1; i >= 0; i--) {
        const entry = entries.get(order[i] ?? '');
        if (entry?.challengeVersionId === challengeVersionId) return entry.language;
      }
      return undefined;
    },
    edit(challengeVersionId, language, source) {
      const key = keyOf(challengeVersionId, language);
      const entry = entries.get(key);
      if (entry) {
        if (entry.source === source) return;
        entry.source = source;
        entry.saved = false;
      } else {
        entries.set(key, { challengeVersionId, language, source, revision: 0, saved: false });
      }
      touch(key);
      // An error (say, too long) may be fixed by this edit: try again soon.
      if (status !== 'offline') status = 'pending';
      notify();
      // While offline the retry timer runs; typing should not hurry it.
      if (status === 'pending' && !running) schedule(DEBOUNCE_MS);
    },
    isNewer(challengeVersionId, language, revision) {
      return revision > (entries.get(keyOf(challengeVersionId, language))?.revision ?? 0);
    },
    adoptNewer(drafts) {
      let changed = false;
      for (const draft of drafts) {
        const key = keyOf(draft.challengeVersionId, draft.language);
        const entry = entries.get(key);
        if (entry && (!entry.saved || draft.revision <= entry.revision)) continue;
        if (entry && entry.source !== draft.source) conflictCount += 1;
        entries.set(key, { ...draft, saved: true });
        persistEntry(key, { ...draft, saved: true });
        changed = true;
      }
      if (changed) notify();
    },
    status: () => status,
    lastError: () => error,
    conflicts: () => conflictCount,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      if (running) await running;
      await run();
    },
    retryNow() {
      if ([...entries.values()].some((entry) => !entry.saved)) schedule(0);
    },
    persist() {
      for (const [key, entry] of entries) if (!entry.saved) persistEntry(key, entry);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      listeners.clear();
    },
  };
}

/** How long the server asked us to wait before saving again, when it refused a save as too frequent. */
function retryAfter(caught: unknown): number | undefined {
  if (!(caught instanceof ApiError) || caught.code !== 'rate_limited') return undefined;
  const wait = (caught.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  // Without a usable time, a second; never more than a minute (a bad answer must not stop saving).
  return typeof wait === 'number' && Number.isFinite(wait) && wait >= 0 ? Math.min(wait, 60_000) : 1000;
}

/** Removes every draft this device holds (leaving a shared device). */
export function clearLocalDrafts(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

/** This attempt's texts, and drops other attempts' texts left on this device. */
function readLocal(attemptKey: string): Entry[] {
  const found: Entry[] = [];
  try {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(PREFIX)) continue;
      if (!key.startsWith(`${PREFIX}${attemptKey}.`)) {
        localStorage.removeItem(key);
        continue;
      }
      const entry = parseEntry(localStorage.getItem(key));
      if (entry) found.push(entry);
    }
  } catch {
    // Storage disabled: the server's drafts are all there is.
  }
  return found;
}

function parseEntry(raw: string | null): Entry | undefined {
  try {
    const value: unknown = JSON.parse(raw ?? '');
    if (typeof value !== 'object' || value === null) return undefined;
    const entry = value as Partial<Entry>;
    if (typeof entry.challengeVersionId !== 'string' || !LANGUAGE_IDS.includes(entry.language as LanguageId)) return undefined;
    if (typeof entry.source !== 'string' || typeof entry.revision !== 'number' || typeof entry.saved !== 'boolean') return undefined;
    return entry as Entry;
  } catch {
    return undefined;
  }
}

function writeLocal(key: string, entry: Entry): void {
  try {
    localStorage.setItem(key, JSON.stringify(entry));
  } catch {
    // Full or disabled storage: the server copy still protects the work.
  }
}
