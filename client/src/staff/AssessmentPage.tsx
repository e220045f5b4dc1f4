import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentView, StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { linkProps } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { AssessmentSettings, ChangeHistory, DuplicateAssessment } from './AssessmentExtras.tsx';
import { Dashboard } from './Dashboard.tsx';
import { formatDateTime } from './format.ts';
import { Invites } from './Invites.tsx';

/** One assessment: its settings, the candidates' dashboard (Dashboard.tsx, live; recruiters and the admin) and invites (Invites.tsx). */
export function AssessmentPage({ id, session }: { id: string; session: StaffSession }) {
  const { t } = useTranslation('staff');
  const [assessment, setAssessment] = useState<AssessmentView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // A reveal changes what the invites list may show: it is read again.
  const [reveals, setReveals] = useState(0);

  useEffect(() => {
    const fail = (caught: unknown) => setError(toApiError(caught));
    staffApi.assessment(id).then(setAssessment, fail);
  }, [id]);

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

      {(session.user.roles.recruiter || session.user.roles.admin) && <Dashboard assessmentId={id} session={session} onRevealed={() => setReveals((n) => n + 1)} />}

      <Invites key={reveals} assessmentId={id} csrf={session.csrfToken} />

      {assessment && session.user.roles.author && <DuplicateAssessment assessment={assessment} session={session} />}
      {assessment && <ChangeHistory assessmentId={assessment.id} version={`${assessment.title}|${assessment.closesAt}`} />}
    </section>
  );
}
