import { useTranslation } from 'react-i18next';
import type { DraftIssue } from './draft-model.ts';

/**
 * The server's objections to one field or section, in its words; a path left
 * inside the field (a language, a test's name) is named before the message.
 * Always rendered when given an id, so a field can point at it with aria-describedby.
 */
export function FieldIssues({ issues, id }: { issues: readonly DraftIssue[]; id?: string }) {
  const { t } = useTranslation('authoring');
  if (issues.length === 0) return id ? <span id={id} className="field-error" /> : null;
  return (
    <span id={id} className="field-error">
      {issues.map((issue) => (issue.path.length ? t('editor.field', { field: issue.path.join(' › '), message: issue.message }) : issue.message)).join(' ')}
    </span>
  );
}
