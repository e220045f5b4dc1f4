import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateAttempt } from '@kodbro/server/contracts';
import { candidateApi } from '../api/candidate.ts';
import { type ApiError, toApiError } from '../api/http.ts';
import { formatsFor } from '../i18n/index.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

/** Before the timer starts: what the assessment holds, and the Start button. */
export function Overview({ attempt, csrf, onAttempt }: { attempt: CandidateAttempt; csrf: string; onAttempt: (attempt: CandidateAttempt) => void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { assessment } = attempt;
  const closes = formatsFor(i18n.language).dateTime(assessment.closesAt);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      onAttempt(await candidateApi.start(csrf));
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  return (
    <section className="narrow overview">
      {attempt.candidateName && <p className="hello">{t('attempt.hello', { name: attempt.candidateName })}</p>}
      <ul className="facts">
        <li>{t('attempt.timeLimit', { count: assessment.timeLimitMinutes })}</li>
        <li>{t('attempt.closesAt', { time: closes })}</li>
      </ul>
      <h2>{t('attempt.tasks')}</h2>
      <ol>
        {[...assessment.challenges]
          .sort((a, b) => a.position - b.position)
          .map((challenge) => (
            <li key={challenge.challengeVersionId}>{challenge.title}</li>
          ))}
      </ol>
      <p>{t('attempt.startInfo')}</p>
      <ErrorAlert error={error} />
      <button type="button" className="primary big" onClick={() => void start()} disabled={busy}>
        {busy ? t('common.loading') : t('attempt.start')}
      </button>
    </section>
  );
}
