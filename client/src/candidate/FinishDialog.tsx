import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinishWarning } from './finish.ts';

export { finishWarnings } from './finish.ts';

interface Props {
  warnings: FinishWarning[];
  busy: boolean;
  onSubmitFirst: () => void;
  onFinish: () => void;
  onClose: () => void;
}

/**
 * "Finish the assessment?", with what would not count: tasks without a
 * submission and tasks whose code changed since the last one, and the offer
 * to submit those first. A modal <dialog>: the browser keeps focus inside
 * and Escape closes it.
 */
export function FinishDialog({ warnings, busy, onSubmitFirst, onFinish, onClose }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const keepWorking = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const submittable = warnings.filter((warning) => warning.submit);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // The safe choice first: Enter pressed by habit keeps the candidate working.
    keepWorking.current?.focus();
    return () => element?.close();
  }, []);

  return (
    <dialog ref={dialog} className="finish-dialog" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('finish.title')}</h2>
      {warnings.length === 0 ? (
        <p>{t('finish.allSubmitted')}</p>
      ) : (
        <>
          <p>{t('finish.warning')}</p>
          <ul>
            {warnings.map((warning) => (
              <li key={warning.challengeVersionId}>
                <bdi>{warning.title}</bdi>: {t(warning.reason === 'none' ? 'finish.notSubmitted' : 'finish.changed')}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>{t('attempt.finishConfirm')}</p>
      <div className="run-bar">
        {submittable.length > 0 && (
          <button type="button" className="primary" onClick={onSubmitFirst} disabled={busy}>
            {t('finish.submitFirst', { count: submittable.length })}
          </button>
        )}
        <button type="button" className={submittable.length > 0 ? undefined : 'primary'} onClick={onFinish} disabled={busy}>
          {t(warnings.length > 0 ? 'finish.finishAnyway' : 'attempt.finish')}
        </button>
        <button type="button" className="quiet" onClick={onClose} disabled={busy} ref={keepWorking}>
          {t('finish.keepWorking')}
        </button>
      </div>
      {busy && (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      )}
    </dialog>
  );
}
