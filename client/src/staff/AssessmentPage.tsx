import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentView, AttemptSummary, StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { connectSocket, emitWithAck, onServerEvent, useSocketConnected, type Socket } from '../api/socket.ts';
import { staffApi } from '../api/staff.ts';
import { linkProps } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { AssessmentSettings, ChangeHistory, DuplicateAssessment } from './AssessmentExtras.tsx';
import { formatDateTime, formatSpan } from './format.ts';
import { Invites } from './Invites.tsx';

/** One assessment: attempts (live via `assessment:watch`) and invites (Invites.tsx). */
export function AssessmentPage({ id, session }: { id: string; session: StaffSession }) {
  const { t } = useTranslation('staff');
  const [assessment, setAssessment] = useState<AssessmentView | null>(null);
  const [attempts, setAttempts] = useState<AttemptSummary[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [socket, setSocket] = useState<Socket | null>(null);
  const live = useSocketConnected(socket);

  useEffect(() => {
    const fail = (caught: unknown) => setError(toApiError(caught));
    staffApi.assessment(id).then(setAssessment, fail);
    staffApi.attempts(id).then((list) => setAttempts(list.attempts), fail);
  }, [id]);

  useEffect(() => {
    const next = connectSocket(session.csrfToken);
    setSocket(next);
    const watch = () => void emitWithAck(next, 'assessment:watch', { assessmentId: id }).catch(() => {});
    // Rooms do not survive a reconnect: watch again each time.
    next.on('connect', watch);
    const off = onServerEvent(next, 'attempt:changed', (event) => {
      if (event.assessmentId !== id) return;
      setAttempts((list) => [event.attempt, ...list.filter((entry) => entry.id !== event.attempt.id)]);
    });
    return () => {
      off();
      next.off('connect', watch);
      next.close();
      setSocket(null);
    };
  }, [id, session.csrfToken]);

  const sortedAttempts = [...attempts].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return (
    <section>
      <p>
        <a {...linkProps('/staff')}>{t('back')}</a>
      </p>
      <ErrorAlert error={error} />
      {assessment && (
        <>
          <h1>{assessment.title}</h1>
          <p>
            {t('timeLimit', { minutes: assessment.timeLimitMinutes })} ·{' '}
            {t('window', { opens: formatDateTime(assessment.opensAt), closes: formatDateTime(assessment.closesAt) })}
          </p>
          <ol>
            {assessment.challenges.map((challenge) => (
              <li key={challenge.challengeVersionId}>
                {challenge.title} (v{challenge.version})
              </li>
            ))}
          </ol>
          {(session.user.roles.recruiter || session.user.roles.admin) && (
            <p>
              <a {...linkProps(`/staff/assessments/${id}/similarity`)}>{t('similarity.link')}</a>
            </p>
          )}
          <AssessmentSettings assessment={assessment} canEdit={session.user.roles.author} />
        </>
      )}

      <h2>{t('attempts')}</h2>
      <p className="hint" role="status">
        {live ? t('live') : t('offline')}
      </p>
      {sortedAttempts.length === 0 ? (
        <p>{t('noAttempts')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('attempts')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('candidate')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('score')}</th>
                <th scope="col">{t('timeUsed')}</th>
                <th scope="col">{t('submissions')}</th>
                <th scope="col">{t('languages')}</th>
                <th scope="col">{t('started')}</th>
              </tr>
            </thead>
            <tbody>
              {sortedAttempts.map((attempt) => (
                <tr key={attempt.id}>
                  <td>
                    <a {...linkProps(`/staff/attempts/${attempt.id}`)}>{attempt.candidateName ?? t('unnamed')}</a>
                  </td>
                  <td>{t(`status_${attempt.status}`)}</td>
                  <td>{attempt.score}</td>
                  <td>{formatSpan(attempt.startedAt, attempt.finishedAt)}</td>
                  <td>{attempt.submissions}</td>
                  <td>{attempt.languages.join(', ')}</td>
                  <td>{formatDateTime(attempt.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Invites assessmentId={id} csrf={session.csrfToken} />

      {assessment && session.user.roles.author && <DuplicateAssessment assessment={assessment} session={session} />}
      {assessment && <ChangeHistory assessmentId={assessment.id} version={`${assessment.title}|${assessment.closesAt}`} />}
    </section>
  );
}
