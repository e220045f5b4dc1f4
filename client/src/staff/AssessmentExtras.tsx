import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentChangeView, AssessmentView, StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { assessmentEditorApi } from '../api/staff-assessments.ts';
import { LANGUAGES } from '../i18n/index.ts';
import { linkProps } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { fromLocalInput, toLocalInput } from './assessment-form.ts';
import { formatDateTime } from './format.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The settings an author chose, in sentences: what candidates see, languages, extra time; and the way to change them. */
export function AssessmentSettings({ assessment, canEdit }: { assessment: AssessmentView; canEdit: boolean }) {
  const { t } = useTranslation('staff');
  const languageNames = LANGUAGES.filter((l) => (assessment.interfaceLanguages as string[]).includes(l.code)).map((l) => l.name);
  const percent = assessment.secondLanguagePercent;
  return (
    <>
      <p>{t(`assessmentEditor.visibilityShort_${assessment.resultsVisibility}`)}</p>
      <p>{t('assessmentEditor.languagesSummary', { languages: languageNames.join(', ') })}</p>
      <p>
        {percent > 0
          ? t('assessmentEditor.extraTimeSummary', { percent, minutes: Math.ceil((assessment.timeLimitMinutes * (100 + percent)) / 100) })
          : t('assessmentEditor.extraTimeOff')}
      </p>
      {assessment.running && <p className="note">{t('assessmentEditor.running')}</p>}
      {canEdit && (
        <p>
          <a {...linkProps(`/staff/assessments/${assessment.id}/edit`)}>{t('assessmentEditor.edit')}</a>
        </p>
      )}
    </>
  );
}

/** Next month's round: the same tasks and settings under a new title and window. */
export function DuplicateAssessment({ assessment, session }: { assessment: AssessmentView; session: StaffSession }) {
  const { t } = useTranslation('staff');
  const length = Date.parse(assessment.closesAt) - Date.parse(assessment.opensAt);
  const nextOpen = Math.max(Date.now(), Date.parse(assessment.opensAt) + 30 * DAY_MS);
  const [title, setTitle] = useState(t('assessmentEditor.copyOf', { title: assessment.title }));
  const [opensAt, setOpensAt] = useState(toLocalInput(new Date(nextOpen).toISOString()));
  const [closesAt, setClosesAt] = useState(toLocalInput(new Date(nextOpen + length).toISOString()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [copy, setCopy] = useState<AssessmentView | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCopy(null);
    try {
      setCopy(await assessmentEditorApi.duplicate(session.csrfToken, assessment.id, { title: title.trim(), opensAt: fromLocalInput(opensAt), closesAt: fromLocalInput(closesAt) }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="duplicate" aria-labelledby="duplicate-heading">
      <h2 id="duplicate-heading">{t('assessmentEditor.duplicate')}</h2>
      <p className="hint">{t('assessmentEditor.duplicateHint')}</p>
      <p className="field">
        <label htmlFor="duplicate-title">{t('assessmentEditor.duplicateTitle')}</label>
        <input id="duplicate-title" required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} />
      </p>
      <p className="field">
        <label htmlFor="duplicate-opens">{t('assessmentEditor.opensAt')}</label>
        <input id="duplicate-opens" type="datetime-local" required value={opensAt} onChange={(event) => setOpensAt(event.target.value)} />
      </p>
      <p className="field">
        <label htmlFor="duplicate-closes">{t('assessmentEditor.closesAt')}</label>
        <input id="duplicate-closes" type="datetime-local" required value={closesAt} onChange={(event) => setClosesAt(event.target.value)} />
      </p>
      <p>
        <button type="submit" disabled={busy}>
          {t('assessmentEditor.duplicateButton')}
        </button>
      </p>
      <ErrorAlert error={error} />
      <p role="status">
        {copy && (
          <>
            {t('assessmentEditor.duplicated', { title: copy.title })} <a {...linkProps(`/staff/assessments/${copy.id}`)}>{t('assessmentEditor.openCopy')}</a>
          </>
        )}
      </p>
    </form>
  );
}

/** Who changed what, and when: the assessment's change record, newest first. */
export function ChangeHistory({ assessmentId, version }: { assessmentId: string; version: string }) {
  const { t } = useTranslation('staff');
  const [changes, setChanges] = useState<AssessmentChangeView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    assessmentEditorApi.changes(assessmentId).then(
      (list) => setChanges(list.changes),
      (caught: unknown) => setError(toApiError(caught)),
    );
    // `version` (the assessment's state) reloads the record after a change.
  }, [assessmentId, version]);

  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('assessmentEditor.history')}</h2>
      <ErrorAlert error={error} />
      {changes?.length === 0 && <p>{t('assessmentEditor.noHistory')}</p>}
      {changes && changes.length > 0 && (
        <ol className="change-history" reversed>
          {[...changes].reverse().map((change) => {
            const by = change.by ?? t('assessmentEditor.someone');
            const text =
              change.kind === 'updated'
                ? t('assessmentEditor.historyUpdated', { by, fields: change.changes.map((c) => t(`assessmentEditor.field_${c.field}`)).join(', ') })
                : change.copiedFrom
                  ? t('assessmentEditor.historyCopied', { by })
                  : t('assessmentEditor.historyCreated', { by });
            return (
              <li key={change.id}>
                <time dateTime={change.at}>{formatDateTime(change.at)}</time> · {text}
                {change.copiedFrom && (
                  <>
                    {' '}
                    (<a {...linkProps(`/staff/assessments/${change.copiedFrom}`)}>{t('assessmentEditor.openOriginal')}</a>)
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
