import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentView, AttemptDetail, AttemptEventView, ExplanationView, StaffSubmission } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { reportApi } from '../api/staff-report.ts';
import { staffApi } from '../api/staff.ts';
import { linkProps } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatSpan, isolate } from './format.ts';
import { ChallengeReport, Replay } from './report/index.ts';

/**
 * One candidate's report: the summary; per challenge the counted score, the
 * final code in colour and its hidden tests with where each rejected output
 * first parted from the answer; the replay of how the code was written; and
 * every run in order, sample and custom runs shown as such. Printable.
 *
 * The attempt's first pages come with it; the rest of its runs and events
 * are read on (each page bounded by the server) before the report shows.
 */
export function AttemptView({ id }: { id: string }) {
  const { t } = useTranslation('staff');
  const [detail, setDetail] = useState<AttemptDetail | null>(null);
  const [record, setRecord] = useState<{ submissions: StaffSubmission[]; events: AttemptEventView[] } | null>(null);
  const [assessment, setAssessment] = useState<AssessmentView | null>(null);
  const [explanations, setExplanations] = useState<ExplanationView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    const failed = (caught: unknown) => live && setError(toApiError(caught));
    staffApi.attempt(id).then((loaded) => {
      if (!live) return;
      setDetail(loaded);
      staffApi.assessment(loaded.assessmentId).then((view) => live && setAssessment(view), failed);
      reportApi.rest(id, loaded).then((rest) => live && setRecord(rest), failed);
      reportApi.explanations(id).then((list) => live && setExplanations(list.explanations), failed);
    }, failed);
    return () => {
      live = false;
    };
  }, [id]);

  if (!detail) return error ? <ErrorAlert error={error} /> : <p role="status">{t('loading')}</p>;
  const { attempt } = detail;
  const challenges = assessment?.challenges ?? [];
  const titleOf = (challengeVersionId: string) => challenges.find((challenge) => challenge.challengeVersionId === challengeVersionId)?.title ?? challengeVersionId;
  const maximum = challenges.length * 100;

  return (
    <section className="report">
      <p className="report-actions">
        <a {...linkProps(`/staff/assessments/${detail.assessmentId}`)}>{assessment?.title ?? t('back')}</a>{' '}
        <button type="button" onClick={() => window.print()}>
          {t('report.print')}
        </button>
      </p>
      <h1>{t('attemptOf', { name: isolate(attempt.candidateName ?? t('unnamed')) })}</h1>
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd>{t(`status_${attempt.status}`)}</dd>
        <dt>{t('score')}</dt>
        <dd>{assessment ? t('report.scoreOf', { score: attempt.score, max: maximum }) : attempt.score}</dd>
        <dt>{t('started')}</dt>
        <dd>{formatDateTime(attempt.startedAt)}</dd>
        <dt>{t('timeUsed')}</dt>
        <dd>{formatSpan(attempt.startedAt, attempt.finishedAt)}</dd>
        <dt>{t('languages')}</dt>
        <dd>{attempt.languages.join(', ') || '–'}</dd>
      </dl>
      <ErrorAlert error={error} />
      {!record || !assessment ? (
        !error && <p role="status">{t('report.loadingAll')}</p>
      ) : (
        <>
          {challenges.map((challenge) => (
            <ChallengeReport
              key={challenge.challengeVersionId}
              title={challenge.title}
              submissions={record.submissions.filter((submission) => submission.challengeVersionId === challenge.challengeVersionId)}
              drafts={detail.drafts.filter((draft) => draft.challengeVersionId === challenge.challengeVersionId)}
              explanation={explanations.find((explanation) => explanation.challengeVersionId === challenge.challengeVersionId)}
            />
          ))}
          <Replay events={record.events} startedAt={attempt.startedAt} titleOf={titleOf} />
          <section className="report-runs">
            <h2>{t('report.runs')}</h2>
            {record.submissions.length === 0 && <p>{t('noSubmissions')}</p>}
            {record.submissions.map((submission) => (
              <Run key={submission.id} submission={submission} title={titleOf(submission.challengeVersionId)} />
            ))}
          </section>
        </>
      )}
    </section>
  );
}

/** One run in the list: a submission with its score, or a sample or custom run said to be one (no score). */
function Run({ submission, title }: { submission: StaffSubmission; title: string }) {
  const { t } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const result = submission.result;
  const outcome = !result
    ? t(`sub_${submission.status}`)
    : submission.kind === 'submit'
      ? `${tc(`verdict.${result.verdict}`)} · ${t('report.scoreOfHundred', { score: result.score })}`
      : submission.kind === 'samples'
        ? result.verdict === 'compile_error'
          ? tc('verdict.compile_error')
          : t('report.samplesPassed', { passed: result.tests.filter((test) => test.verdict === 'accepted').length, total: result.tests.length })
        : result.verdict === 'accepted'
          ? t('report.ownInput')
          : tc(`verdict.${result.verdict}`);
  return (
    <details className="history">
      <summary>
        {formatDateTime(submission.createdAt)} · {title} · {t(`report.runKind_${submission.kind}`)} · {submission.language} · {outcome}
        {submission.origin === 'time_up' && ` · ${t('report.timeUp')}`}
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
