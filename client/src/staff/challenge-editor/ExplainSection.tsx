import { useTranslation } from 'react-i18next';
import type { ChallengeDraft } from '@kodbro/server/contracts';
import { EXPLAIN_LIMITS } from '@kodbro/server/contracts/plain';
import { languageName } from '../format.ts';
import { issuesUnder, localesOf, type DraftChange, type DraftIssue } from './draft-model.ts';
import { FieldIssues } from './FieldIssues.tsx';

/**
 * "Explain your solution": up to two questions per statement language,
 * which a candidate answers in writing after submitting. Optional: blank
 * questions ask nothing.
 */
export function ExplainSection({ draft, onChange, issues }: { draft: ChallengeDraft; onChange: (change: DraftChange) => void; issues: readonly DraftIssue[] }) {
  const { t } = useTranslation('authoring');
  return (
    <section className="editor-section" aria-labelledby="explain-heading">
      <h2 id="explain-heading">{t('explain.heading')}</h2>
      <p className="hint">{t('explain.hint')}</p>
      {localesOf(draft).map((locale) => (
        <fieldset key={locale}>
          <legend>{t('explain.inLanguage', { language: languageName(locale) })}</legend>
          {Array.from({ length: EXPLAIN_LIMITS.questions }, (_, index) => (
            <p key={index} className="field">
              <label htmlFor={`explain-${locale}-${index}`}>{t('explain.question', { number: index + 1 })}</label>
              <input
                id={`explain-${locale}-${index}`}
                dir="auto"
                lang={locale}
                maxLength={EXPLAIN_LIMITS.questionChars}
                value={draft.explain?.[locale]?.[index] ?? ''}
                onChange={(event) => onChange({ type: 'explain', locale, index, text: event.target.value })}
              />
            </p>
          ))}
          <FieldIssues issues={issuesUnder(issues, ['explain', locale])} />
        </fieldset>
      ))}
    </section>
  );
}
