import { useEffect, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { linkProps, navigate } from '../router.ts';
import { loadEthiopicFont } from '../i18n/index.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { AssessmentEditor } from './AssessmentEditor.tsx';
import { AssessmentList } from './AssessmentList.tsx';
import { AssessmentPage } from './AssessmentPage.tsx';
import { AttemptView } from './AttemptView.tsx';
import { Library } from './Library.tsx';
import { Login } from './Login.tsx';
import { Sheet } from './Sheet.tsx';
import staffEn from './strings.ts';

i18next.addResourceBundle('en', 'staff', staffEn);

/**
 * The staff pages (a lazily loaded chunk): `/staff/login`, `/staff`,
 * `/staff/assessments/:id`, `/staff/assessments/new`, `/staff/assessments/:id/edit`,
 * `/staff/assessments/:id/sheet` (printable slips), `/staff/attempts/:id`, `/staff/challenges`.
 */
export default function StaffApp({ path }: { path: string }) {
  const { t } = useTranslation('staff');
  // undefined: still asking the server; null: signed out.
  const [session, setSession] = useState<StaffSession | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);

  // Staff pages name Tigrinya (language menus, invites, slips) on machines without a Ge'ez font.
  // Staff are not on the candidates' byte budget: the interface's subset (2 × 11 KB, cached) comes
  // at once, the whole script (75 KB) only once other Ge'ez text shows (a name, a slip).
  useEffect(() => {
    void loadEthiopicFont();
  }, []);

  useEffect(() => {
    staffApi.session().then(setSession, (caught: unknown) => {
      const apiError = toApiError(caught);
      if (apiError.status === 401 || apiError.code === 'unauthenticated') setSession(null);
      else setError(apiError);
    });
  }, []);

  useEffect(() => {
    if (session === null && path !== '/staff/login') navigate('/staff/login', { replace: true });
    if (session && path === '/staff/login') navigate('/staff', { replace: true });
  }, [session, path]);

  const signOut = async () => {
    if (session) await staffApi.logout(session.csrfToken).catch(() => {});
    setSession(null);
  };

  let page;
  const [, , section, id, sub] = path.split('/');
  if (session === undefined) page = error ? null : <p role="status">{t('loading')}</p>;
  else if (session === null) page = <Login onSession={setSession} />;
  else if (section === 'assessments' && id === 'new') page = <AssessmentEditor session={session} />;
  else if (section === 'assessments' && id && sub === 'edit') page = <AssessmentEditor id={decodeURIComponent(id)} session={session} />;
  else if (section === 'assessments' && id && sub === 'sheet') page = <Sheet assessmentId={decodeURIComponent(id)} />;
  else if (section === 'assessments' && id) page = <AssessmentPage id={decodeURIComponent(id)} session={session} />;
  else if (section === 'attempts' && id) page = <AttemptView id={decodeURIComponent(id)} />;
  else if (section === 'challenges') page = <Library session={session} />;
  else page = <AssessmentList canCreate={session.user.roles.author} />;

  return (
    <div className="staff">
      <header className="top-bar">
        <a className="brand" {...linkProps('/staff')}>
          {t('title')}
        </a>
        {session && (session.user.roles.author || session.user.roles.admin) && (
          <nav aria-label={t('library.nav')}>
            <a {...linkProps('/staff/challenges')}>{t('library.nav')}</a>
          </nav>
        )}
        {session && (
          <span className="who">
            {session.user.displayName} · {session.organisation.name}{' '}
            <button type="button" onClick={() => void signOut()}>
              {t('signOut')}
            </button>
          </span>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorAlert error={error} />
        {page}
      </main>
    </div>
  );
}
