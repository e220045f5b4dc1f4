import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateAttempt } from '@kodbro/server/contracts';
import { candidateApi } from '../api/candidate.ts';
import { type ApiError, toApiError } from '../api/http.ts';
import { LANGUAGES } from '../i18n/index.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ConnectionCheck } from './ConnectionCheck.tsx';
import { LANGUAGE_NAMES, scoringRule, taskLanguages, taskTitle, tasksInOrder } from './contract-view.ts';
import { formatDateTime } from './format.ts';

/**
 * Before the timer starts: what the test holds and how it is scored, what
 * the company will see, a connection check, the interface language, and
 * Start. Nothing to sign up for.
 */
export function Overview({ attempt, csrf, onAttempt }: { attempt: CandidateAttempt; csrf: string; onAttempt: (attempt: CandidateAttempt) => void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { assessment } = attempt;

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
        <li>{t('attempt.closesAt', { time: formatDateTime(i18n.language, assessment.closesAt) })}</li>
      </ul>

      <h2>{t('attempt.tasks')}</h2>
      <ol className="task-list">
        {tasksInOrder(attempt).map((task) => {
          const languages = taskLanguages(task);
          return (
            <li key={task.challengeVersionId}>
              <bdi>{taskTitle(task, i18n.language)}</bdi>
              {languages.length > 0 && (
                <span className="hint">
                  {' '}
                  — {t('overview.languages')} <bdi dir="ltr">{languages.map((id) => LANGUAGE_NAMES[id]).join(', ')}</bdi>
                </span>
              )}
            </li>
          );
        })}
      </ol>

      <h2>{t('overview.scoringTitle')}</h2>
      <ul>
        <li>{t('overview.countsWhenSubmitted')}</li>
        <li>{t(scoringRule(attempt) === 'best' ? 'overview.bestCounts' : 'overview.lastCounts')}</li>
        <li>{t(`overview.youSee_${assessment.resultsVisibility}`)}</li>
      </ul>

      <h2>{t('overview.companySeesTitle')}</h2>
      <p>{t('overview.companySees')}</p>

      <h2>{t('overview.beforeStart')}</h2>
      <ConnectionCheck />
      <p className="overview-language">
        {t('overview.interfaceLanguage', { name: LANGUAGES.find((entry) => entry.code === i18n.language)?.name ?? i18n.language })}{' '}
        <button type="button" className="small quiet" onClick={() => document.querySelector<HTMLSelectElement>('.top-bar .language-picker select')?.focus()}>
          {t('overview.changeLanguage')}
        </button>
      </p>
      <p>{t('attempt.startInfo')}</p>
      <ErrorAlert error={error} />
      <button type="button" className="primary big" onClick={() => void start()} disabled={busy}>
        {busy ? t('common.loading') : t('attempt.start')}
      </button>
    </section>
  );
}
