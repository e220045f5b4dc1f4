import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftSummary, StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../../api/http.ts';
import { draftsApi } from '../../api/staff-drafts.ts';
import { linkProps, navigate } from '../../router.ts';
import { formatDateTime } from '../format.ts';
import { StaffAlert } from '../StaffAlert.tsx';

export const draftPath = (draftId: string) => `/staff/challenges/drafts/${encodeURIComponent(draftId)}`;

/** A 409 conflict on creating a draft names the draft of that slug that exists: open it instead. Whether it did. */
export function openConflictingDraft(error: ApiError): boolean {
  const details = error.details as { draftId?: unknown } | undefined;
  if (error.code !== 'conflict' || typeof details?.draftId !== 'string') return false;
  navigate(draftPath(details.draftId));
  return true;
}

/** The library's list of the organisation's drafts, each a link to its editor. */
export function DraftList({ canAuthor }: { canAuthor: boolean }) {
  const { t } = useTranslation('authoring');
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    draftsApi.list().then(
      (list) => current && setDrafts(list.drafts),
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <section className="draft-list" aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">{t('drafts.heading')}</h2>
      {canAuthor && (
        <p>
          <a className="button" {...linkProps('/staff/challenges/new')}>
            {t('newChallenge.link')}
          </a>
        </p>
      )}
      <StaffAlert error={error} />
      {drafts?.length === 0 && <p>{t('drafts.none')}</p>}
      {drafts && drafts.length > 0 && (
        <ul>
          {drafts.map((draft) => (
            <li key={draft.id}>
              <a {...linkProps(draftPath(draft.id))}>{t('drafts.open', { title: draft.title })}</a> <span className="mono hint">{draft.slug}</span> ·{' '}
              {t(`drafts.validation_${draft.validation ?? 'none'}`)} · {t('drafts.updated', { when: formatDateTime(draft.updatedAt) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Edit as a draft" for a published version: a new draft from its package, or the draft of that challenge already open. */
export function EditAsDraftButton({ session, versionId, title, version }: { session: StaffSession; versionId: string; title: string; version: number }) {
  const { t } = useTranslation('authoring');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await draftsApi.create(session.csrfToken, { fromVersionId: versionId });
      navigate(draftPath(created.id));
    } catch (caught) {
      const apiError = toApiError(caught);
      if (!openConflictingDraft(apiError)) setError(apiError);
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="small" disabled={busy} onClick={() => void open()}>
        {busy ? t('drafts.opening') : t('drafts.editAsDraft', { title, version })}
      </button>
      {error && <StaffAlert error={error} />}
    </>
  );
}
