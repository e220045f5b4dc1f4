import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignedResult } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { resultsApi } from '../api/results.ts';
import { formatsFor } from '../i18n/index.ts';
import { focusAndAnnounce } from '../ui/Announcer.tsx';
import { checkSignature, type SignatureCheck } from './check.ts';

type Loaded = { result: SignedResult; check: SignatureCheck };

/**
 * The public page a verification link opens: the result as Kodbro recorded
 * it, and whether its signature checks out — checked in this browser with
 * the issuer's published key, not taken on the server's word (where the
 * browser cannot, the page says so). A revocation by the company is shown
 * above everything. The signed file can be downloaded and checked offline.
 */
export function VerifyPage({ resultId }: { resultId: string }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([resultsApi.result(resultId), resultsApi.key()])
      .then(async ([result, key]) => ({ result, check: await checkSignature(result, key) }))
      .then(
        (next) => live && setLoaded(next),
        (failure: unknown) => live && setError(toApiError(failure)),
      );
    return () => {
      live = false;
    };
  }, [resultId]);

  useEffect(() => {
    if (loaded || error) focusAndAnnounce(heading.current);
  }, [loaded, error]);

  const download = useMemo(() => (loaded ? URL.createObjectURL(new Blob([`${JSON.stringify(loaded.result, null, 2)}\n`], { type: 'application/json' })) : null), [loaded]);
  useEffect(() => () => void (download && URL.revokeObjectURL(download)), [download]);

  const formats = formatsFor(i18n.language);
  return (
    <section className="verify">
      <h2 ref={heading} tabIndex={-1}>
        {t('verify.title')}
      </h2>
      {!loaded && !error && <p role="status">{t('common.loading')}</p>}
      {error && <p className="alert-inline">{error.status === 404 ? t('verify.notFound') : error.status === 429 ? t('verify.tooMany') : t('verify.failed')}</p>}
      {loaded && (
        <>
          <p className={`verdict verdict-${loaded.check}`} data-verdict={loaded.check}>
            <strong>{t(`verify.${loaded.check}`)}</strong>
          </p>
          {loaded.check === 'unsupported' && <p>{t('verify.serverCheck')}</p>}
          {loaded.result.revoked && (
            <p className="verdict verdict-revoked" data-verdict="revoked">
              <strong>{t('verify.revoked', { time: formats.dateTime(loaded.result.revoked.at) })}</strong>
              {loaded.result.revoked.reason && (
                <>
                  {' '}
                  {t('verify.reason')} <bdi>{loaded.result.revoked.reason}</bdi>
                </>
              )}
            </p>
          )}
          <dl className="verify-facts">
            <dt>{t('verify.organisation')}</dt>
            <dd>
              <bdi>{loaded.result.document.organisation.name}</bdi>
            </dd>
            <dt>{t('verify.assessment')}</dt>
            <dd>
              <bdi>{loaded.result.document.assessment.title}</bdi>
            </dd>
            <dt>{t('verify.candidate')}</dt>
            <dd>{loaded.result.document.candidate.name === null ? t('verify.noName') : <bdi>{loaded.result.document.candidate.name}</bdi>}</dd>
            <dt>{t('verify.finished')}</dt>
            <dd>
              <bdi>{formats.dateTime(loaded.result.document.finishedAt)}</bdi>
            </dd>
          </dl>
          <div className="table-wrap">
            <table>
              <caption>{t('verify.scores')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('verify.task')}</th>
                  <th scope="col">{t('verify.score')}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.result.document.challenges.map((task, index) => (
                  <tr key={index}>
                    <td>
                      <bdi>{task.title}</bdi>
                    </td>
                    <td>
                      <bdi dir="ltr">
                        {task.score} / {task.max}
                      </bdi>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('verify.total')}</th>
                  <td>
                    <bdi dir="ltr" data-total>
                      {loaded.result.document.total} / {loaded.result.document.max}
                    </bdi>
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="hint">{t('verify.recorded', { issuer: loaded.result.document.issuer })}</p>
          {download && (
            <p>
              <a href={download} download={`kodbro-result-${resultId}.json`}>
                {t('verify.download')}
              </a>
            </p>
          )}
          <p className="hint">{t('verify.offline')}</p>
        </>
      )}
    </section>
  );
}
