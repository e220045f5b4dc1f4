import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  draftSchema,
  type CandidateAttempt,
  type CandidateChallenge,
  type CandidateSubmission,
  type ProgressEvent,
} from '@kodbro/server/contracts';
import { candidateApi } from '../api/candidate.ts';
import { ApiError, toApiError } from '../api/http.ts';
import { emitWithAck, onServerEvent, type Socket } from '../api/socket.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ChallengePanel } from './ChallengePanel.tsx';
import { createDraftStore, type DraftStore, type SaveDraft } from './drafts.ts';

const POLL_MS = 5000;

interface Props {
  attempt: CandidateAttempt;
  csrf: string;
  socket: Socket | null;
  connected: boolean;
  flushRef: RefObject<() => Promise<void>>;
  onAttempt: (attempt: CandidateAttempt) => void;
}

/**
 * The running attempt: one tab per challenge, the draft store that saves the
 * candidate's code, and the submissions with their live progress (socket
 * events; polling while the socket is down).
 */
export function Workspace({ attempt, csrf, socket, connected, flushRef, onAttempt }: Props) {
  const { t } = useTranslation();
  const challenges = [...attempt.assessment.challenges].sort((a, b) => a.position - b.position);
  const [active, setActive] = useState(0);
  const [loaded, setLoaded] = useState<Record<string, CandidateChallenge>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [submissions, setSubmissions] = useState<CandidateSubmission[]>([]);
  const [progress, setProgress] = useState<Record<string, ProgressEvent>>({});
  const store = useDraftStore(attempt, csrf, socket);
  const activeId = challenges[active]?.challengeVersionId;

  useEffect(() => {
    flushRef.current = async () => {
      await store?.flush();
    };
  }, [flushRef, store]);

  const upsert = useCallback((submission: CandidateSubmission) => {
    setSubmissions((list) => [submission, ...list.filter((entry) => entry.id !== submission.id)].sort(byNewest));
  }, []);

  // The active challenge's statement, starters and samples.
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
      candidateApi.session().then((fresh) => store.adoptNewer(fresh.attempt.drafts), () => {});
    });
    // After a reconnect: the server resends timer and progress; drafts retry at once.
    const onConnect = () => {
      store?.retryNow();
      void emitWithAck(socket, 'attempt:sync', {}).catch(() => {});
    };
    socket.on('connect', onConnect);
    return () => {
      offProgress();
      offSaved();
      socket.off('connect', onConnect);
    };
  }, [socket, store, upsert]);

  // Without the socket, ask for unfinished submissions now and then.
  const unfinished = submissions.filter((entry) => entry.status === 'queued' || entry.status === 'running').map((entry) => entry.id);
  const unfinishedKey = unfinished.join(',');
  useEffect(() => {
    if (connected || !unfinishedKey) return;
    const poll = setInterval(() => {
      for (const id of unfinishedKey.split(',')) candidateApi.submission(id).then(upsert, () => {});
    }, POLL_MS);
    return () => clearInterval(poll);
  }, [connected, unfinishedKey, upsert]);

  const finish = async () => {
    if (!window.confirm(t('attempt.finishConfirm'))) return;
    setFinishing(true);
    setError(null);
    await store?.flush();
    try {
      onAttempt(await candidateApi.finish(csrf));
    } catch (caught) {
      setError(toApiError(caught));
      setFinishing(false);
    }
  };

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const rtl = document.documentElement.dir === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -active, End: challenges.length - 1 - active }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = (active + step + challenges.length) % challenges.length;
    setActive(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  const challenge = activeId ? loaded[activeId] : undefined;
  return (
    <div className="workspace">
      <div className="workspace-bar">
        <div role="tablist" aria-label={t('attempt.tasks')} className="tabs" onKeyDown={onTabKey}>
          {challenges.map((entry, index) => (
            <button
              key={entry.challengeVersionId}
              id={`tab-${index}`}
              type="button"
              role="tab"
              aria-selected={index === active}
              aria-controls="task-panel"
              tabIndex={index === active ? 0 : -1}
              onClick={() => setActive(index)}
            >
              {/* Titles may be in another script than the interface: isolate them. */}
              <bdi>
                {index + 1}. {entry.title}
              </bdi>
            </button>
          ))}
        </div>
        <button type="button" className="finish" onClick={() => void finish()} disabled={finishing}>
          {t('attempt.finish')}
        </button>
      </div>
      <ErrorAlert error={error} />
      <div role="tabpanel" id="task-panel" aria-labelledby={`tab-${active}`}>
        {challenge && store ? (
          <ChallengePanel
            key={challenge.challengeVersionId}
            challenge={challenge}
            csrf={csrf}
            store={store}
            submissions={submissions.filter((entry) => entry.challengeVersionId === challenge.challengeVersionId)}
            progress={progress}
            onSubmitted={upsert}
          />
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
      </div>
    </div>
  );
}

/**
 * One draft store per attempt, created in an effect so React's development
 * double-mount disposes of the first one instead of leaving its timers behind.
 */
function useDraftStore(attempt: CandidateAttempt, csrf: string, socket: Socket | null): DraftStore | null {
  const [store, setStore] = useState<DraftStore | null>(null);
  const socketRef = useRef(socket);
  useEffect(() => {
    socketRef.current = socket;
  }, [socket]);
  const attemptKey = attempt.startedAt ?? 'attempt';
  const drafts = useRef(attempt.drafts);

  useEffect(() => {
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
          const current = draftSchema.safeParse((caught.details as { current?: unknown } | undefined)?.current);
          if (current.success) return { ok: false, current: current.data };
        }
        throw caught;
      }
    };
    const created = createDraftStore(attemptKey, drafts.current, save);
    setStore(created);

    // Closing the lid or switching apps: keep the text locally and try to send it.
    const onHide = () => {
      if (document.visibilityState !== 'hidden') return;
      created.persist();
      void created.flush();
    };
    const onOnline = () => created.retryNow();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', created.persist);
    window.addEventListener('online', onOnline);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', created.persist);
      window.removeEventListener('online', onOnline);
      created.persist();
      created.dispose();
    };
  }, [attemptKey, csrf]);

  return store;
}

function byNewest(a: CandidateSubmission, b: CandidateSubmission): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}
