import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChallengeDraft, DraftChecker, LanguageId } from '@kodbro/server/contracts';
import { LANGUAGE_IDS } from '@kodbro/server/contracts/plain';
import { LANGUAGE_NAMES } from '../../candidate/contract-view.ts';
import { Editor } from '../../editor/index.ts';
import { issuesUnder, parseLimit, parseTolerance, type DraftChange, type DraftIssue } from './draft-model.ts';
import { FieldIssues } from './FieldIssues.tsx';

/** Allowed programming languages (ticks) and the starter code of each, in the candidate's own editor. */
export function LanguagesSection({ draft, onChange, issues }: { draft: ChallengeDraft; onChange: (change: DraftChange) => void; issues: readonly DraftIssue[] }) {
  const { t } = useTranslation('authoring');
  return (
    <section className="editor-section" aria-labelledby="languages-heading">
      <h2 id="languages-heading">{t('languages.heading')}</h2>
      <fieldset>
        <legend>{t('languages.allowed')}</legend>
        <div className="choices-row">
          {LANGUAGE_IDS.map((id) => (
            <span key={id} className="choice">
              <input
                id={`allow-${id}`}
                type="checkbox"
                checked={draft.languages.includes(id)}
                onChange={(event) => onChange({ type: 'language', language: id, allowed: event.target.checked })}
              />
              <label htmlFor={`allow-${id}`}>{LANGUAGE_NAMES[id]}</label>
            </span>
          ))}
        </div>
        {draft.languages.length === 0 && <p className="hint">{t('languages.none')}</p>}
        <FieldIssues issues={issuesUnder(issues, ['languages'], true)} />
      </fieldset>
      <p className="hint">{t(draft.signature ? 'languages.starterGenerated' : 'languages.starterHint')}</p>
      {/* A function's starters are generated from its signature: nothing to write here. */}
      {!draft.signature && draft.languages.map((id) => (
        <div key={id} className="starter">
          <h3>{t('languages.starter', { language: LANGUAGE_NAMES[id] })}</h3>
          <Editor
            value={draft.starters[id] ?? ''}
            language={id}
            label={t('languages.starter', { language: LANGUAGE_NAMES[id] })}
            onChange={(source) => onChange({ type: 'starter', language: id, source })}
          />
          <FieldIssues issues={issuesUnder(issues, ['starters', id])} />
        </div>
      ))}
    </section>
  );
}

const LIMITS = [
  { key: 'timeMs', max: 60_000 },
  { key: 'memoryMb', max: 4096 },
  { key: 'outputKb', max: 64 * 1024 },
] as const;

const CHECKERS = ['tokens', 'exact', 'case-insensitive', 'float', 'custom'] as const;
type CheckerType = (typeof CHECKERS)[number];
type CustomChecker = Extract<DraftChecker, { type: 'custom' }>;

/** Limits (blank = the judge's default) and how output is compared, in words. */
export function LimitsSection({ draft, onChange, issues }: { draft: ChallengeDraft; onChange: (change: DraftChange) => void; issues: readonly DraftIssue[] }) {
  const { t } = useTranslation('authoring');
  return (
    <section className="editor-section" aria-labelledby="limits-heading">
      <h2 id="limits-heading">{t('limits.heading')}</h2>
      <p className="hint">{t('limits.blank')}</p>
      <div className="limit-fields">
        {LIMITS.map(({ key, max }) => (
          <LimitField key={key} name={key} max={max} value={draft.limits[key]} onChange={(value) => onChange({ type: 'limit', key, value })} issues={issuesUnder(issues, ['limits', key])} />
        ))}
      </div>
      {/* A function's returned values are compared as values; how is set with its signature. */}
      {draft.signature ? (
        <FieldIssues issues={issuesUnder(issues, ['checker'])} />
      ) : (
        <CheckerField checker={draft.checker} onChange={(checker) => onChange({ type: 'checker', checker })} issues={issuesUnder(issues, ['checker'])} />
      )}
    </section>
  );
}

function LimitField({ name, max, value, onChange, issues }: { name: 'timeMs' | 'memoryMb' | 'outputKb'; max: number; value: number | undefined; onChange: (value: number | undefined) => void; issues: DraftIssue[] }) {
  const { t } = useTranslation('authoring');
  // The text as typed: a half-typed or wrong number stays visible with its message instead of vanishing.
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const parsed = parseLimit(text, max);
  const id = `limit-${name}`;
  return (
    <p className="field">
      <label htmlFor={id}>{t(`limits.${name}`)}</label>
      <input
        id={id}
        inputMode="numeric"
        value={text}
        aria-invalid={!parsed.ok || issues.length > 0 || undefined}
        aria-describedby={`${id}-error`}
        onChange={(event) => {
          setText(event.target.value);
          const next = parseLimit(event.target.value, max);
          if (next.ok) onChange(next.value);
        }}
      />
      <span id={`${id}-error`} className="field-error">
        {!parsed.ok ? t('limits.invalid', { max }) : issues.map((issue) => issue.message).join(' ')}
      </span>
    </p>
  );
}

function CheckerField({ checker, onChange, issues }: { checker: DraftChecker; onChange: (checker: DraftChecker) => void; issues: DraftIssue[] }) {
  const { t } = useTranslation('authoring');
  // What was set for the float and custom checkers stays while another is tried.
  const [float, setFloat] = useState(() => (checker.type === 'float' ? checker : { type: 'float' as const, absolute: 1e-6, relative: 1e-6 }));
  const [custom, setCustom] = useState<CustomChecker>(() => (checker.type === 'custom' ? checker : { type: 'custom', language: 'python', source: '' }));
  const [tolerance, setTolerance] = useState(() => ({ absolute: String(float.absolute), relative: String(float.relative) }));

  const choose = (type: CheckerType) => {
    if (type === 'float') onChange(float);
    else if (type === 'custom') onChange(custom);
    else onChange({ type });
  };
  const setToleranceText = (which: 'absolute' | 'relative', text: string) => {
    setTolerance((was) => ({ ...was, [which]: text }));
    const value = parseTolerance(text);
    if (value === undefined) return;
    const next = { ...float, [which]: value };
    setFloat(next);
    onChange(next);
  };
  const setCustomPart = (part: Partial<typeof custom>) => {
    const next = { ...custom, ...part };
    setCustom(next);
    onChange(next);
  };

  return (
    <fieldset>
      <legend>{t('limits.checker')}</legend>
      {CHECKERS.map((type) => (
        <div key={type} className="choice">
          <input id={`checker-${type}`} type="radio" name="checker" value={type} checked={checker.type === type} onChange={() => choose(type)} />
          <label htmlFor={`checker-${type}`}>{t(`limits.checker_${type}`)}</label>
        </div>
      ))}
      {checker.type === 'float' && (
        <div className="limit-fields">
          {(['absolute', 'relative'] as const).map((which) => {
            const invalid = parseTolerance(tolerance[which]) === undefined;
            return (
              <p key={which} className="field">
                <label htmlFor={`tolerance-${which}`}>{t(`limits.${which}`)}</label>
                <input
                  id={`tolerance-${which}`}
                  inputMode="decimal"
                  value={tolerance[which]}
                  aria-invalid={invalid || undefined}
                  aria-describedby={`tolerance-${which}-error tolerance-hint`}
                  onChange={(event) => setToleranceText(which, event.target.value)}
                />
                <span id={`tolerance-${which}-error`} className="field-error">
                  {invalid ? t('limits.toleranceInvalid') : ''}
                </span>
              </p>
            );
          })}
          <p id="tolerance-hint" className="hint">
            {t('limits.toleranceHint')}
          </p>
        </div>
      )}
      {checker.type === 'custom' && (
        <div>
          <p className="field">
            <label htmlFor="checker-language">{t('limits.customLanguage')}</label>
            <select id="checker-language" value={custom.language} onChange={(event) => setCustomPart({ language: event.target.value as LanguageId })}>
              {LANGUAGE_IDS.map((id) => (
                <option key={id} value={id}>
                  {LANGUAGE_NAMES[id]}
                </option>
              ))}
            </select>
          </p>
          <p className="hint">{t('limits.customHint')}</p>
          <Editor value={custom.source} language={custom.language} label={t('limits.customSource')} onChange={(source) => setCustomPart({ source })} />
        </div>
      )}
      <FieldIssues issues={issues} />
    </fieldset>
  );
}
