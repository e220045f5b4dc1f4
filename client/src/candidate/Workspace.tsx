import { lazy, Suspense, useCallback, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateAttempt, CandidateChallenge, CandidateSubmission, DraftView, LanguageId, ProgressEvent } from '@kodbro/server/contracts';
import { candidateApi } from '../api/candidate.ts';
import { ApiError, newId, toApiError } from '../api/http.ts';
import { emitWithAck, onServerEvent, type Socket } from '../api/socket.ts';
import { attemptPrefix, deviceStore, forgetOtherAttempts, openOutbox, type Outbox, type QueuedRun } from '../offline/index.ts';
import { announce, focusAndAnnounce } from '../ui/Announcer.tsx';
import { ErrorAlert, errorText } from '../ui/ErrorAlert.tsx';
import { useMediaQuery } from '../ui/useMediaQuery.ts';
import { ChallengePanel, type RunRequest } from './ChallengePanel.tsx';
import { taskTitle, tasksInOrder } from './contract-view.ts';
import { openDraftStore, type DraftStore, type SaveDraft } from './drafts.ts';
import type { FinishWarning } from './finish.ts';
import { StatusArea } from './StatusArea.tsx';
import { useLightEditor } from './light-editor.ts';

const POLL_MS = 5000;

// Not part of the first load (the candidate's bytes before typing): the results' code comes
// with the first run, the finish dialog's when the pointer or focus reaches Finish. Both are
// in the service worker's precache, so they open offline too.
const loadResults = () => import('./SubmissionView.tsx');
const loadFinish = () => import('./FinishDialog.tsx');
const prefetch = (load: () => Promise<unknown>) => void load().catch(() => {});
const FinishDialog = lazy(() => loadFinish().then((module) => ({ default: module.FinishDialog })));

interface Props {
  attempt: CandidateAttempt;
  csrf: string;
  socket: Socket | null;
  connected: boolean;
  flushRef: RefObject<() => Promise<void>>;
  onAttempt: (attempt: CandidateAttempt) => void;
  /** The timer, shown in the sticky header. */
  countdown: ReactNode;
  /** "Leave this device", shown in the header. */
  onLeave: () => void;
  /** Set right after Start: focus goes to the first task's title. */
  justStarted: boolean;
}

/** Code of a submission made on this device, kept for the receipt and for "changed since the last submission". */
export interface SubmittedCode {
  challengeVersionId: string;
  language: LanguageId;
  source: string;
}

/**
 * The running attempt: a sticky header (title, tasks, connection and save
 * state, time left, Finish), the draft store that keeps the candidate's code
 * on this device and on the server, the queue of runs waiting for the
 * connection, and the submissions with their live progress (socket events;
 * polling while the socket is down).
 */
export function Workspace({ attempt, csrf, socket, connected, flushRef, onAttempt, countdown, onLeave, justStarted }: Props) {
  const { t, i18n } = useTranslation();
  const tasks = tasksInOrder(attempt);
  const [active, setActive] = useState(0);
  const [loaded, setLoaded] = useState<Record<string, CandidateChallenge>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [submissions, setSubmissions] = useState<CandidateSubmission[]>([]);
  const [progress, setProgress] = useState<Record<string, ProgressEvent>>({});
  const [finishing, setFinishing] = useState<{ warnings: FinishWarning[]; busy: boolean } | null>(null);
  const narrow = useMediaQuery('(max-width: 47.99rem)');
  const [light, setLight] = useLightEditor();
  const activeId = tasks[active]?.challengeVersionId;

  const upsert = useCallback((submission: CandidateSubmission) => {
    setSubmissions((list) => [submission, ...list.filter((entry) => entry.id !== submission.id)].sort(byNewest));
  }, []);
  const local = useLocalWork(attempt, csrf, socket, upsert, setError);
  const { store, outbox, submitted } = local ?? {};
  const queued = useSyncExternalStore(outbox?.subscribe ?? noSubscribe, outbox?.items ?? noItems);

  useEffect(() => {
    flushRef.current = async () => {
      await store?.flush();
      await store?.settled();
    };
  }, [flushRef, store]);

  // The active challenge's statement, starters and samples (this device's copy when offline).
  useEffect(() => {
    if (!activeId || loaded[activeId]) return;
    let cancelled = false;
    candidateApi.challenge(activeId).then(
      (challenge) => !cancelled && setLoaded((all) => ({ ...all, [activeId]: challenge })),
      (caught: unknown) => !cancelled && setError(toApiError(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [activeId, loaded]);

  // Right after Start: to the first task's title, said aloud.
  const focusedStart = useRef(false);
  const activeLoaded = activeId !== undefined && loaded[activeId] !== undefined && store !== undefined;
  useEffect(() => {
    if (!justStarted || focusedStart.current || !activeLoaded) return;
    focusedStart.current = true;
    focusAndAnnounce(document.querySelector<HTMLElement>('.statement-pane .task-title'), t('workspace.startedAnnounce'));
  }, [justStarted, activeLoaded, t]);

  // Earlier runs, so a reload or another device shows them too.
  useEffect(() => {
    candidateApi.submissions().then(
      (list) => setSubmissions(list.submissions.sort(byNewest)),
      (caught: unknown) => setError(toApiError(caught)),
    );
  }, []);

  useEffect(() => {
    if (!socket) return;
    const offProgress = onServerEvent(socket, 'submission:progress', (event) => {
      setProgress((all) => ({ ...all, [event.submissionId]: event }));
      if (event.submission) upsert(event.submission);
    });
    // Another tab or device saved this attempt's code: fetch it if it is newer than ours.
    const offSaved = onServerEvent(socket, 'draft:saved', (ack) => {
      if (!store?.isNewer(ack.challengeVersionId, ack.language, ack.revision)) return;
      candidateApi.drafts().then((drafts) => store.adoptNewer(drafts), () => {});
    });
    // After a reconnect: the server resends timer and progress; drafts and queued runs go at once.
    const onConnect = () => {
      store?.retryNow();
      outbox?.flush();
      void emitWithAck(socket, 'attempt:sync', {}).catch(() => {});
    };
    socket.on('connect', onConnect);
    return () => {
      offProgress();
      offSaved();
      socket.off('connect', onConnect);
    };
  }, [socket, store, outbox, upsert]);

  // Without the socket, ask for unfinished submissions now and then.
  const unfinishedKey = submissions
    .filter((entry) => entry.status === 'queued' || entry.status === 'running')
    .map((entry) => entry.id)
    .join(',');
  useEffect(() => {
    if (connected || !unfinishedKey) return;
    const poll = setInterval(() => {
      for (const id of unfinishedKey.split(',')) candidateApi.submission(id).then(upsert, () => {});
    }, POLL_MS);
    return () => clearInterval(poll);
  }, [connected, unfinishedKey, upsert]);

  const onRun = useCallback(
    async (run: RunRequest & { challengeVersionId: string }) => {
      if (!outbox) return;
      setError(null);
      prefetch(loadResults);
      // The id is chosen here, once: however often the queue sends it, it is judged once.
      await outbox.add({ id: newId(), challengeVersionId: run.challengeVersionId, kind: run.kind, language: run.language, source: run.source, ...(run.customInput !== undefined ? { customInput: run.customInput } : {}) });
    },
    [outbox],
  );

  const askFinish = async () => {
    if (!store) return;
    const { finishWarnings } = await loadFinish();
    const warnings = finishWarnings(
      tasks.map((task) => {
        const cv = task.challengeVersionId;
        const language = store.lastLanguage(cv);
        const source = language ? store.source(cv, language) : undefined;
        const last = submissions.find((entry) => entry.challengeVersionId === cv && entry.kind === 'submit');
        const waiting = queued.find((entry) => entry.body.challengeVersionId === cv && entry.body.kind === 'submit');
        const lastSubmit = waiting ? { language: waiting.body.language, source: waiting.body.source } : last ? { language: last.language, source: submitted?.get(last.id)?.source } : undefined;
        return {
          challengeVersionId: cv,
          title: taskTitle(task, i18n.language),
          ...(language && source !== undefined ? { current: { language, source } } : {}),
          ...(lastSubmit ? { lastSubmit } : {}),
        };
      }),
    );
    setFinishing({ warnings, busy: false });
  };

  const finish = async (submitFirst: FinishWarning[]) => {
    if (!store || !outbox) return;
    setFinishing((state) => state && { ...state, busy: true });
    setError(null);
    try {
      for (const warning of submitFirst) {
        if (warning.submit) await outbox.add({ id: newId(), challengeVersionId: warning.challengeVersionId, kind: 'submit', ...warning.submit });
      }
      // Finishing needs the server; what waits must reach it first.
      await sentOrTimeout(outbox, 20_000);
      await store.flush();
      onAttempt(await candidateApi.finish(csrf));
    } catch (caught) {
      setFinishing(null);
      const apiError = toApiError(caught);
      setError(apiError);
      announce(errorText(t, apiError));
    }
  };

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const rtl = document.documentElement.dir === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -active, End: tasks.length - 1 - active }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = (active + step + tasks.length) % tasks.length;
    setActive(next);
    document.getElementById(`task-tab-${next}`)?.focus();
  };

  const challenge = activeId ? loaded[activeId] : undefined;
  return (
    <div className="workspace">
      {/* Sticky on a phone (the page scrolls there); on a wide screen the panes scroll instead. */}
      <header className="workspace-head">
        <div className="head-row">
          <h1>
            <bdi>{attempt.assessment.title}</bdi>
          </h1>
          {/* Beside the title on a wide screen (one row fewer above the editor); its own line on a phone. */}
          <StatusArea store={store} queued={queued.length} connected={connected} hasSocket={socket !== null} />
          {countdown}
          <button
            type="button"
            className="finish"
            onPointerEnter={() => prefetch(loadFinish)}
            onFocus={() => prefetch(loadFinish)}
            onClick={() => void askFinish().catch((caught: unknown) => setError(toApiError(caught)))}
            disabled={!store || finishing !== null}
          >
            {t('attempt.finish')}
          </button>
        </div>
      </header>
      <div className="head-row tasks-row">
        <div role="tablist" aria-label={t('attempt.tasks')} className="tabs task-tabs" onKeyDown={onTabKey}>
          {tasks.map((entry, index) => (
            <button
              key={entry.challengeVersionId}
              id={`task-tab-${index}`}
              type="button"
              role="tab"
              aria-selected={index === active}
              aria-controls="task-panel"
              tabIndex={index === active ? 0 : -1}
              onClick={() => setActive(index)}
            >
              {/* Titles may be in another script than the interface: isolate them. */}
              <bdi>
                {index + 1}. {loaded[entry.challengeVersionId]?.title[i18n.language] ?? taskTitle(entry, i18n.language)}
              </bdi>
            </button>
          ))}
        </div>
        <div className="head-tools">
          <label className="switch">
            <input type="checkbox" role="switch" checked={light} onChange={(event) => setLight(event.target.checked)} />
            {t('workspace.lightEditor')}
          </label>
          <button type="button" className="quiet small" onClick={onLeave}>
            {t('attempt.leave')}
          </button>
        </div>
      </div>
      <ErrorAlert error={error} />
      <div role="tabpanel" id="task-panel" aria-labelledby={`task-tab-${active}`} className="task-panel">
        {challenge && store ? (
          <ChallengePanel
            key={challenge.challengeVersionId}
            challenge={challenge}
            store={store}
            submissions={submissions.filter((entry) => entry.challengeVersionId === challenge.challengeVersionId)}
            queued={queued}
            progress={progress}
            onRun={(run) => onRun({ ...run, challengeVersionId: challenge.challengeVersionId })}
            csrf={csrf}
            // A mark for the replay only: sent when connected, never queued (the pasted text itself is in the next save).
            onPaste={(language, chars) => {
              if (socket?.connected) void emitWithAck(socket, 'editor:pasted', { challengeVersionId: challenge.challengeVersionId, language, chars }).catch(() => {});
            }}
            narrow={narrow}
            light={light}
          />
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
      </div>
      {finishing && (
        <Suspense fallback={null}>
          <FinishDialog
          warnings={finishing.warnings}
          busy={finishing.busy}
          onSubmitFirst={() => void finish(finishing.warnings)}
          onFinish={() => void finish([])}
          onClose={() => setFinishing(null)}
          />
        </Suspense>
      )}
    </div>
  );
}

const noSubscribe = () => () => {};
const NO_ITEMS: readonly QueuedRun[] = [];
const noItems = () => NO_ITEMS;

/** Resolves when nothing waits in the queue; rejects as offline after `ms`. */
function sentOrTimeout(outbox: Outbox, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (outbox.items().length > 0) return false;
      done();
      resolve();
      return true;
    };
    const timer = setTimeout(() => {
      done();
      reject(new ApiError('network', 'Runs are still waiting for the connection.'));
    }, ms);
    const off = outbox.subscribe(() => void check());
    const done = () => {
      clearTimeout(timer);
      off();
    };
    outbox.flush();
    check();
  });
}

/**
 * This attempt's work on this device: the draft store (IndexedDB and the
 * server), the queue of runs, and the code of submissions made here. Made in
 * an effect so React's development double-mount disposes of the first ones
 * instead of leaving their timers behind.
 */
function useLocalWork(
  attempt: CandidateAttempt,
  csrf: string,
  socket: Socket | null,
  upsert: (submission: CandidateSubmission) => void,
  onError: (error: ApiError) => void,
): { store: DraftStore; outbox: Outbox; submitted: Map<string, SubmittedCode> } | null {
  const [work, setWork] = useState<{ store: DraftStore; outbox: Outbox; submitted: Map<string, SubmittedCode> } | null>(null);
  const socketRef = useRef(socket);
  useEffect(() => {
    socketRef.current = socket;
  }, [socket]);
  const hooks = useRef({ upsert, onError });
  useEffect(() => {
    hooks.current = { upsert, onError };
  }, [upsert, onError]);
  const attemptKey = attempt.startedAt ?? 'attempt';
  const drafts = useRef(attempt.drafts);

  useEffect(() => {
    const local = deviceStore();
    const prefix = attemptPrefix(attemptKey);
    let disposed = false;
    let created: { store: DraftStore; outbox: Outbox } | undefined;

    const save: SaveDraft = async (body) => {
      const live = socketRef.current;
      if (live?.connected) {
        try {
          const ack = await emitWithAck(live, 'draft:save', body);
          if (ack.ok) return { ok: true };
          if (ack.current) return { ok: false, current: ack.current };
          // As over HTTP: the wait comes in the error's details.
          throw new ApiError(ack.error.code, ack.error.message, 0, ack.retryAfterMs === undefined ? undefined : { retryAfterMs: ack.retryAfterMs });
        } catch (caught) {
          // A lost acknowledgement: send the same revision over HTTP (stored once either way).
          if (!(caught instanceof ApiError && caught.code === 'timeout')) throw caught;
        }
      }
      try {
        await candidateApi.saveDraft(csrf, body);
        return { ok: true };
      } catch (caught) {
        if (caught instanceof ApiError && caught.code === 'stale_draft') {
          // The draft the server holds (the contract's DraftView), checked for what the draft store reads of it.
          const current = (caught.details as { current?: Partial<DraftView> } | undefined)?.current;
          if (typeof current?.source === 'string' && typeof current.revision === 'number') return { ok: false, current: current as DraftView };
        }
        throw caught;
      }
    };

    const onOnline = () => {
      created?.store.retryNow();
      created?.outbox.flush();
    };
    // Closing the lid or switching apps: try to send what is not on the server yet.
    const onHide = () => {
      if (document.visibilityState === 'hidden') void created?.store.flush();
    };

    void (async () => {
      await forgetOtherAttempts(local, attemptKey);
      const submittedEntries = await local.list<SubmittedCode>(`${prefix}submitted/`);
      const submitted = new Map(submittedEntries.map(([key, code]) => [key.slice(`${prefix}submitted/`.length), code]));
      const store = await openDraftStore(local, prefix, drafts.current, save, candidateApi.drafts);
      const outbox = await openOutbox(local, `${prefix}outbox/`, {
        send: (body) => candidateApi.submit(csrf, body),
        onSent(submission, run) {
          if (run.body.kind === 'submit') {
            const code: SubmittedCode = { challengeVersionId: run.body.challengeVersionId, language: run.body.language, source: run.body.source };
            submitted.set(submission.id, code);
            void local.set(`${prefix}submitted/${submission.id}`, code);
          }
          hooks.current.upsert(submission);
        },
        onRefused(_run, error) {
          hooks.current.onError(error);
        },
      });
      if (disposed) {
        store.dispose();
        outbox.dispose();
        return;
      }
      created = { store, outbox };
      setWork({ store, outbox, submitted });
    })();

    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('online', onOnline);
    return () => {
      disposed = true;
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('online', onOnline);
      created?.store.dispose();
      created?.outbox.dispose();
    };
  }, [attemptKey, csrf]);

  return work;
}

function byNewest(a: CandidateSubmission, b: CandidateSubmission): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}
