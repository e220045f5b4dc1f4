import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RESULTS_VISIBILITIES } from '@kodbro/server/contracts/plain';
import type { AssessmentView, ChallengeDetail, ChallengeSummary, StaffSession, UpdateAssessmentBody } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { assessmentEditorApi } from '../api/staff-assessments.ts';
import { LANGUAGES } from '../i18n/index.ts';
import { linkProps, navigate } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime } from './format.ts';
import { fromLocalInput, runningRefusal, toLocalInput } from './assessment-form.ts';

type Visibility = (typeof RESULTS_VISIBILITIES)[number];

/** A task in the form: a challenge and the version chosen (the newest unless changed). */
interface Task {
  challenge: ChallengeDetail;
  versionId: string;
}

interface Form {
  title: string;
  tasks: Task[];
  timeLimitMinutes: string;
  opensAt: string;
  closesAt: string;
  resultsVisibility: Visibility;
  interfaceLanguages: string[];
  extraTimeOn: boolean;
  secondLanguagePercent: string;
  anonymousReview: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PERCENT = 25;

function emptyForm(): Form {
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  return {
    title: '',
    tasks: [],
    timeLimitMinutes: '60',
    opensAt: toLocalInput(start.toISOString()),
    closesAt: toLocalInput(new Date(start.getTime() + 7 * DAY_MS).toISOString()),
    resultsVisibility: 'aggregate',
    interfaceLanguages: LANGUAGES.map((language) => language.code),
    extraTimeOn: true,
    secondLanguagePercent: String(DEFAULT_PERCENT),
    anonymousReview: false,
  };
}

function formOf(assessment: AssessmentView, details: Map<string, ChallengeDetail>): Form {
  return {
    title: assessment.title,
    tasks: assessment.challenges.flatMap((c) => {
      const challenge = details.get(c.challengeId);
      return challenge ? [{ challenge, versionId: c.challengeVersionId }] : [];
    }),
    timeLimitMinutes: String(assessment.timeLimitMinutes),
    opensAt: toLocalInput(assessment.opensAt),
    closesAt: toLocalInput(assessment.closesAt),
    resultsVisibility: assessment.resultsVisibility,
    interfaceLanguages: [...assessment.interfaceLanguages],
    extraTimeOn: assessment.secondLanguagePercent > 0,
    secondLanguagePercent: String(assessment.secondLanguagePercent > 0 ? assessment.secondLanguagePercent : DEFAULT_PERCENT),
    anonymousReview: assessment.anonymousReview,
  };
}

/**
 * Creates an assessment (`id` absent) or changes one: tasks as pinned
 * challenge versions, time, window, what candidates see (in words),
 * interface languages and extra time for second-language candidates. Once a
 * candidate has started, the fields that may no longer change are disabled
 * (the server refuses them regardless).
 */
export function AssessmentEditor({ id, session }: { id?: string; session: StaffSession }) {
  const { t } = useTranslation('staff');
  const [challenges, setChallenges] = useState<ChallengeSummary[] | null>(null);
  const [original, setOriginal] = useState<AssessmentView | null>(null);
  const [form, setForm] = useState<Form | null>(id ? null : emptyForm());
  const [toAdd, setToAdd] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const fail = (caught: unknown) => setError(toApiError(caught));
    staffApi.challenges().then((list) => setChallenges(list.challenges), fail);
    if (!id) return;
    staffApi.assessment(id).then(async (assessment) => {
      const ids = [...new Set(assessment.challenges.map((c) => c.challengeId))];
      const details = new Map((await Promise.all(ids.map((challengeId) => assessmentEditorApi.challenge(challengeId)))).map((d) => [d.id, d]));
      setOriginal(assessment);
      setForm(formOf(assessment, details));
    }, fail);
  }, [id]);

  if (!form) return <ErrorAlert error={error} />;
  const running = original?.running ?? false;
  const update = (changes: Partial<Form>) => setForm({ ...form, ...changes });
  const chosen = new Set(form.tasks.map((task) => task.challenge.id));
  const addable = (challenges ?? []).filter((c) => !chosen.has(c.id));

  const addTask = async () => {
    const challengeId = toAdd || addable[0]?.id;
    if (!challengeId) return;
    try {
      const challenge = await assessmentEditorApi.challenge(challengeId);
      setForm((current) => current && { ...current, tasks: [...current.tasks, { challenge, versionId: challenge.latestVersionId }] });
      setToAdd('');
      setStatus('');
    } catch (caught) {
      setError(toApiError(caught));
    }
  };
  const moveTask = (index: number, by: -1 | 1) => {
    const tasks = [...form.tasks];
    const [task] = tasks.splice(index, 1);
    tasks.splice(index + by, 0, task!);
    update({ tasks });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setProblem(null);
    setStatus('');
    if (form.tasks.length === 0) {
      setProblem(t('assessmentEditor.needTask'));
      return;
    }
    const body = {
      title: form.title.trim(),
      challengeVersionIds: form.tasks.map((task) => task.versionId),
      timeLimitMinutes: Number(form.timeLimitMinutes),
      opensAt: fromLocalInput(form.opensAt),
      closesAt: fromLocalInput(form.closesAt),
      resultsVisibility: form.resultsVisibility,
      interfaceLanguages: form.interfaceLanguages as UpdateAssessmentBody['interfaceLanguages'] & string[],
      secondLanguagePercent: form.extraTimeOn ? Number(form.secondLanguagePercent) : 0,
      anonymousReview: form.anonymousReview,
    };
    setBusy(true);
    try {
      if (!id || !original) {
        const created = await assessmentEditorApi.create(session.csrfToken, body);
        navigate(`/staff/assessments/${created.id}`);
        return;
      }
      const changes = changedOnly(original, body);
      if (Object.keys(changes).length === 0) {
        setStatus(t('assessmentEditor.noChange'));
        return;
      }
      const saved = await assessmentEditorApi.update(session.csrfToken, id, changes);
      setOriginal(saved);
      setStatus(t('assessmentEditor.saved'));
    } catch (caught) {
      const apiError = toApiError(caught);
      const fields = runningRefusal(apiError);
      if (fields) setProblem(t('assessmentEditor.refusedRunning', { fields: fields.map((f) => t(`assessmentEditor.field_${f}`)).join(', ') }));
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  const heading = original ? t('assessmentEditor.editTitle', { title: original.title }) : t('assessmentEditor.createTitle');
  return (
    <section className="assessment-editor">
      <p>
        {original ? <a {...linkProps(`/staff/assessments/${original.id}`)}>{t('assessmentEditor.cancel')}</a> : <a {...linkProps('/staff')}>{t('back')}</a>}
      </p>
      <h1>{heading}</h1>
      {running && <p className="note">{t('assessmentEditor.running')}</p>}
      <form onSubmit={submit} noValidate={false}>
        <p className="field">
          <label htmlFor="assessment-title">{t('assessmentEditor.title')}</label>
          <input id="assessment-title" required maxLength={200} value={form.title} onChange={(event) => update({ title: event.target.value })} />
        </p>

        <fieldset disabled={running}>
          <legend>{t('assessmentEditor.tasks')}</legend>
          <p className="hint">{t('assessmentEditor.tasksHint')}</p>
          {form.tasks.length === 0 ? (
            <p>{t('assessmentEditor.noTasks')}</p>
          ) : (
            <ol className="task-list">
              {form.tasks.map((task, index) => {
                const title = task.challenge.title;
                const selectId = `task-version-${task.challenge.id}`;
                return (
                  <li key={task.challenge.id}>
                    <span className="task-title">{title}</span>{' '}
                    <label htmlFor={selectId} className="visually-hidden">
                      {t('assessmentEditor.version', { title })}
                    </label>
                    <select
                      id={selectId}
                      value={task.versionId}
                      onChange={(event) => update({ tasks: form.tasks.map((other, i) => (i === index ? { ...other, versionId: event.target.value } : other)) })}
                    >
                      {[...task.challenge.versions].reverse().map((version) => (
                        <option key={version.id} value={version.id}>
                          {t('assessmentEditor.versionOption', { version: version.version, date: formatDateTime(version.createdAt) })}
                          {version.id === task.challenge.latestVersionId ? ` · ${t('assessmentEditor.newest')}` : ''}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="button" disabled={index === 0} onClick={() => moveTask(index, -1)} aria-label={t('assessmentEditor.moveUp', { title })}>
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={index === form.tasks.length - 1}
                      onClick={() => moveTask(index, 1)}
                      aria-label={t('assessmentEditor.moveDown', { title })}
                    >
                      ↓
                    </button>
                    <button type="button" onClick={() => update({ tasks: form.tasks.filter((_, i) => i !== index) })}>
                      {t('assessmentEditor.remove', { title })}
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
          {challenges && challenges.length === 0 && <p>{t('assessmentEditor.noChallenges')}</p>}
          {addable.length > 0 && (
            <p className="inline-form">
              <label htmlFor="add-challenge">{t('assessmentEditor.addChallenge')}</label>
              <select id="add-challenge" value={toAdd || addable[0]!.id} onChange={(event) => setToAdd(event.target.value)}>
                {addable.map((challenge) => (
                  <option key={challenge.id} value={challenge.id}>
                    {challenge.title}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => void addTask()}>
                {t('assessmentEditor.add')}
              </button>
            </p>
          )}
        </fieldset>

        <p className="field">
          <label htmlFor="assessment-time">{t('assessmentEditor.timeLimit')}</label>
          <input
            id="assessment-time"
            type="number"
            min={1}
            max={24 * 60}
            required
            disabled={running}
            value={form.timeLimitMinutes}
            onChange={(event) => update({ timeLimitMinutes: event.target.value })}
          />
        </p>
        <p className="field">
          <label htmlFor="assessment-opens">{t('assessmentEditor.opensAt')}</label>
          <input id="assessment-opens" type="datetime-local" required disabled={running} value={form.opensAt} onChange={(event) => update({ opensAt: event.target.value })} />
        </p>
        <p className="field">
          <label htmlFor="assessment-closes">{t('assessmentEditor.closesAt')}</label>
          <input id="assessment-closes" type="datetime-local" required value={form.closesAt} onChange={(event) => update({ closesAt: event.target.value })} />
        </p>

        <fieldset disabled={running}>
          <legend>{t('assessmentEditor.visibility')}</legend>
          {RESULTS_VISIBILITIES.map((visibility) => (
            <p key={visibility} className="choice">
              <input
                type="radio"
                id={`visibility-${visibility}`}
                name="visibility"
                value={visibility}
                checked={form.resultsVisibility === visibility}
                onChange={() => update({ resultsVisibility: visibility })}
                aria-describedby={`visibility-${visibility}-text`}
              />
              <label htmlFor={`visibility-${visibility}`}>{t(`assessmentEditor.visibilityLabel_${visibility}`)}</label>
              <span id={`visibility-${visibility}-text`} className="hint">
                {t(`assessmentEditor.visibility_${visibility}`)}
              </span>
            </p>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('assessmentEditor.languages')}</legend>
          <p className="hint">{t('assessmentEditor.languagesHint')}</p>
          {LANGUAGES.map((language) => {
            const checked = form.interfaceLanguages.includes(language.code);
            // Once running, an offered language stays offered: a candidate may be reading it.
            const locked = running && (original?.interfaceLanguages as string[] | undefined)?.includes(language.code);
            return (
              <p key={language.code} className="choice">
                <input
                  type="checkbox"
                  id={`language-${language.code}`}
                  checked={checked}
                  disabled={locked}
                  onChange={() =>
                    update({ interfaceLanguages: checked ? form.interfaceLanguages.filter((code) => code !== language.code) : [...form.interfaceLanguages, language.code] })
                  }
                />
                <label htmlFor={`language-${language.code}`} lang={language.code}>
                  {language.name}
                </label>
              </p>
            );
          })}
        </fieldset>

        <fieldset disabled={running}>
          <legend>{t('assessmentEditor.extraTime')}</legend>
          <p className="hint">{t('assessmentEditor.extraTimeHint')}</p>
          <p className="choice">
            <input type="checkbox" id="extra-time-on" checked={form.extraTimeOn} onChange={(event) => update({ extraTimeOn: event.target.checked })} />
            <label htmlFor="extra-time-on">{t('assessmentEditor.extraTimeOn')}</label>
          </p>
          <p className="field">
            <label htmlFor="extra-time-percent">{t('assessmentEditor.extraTimePercent')}</label>
            <input
              id="extra-time-percent"
              type="number"
              min={1}
              max={100}
              disabled={!form.extraTimeOn}
              value={form.secondLanguagePercent}
              onChange={(event) => update({ secondLanguagePercent: event.target.value })}
            />
          </p>
        </fieldset>

        <fieldset>
          <legend>{t('assessmentEditor.anonymousReview')}</legend>
          <p className="choice">
            <input type="checkbox" id="anonymous-review" checked={form.anonymousReview} onChange={(event) => update({ anonymousReview: event.target.checked })} />
            <label htmlFor="anonymous-review">{t('assessmentEditor.anonymousReviewOn')}</label>
          </p>
        </fieldset>

        <div className="alert" role="alert">
          {problem}
        </div>
        <ErrorAlert error={error} />
        <p>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('assessmentEditor.saving') : original ? t('assessmentEditor.save') : t('assessmentEditor.create')}
          </button>
        </p>
        <p role="status">{status}</p>
      </form>
    </section>
  );
}

/** The body's fields that differ from the assessment as it is (a PATCH sends only changes, so a running assessment is not refused for an untouched field). */
function changedOnly(original: AssessmentView, body: Required<UpdateAssessmentBody>): UpdateAssessmentBody {
  const now: Required<UpdateAssessmentBody> = {
    title: original.title,
    challengeVersionIds: original.challenges.map((c) => c.challengeVersionId),
    timeLimitMinutes: original.timeLimitMinutes,
    opensAt: original.opensAt,
    closesAt: original.closesAt,
    resultsVisibility: original.resultsVisibility,
    interfaceLanguages: original.interfaceLanguages,
    secondLanguagePercent: original.secondLanguagePercent,
    anonymousReview: original.anonymousReview,
  };
  // The form's times are whole minutes: a stored time with seconds is the same minute, not a change.
  const minute = (iso: string) => Math.floor(Date.parse(iso) / 60_000);
  const same = (key: keyof UpdateAssessmentBody, a: unknown, b: unknown) =>
    key === 'opensAt' || key === 'closesAt' ? minute(a as string) === minute(b as string) : JSON.stringify(a) === JSON.stringify(b);
  const sortedLanguages = (codes: readonly string[]) => LANGUAGES.map((l) => l.code).filter((code) => codes.includes(code));
  const changes: UpdateAssessmentBody = {};
  for (const key of Object.keys(body) as (keyof UpdateAssessmentBody)[]) {
    const next = key === 'interfaceLanguages' ? sortedLanguages(body[key]) : body[key];
    if (!same(key, next, now[key])) Object.assign(changes, { [key]: next });
  }
  return changes;
}
