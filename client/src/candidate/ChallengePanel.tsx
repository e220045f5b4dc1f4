import { lazy, Suspense, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateChallenge, CandidateSubmission, CreateSubmissionBody, LanguageId, ProgressEvent } from '@kodbro/server/contracts';
import type { QueuedRun } from '../offline/index.ts';
import { argumentsProblem, parseJson } from '@kodbro/server/contracts/plain';
import { focusAndAnnounce } from '../ui/Announcer.tsx';
import { ConflictNotice } from './ConflictNotice.tsx';
import { LANGUAGE_NAMES } from './contract-view.ts';
import type { DraftStore } from './drafts.ts';
import { ExplainForm } from './ExplainForm.tsx';
import { Editor, type EditorHandle } from '../editor/index.ts';
import { formatTime } from './format.ts';
import { StatementPane } from './StatementPane.tsx';

type SubmissionKind = CreateSubmissionBody['kind'];

// Results are not needed before the candidate can type: their code (with the diff) comes
// in its own chunk, fetched with the first run (see Workspace) or when a result shows.
const SubmissionView = lazy(() => import('./SubmissionView.tsx').then((module) => ({ default: module.SubmissionView })));

export interface RunRequest {
  kind: SubmissionKind;
  language: LanguageId;
  source: string;
  customInput?: string;
}

interface Props {
  challenge: CandidateChallenge;
  store: DraftStore;
  /** This challenge's submissions, newest first. */
  submissions: CandidateSubmission[];
  /** This challenge's runs still on this device, waiting for the connection. */
  queued: readonly QueuedRun[];
  progress: Record<string, ProgressEvent>;
  /** Queues a run on this device and sends it; resolves once it is kept. */
  onRun: (run: RunRequest) => Promise<void>;
  /** For the "explain your solution" answers. */
  csrf: string;
  /** The editor saw a paste into this language's draft. */
  onPaste: (language: LanguageId, chars: number) => void;
  /** Phone-sized screen: statement, code and results are tabs. */
  narrow: boolean;
  light: boolean;
}

type Pane = 'statement' | 'code' | 'results';
const PANES: Pane[] = ['statement', 'code', 'results'];

/**
 * One challenge: the statement, the editor with autosave, runs and their
 * results. Wide screens show them side by side, each scrolling on its own;
 * a phone shows them as three tabs.
 */
export function ChallengePanel({ challenge, store, submissions, queued, progress, onRun, onPaste, csrf, narrow, light }: Props) {
  const { t, i18n } = useTranslation();
  const cv = challenge.challengeVersionId;
  const ids = { language: useId(), custom: useId(), results: useId(), code: useId(), panes: useId() };
  const editor = useRef<EditorHandle>(null);
  const editorBox = useRef<HTMLDivElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const customBox = useRef<HTMLDetailsElement>(null);

  const [pane, setPane] = useState<Pane>('code');
  const [language, setLanguage] = useState<LanguageId>(() => store.lastLanguage(cv) ?? challenge.languages[0] ?? 'python');
  const [sending, setSending] = useState(false);

  const stored = useSyncExternalStore(store.subscribe, () => store.source(cv, language));
  const source = stored ?? challenge.starters[language] ?? '';
  const customInput = useSyncExternalStore(store.subscribe, () => store.customInput(cv));
  const busy = sending || submissions.some((entry) => entry.status === 'queued' || entry.status === 'running');

  const showPane = (next: Pane) => {
    setPane(next);
    if (narrow) requestAnimationFrame(() => document.getElementById(`${ids.panes}-${next}`)?.focus());
  };

  // A function's custom input is its arguments as JSON: said here, before anything is sent
  // (parsed when the text changes, not on every progress event that redraws the panel).
  const signature = challenge.signature;
  const argumentsIssue = useMemo(() => {
    if (!signature) return undefined;
    const parsed = parseJson(customInput);
    return parsed.ok ? argumentsProblem(signature, parsed.value) : parsed.reason;
  }, [signature, customInput]);

  const run = async (kind: SubmissionKind) => {
    if (kind === 'custom' && argumentsIssue !== undefined) {
      document.getElementById(ids.custom)?.focus();
      return;
    }
    setSending(true);
    try {
      await onRun({ kind, language, source, ...(kind === 'custom' ? { customInput } : {}) });
      // Where the answer will appear: the results (their own tab on a phone).
      if (narrow) setPane('results');
      requestAnimationFrame(() => focusAndAnnounce(resultsHeading.current, t('workspace.sent')));
    } finally {
      setSending(false);
    }
  };

  const revealLine = (line: number) => {
    if (narrow) setPane('code');
    requestAnimationFrame(() => editor.current?.revealLine(line));
  };

  const copyToCustomInput = (input: string) => {
    store.setCustomInput(cv, input);
    if (narrow) setPane('code');
    requestAnimationFrame(() => {
      if (customBox.current) customBox.current.open = true;
      document.getElementById(ids.custom)?.focus();
    });
  };

  const onPaneKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const rtl = document.documentElement.dir === 'rtl';
    const at = PANES.indexOf(pane);
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -at, End: PANES.length - 1 - at }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    showPane(PANES[(at + step + PANES.length) % PANES.length] ?? 'code');
  };

  const paneProps = (name: Pane) =>
    narrow ? { role: 'tabpanel', id: `${ids.panes}-${name}-panel`, 'aria-labelledby': `${ids.panes}-${name}`, hidden: pane !== name } : {};

  const [latest, ...earlier] = submissions;
  const waiting = queued.filter((entry) => entry.body.challengeVersionId === cv);
  return (
    <div className={narrow ? 'challenge tabbed' : 'challenge split'}>
      {narrow && (
        <div role="tablist" aria-label={t('workspace.panes')} className="tabs pane-tabs" onKeyDown={onPaneKey}>
          {PANES.map((name) => (
            <button
              key={name}
              id={`${ids.panes}-${name}`}
              type="button"
              role="tab"
              aria-selected={pane === name}
              aria-controls={`${ids.panes}-${name}-panel`}
              tabIndex={pane === name ? 0 : -1}
              onClick={() => showPane(name)}
            >
              {t(`workspace.pane_${name}`)}
              {name === 'results' && waiting.length > 0 ? ` (${waiting.length})` : ''}
            </button>
          ))}
        </div>
      )}

      <StatementPane challenge={challenge} {...paneProps('statement')} />

      <div className="work-column">
        <section className="pane code-pane" aria-labelledby={ids.code} {...paneProps('code')}>
          <h3 id={ids.code} className="visually-hidden">
            {t('workspace.codeHeading')}
          </h3>
          <div className="code-bar">
            <span className="inline-field">
              <label htmlFor={ids.language}>{t('workspace.programmingLanguage')}</label>
              <select id={ids.language} dir="ltr" value={language} onChange={(event) => setLanguage(event.target.value as LanguageId)}>
                {challenge.languages.map((id) => (
                  <option key={id} value={id}>
                    {LANGUAGE_NAMES[id]}
                  </option>
                ))}
              </select>
            </span>
            {challenge.starters[language] !== undefined && (
              <button
                type="button"
                className="quiet small"
                onClick={() => window.confirm(t('workspace.resetConfirm')) && store.edit(cv, language, challenge.starters[language] ?? '')}
              >
                {t('workspace.resetToStarter')}
              </button>
            )}
          </div>
          <ConflictNotice store={store} challengeVersionId={cv} language={language} />
          <div className="editor-box" ref={editorBox}>
            <Editor
              ref={editor}
              value={source}
              onChange={(next) => store.edit(cv, language, next)}
              onPaste={(chars) => onPaste(language, chars)}
              language={language}
              label={t('workspace.editor')}
              light={light}
            />
          </div>
          <div className="run-bar">
            <button type="button" onClick={() => void run('samples')} disabled={busy || challenge.samples.length === 0}>
              {t('workspace.runSamples')}
            </button>
            <button type="button" className="primary" onClick={() => void run('submit')} disabled={busy}>
              {t('workspace.submit')}
            </button>
          </div>
          {/* An interactive program's input is the judge's side of the conversation: there is nothing of the candidate's to give it. */}
          {!challenge.interactive && (
            <details className="custom" ref={customBox}>
              <summary>{signature ? t('workspace.arguments') : t('workspace.customInput')}</summary>
              <label htmlFor={ids.custom}>{signature ? t('workspace.arguments') : t('workspace.customInput')}</label>
              {signature && (
                <p className="hint" id={`${ids.custom}-hint`}>
                  {t('workspace.argumentsHint', { params: signature.params.map((p) => p.name).join(', ') })}
                </p>
              )}
              <textarea
                id={ids.custom}
                className="mono"
                dir="ltr"
                rows={4}
                value={customInput}
                onChange={(event) => store.setCustomInput(cv, event.target.value)}
                spellCheck={false}
                {...(signature
                  ? { 'aria-describedby': argumentsIssue && customInput !== '' ? `${ids.custom}-hint ${ids.custom}-issue` : `${ids.custom}-hint`, 'aria-invalid': argumentsIssue !== undefined && customInput !== '' }
                  : {})}
              />
              {signature && argumentsIssue !== undefined && customInput !== '' && (
                <p className="field-error" id={`${ids.custom}-issue`} dir="ltr">
                  {t('workspace.argumentsInvalid', { problem: argumentsIssue })}
                </p>
              )}
              <div className="run-bar">
                <button type="button" onClick={() => void run('custom')} disabled={busy || (signature !== undefined && argumentsIssue !== undefined)}>
                  {t('workspace.runCustom')}
                </button>
                {challenge.samples.map((sample, index) => (
                  <button key={sample.id} type="button" className="quiet small" onClick={() => copyToCustomInput(sample.input)}>
                    {t('workspace.copySample', { number: index + 1 })}
                  </button>
                ))}
              </div>
            </details>
          )}
        </section>

        <section className="pane results-pane" aria-labelledby={ids.results} {...paneProps('results')}>
          <h3 id={ids.results} ref={resultsHeading} tabIndex={-1}>
            {t('workspace.results')}
          </h3>
          {waiting.map((entry) => (
            <article key={entry.body.id} className="submission queued">
              <h4>
                {t(`workspace.kind_${entry.body.kind}`)} · <bdi dir="ltr">{LANGUAGE_NAMES[entry.body.language]}</bdi> · <bdi>{formatTime(i18n.language, entry.queuedAt)}</bdi>
              </h4>
              <p className="progress">{t('outbox.waiting')}</p>
            </article>
          ))}
          {submissions.some((entry) => entry.kind === 'submit') && <ExplainForm challenge={challenge} csrf={csrf} />}
          <Suspense fallback={<p>{t('common.loading')}</p>}>
            {latest ? (
              <SubmissionView submission={latest} progress={progress[latest.id]} onRevealLine={revealLine} onUseInput={challenge.interactive ? undefined : copyToCustomInput} />
            ) : (
              waiting.length === 0 && <p>{t('workspace.noRuns')}</p>
            )}
            {earlier.length > 0 && (
              <>
                <h4>{t('workspace.history')}</h4>
                {earlier.map((entry) => (
                  <details key={entry.id} className="history">
                    <SubmissionView submission={entry} progress={progress[entry.id]} asSummary onRevealLine={revealLine} onUseInput={challenge.interactive ? undefined : copyToCustomInput} />
                  </details>
                ))}
              </>
            )}
          </Suspense>
        </section>
      </div>
    </div>
  );
}
