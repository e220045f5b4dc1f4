import type { DraftView, LanguageId, SaveDraftBody } from '@kodbro/server/contracts';
import { LANGUAGE_IDS } from '@kodbro/server/contracts/plain';
import { ApiError } from '../api/http.ts';
import type { LocalStore } from '../offline/index.ts';

/**
 * The candidate's code, one text per challenge and programming language, and
 * its autosave. Plain TypeScript (React reads it through `subscribe`), so the
 * saving rules can be read in one place:
 *
 * - every change is written to this device (IndexedDB) at once, and sent to
 *   the server about a second after the last keystroke;
 * - each save carries a revision one above the last one used for that text,
 *   strictly increasing; the last one used is stored with the text, so a
 *   reload continues the count and keeps unsaved typing;
 * - a failed save is retried with growing pauses, and at once when the
 *   connection returns (`retryNow`);
 * - a save the server refuses as too frequent (`rate_limited`, with
 *   `details.retryAfterMs`) is sent again once that time has passed, with the
 *   newest text; nothing is sent before then, typing included;
 * - when another device (or tab) saved a different text meanwhile, neither is
 *   dropped: the text stays as typed here, saving it pauses, and the
 *   candidate chooses (`resolve`): this device's, the other one, or both;
 * - a newer text saved elsewhere replaces a text that is fully saved here
 *   (the candidate moved to another device and back), with a notice;
 * - after a save that may not have arrived (offline, a reload with unsaved
 *   typing), the server's drafts are read before the next save: a revision
 *   used by a lost save may meanwhile have been used by another device, and
 *   sending a higher one blindly would overwrite that device's text.
 */

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'offline' | 'error';

export type SaveOutcome = { ok: true } | { ok: false; current: DraftView };
/** Sends one draft; throws an ApiError when it could not be saved. */
export type SaveDraft = (body: SaveDraftBody) => Promise<SaveOutcome>;
/** Reads the drafts the server holds now (never a copy kept offline); throws an ApiError when it cannot. */
export type FetchDrafts = () => Promise<DraftView[]>;

export interface DraftRef {
  challengeVersionId: string;
  language: LanguageId;
}

/** Two texts of one task and language: this device's and one saved elsewhere. */
export interface DraftConflict extends DraftRef {
  /** This device's text; the editor keeps showing it until the candidate chooses. */
  mine: string;
  /** The text saved from another device or tab. */
  theirs: string;
  theirsRevision: number;
}

/** `both`: this device's text, then a marked copy of the other one, to merge by hand. */
export type ConflictChoice = 'mine' | 'theirs' | 'both';

interface Entry extends DraftRef {
  source: string;
  /** The last revision used for this text (sent or received): the next save uses one more. */
  revision: number;
  /** The last revision known to be stored on the server, the one this device's text grew from. */
  base: number;
  saved: boolean;
}

export interface DraftStore {
  source(challengeVersionId: string, language: LanguageId): string | undefined;
  /** The language most recently edited for a challenge, if any. */
  lastLanguage(challengeVersionId: string): LanguageId | undefined;
  edit(challengeVersionId: string, language: LanguageId, source: string): void;
  status(): SaveStatus;
  lastError(): ApiError | null;
  /** Texts waiting for the candidate's choice (a new array after each change). */
  conflicts(): readonly DraftConflict[];
  resolve(challengeVersionId: string, language: LanguageId, choice: ConflictChoice): void;
  /** Texts replaced here by a newer one saved elsewhere, until the notice is dismissed or the text edited. */
  updatedElsewhere(): readonly DraftRef[];
  dismissUpdate(challengeVersionId: string, language: LanguageId): void;
  /** "Run with custom input" text of a challenge: kept on this device only. */
  customInput(challengeVersionId: string): string;
  setCustomInput(challengeVersionId: string, text: string): void;
  subscribe(listener: () => void): () => void;
  /** True when the server reports a save newer than anything this page holds for that text. */
  isNewer(challengeVersionId: string, language: LanguageId, revision: number): boolean;
  /** Takes drafts saved elsewhere that are newer than this page's (typing here becomes a conflict, never lost). */
  adoptNewer(drafts: DraftView[]): void;
  /** Saves everything not yet saved, now. */
  flush(): Promise<void>;
  retryNow(): void;
  /** Resolves once every change so far is written to this device. */
  settled(): Promise<void>;
  dispose(): void;
}

const DEBOUNCE_MS = 1000;
const RETRY_MS = [2000, 4000, 8000, 15000, 30000];
/** Marks the other device's copy when the candidate keeps both texts. */
export const MERGE_MARKER = '----- other device -----';

/**
 * Opens the store of one attempt: this device's texts (from `local`, under
 * `prefix`) merged with the server's, the newer winning; typing that never
 * reached the server comes back after a reload.
 */
export async function openDraftStore(local: LocalStore, prefix: string, serverDrafts: DraftView[], save: SaveDraft, fetchDrafts?: FetchDrafts): Promise<DraftStore> {
  const [stored, customs] = await Promise.all([local.list<unknown>(`${prefix}draft/`), local.list<unknown>(`${prefix}custom/`)]);
  const entries = new Map<string, Entry>();
  const order: string[] = []; // keys by last edit, newest last
  const customInputs = new Map<string, string>();
  const listeners = new Set<() => void>();
  const pendingConflicts = new Map<string, DraftConflict>();
  let conflictList: readonly DraftConflict[] = [];
  const updated = new Map<string, DraftRef>();
  let updatedList: readonly DraftRef[] = [];
  let status: SaveStatus = 'saved';
  let error: ApiError | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let running: Promise<void> | null = null;
  let disposed = false;
  /** Not before this time (ms): the server asked us to wait. */
  let holdUntil = 0;
  /** A save may have been lost, or the server's drafts came from an offline copy: read them before saving. */
  let needsSync = false;

  const keyOf = (challengeVersionId: string, language: string) => `${challengeVersionId}/${language}`;
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
  const setConflict = (key: string, conflict: DraftConflict | undefined) => {
    if (conflict) pendingConflicts.set(key, conflict);
    else pendingConflicts.delete(key);
    conflictList = [...pendingConflicts.values()];
  };
  const setUpdated = (key: string, ref: DraftRef | undefined) => {
    if (ref) updated.set(key, ref);
    else if (!updated.delete(key)) return;
    updatedList = [...updated.values()];
  };

  /** Texts sent and not yet acknowledged, by `key@revision`: the server may announce them before it answers. */
  const sent = new Map<string, string>();
  const writes = createWriter(local);
  const persist = (key: string) => {
    const entry = entries.get(key);
    if (entry) writes.write(`${prefix}draft/${key}`, { ...entry });
  };

  for (const draft of serverDrafts) {
    const key = keyOf(draft.challengeVersionId, draft.language);
    entries.set(key, fromServer(draft));
    touch(key);
  }
  for (const [, value] of stored) {
    const mine = parseEntry(value);
    if (!mine) continue;
    const key = keyOf(mine.challengeVersionId, mine.language);
    const server = entries.get(key);
    if (!server) {
      entries.set(key, mine);
      touch(key);
      continue;
    }
    server.revision = Math.max(server.revision, mine.revision);
    if (mine.saved || mine.source === server.source) continue;
    // Typing that had not reached the server before the page was closed: it stays. When the
    // server moved on meanwhile (another device), the candidate chooses between the two.
    entries.set(key, { ...mine, revision: server.revision, base: Math.max(mine.base, server.base) });
    touch(key);
    if (server.base > mine.base) {
      setConflict(key, { challengeVersionId: mine.challengeVersionId, language: mine.language, mine: mine.source, theirs: server.source, theirsRevision: server.base });
    }
  }
  for (const [key, value] of customs) if (typeof value === 'string') customInputs.set(key.slice(`${prefix}custom/`.length), value);

  const schedule = (delay: number) => {
    clearTimeout(timer);
    if (!disposed) timer = setTimeout(() => void run(), Math.max(delay, holdUntil - Date.now()));
  };
  const unsaved = () => [...entries].filter(([key, entry]) => !entry.saved && !pendingConflicts.has(key));
  /** A text changed here waits for its save; offline stays offline, since the retry timer already runs. */
  const markUnsaved = () => {
    if (status !== 'offline') status = 'pending';
  };

  const run = (): Promise<void> => {
    if (running) return running;
    running = saveAll().finally(() => {
      running = null;
    });
    return running;
  };

  function failed(caught: unknown): void {
    failures += 1;
    const apiError = caught instanceof ApiError ? caught : new ApiError('network', String(caught));
    const offline = apiError.code === 'network' || apiError.code === 'timeout' || apiError.status >= 500;
    if (offline) needsSync = true;
    setStatus(offline ? 'offline' : 'error', apiError);
    schedule(RETRY_MS[Math.min(failures - 1, RETRY_MS.length - 1)] ?? 30000);
  }

  async function saveAll(): Promise<void> {
    clearTimeout(timer);
    if (needsSync && fetchDrafts && unsaved().length > 0) {
      try {
        takeNewer(await fetchDrafts());
        needsSync = false;
      } catch (caught) {
        failed(caught);
        return;
      }
    }
    for (const [key, entry] of unsaved()) {
      if (disposed || entry.saved || pendingConflicts.has(key)) continue;
      setStatus('saving');
      const source = entry.source;
      entry.revision += 1;
      const revision = entry.revision;
      // Stored before sending, so a reload never reuses a revision.
      persist(key);
      sent.set(`${key}@${revision}`, source);
      let outcome: SaveOutcome;
      try {
        outcome = await save({ challengeVersionId: entry.challengeVersionId, language: entry.language, source, revision });
      } catch (caught) {
        const wait = retryAfter(caught);
        if (wait !== undefined) {
          // Not a failure: the text stays unsaved (and on the device) and goes again, newest, when allowed.
          holdUntil = Date.now() + wait;
          setStatus('pending');
          schedule(wait);
          return;
        }
        failed(caught);
        return;
      }
      failures = 0;
      sent.delete(`${key}@${revision}`);
      if (outcome.ok || outcome.current.source === source) {
        // A stale answer holding our own text: an earlier try got through but its answer was lost.
        const stored = outcome.ok ? revision : outcome.current.revision;
        entry.revision = Math.max(entry.revision, stored);
        entry.base = Math.max(entry.base, stored);
        if (entry.source === source) entry.saved = true;
      } else {
        theirsArrived(key, entry, outcome.current);
      }
      persist(key);
    }
    const pending = unsaved().length > 0;
    setStatus(pending ? 'pending' : 'saved');
    if (pending) schedule(DEBOUNCE_MS);
  }

  /** Takes the server's drafts newer than what this page knows; true when anything changed. */
  function takeNewer(drafts: DraftView[]): boolean {
    let changed = false;
    for (const draft of drafts) {
      const key = keyOf(draft.challengeVersionId, draft.language);
      const entry = entries.get(key);
      if (draft.revision <= (entry?.base ?? 0)) continue;
      changed = true;
      if (!entry) {
        entries.set(key, fromServer(draft));
        persist(key);
      } else if (sent.get(`${key}@${draft.revision}`) === draft.source) {
        // Our own save, announced (or stored) before its acknowledgement arrived.
        entry.base = draft.revision;
        entry.revision = Math.max(entry.revision, draft.revision);
        if (entry.source === draft.source) entry.saved = true;
        persist(key);
      } else {
        theirsArrived(key, entry, draft);
      }
    }
    return changed;
  }

  /** Another device saved `theirs` for this text; this device's text differs. */
  function theirsArrived(key: string, entry: Entry, theirs: { source: string; revision: number }): void {
    entry.revision = Math.max(entry.revision, theirs.revision);
    entry.base = Math.max(entry.base, theirs.revision);
    if (entry.source === theirs.source) {
      entry.saved = true;
      setConflict(key, undefined);
    } else if (entry.saved) {
      // Nothing unsaved here: the newer text simply replaces ours.
      entry.source = theirs.source;
      setUpdated(key, { challengeVersionId: entry.challengeVersionId, language: entry.language });
    } else {
      setConflict(key, { challengeVersionId: entry.challengeVersionId, language: entry.language, mine: entry.source, theirs: theirs.source, theirsRevision: theirs.revision });
    }
    persist(key);
  }

  // Typing kept on this device from before a reload goes to the server now (or waits, offline),
  // once the server's drafts have been read: those given here may be an offline copy.
  if (unsaved().length > 0) {
    needsSync = true;
    status = 'pending';
    schedule(0);
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
        entries.set(key, { challengeVersionId, language, source, revision: 0, base: 0, saved: false });
      }
      touch(key);
      persist(key);
      setUpdated(key, undefined);
      const conflict = pendingConflicts.get(key);
      if (conflict) setConflict(key, { ...conflict, mine: source });
      // An error (say, too long) may be fixed by this edit: try again soon.
      markUnsaved();
      notify();
      // While offline the retry timer runs; typing should not hurry it.
      if (status === 'pending' && !running) schedule(DEBOUNCE_MS);
    },
    conflicts: () => conflictList,
    resolve(challengeVersionId, language, choice) {
      const key = keyOf(challengeVersionId, language);
      const conflict = pendingConflicts.get(key);
      const entry = entries.get(key);
      if (!conflict || !entry) return;
      setConflict(key, undefined);
      entry.revision = Math.max(entry.revision, conflict.theirsRevision);
      if (choice === 'theirs') {
        entry.source = conflict.theirs;
        entry.saved = true;
      } else {
        entry.source = choice === 'mine' ? conflict.mine : `${conflict.mine}\n${commentMarker(language)}\n${conflict.theirs}`;
        entry.saved = false;
        // Unsaved from the choice on: the status said "saved" (a held conflict is not counted) until the save began.
        markUnsaved();
        schedule(0);
      }
      persist(key);
      notify();
    },
    updatedElsewhere: () => updatedList,
    dismissUpdate(challengeVersionId, language) {
      setUpdated(keyOf(challengeVersionId, language), undefined);
      notify();
    },
    customInput: (challengeVersionId) => customInputs.get(challengeVersionId) ?? '',
    setCustomInput(challengeVersionId, text) {
      customInputs.set(challengeVersionId, text);
      writes.write(`${prefix}custom/${challengeVersionId}`, text);
      notify();
    },
    isNewer(challengeVersionId, language, revision) {
      return revision > (entries.get(keyOf(challengeVersionId, language))?.base ?? 0);
    },
    adoptNewer(drafts) {
      if (takeNewer(drafts)) notify();
    },
    status: () => status,
    lastError: () => error,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      if (running) await running;
      await run();
    },
    retryNow() {
      if (unsaved().length > 0) schedule(0);
    },
    settled: () => writes.settled(),
    dispose() {
      disposed = true;
      clearTimeout(timer);
      listeners.clear();
    },
  };
}

/** Each language's line comment: a Record, so a new language cannot be left with another's. */
const LINE_COMMENT: Record<LanguageId, string> = {
  python: '#',
  javascript: '//',
  java: '//',
  c: '//',
  cpp: '//',
  go: '//',
  csharp: '//',
  kotlin: '//',
  rust: '//',
  ruby: '#',
  php: '//',
  typescript: '//',
  haskell: '--',
};

/** A comment line in the text's programming language, so the merged text still shows where the other copy starts. */
function commentMarker(language: LanguageId): string {
  return `${LINE_COMMENT[language]} ${MERGE_MARKER}`;
}

/**
 * Writes to the device store, at most one at a time per key, always the
 * newest value: fast typing writes the text a few times a second, not once
 * per keystroke behind a growing queue.
 */
function createWriter(local: LocalStore) {
  const latest = new Map<string, unknown>();
  const inFlight = new Map<string, Promise<void>>();
  const flushKey = (key: string): Promise<void> => {
    const running = inFlight.get(key);
    if (running) return running;
    const next = (async () => {
      while (latest.has(key)) {
        const value = latest.get(key);
        latest.delete(key);
        await local.set(key, value).catch(() => {
          // A full or refused store: the server copy still protects the work.
        });
      }
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, next);
    return next;
  };
  return {
    write(key: string, value: unknown) {
      latest.set(key, value);
      void flushKey(key);
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all(inFlight.values());
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

function fromServer(draft: DraftView): Entry {
  return { challengeVersionId: draft.challengeVersionId, language: draft.language, source: draft.source, revision: draft.revision, base: draft.revision, saved: true };
}

function parseEntry(value: unknown): Entry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<Entry>;
  if (typeof entry.challengeVersionId !== 'string' || !LANGUAGE_IDS.includes(entry.language as LanguageId)) return undefined;
  if (typeof entry.source !== 'string' || typeof entry.revision !== 'number' || typeof entry.saved !== 'boolean') return undefined;
  const base = typeof entry.base === 'number' ? entry.base : entry.revision;
  return { challengeVersionId: entry.challengeVersionId, language: entry.language as LanguageId, source: entry.source, revision: entry.revision, base, saved: entry.saved };
}
