import { lazy, Suspense, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CandidateAttempt, ResultShare } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { resultsApi } from '../api/results.ts';
import { announce } from '../ui/Announcer.tsx';
import { formatDateTime } from './format.ts';

// The QR code (and its library) only for a candidate who shares: its own small chunk, the staff sheet's component.
const QrCode = lazy(() => import('../staff/QrCode.tsx').then((module) => ({ default: module.QrCode })));

/**
 * The candidate's choice to make their result checkable by others. Off until
 * they turn it on; the text says what a visitor of the link sees. While it is
 * on: the verification link, a QR code of it, and whether the company has
 * revoked it. Not offered when the company shows candidates no scores.
 */
export function ShareResult({ attempt, csrf }: { attempt: CandidateAttempt; csrf: string }) {
  const { t, i18n } = useTranslation();
  const [share, setShare] = useState<ResultShare | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    resultsApi.share().then(setShare, (failure: unknown) => setError(shareError(t, toApiError(failure))));
  }, [t]);

  async function choose(shareable: boolean) {
    setBusy(true);
    setError(null);
    try {
      const next = await resultsApi.setShareable(csrf, shareable);
      setShare(next);
      announce(t(shareable ? 'share.nowShared' : 'share.nowPrivate'));
    } catch (failure) {
      setError(shareError(t, toApiError(failure)));
    } finally {
      setBusy(false);
    }
  }

  if (attempt.assessment.resultsVisibility === 'none') return null;
  const shared = share?.shareable === true && share.url !== null;
  return (
    <section className="share-result" aria-labelledby="share-title">
      <h3 id="share-title">{t('share.title')}</h3>
      <p>{t('share.info')}</p>
      <p>{t('share.whatIsShown')}</p>
      {share === null && error === null && <p role="status">{t('common.loading')}</p>}
      {share !== null && (
        <p>
          <strong>{t(shared ? 'share.stateShared' : 'share.statePrivate')}</strong>
        </p>
      )}
      {share?.revoked && <p className="alert-inline">{t('share.revoked', { time: formatDateTime(i18n.language, share.revoked.at) })}</p>}
      <div className="alert" role="alert" aria-live="assertive">
        {error}
      </div>
      {share !== null && (
        <button type="button" className={shared ? undefined : 'primary'} disabled={busy} onClick={() => void choose(!shared)}>
          {t(shared ? 'share.stop' : 'share.start')}
        </button>
      )}
      {shared && share.url && (
        <div className="share-link">
          <p>
            <label htmlFor="share-url">{t('share.link')}</label>
            <input id="share-url" type="text" readOnly dir="ltr" value={share.url} onFocus={(event) => event.currentTarget.select()} />
          </p>
          <p>
            <a href={share.url} target="_blank" rel="noopener">
              {t('share.open')}
            </a>
          </p>
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <QrCode text={share.url} label={t('share.qrLabel')} size="40mm" />
          </Suspense>
        </div>
      )}
    </section>
  );
}

/** What went wrong, in the candidate's language: still judging, scores hidden by the company, or anything else. */
function shareError(t: TFunction, failure: ApiError): string {
  if (failure.status === 409) return t('share.errorPending');
  if (failure.status === 403) return t('share.errorHidden');
  return t('share.error');
}
