import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LibraryArchived, LibraryChallenge, StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { libraryApi, type PublishedChallenge } from '../api/staff-library.ts';
import { linkProps } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { DraftList, EditAsDraftButton } from './challenge-editor/index.ts';
import { formatDateTime } from './format.ts';

/** How long typing pauses before the list is asked again. */
const SEARCH_DELAY_MS = 250;

/**
 * `/staff/challenges`: the organisation's challenge library — search, every
 * version with the assessments that use it, export per version, archive, and
 * importing a package archive (.zip, .tar, .tar.gz) with its upload progress.
 */
export function Library({ session }: { session: StaffSession }) {
  const { t } = useTranslation('staff');
  const canAuthor = session.user.roles.author;
  const [query, setQuery] = useState('');
  const [archived, setArchived] = useState<LibraryArchived>('false');
  const [challenges, setChallenges] = useState<LibraryChallenge[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [news, setNews] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      libraryApi.list(query, archived).then(
        (list) => {
          if (!current) return;
          setChallenges(list.challenges);
          setError(null);
        },
        (caught: unknown) => current && setError(toApiError(caught)),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, archived, reload]);

  const toggleArchived = async (challenge: LibraryChallenge) => {
    const archive = challenge.archivedAt === null;
    setError(null);
    try {
      await libraryApi.archive(session.csrfToken, challenge.id, archive);
      setNews(t(archive ? 'library.archivedNews' : 'library.unarchivedNews', { title: challenge.title }));
      setReload((n) => n + 1);
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  const imported = (published: PublishedChallenge) => {
    setNews(
      t(published.created ? 'library.importedNews' : 'library.unchangedNews', { title: published.challenge.title, version: published.version.version }) +
        (published.warnings.length ? ` ${t('library.warnings', { warnings: published.warnings.join('; ') })}` : ''),
    );
    setReload((n) => n + 1);
  };

  return (
    <section className="library">
      <p>
        <a {...linkProps('/staff')}>{t('back')}</a>
      </p>
      <h1>{t('library.title')}</h1>
      <p className="hint" role="status" aria-live="polite">
        {news}
      </p>
      {canAuthor && <DraftList canAuthor={canAuthor} />}
      {canAuthor && <ImportForm csrf={session.csrfToken} onImported={imported} />}

      <h2>{t('library.challenges')}</h2>
      <form className="inline-form" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="library-search">{t('library.search')}</label>
        <input id="library-search" type="search" value={query} maxLength={200} onChange={(event) => setQuery(event.target.value)} />
        <label htmlFor="library-archived">{t('library.show')}</label>
        <select id="library-archived" value={archived} onChange={(event) => setArchived(event.target.value as LibraryArchived)}>
          <option value="false">{t('library.showInUse')}</option>
          <option value="true">{t('library.showArchived')}</option>
          <option value="all">{t('library.showAll')}</option>
        </select>
      </form>
      <ErrorAlert error={error} />
      {challenges === null && !error && <p role="status">{t('loading')}</p>}
      {challenges?.length === 0 && <p>{t('library.none')}</p>}
      {challenges?.map((challenge) => (
        <ChallengeEntry key={challenge.id} challenge={challenge} session={session} onToggleArchived={() => void toggleArchived(challenge)} />
      ))}
    </section>
  );
}

function ChallengeEntry({ challenge, session, onToggleArchived }: { challenge: LibraryChallenge; session: StaffSession; onToggleArchived: () => void }) {
  const { t } = useTranslation('staff');
  const canAuthor = session.user.roles.author;
  const headingId = `challenge-${challenge.id}`;
  return (
    <article className="library-entry" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {challenge.title} <span className="mono hint">{challenge.slug}</span>
        {challenge.archivedAt && <span className="badge"> {t('library.archivedBadge')}</span>}
      </h3>
      <p>
        {t('library.summary', { tests: challenge.meta.hiddenTests, samples: challenge.meta.samples, languages: challenge.meta.languages.join(', ') })}
        {challenge.archivedAt && ` · ${t('library.archivedOn', { when: formatDateTime(challenge.archivedAt) })}`}
      </p>
      {canAuthor && (
        <button type="button" onClick={onToggleArchived}>
          {challenge.archivedAt ? t('library.unarchive', { title: challenge.title }) : t('library.archive', { title: challenge.title })}
        </button>
      )}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('library.versionsOf', { title: challenge.title })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('library.version')}</th>
              <th scope="col">{t('library.published')}</th>
              <th scope="col">{t('library.usedBy')}</th>
              <th scope="col">{t('library.export')}</th>
            </tr>
          </thead>
          <tbody>
            {[...challenge.versions].reverse().map((version) => (
              <tr key={version.id}>
                <td>v{version.version}</td>
                <td>{formatDateTime(version.createdAt)}</td>
                <td>
                  {version.usedBy.length === 0
                    ? t('library.unused')
                    : version.usedBy.map((use, index) => (
                        <span key={use.assessmentId}>
                          {index > 0 && ', '}
                          <a {...linkProps(`/staff/assessments/${use.assessmentId}`)}>{use.title}</a>
                        </span>
                      ))}
                </td>
                <td>
                  <a href={libraryApi.exportUrl(version.id)} download>
                    {t('library.exportLink', { title: challenge.title, version: version.version })}
                  </a>
                  {canAuthor && (
                    <>
                      {' '}
                      <EditAsDraftButton session={session} versionId={version.id} title={challenge.title} version={version.version} />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

/** Picks a package archive and uploads it, showing how much has gone out and then the server's verdict in words. */
function ImportForm({ csrf, onImported }: { csrf: string; onImported: (published: PublishedChallenge) => void }) {
  const { t } = useTranslation('staff');
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string>('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setError(t('library.chooseFile'));
      return;
    }
    setError('');
    setProgress(0);
    try {
      const published = await libraryApi.upload(csrf, file, (fraction) => {
        setProgress(fraction);
        if (fraction >= 1) setChecking(true);
      });
      if (input.current) input.current.value = '';
      onImported(published);
    } catch (caught) {
      setError(importErrorText(t, toApiError(caught)));
    } finally {
      setProgress(null);
      setChecking(false);
    }
  };

  const busy = progress !== null;
  return (
    <form className="import-form" onSubmit={(event) => void submit(event)} aria-describedby="import-hint">
      <h2>{t('library.import')}</h2>
      <p id="import-hint" className="hint">
        {t('library.importHint')}
      </p>
      <div className="inline-form">
        <label htmlFor="import-file">{t('library.file')}</label>
        <input id="import-file" ref={input} type="file" accept=".zip,.tar,.tar.gz,.tgz,application/zip,application/gzip,application/x-tar" disabled={busy} />
        <button type="submit" className="primary" disabled={busy}>
          {t('library.importButton')}
        </button>
      </div>
      {busy && (
        <p>
          <label htmlFor="import-progress">{checking ? t('library.checking') : t('library.uploading')}</label>{' '}
          <progress id="import-progress" max={1} value={checking ? undefined : progress} />
        </p>
      )}
      <div className="alert" role="alert" aria-live="assertive">
        {error}
      </div>
    </form>
  );
}

/**
 * A refused archive's reason is the server's own sentence ("The archive has
 * an entry outside its folder: ../x"); only failures that never reached the
 * server, or a busy server, get words of ours.
 */
function importErrorText(t: TFunction<'staff'>, error: ApiError): string {
  if (error.code === 'network' || error.code === 'timeout') return t('library.uploadFailed');
  if (error.code === 'rate_limited') return t('library.busy');
  return `${t('library.refused')} ${error.message}`;
}
