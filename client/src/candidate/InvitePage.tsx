import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateSession } from '@kodbro/server/contracts';
import { candidateApi } from '../api/candidate.ts';
import { type ApiError, toApiError } from '../api/http.ts';
import { linkProps, navigate } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { prefetchOverview } from './pages.ts';

/**
 * `/invite/:token`: trades the token for a session cookie, then replaces the
 * address with `/attempt` so the token is neither on screen nor in history
 * (shared devices, screenshots, shoulder surfing).
 */
export function InvitePage({ token, onSession }: { token: string; onSession: (session: CandidateSession) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const started = useRef(false);

  const open = useCallback(async () => {
    setError(null);
    try {
      onSession(await candidateApi.openSession({ token }));
      navigate('/attempt', { replace: true });
    } catch (caught) {
      setError(toApiError(caught));
    }
  }, [token, onSession]);

  useEffect(() => {
    // Once per token, also under React's development double effects.
    if (started.current) return;
    started.current = true;
    prefetchOverview();
    void open();
  }, [open]);

  return (
    <section className="narrow">
      <h1>{t('landing.title')}</h1>
      {!error && (
        <p role="status" aria-live="polite">
          {t('invite.opening')}
        </p>
      )}
      <ErrorAlert error={error} />
      {error && (
        <p className="actions">
          {(error.code === 'network' || error.code === 'timeout' || error.code === 'internal') && (
            <button type="button" onClick={() => void open()}>
              {t('common.retry')}
            </button>
          )}
          <a {...linkProps('/')}>{t('invite.useCode')}</a>
        </p>
      )}
    </section>
  );
}
