import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffResultState } from '@kodbro/server/contracts';
import { toApiError } from '../api/http.ts';
import { staffResultsApi } from '../api/staff-results.ts';
import { staffErrorText } from './error-words.ts';
import { formatDateTime, isolate } from './format.ts';

/**
 * Below a candidate's attempt: whether the candidate shares a signed result
 * of it, and — for those who may — revoking it (with an optional reason the
 * verification page shows) or withdrawing the revocation.
 */
export function SharedResultPanel({ attemptId, csrf, canRevoke }: { attemptId: string; csrf: string; canRevoke: boolean }) {
  const { t } = useTranslation('staff');
  const [state, setState] = useState<StaffResultState | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [news, setNews] = useState('');
  const [failure, setFailure] = useState('');

  useEffect(() => {
    staffResultsApi.state(attemptId).then(setState, (caught: unknown) => setFailure(t('sharedResult.failed', { message: staffErrorText(t, toApiError(caught)) })));
  }, [attemptId, t]);

  async function setRevoked(revoked: boolean) {
    setBusy(true);
    setNews('');
    setFailure('');
    try {
      const trimmed = reason.trim();
      setState(await staffResultsApi.setRevoked(csrf, attemptId, revoked ? (trimmed ? { reason: trimmed } : {}) : { revoked: false }));
      setNews(t(revoked ? 'sharedResult.revokedNews' : 'sharedResult.unrevokedNews'));
      setReason('');
    } catch (caught) {
      setFailure(t('sharedResult.failed', { message: staffErrorText(t, toApiError(caught)) }));
    } finally {
      setBusy(false);
    }
  }

  const result = state?.result;
  return (
    <section className="shared-result" aria-labelledby="shared-result-heading">
      <h2 id="shared-result-heading">{t('sharedResult.heading')}</h2>
      {state === null && !failure && <p role="status">{t('loading')}</p>}
      {state !== null && !result && <p>{t('sharedResult.none')}</p>}
      {result && (
        <>
          <p>{result.shareable ? t('sharedResult.shared', { time: formatDateTime(result.sharedAt) }) : t('sharedResult.notShared')}</p>
          {result.shareable && (
            <p>
              <a href={`/verify/${encodeURIComponent(result.resultId)}`} target="_blank" rel="noopener">
                {t('sharedResult.open')}
              </a>
            </p>
          )}
          {result.revoked && (
            <p>
              <strong>{t('sharedResult.revokedAt', { time: formatDateTime(result.revoked.at), name: isolate(result.revoked.by) })}</strong>
              {result.revoked.reason && <> {t('sharedResult.revokedReason', { reason: isolate(result.revoked.reason) })}</>}
            </p>
          )}
          {canRevoke && !result.revoked && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void setRevoked(true);
              }}
            >
              <p>{t('sharedResult.revokeInfo')}</p>
              <p>
                <label htmlFor="revoke-reason">{t('sharedResult.reason')}</label>
                <input id="revoke-reason" type="text" maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />
              </p>
              <button type="submit" disabled={busy}>
                {t('sharedResult.revoke')}
              </button>
            </form>
          )}
          {canRevoke && result.revoked && (
            <button type="button" disabled={busy} onClick={() => void setRevoked(false)}>
              {t('sharedResult.unrevoke')}
            </button>
          )}
        </>
      )}
      <p role="status" className="news">
        {news}
      </p>
      <div className="alert" role="alert">
        {failure}
      </div>
    </section>
  );
}
