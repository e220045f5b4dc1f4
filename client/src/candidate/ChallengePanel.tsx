import { useId, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateChallenge, CandidateSubmission, LanguageId, ProgressEvent } from '@kodbro/server/contracts';
import { candidateApi } from '../api/candidate.ts';
import { type ApiError, newId, toApiError } from '../api/http.ts';
import { Editor } from '../editor/index.ts';
import { LANGUAGES } from '../i18n/index.ts';
import { ErrorAlert, errorText } from '../ui/ErrorAlert.tsx';
import type { DraftStore } from './drafts.ts';
import { Statement } from './Statement.tsx';
import { SubmissionView } from './SubmissionView.tsx';

/** Display names of programming languages: the same in every interface language. */
const LANGUAGE_NAMES: Record<LanguageId, string> = {
  python: 'Python',
  javascript: 'JavaScript',
  java: 'Java',
  c: 'C',
  cpp: 'C++',
  go: 'Go',
};

interface Props {
  challenge: CandidateChallenge;
  csrf: string;
  store: DraftStore;
  /** This challenge's submissions, newest first. */
  submissions: CandidateSubmission[];
  progress: Record<string, ProgressEvent>;
  onSubmitted: (submission: CandidateSubmission) => void;
}

/** One challenge: statement, editor with autosave, runs and their results. */
export function ChallengePanel({ challenge, csrf, store, submissions, progress, onSubmitted }: Props) {
  const { t, i18n } = useTranslation();
  const cv = challenge.challengeVersionId;
  const ids = { statementLanguage: useId(), language: useId(), custom: useId(), heading: useId() };

  const statementLanguages = Object.keys(challenge.statements);
  const [statementLanguage, setStatementLanguage] = useState(
    () => [i18n.language, 'en'].find((code) => statementLanguages.includes(code)) ?? statementLanguages[0] ?? 'en',
  );
  const [language, setLanguage] = useState<LanguageId>(() => store.lastLanguage(cv) ?? challenge.languages[0] ?? 'python');
  const [customInput, setCustomInput] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const stored = useSyncExternalStore(store.subscribe, () => store.source(cv, language));
  const source = stored ?? challenge.starters[language] ?? '';
  const saveStatus = useSyncExternalStore(store.subscribe, store.status);
  const saveError = useSyncExternalStore(store.subscribe, store.lastError);
  const conflicts = useSyncExternalStore(store.subscribe, store.conflicts);

  const title = challenge.title[statementLanguage] ?? challenge.title.en ?? Object.values(challenge.title)[0] ?? '';
  const statement = challenge.statements[statementLanguage] ?? { children: [] };
  const busy = sending || submissions.some((entry) => entry.status === 'queued' || entry.status === 'running');

  const run = async (kind: 'samples' | 'custom' | 'submit') => {
    if (kind === 'submit' && !window.confirm(t('workspace.submitConfirm'))) return;
    setSending(true);
    setError(null);
    const body = {
      // Chosen here, so resending after a dropped answer cannot run it twice.
      id: newId(),
      challengeVersionId: cv,
      kind,
      language,
      source,
      ...(kind === 'custom' ? { customInput } : {}),
    };
    try {
      onSubmitted(await candidateApi.submit(csrf, body));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSending(false);
    }
  };

  const saveText = {
    saved: t('save.saved'),
    pending: t('save.saving'),
    saving: t('save.saving'),
    offline: t('save.offline'),
    error: saveError ? errorText(t, saveError) : t('save.offline'),
  }[saveStatus];

  const [latest, ...earlier] = submissions;
  return (
    <div className="challenge">
      <section className="statement" aria-labelledby={ids.heading}>
        <h2 id={ids.heading}>{title}</h2>
        {statementLanguages.length > 1 && (
          <p className="inline-field">
            <label htmlFor={ids.statementLanguage}>{t('workspace.statementLanguage')}</label>
            <select id={ids.statementLanguage} value={statementLanguage} onChange={(event) => setStatementLanguage(event.target.value)}>
              {statementLanguages.map((code) => (
                <option key={code} value={code}>
                  {LANGUAGES.find((entry) => entry.code === code)?.name ?? code}
                </option>
              ))}
            </select>
          </p>
        )}
        <p className="hint">{t('workspace.limits', challenge.limits)}</p>
        <div lang={statementLanguage} dir={['ar', 'prs', 'fa'].includes(statementLanguage) ? 'rtl' : 'ltr'}>
          <Statement doc={statement} title={title} imageUrl={(file) => candidateApi.fileUrl(cv, file)} />
        </div>
      </section>

      <section className="code" aria-label={t('workspace.editor')}>
        <div className="code-bar">
          <span className="inline-field">
            <label htmlFor={ids.language}>{t('workspace.programmingLanguage')}</label>
            <select id={ids.language} value={language} onChange={(event) => setLanguage(event.target.value as LanguageId)}>
              {challenge.languages.map((id) => (
                <option key={id} value={id}>
                  {LANGUAGE_NAMES[id]}
                </option>
              ))}
            </select>
          </span>
          <span className={`save-status save-${saveStatus}`} role="status" aria-live="polite" aria-atomic="true">
            {saveText}
          </span>
        </div>
        <p className="notice" aria-live="polite">
          {conflicts > 0 ? t('save.conflict') : ''}
        </p>
        <Editor value={source} onChange={(next) => store.edit(cv, language, next)} language={language} label={t('workspace.editor')} />
        <div className="run-bar">
          <button type="button" onClick={() => void run('samples')} disabled={busy}>
            {t('workspace.runSamples')}
          </button>
          <button type="button" className="primary" onClick={() => void run('submit')} disabled={busy}>
            {t('workspace.submit')}
          </button>
          {challenge.starters[language] !== undefined && (
            <button
              type="button"
              className="quiet"
              onClick={() => window.confirm(t('workspace.resetConfirm')) && store.edit(cv, language, challenge.starters[language] ?? '')}
            >
              {t('workspace.resetToStarter')}
            </button>
          )}
        </div>
        <details className="custom">
          <summary>{t('workspace.customInput')}</summary>
          <label htmlFor={ids.custom}>{t('workspace.customInput')}</label>
          <textarea id={ids.custom} className="mono" dir="ltr" rows={5} value={customInput} onChange={(event) => setCustomInput(event.target.value)} spellCheck={false} />
          <button type="button" onClick={() => void run('custom')} disabled={busy}>
            {t('workspace.runCustom')}
          </button>
        </details>
        <ErrorAlert error={error} />

        <section className="results" aria-label={t('workspace.results')}>
          <h3>{t('workspace.results')}</h3>
          {latest ? <SubmissionView submission={latest} progress={progress[latest.id]} /> : <p>{t('workspace.noRuns')}</p>}
          {earlier.length > 0 && (
            <>
              <h3>{t('workspace.history')}</h3>
              {earlier.map((entry) => (
                <details key={entry.id} className="history">
                  <SubmissionView submission={entry} progress={progress[entry.id]} asSummary />
                </details>
              ))}
            </>
          )}
        </section>
      </section>
    </div>
  );
}
