import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChallengeDraftView, StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../../api/http.ts';
import { draftsApi } from '../../api/staff-drafts.ts';
import type { PublishedChallenge } from '../../api/staff-library.ts';
import { linkProps, navigate } from '../../router.ts';
import { staffErrorText } from '../error-words.ts';
import { StaffAlert } from '../StaffAlert.tsx';
import { canPublish, draftIssues, draftToSave, editorReducer, hasUnsaved, initialState, issuesUnder, type DraftChange, type EditorAction, type EditorState } from './draft-model.ts';
import { FieldIssues } from './FieldIssues.tsx';
import { ExplainSection } from './ExplainSection.tsx';
import { LanguagesSection, LimitsSection } from './SettingsSections.tsx';
import { SignatureSection } from './SignatureSection.tsx';
import { SolutionsSection } from './SolutionsSection.tsx';
import { StatementSection } from './StatementSection.tsx';
import { TestsSection } from './TestsSection.tsx';
import { ValidateSection } from './ValidateSection.tsx';
import './editor.css';

/** Typing pauses this long before the draft is saved. */
const AUTOSAVE_DELAY_MS = 1000;
/** After a save that failed on the way (no connection, a busy server), the next try. */
const RETRY_DELAY_MS = 5000;
/** How often a running validation is asked about. */
const POLL_MS = 1000;

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * `/staff/challenges/drafts/:draftId`: a challenge draft, section by section,
 * saved a second after each change with the revision it was made on. A newer
 * save by someone else is a conflict the author decides (their text stays);
 * a failed save keeps the text and tries again; leaving with unsaved changes
 * asks first. Validation runs on the judge and is watched live; publishing
 * needs it to have passed on the saved draft.
 */
export function ChallengeEditor({ draftId, session }: { draftId: string; session: StaffSession }) {
  const { t } = useTranslation('authoring');
  const { t: staffT } = useTranslation('staff');
  const csrf = session.csrfToken;

  // The state lives in a ref as well as in React's state: a save reads the latest
  // revision at once after the previous save, not after the next render.
  const stateRef = useRef<EditorState | null>(null);
  const [state, setState] = useState<EditorState | null>(null);
  const act = useCallback((action: EditorAction) => {
    const was = stateRef.current;
    if (!was) return;
    stateRef.current = editorReducer(was, action);
    setState(stateRef.current);
  }, []);
  const [view, setView] = useState<ChallengeDraftView | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  // Sections keep some text of their own (a half-typed limit): a reload starts them afresh.
  const [loads, setLoads] = useState(0);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const load = useCallback((loaded: ChallengeDraftView) => {
    stateRef.current = initialState(loaded.draft, loaded.revision, loaded.validation);
    setState(stateRef.current);
    setView(loaded);
    setLoads((n) => n + 1);
  }, []);

  useEffect(() => {
    let current = true;
    draftsApi.get(draftId).then(
      (loaded) => current && load(loaded),
      (caught: unknown) => current && setLoadError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [draftId, load]);

  /** Saves what is unsaved (waiting for a save on the way first); whether everything is saved after. */
  const saveNow = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const before = stateRef.current;
    if (!before) return false;
    if (!hasUnsaved(before)) return true;
    if (before.save.kind === 'conflict') return false;
    const edits = before.edits;
    act({ type: 'saving' });
    const run = (async () => {
      try {
        const saved = await draftsApi.save(csrf, draftId, before.revision, draftToSave(before.draft));
        act({ type: 'saved', revision: saved.revision, edits, at: new Date().toISOString(), validation: saved.validation });
        return true;
      } catch (caught) {
        const error = toApiError(caught);
        if (error.code === 'conflict') act({ type: 'conflict' });
        else if (error.code === 'invalid_request') act({ type: 'saveFailed', message: t('save.invalid'), retry: false, edits, issues: draftIssues(error.details) });
        else act({ type: 'saveFailed', message: staffErrorText(staffT, error), retry: error.status === 0 || error.status >= 500 || error.code === 'rate_limited', edits });
        return false;
      }
    })();
    inFlight.current = run;
    try {
      return (await run) && stateRef.current !== null && !hasUnsaved(stateRef.current);
    } finally {
      inFlight.current = null;
    }
  }, [act, csrf, draftId, t, staffT]);

  // Autosave: a moment after the last change, or a while after a failure worth retrying.
  const save = state?.save;
  const edits = state?.edits ?? 0;
  const unsaved = state ? hasUnsaved(state) : false;
  useEffect(() => {
    if (!unsaved || !save || save.kind === 'saving' || save.kind === 'conflict') return;
    // The server refused this content: wait for the author's next change.
    if (save.kind === 'failed' && !save.retry && save.edits === edits) return;
    const timer = setTimeout(() => void saveNow(), save.kind === 'failed' && save.retry ? RETRY_DELAY_MS : AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [unsaved, save, edits, saveNow]);

  // Leaving for another staff page (a link inside the app) sends what is unsaved at once.
  const latestSave = useRef(saveNow);
  useLayoutEffect(() => {
    latestSave.current = saveNow;
  });
  useEffect(() => () => void latestSave.current(), []);

  // Leaving (closing the tab, reloading, another address) with unsaved changes asks first.
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  // A running validation is asked about every second; its rows fill in as solutions finish.
  const validationRunning = state?.validation?.status === 'running';
  useEffect(() => {
    if (!validationRunning) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      timer = setTimeout(() => {
        draftsApi.validation(draftId).then(
          (reply) => {
            if (!current) return;
            act({ type: 'validation', validation: reply.validation });
            if (reply.validation?.status === 'running') poll();
          },
          () => current && poll(),
        );
      }, POLL_MS);
    };
    poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [validationRunning, draftId, act]);

  const [validating, setValidating] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [actionMessage, setActionMessage] = useState('');
  const [published, setPublished] = useState<PublishedChallenge | null>(null);

  const validate = async () => {
    setValidating(true);
    setPublished(null);
    setActionMessage(stateRef.current && hasUnsaved(stateRef.current) ? t('validate.savingFirst') : '');
    try {
      if (!(await saveNow())) {
        setActionMessage(t('save.notSaved', { reason: saveReason() }));
        return;
      }
      const started = await draftsApi.validate(csrf, draftId);
      setActionMessage('');
      act({ type: 'validation', validation: started.validation });
    } catch (caught) {
      setActionMessage(judgeErrorText(toApiError(caught)));
    } finally {
      setValidating(false);
    }
  };

  // A validation or publish already running for the organisation is a moment's wait, said in the server's words
  // (the staff words for rate_limited speak of sign-in attempts and minutes).
  const judgeErrorText = (error: ApiError) => (error.code === 'rate_limited' ? error.message : staffErrorText(staffT, error));

  const saveReason = () => {
    const now = stateRef.current?.save;
    return now?.kind === 'failed' ? now.message : now?.kind === 'conflict' ? t('save.conflict') : '';
  };

  const publish = async () => {
    setPublishing(true);
    setActionMessage('');
    try {
      const done = await draftsApi.publish(csrf, draftId);
      setPublished(done);
      // The draft now belongs to a published challenge.
      setView((was) => (was ? { ...was, challengeId: done.challenge.id } : was));
    } catch (caught) {
      setActionMessage(judgeErrorText(toApiError(caught)));
    } finally {
      setPublishing(false);
    }
  };

  const reloadTheirs = async () => {
    if (!window.confirm(t('save.reloadConfirm'))) return;
    try {
      load(await draftsApi.get(draftId));
    } catch (caught) {
      act({ type: 'saveFailed', message: staffErrorText(staffT, toApiError(caught)), retry: false, edits });
    }
  };

  const keepMine = async () => {
    try {
      const theirs = await draftsApi.get(draftId);
      act({ type: 'overwrite', revision: theirs.revision });
    } catch (caught) {
      act({ type: 'saveFailed', message: staffErrorText(staffT, toApiError(caught)), retry: false, edits });
    }
  };

  const remove = async () => {
    if (!view || !window.confirm(t('editor.deleteConfirm', { slug: view.slug }))) return;
    try {
      await draftsApi.remove(csrf, draftId);
      stateRef.current = null;
      setState(null);
      navigate('/staff/challenges');
    } catch (caught) {
      setActionMessage(staffErrorText(staffT, toApiError(caught)));
    }
  };

  if (loadError) return <StaffAlert error={loadError} />;
  if (!state || !view) return <p role="status">{t('editor.loading')}</p>;

  const change = (next: DraftChange) => act({ type: 'edit', change: next });
  const firstTitle = state.draft.title.en ?? Object.values(state.draft.title)[0] ?? view.slug;
  const testIssues = state.issues.filter((issue) => issue.path[0] === 'samples' || issue.path[0] === 'groups');
  const otherIssues = state.issues.filter((issue) => !['title', 'statements', 'languages', 'starters', 'limits', 'checker', 'samples', 'groups', 'solutions'].includes(String(issue.path[0])));

  return (
    <section className="challenge-editor" key={loads}>
      <p>
        <a {...linkProps('/staff/challenges')}>{t('editor.back')}</a>
      </p>
      <h1>{t('editor.heading', { title: firstTitle })}</h1>
      <p className="hint">
        <span className="mono">{t('editor.slug', { slug: view.slug })}</span> · {view.challengeId ? t('editor.existingChallenge') : t('editor.newChallenge')}
      </p>
      {view.warnings && view.warnings.length > 0 && <p className="note">{t('editor.warnings', { warnings: view.warnings.join('; ') })}</p>}
      <SaveStatus state={state} onReload={() => void reloadTheirs()} onKeepMine={() => void keepMine()} />
      <FieldIssues issues={otherIssues} />

      <StatementSection draft={state.draft} onChange={change} issues={state.issues} csrf={csrf} />
      <SignatureSection draft={state.draft} onChange={change} issues={state.issues} />
      <LanguagesSection draft={state.draft} onChange={change} issues={state.issues} />
      <LimitsSection draft={state.draft} onChange={change} issues={state.issues} />
      {/* The Tests and Solutions sections bring their own headings (h2). */}
      <div className="editor-section">
        <TestsSection
          samples={state.draft.samples}
          groups={state.draft.groups}
          onChange={(next) => change({ type: 'tests', ...next })}
          errors={testIssues}
          functionName={state.draft.signature?.name}
        />
      </div>
      <div className="editor-section">
        <SolutionsSection
          solutions={state.draft.solutions}
          languages={state.draft.languages}
          onChange={(solutions) => change({ type: 'solutions', solutions })}
          errors={issuesUnder(state.issues, ['solutions'])}
        />
      </div>
      <ExplainSection draft={state.draft} onChange={change} issues={state.issues} />
      <ValidateSection
        validation={state.validation}
        canPublish={canPublish(state)}
        validating={validating}
        publishing={publishing}
        message={actionMessage}
        published={published}
        onValidate={() => void validate()}
        onPublish={() => void publish()}
      />
      <p>
        <button type="button" className="small quiet" onClick={() => void remove()}>
          {t('editor.delete')}
        </button>
      </p>
    </section>
  );
}

/** Saving…, Saved at 14:05, Not saved: why — announced politely; a conflict offers the two ways out. */
function SaveStatus({ state, onReload, onKeepMine }: { state: EditorState; onReload: () => void; onKeepMine: () => void }) {
  const { t } = useTranslation('authoring');
  const save = state.save;
  let text = '';
  if (save.kind === 'saving') text = t('save.saving');
  else if (save.kind === 'failed') text = save.retry ? t('save.retrying', { reason: save.message }) : t('save.notSaved', { reason: save.message });
  else if (save.kind === 'conflict') text = t('save.conflict');
  else if (hasUnsaved(state)) text = t('save.unsaved');
  else if (save.kind === 'saved') text = t('save.saved', { time: timeOfDay.format(new Date(save.at)) });
  return (
    <div className="draft-save-status">
      <p role="status" aria-live="polite" className={save.kind === 'failed' || save.kind === 'conflict' ? 'note' : 'hint'}>
        {text}
      </p>
      {save.kind === 'conflict' && (
        <p className="inline-form">
          <button type="button" onClick={onKeepMine}>
            {t('save.keepMine')}
          </button>
          <button type="button" onClick={onReload}>
            {t('save.reload')}
          </button>
        </p>
      )}
    </div>
  );
}
