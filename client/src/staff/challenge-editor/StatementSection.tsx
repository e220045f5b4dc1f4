import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChallengeDraft, StatementPreview } from '@kodbro/server/contracts';
import { Statement } from '../../candidate/Statement.tsx';
import { toApiError } from '../../api/http.ts';
import { draftsApi } from '../../api/staff-drafts.ts';
import { staffErrorText } from '../error-words.ts';
import { directionOf, issuesUnder, localesOf, STATEMENT_LOCALES, type DraftChange, type DraftIssue } from './draft-model.ts';
import { FieldIssues } from './FieldIssues.tsx';

/** How long typing pauses before the preview is asked for again. */
const PREVIEW_DELAY_MS = 400;
/** When the server is still making the previous preview. */
const BUSY_RETRY_MS = 1000;

/**
 * Statements per language: a title and Markdown each, with a live preview
 * drawn by the candidate's own statement component (the server turns the
 * Markdown into the same tree a published version's candidates get).
 */
export function StatementSection({
  draft,
  onChange,
  issues,
  csrf,
}: {
  draft: ChallengeDraft;
  onChange: (change: DraftChange) => void;
  issues: readonly DraftIssue[];
  csrf: string;
}) {
  const { t, i18n } = useTranslation('authoring');
  const locales = localesOf(draft);
  const [selected, setSelected] = useState(() => locales[0] ?? 'en');
  const current = locales.includes(selected) ? selected : (locales[0] ?? 'en');
  const names = useMemo(() => languageNames(i18n.language), [i18n.language]);
  const name = (code: string) => names(code);
  const addable = STATEMENT_LOCALES.filter((code) => !locales.includes(code));
  const [adding, setAdding] = useState('');
  const [copyFrom, setCopyFrom] = useState('');
  const [news, setNews] = useState('');
  const otherLocales = locales.filter((code) => code !== current);
  const source = otherLocales.includes(copyFrom) ? copyFrom : (otherLocales[0] ?? '');
  const dir = directionOf(current);

  const add = () => {
    const code = adding || addable[0];
    if (!code) return;
    onChange({ type: 'addLocale', locale: code });
    setSelected(code);
    setAdding('');
    setNews(t('statement.added', { language: name(code) }));
  };

  const remove = () => {
    if (locales.length <= 1 || !window.confirm(t('statement.removeConfirm', { language: name(current) }))) return;
    onChange({ type: 'removeLocale', locale: current });
    setSelected(otherLocales[0] ?? 'en');
    setNews(t('statement.removed', { language: name(current) }));
  };

  const copy = () => {
    if (!source) return;
    // Never overwrite written text without asking.
    if ((draft.statements[current] ?? '').trim() && !window.confirm(t('statement.copyConfirm', { to: name(current), from: name(source) }))) return;
    onChange({ type: 'copyStatement', to: current, from: source });
    setNews(t('statement.copied', { from: name(source), to: name(current) }));
  };

  const titleIssues = issuesUnder(issues, ['title', current]);
  const markdownIssues = issuesUnder(issues, ['statements', current]);
  const otherIssues = issues.filter((issue) => (issue.path[0] === 'title' || issue.path[0] === 'statements') && issue.path[1] !== current);

  return (
    <section className="editor-section" aria-labelledby="statement-heading">
      <h2 id="statement-heading">{t('statement.heading')}</h2>
      <div className="locale-bar" role="group" aria-label={t('statement.languages')}>
        {locales.map((code) => (
          <button key={code} type="button" className="small" aria-pressed={code === current} onClick={() => setSelected(code)}>
            {name(code)} <span className="mono">({code})</span>
          </button>
        ))}
      </div>
      <div className="inline-form">
        <label htmlFor="statement-add">{t('statement.add')}</label>
        <select id="statement-add" value={adding || addable[0] || ''} onChange={(event) => setAdding(event.target.value)}>
          {addable.map((code) => (
            <option key={code} value={code}>
              {name(code)} ({code})
            </option>
          ))}
        </select>
        <button type="button" onClick={add} disabled={addable.length === 0}>
          {t('statement.addButton')}
        </button>
      </div>
      <p className="hint" role="status">
        {news}
      </p>
      <FieldIssues issues={otherIssues} />

      <div className="statement-editing">
        <div className="statement-source">
          <p className="field">
            <label htmlFor={`title-${current}`}>{t('statement.title', { language: name(current) })}</label>
            <input
              id={`title-${current}`}
              lang={current}
              dir={dir}
              maxLength={200}
              value={draft.title[current] ?? ''}
              aria-describedby={`title-${current}-issues`}
              aria-invalid={titleIssues.length > 0 || undefined}
              onChange={(event) => onChange({ type: 'title', locale: current, text: event.target.value })}
            />
            <FieldIssues id={`title-${current}-issues`} issues={titleIssues} />
          </p>
          {otherLocales.length > 0 && (
            <div className="inline-form">
              <label htmlFor="statement-copy-from">{t('statement.startFrom')}</label>
              <select id="statement-copy-from" value={source} onChange={(event) => setCopyFrom(event.target.value)}>
                {otherLocales.map((code) => (
                  <option key={code} value={code}>
                    {name(code)} ({code})
                  </option>
                ))}
              </select>
              <button type="button" onClick={copy}>
                {t('statement.copy')}
              </button>
            </div>
          )}
          <label htmlFor={`statement-${current}`}>{t('statement.markdown', { language: name(current) })}</label>
          <textarea
            id={`statement-${current}`}
            className="mono statement-markdown"
            lang={current}
            dir={dir}
            rows={18}
            value={draft.statements[current] ?? ''}
            aria-describedby={`statement-${current}-hint statement-${current}-issues`}
            aria-invalid={markdownIssues.length > 0 || undefined}
            onChange={(event) => onChange({ type: 'statement', locale: current, markdown: event.target.value })}
          />
          <span id={`statement-${current}-hint`} className="hint">
            {t('statement.markdownHint')}
          </span>
          <FieldIssues id={`statement-${current}-issues`} issues={markdownIssues} />
          {locales.length > 1 && (
            <p>
              <button type="button" className="small quiet" onClick={remove}>
                {t('statement.remove', { language: name(current) })}
              </button>
            </p>
          )}
        </div>
        <Preview key={current} csrf={csrf} locale={current} title={draft.title[current] ?? ''} markdown={draft.statements[current] ?? ''} languageName={name(current)} />
      </div>
    </section>
  );
}

/** The statement as candidates will see it, asked for again a moment after typing stops. */
function Preview({ csrf, locale, title, markdown, languageName }: { csrf: string; locale: string; title: string; markdown: string; languageName: string }) {
  const { t } = useTranslation('authoring');
  const { t: staffT } = useTranslation('staff');
  const [preview, setPreview] = useState<StatementPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout>;
    const ask = () => {
      setBusy(true);
      draftsApi.preview(csrf, markdown).then(
        (made) => {
          if (!current) return;
          setPreview(made);
          setFailure('');
          setBusy(false);
        },
        (caught: unknown) => {
          if (!current) return;
          const error = toApiError(caught);
          // One preview at a time per organisation: the one before is still being made, so ask again shortly.
          if (error.code === 'rate_limited') {
            timer = setTimeout(ask, BUSY_RETRY_MS);
            return;
          }
          setFailure(t('statement.previewFailed', { reason: staffErrorText(staffT, error) }));
          setBusy(false);
        },
      );
    };
    timer = setTimeout(ask, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [csrf, markdown, t, staffT]);

  return (
    <section className="statement-preview" aria-labelledby="preview-heading" aria-busy={busy}>
      <h3 id="preview-heading">{t('statement.preview', { language: languageName })}</h3>
      <p className="hint" aria-live="polite">
        {busy ? t('statement.previewing') : failure}
      </p>
      {preview && preview.issues.length > 0 && (
        <div className="note">
          <p>{t('statement.issues')}</p>
          <ul>
            {preview.issues.map((issue, index) => (
              <li key={index}>{t(issue.severity === 'error' ? 'statement.issue_error' : 'statement.issue_warning', { message: issue.message })}</li>
            ))}
          </ul>
        </div>
      )}
      {preview && (
        <div className="statement preview-frame" lang={locale} dir={directionOf(locale)}>
          <h4 className="task-title">{title}</h4>
          {/* A draft has no files yet: a picture shows once the challenge is published. */}
          <Statement doc={preview.statement} title={title} imageUrl={() => 'data:,'} />
        </div>
      )}
    </section>
  );
}

/** A language's name in the staff page's language ("Swedish", "Dari"), or its tag when the browser has no name. */
function languageNames(uiLanguage: string): (code: string) => string {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([uiLanguage, 'en'], { type: 'language' });
  } catch {
    names = undefined;
  }
  return (code) => {
    try {
      return names?.of(code) ?? code;
    } catch {
      return code;
    }
  };
}
