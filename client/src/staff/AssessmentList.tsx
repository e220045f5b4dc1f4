import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentView } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { linkProps } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime } from './format.ts';

export function AssessmentList({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation('staff');
  const [assessments, setAssessments] = useState<AssessmentView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    staffApi.assessments().then(
      (list) => setAssessments(list.assessments),
      (caught: unknown) => setError(toApiError(caught)),
    );
  }, []);

  return (
    <section>
      <h1>{t('assessments')}</h1>
      {canCreate && (
        <p>
          <a {...linkProps('/staff/assessments/new')}>{t('assessmentEditor.newAssessment')}</a>
        </p>
      )}
      <ErrorAlert error={error} />
      {assessments?.length === 0 && <p>{t('noAssessments')}</p>}
      {assessments && assessments.length > 0 && (
        <ul className="cards">
          {assessments.map((assessment) => (
            <li key={assessment.id}>
              <h2>
                <a {...linkProps(`/staff/assessments/${assessment.id}`)}>{assessment.title}</a>
              </h2>
              <p>
                {t('challenges', { count: assessment.challenges.length })} · {t('timeLimit', { minutes: assessment.timeLimitMinutes })}
              </p>
              <p>{t('window', { opens: formatDateTime(assessment.opensAt), closes: formatDateTime(assessment.closesAt) })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
