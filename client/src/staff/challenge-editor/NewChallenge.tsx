import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { draftSlugSchema, type StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../../api/http.ts';
import { draftsApi } from '../../api/staff-drafts.ts';
import { linkProps, navigate } from '../../router.ts';
import { StaffAlert } from '../StaffAlert.tsx';
import { draftPath, openConflictingDraft } from './DraftList.tsx';

/**
 * `/staff/challenges/new`: a challenge's id (slug) and English title, then
 * the draft's editor. A slug that already has a draft opens that draft.
 */
export function NewChallenge({ session }: { session: StaffSession }) {
  const { t } = useTranslation('authoring');
  const [slug, setSlug] = useState('');
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<{ slug?: string; title?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [news, setNews] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(draftSlugSchema.safeParse(slug.trim()).success ? {} : { slug: t('newChallenge.slugInvalid') }),
      ...(title.trim() ? {} : { title: t('newChallenge.titleMissing') }),
    };
    setProblem(found);
    if (found.slug || found.title) {
      document.getElementById(found.slug ? 'new-slug' : 'new-title')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const cleanSlug = slug.trim();
    try {
      const created = await draftsApi.create(session.csrfToken, {
        slug: cleanSlug,
        draft: {
          title: { en: title.trim() },
          statements: { en: `# ${title.trim()}\n\n` },
          languages: [],
          starters: {},
          limits: {},
          checker: { type: 'tokens' },
          samples: [],
          groups: [],
          solutions: [],
        },
      });
      navigate(draftPath(created.id));
    } catch (caught) {
      const apiError = toApiError(caught);
      if (openConflictingDraft(apiError)) setNews(t('newChallenge.existing', { slug: cleanSlug }));
      else setError(apiError);
      setBusy(false);
    }
  };

  return (
    <section className="challenge-editor">
      <p>
        <a {...linkProps('/staff/challenges')}>{t('editor.back')}</a>
      </p>
      <h1>{t('newChallenge.heading')}</h1>
      <form className="stacked-form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="field">
          <label htmlFor="new-slug">{t('newChallenge.slug')}</label>
          <input
            id="new-slug"
            value={slug}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="new-slug-hint new-slug-error"
            aria-invalid={problem.slug ? true : undefined}
            onChange={(event) => setSlug(event.target.value)}
          />
          <span id="new-slug-hint" className="hint">
            {t('newChallenge.slugHint')}
          </span>
          <span id="new-slug-error" className="field-error">
            {problem.slug}
          </span>
        </p>
        <p className="field">
          <label htmlFor="new-title">{t('newChallenge.title')}</label>
          <input
            id="new-title"
            value={title}
            maxLength={200}
            aria-describedby="new-title-error"
            aria-invalid={problem.title ? true : undefined}
            onChange={(event) => setTitle(event.target.value)}
          />
          <span id="new-title-error" className="field-error">
            {problem.title}
          </span>
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('newChallenge.creating') : t('newChallenge.create')}
        </button>
      </form>
      <p role="status" className="hint">
        {news}
      </p>
      <StaffAlert error={error} />
    </section>
  );
}
