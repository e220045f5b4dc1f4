import { useId, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageId } from '@kodbro/server/contracts';
import type { DraftStore } from './drafts.ts';

/**
 * Two versions of the code shown being edited: this device's (in the editor)
 * and one saved on another device or tab. Neither is dropped until the
 * candidate chooses; the notice goes once they have. A text simply replaced
 * by a newer one from elsewhere (nothing unsaved here) gets a notice to
 * dismiss.
 */
export function ConflictNotice({ store, challengeVersionId, language }: { store: DraftStore; challengeVersionId: string; language: LanguageId }) {
  const { t } = useTranslation();
  const titleId = useId();
  const conflicts = useSyncExternalStore(store.subscribe, store.conflicts);
  const updated = useSyncExternalStore(store.subscribe, store.updatedElsewhere);
  const conflict = conflicts.find((entry) => entry.challengeVersionId === challengeVersionId && entry.language === language);
  const wasUpdated = updated.some((entry) => entry.challengeVersionId === challengeVersionId && entry.language === language);

  if (conflict) {
    return (
      <div className="notice conflict" role="group" aria-labelledby={titleId}>
        <p id={titleId}>
          <strong>{t('conflict.title')}</strong> {t('conflict.explain')}
        </p>
        <details>
          <summary>{t('conflict.showOther')}</summary>
          <pre className="output" dir="ltr" tabIndex={0}>
            {conflict.theirs}
          </pre>
        </details>
        <div className="run-bar">
          <button type="button" onClick={() => store.resolve(challengeVersionId, language, 'mine')}>
            {t('conflict.keepMine')}
          </button>
          <button type="button" onClick={() => store.resolve(challengeVersionId, language, 'theirs')}>
            {t('conflict.useOther')}
          </button>
          <button type="button" onClick={() => store.resolve(challengeVersionId, language, 'both')}>
            {t('conflict.keepBoth')}
          </button>
        </div>
      </div>
    );
  }
  if (wasUpdated) {
    return (
      <div className="notice">
        <p>{t('save.conflict')}</p>
        <button type="button" className="small" onClick={() => store.dismissUpdate(challengeVersionId, language)}>
          {t('conflict.dismiss')}
        </button>
      </div>
    );
  }
  return null;
}
