import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentView, AttemptDetail, StaffSubmission } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { linkProps } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatSpan, isolate } from './format.ts';

/**
 * One candidate's attempt: summary, latest drafts, and its submissions with
 * results and source, a page at a time, oldest first (one attempt may hold
 * hundreds of runs of 256 KB each): the first page comes with the attempt,
 * "show more" reads on from where it ended.
 */
export function AttemptView({ id }: { id: string }) {
  const { t } = useTranslation('staff');
  const [detail, setDetail] = useState<AttemptDetail | null>(null);
  const [submissions, setSubmissions] = useState<StaffSubmission[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [assessment, setAssessment] = useState<AssessmentView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    staffApi.attempt(id).then(
      (loaded) => {
        setDetail(loaded);
        setSubmissions(loaded.submissions);
        setNext(loaded.submissionsNext);
        // Only for the challenge titles; the attempt holds version ids.
        staffApi.assessment(loaded.assessmentId).then(setAssessment, () => {});
      },
      (caught: unknown) => setError(toApiError(caught)),
    );
  }, [id]);

  const loadMore = () => {
    if (next === null) return;
    setLoadingMore(true);
    staffApi.attemptSubmissions(id, next).then(
      (page) => {
        setSubmissions((loaded) => [...loaded, ...page.submissions]);
        setNext(page.next);
        setLoadingMore(false);
      },
      (caught: unknown) => {
        setError(toApiError(caught));
        setLoadingMore(false);
      },
    );
  };

  if (!detail) return error ? <ErrorAlert error={error} /> : <p role="status">{t('loading')}</p>;
  const { attempt } = detail;
  const titleOf = (challengeVersionId: string) =>
    assessment?.challenges.find((challenge) => challenge.challengeVersionId === challengeVersionId)?.title ?? challengeVersionId;

  return (
    <section>
      <p>
        <a {...linkProps(`/staff/assessments/${detail.assessmentId}`)}>{assessment?.title ?? t('back')}</a>
      </p>
      <h1>{t('attemptOf', { name: isolate(attempt.candidateName ?? t('unnamed')) })}</h1>
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd>{t(`status_${attempt.status}`)}</dd>
        <dt>{t('score')}</dt>
        <dd>{attempt.score}</dd>
        <dt>{t('started')}</dt>
        <dd>{formatDateTime(attempt.startedAt)}</dd>
        <dt>{t('timeUsed')}</dt>
        <dd>{formatSpan(attempt.startedAt, attempt.finishedAt)}</dd>
        <dt>{t('languages')}</dt>
        <dd>{attempt.languages.join(', ') || '–'}</dd>
      </dl>

      <h2>{t('submissions')}</h2>
      {submissions.length === 0 && <p>{t('noSubmissions')}</p>}
      {[...submissions]
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
        .map((submission) => (
          <Submission key={submission.id} submission={submission} title={titleOf(submission.challengeVersionId)} />
        ))}
      {next !== null && (
        <p>
          <button type="button" onClick={loadMore} disabled={loadingMore}>
            {t('moreSubmissions')}
          </button>
        </p>
      )}
      <ErrorAlert error={error} />

      <h2>{t('drafts')}</h2>
      {detail.drafts.map((draft) => (
        <details key={`${draft.challengeVersionId}.${draft.language}`}>
          <summary>
            {titleOf(draft.challengeVersionId)} · {draft.language} · {t('revision', { revision: draft.revision })} · {formatDateTime(draft.updatedAt)}
          </summary>
          <pre className="output" dir="ltr" tabIndex={0}>
            {draft.source}
          </pre>
        </details>
      ))}
    </section>
  );
}

function Submission({ submission, title }: { submission: StaffSubmission; title: string }) {
  const { t } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const result = submission.result;
  return (
    <details className="history">
      <summary>
        {formatDateTime(submission.createdAt)} · {title} · {t(`kind_${submission.kind}`)} · {submission.language} · {t(`sub_${submission.status}`)}
        {result ? ` · ${tc(`verdict.${result.verdict}`)} · ${result.score}/100` : ''}
      </summary>
      {submission.tries > 1 && <p>{t('tries', { count: submission.tries })}</p>}
      {/* Only our failures leave an error (a stored result is always a judged one): for operators, never the candidate's fault. */}
      {submission.error && (
        <p className="hint">
          {t('systemError')}: {submission.error}
        </p>
      )}
      {result?.compileOutput && (
        <>
          <h3>{t('compileOutput')}</h3>
          <pre className="output" dir="ltr" tabIndex={0}>
            {result.compileOutput}
          </pre>
        </>
      )}
      {result && result.tests.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('tests')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('test')}</th>
                <th scope="col">{t('group')}</th>
                <th scope="col">{t('verdict')}</th>
                <th scope="col">{t('time')}</th>
                <th scope="col">{t('memory')}</th>
              </tr>
            </thead>
            <tbody>
              {result.tests.map((test) => (
                <tr key={test.id}>
                  <td>{test.id}</td>
                  <td>{test.group}</td>
                  <td className={`verdict-${test.verdict}`}>{tc(`verdict.${test.verdict}`)}</td>
                  <td>{test.timeMs} ms</td>
                  <td>{test.memoryKb} KB</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {submission.customInput !== null && (
        <>
          <h3>{t('customInput')}</h3>
          <pre className="output" dir="ltr" tabIndex={0}>
            {submission.customInput}
          </pre>
        </>
      )}
      <h3>{t('source')}</h3>
      <pre className="output" dir="ltr" tabIndex={0}>
        {submission.source}
      </pre>
    </details>
  );
}
