import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateAttempt, CandidateSession } from '@kodbro/server/contracts';
import { candidateApi } from '../api/candidate.ts';
import { type ApiError, toApiError } from '../api/http.ts';
import { connectSocket, onServerEvent, useSocketConnected, type Socket } from '../api/socket.ts';
import { linkProps } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { clearDevice } from '../offline/index.ts';
import { Countdown } from './Countdown.tsx';
import { Overview, Receipt } from './pages.ts';
import { Workspace } from './Workspace.tsx';

/**
 * `/attempt`: loads the session (after a reload it comes from the cookie),
 * then shows the overview, the workspace or the closing page by the
 * attempt's status. The server decides every status change; this page only
 * asks again when the clock it was told about runs out.
 */
export function AttemptPage({ session, onSession }: { session: CandidateSession | null; onSession: (session: CandidateSession) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [deadline, setDeadline] = useState<number | null>(null);
  const [socket, setSocket] = useState<Socket | null>(null);
  const [justStarted, setJustStarted] = useState(false);
  const connected = useSocketConnected(socket);
  /** Set by the workspace: saves what is not saved yet before leaving or finishing. */
  const flushDrafts = useRef<() => Promise<void>>(async () => {});

  const reload = useCallback(async () => {
    setError(null);
    try {
      onSession(await candidateApi.session());
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.status === 401 || apiError.code === 'unauthenticated') setSignedOut(true);
      else setError(apiError);
    }
  }, [onSession]);

  useEffect(() => {
    if (!session && !signedOut) void reload();
  }, [session, signedOut, reload]);

  const attempt = session?.attempt;
  const csrf = session?.csrfToken;
  const status = attempt?.status;

  // The server's deadline, moved onto this device's clock (its clock may be wrong).
  useEffect(() => {
    if (!attempt?.deadlineAt) return setDeadline(null);
    const remaining = Date.parse(attempt.deadlineAt) - Date.parse(attempt.serverNow);
    setDeadline(Date.now() + remaining);
  }, [attempt?.deadlineAt, attempt?.serverNow]);

  useEffect(() => {
    if (!csrf || status !== 'in_progress') return;
    const next = connectSocket(csrf);
    setSocket(next);
    const offTimer = onServerEvent(next, 'timer', (event) => {
      if (event.remainingMs !== null) setDeadline(Date.now() + event.remainingMs);
      if (event.status === 'finished') void reload();
    });
    // socket.io does not retry on its own when the server refused or dropped
    // this socket (session ended, attempt over): ask over HTTP what happened,
    // then try once more if the session is still good.
    let closed = false;
    let refusals = 0;
    const onRefused = () => {
      if (closed || next.active || ++refusals > 5) return;
      setTimeout(() => !closed && void reload().then(() => !closed && next.connect()), 2000 * refusals);
    };
    next.on('connect', () => {
      refusals = 0;
    });
    next.on('connect_error', onRefused);
    next.on('disconnect', onRefused);
    return () => {
      closed = true;
      offTimer();
      next.close();
      setSocket(null);
    };
  }, [csrf, status, reload]);

  const setAttempt = (next: CandidateAttempt) => {
    if (session) onSession({ ...session, attempt: next });
  };

  /**
   * Signs this device out and forgets the attempt here: IndexedDB, cached
   * answers, and — by a full load, not a client-side route — the page's
   * memory, so on a shared device Back finds nothing of it. Replacing the
   * entry leaves no page to go back to. `confirmText` null: no question
   * (the receipt's own button says what it does).
   */
  const leave = async (confirmText: string | null = t('attempt.leaveConfirm')) => {
    if (!csrf || (confirmText !== null && !window.confirm(confirmText))) return;
    await flushDrafts.current().catch(() => {});
    try {
      await candidateApi.leave(csrf);
    } catch (caught) {
      const apiError = toApiError(caught);
      // Already signed out is what was wanted; anything else must be seen.
      if (apiError.status !== 401) return setError(apiError);
    }
    await clearDevice();
    window.location.replace('/');
  };

  if (signedOut) {
    return (
      <section className="narrow">
        <h1>{t('attempt.noSession')}</h1>
        <p>
          <a className="button primary big" {...linkProps('/')}>
            {t('attempt.enterCode')}
          </a>
        </p>
      </section>
    );
  }
  if (!session || !attempt || !csrf) {
    return (
      <section className="narrow">
        {!error && (
          <p role="status" aria-live="polite">
            {t('common.loading')}
          </p>
        )}
        <ErrorAlert error={error} />
        {error && (
          <button type="button" onClick={() => void reload()}>
            {t('common.retry')}
          </button>
        )}
      </section>
    );
  }

  if (status === 'in_progress') {
    return (
      <>
        <ErrorAlert error={error} />
        <Workspace
        attempt={attempt}
        csrf={csrf}
        socket={socket}
        connected={connected}
        flushRef={flushDrafts}
        onAttempt={setAttempt}
        countdown={deadline !== null && <Countdown deadline={deadline} onElapsed={() => void reload()} />}
        onLeave={() => void leave()}
        justStarted={justStarted}
        />
      </>
    );
  }

  return (
    <div className="attempt">
      <div className="attempt-head">
        <h1>
          <bdi>{attempt.assessment.title}</bdi>
        </h1>
      </div>
      <ErrorAlert error={error} />
      {status === 'not_started' && (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <Overview
            attempt={attempt}
            csrf={csrf}
            onAttempt={(next) => {
              setJustStarted(true);
              setAttempt(next);
            }}
          />
        </Suspense>
      )}
      {status === 'finished' && (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <Receipt attempt={attempt} csrf={csrf} onClear={() => void leave(null)} />
        </Suspense>
      )}
      {status === 'not_started' && (
        <div className="leave">
          <button type="button" onClick={() => void leave()} aria-describedby="leave-info">
            {t('attempt.leave')}
          </button>
          <span id="leave-info" className="hint">
            {t('attempt.leaveInfo')}
          </span>
        </div>
      )}
    </div>
  );
}
