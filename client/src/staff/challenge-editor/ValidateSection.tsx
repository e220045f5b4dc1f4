import { useTranslation } from 'react-i18next';
import type { DraftValidation, Verdict } from '@kodbro/server/contracts';
import type { PublishedChallenge } from '../../api/staff-library.ts';
import { linkProps } from '../../router.ts';

/**
 * Validation on the real judge with a row per solution (filled in live while
 * it runs), and publishing, which only a passed validation of the saved
 * draft allows.
 */
export function ValidateSection({
  validation,
  canPublish,
  validating,
  publishing,
  message,
  published,
  onValidate,
  onPublish,
}: {
  validation: DraftValidation | null;
  canPublish: boolean;
  validating: boolean;
  publishing: boolean;
  /** What the last action said (saving first, a refusal), in words. */
  message: string;
  published: PublishedChallenge | null;
  onValidate: () => void;
  onPublish: () => void;
}) {
  const { t } = useTranslation('authoring');
  const verdict = (value: Verdict | null) => (value ? t(`validate.verdict_${value}`) : t('validate.waiting'));
  const running = validation?.status === 'running';

  return (
    <section className="editor-section" aria-labelledby="validate-heading">
      <h2 id="validate-heading">{t('validate.heading')}</h2>
      <p className="hint">{t('validate.hint')}</p>
      <p>
        <button type="button" onClick={onValidate} disabled={validating || running}>
          {t('validate.validate')}
        </button>
      </p>
      <div role="status" aria-live="polite" className="validation-status">
        {message && <p>{message}</p>}
        {!validation && <p>{t('validate.never')}</p>}
        {validation && (
          <p className={validation.stale ? 'note' : validation.status === 'passed' ? 'ok' : undefined}>
            {validation.status === 'error' ? t('validate.status_error', { error: validation.error ?? '' }) : t(`validate.status_${validation.status}`)}
            {validation.stale && ` ${t('validate.stale', { revision: validation.revision })}`}
          </p>
        )}
      </div>
      {validation && validation.solutions.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('validate.results')}>
          <table className={validation.stale ? 'stale' : undefined}>
            <caption>{t('validate.results')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('validate.solution')}</th>
                <th scope="col">{t('validate.expected')}</th>
                <th scope="col">{t('validate.got')}</th>
                <th scope="col">{t('validate.ok')}</th>
              </tr>
            </thead>
            <tbody>
              {validation.solutions.map((solution) => (
                <tr key={solution.name}>
                  <th scope="row" className="mono">
                    {solution.name}
                  </th>
                  <td>{verdict(solution.expect)}</td>
                  <td>
                    {verdict(solution.got)}
                    {solution.detail && <span className="hint"> — {solution.detail}</span>}
                  </td>
                  <td>{solution.ok === null ? t('validate.waiting') : solution.ok ? t('validate.yes') : t('validate.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {validation && validation.warnings.length > 0 && <p className="hint">{t('validate.warnings', { warnings: validation.warnings.join('; ') })}</p>}
      <p>
        <button type="button" className="primary" onClick={onPublish} disabled={!canPublish || publishing} aria-describedby="publish-needs">
          {publishing ? t('validate.publishing') : t('validate.publish')}
        </button>{' '}
        <span id="publish-needs" className="hint">
          {canPublish ? '' : t('validate.publishNeeds')}
        </span>
      </p>
      <div role="status" aria-live="polite">
        {published && (
          <p className="ok">
            {published.created
              ? t('validate.published', { title: published.challenge.title, version: published.version.version })
              : t('validate.unchanged', { title: published.challenge.title, version: published.version.version })}{' '}
            <a {...linkProps('/staff/challenges')}>{t('validate.toLibrary')}</a>
          </p>
        )}
      </div>
    </section>
  );
}
