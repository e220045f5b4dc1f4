import { useEffect, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StaffSession } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { changeStaffLanguage, isStaffLanguage, loadEthiopicFont, staffLanguage, STAFF_LANGUAGES } from '../i18n/index.ts';
import { linkProps, navigate } from '../router.ts';
import { languageName } from './format.ts';
import { AssessmentEditor } from './AssessmentEditor.tsx';
import { AssessmentList } from './AssessmentList.tsx';
import { AssessmentPage } from './AssessmentPage.tsx';
import { AttemptView } from './AttemptView.tsx';
import { SharedResultPanel } from './SharedResultPanel.tsx';
import { ChallengeEditor, NewChallenge } from './challenge-editor/index.ts';
import { Library } from './Library.tsx';
import { Login } from './Login.tsx';
import { People } from './People.tsx';
import { Sheet } from './Sheet.tsx';
import { Similarity } from './Similarity.tsx';
import { StaffAlert } from './StaffAlert.tsx';
import staffSv from './strings.sv.ts';
import staffEn from './strings.ts';
import { Welcome } from './Welcome.tsx';

i18next.addResourceBundle('en', 'staff', staffEn);
i18next.addResourceBundle('sv', 'staff', staffSv);

/**
 * The staff pages (a lazily loaded chunk): `/staff/login`, `/staff`,
 * `/staff/assessments/:id`, `/staff/assessments/new`, `/staff/assessments/:id/edit`,
 * `/staff/assessments/:id/sheet` (printable slips), `/staff/assessments/:id/similarity` (alike final code), `/staff/attempts/:id`, `/staff/challenges`,
 * `/staff/challenges/new` and `/staff/challenges/drafts/:draftId` (the challenge editor, authors),
 * `/staff/people` (admins) and `/staff/welcome/:token` (a colleague sets a password, signed out).
 */
export default function StaffApp({ path }: { path: string }) {
  const { t } = useTranslation('staff');
  // undefined: still asking the server; null: signed out.
  const [session, setSession] = useState<StaffSession | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loginNews, setLoginNews] = useState('');
  const [language, setLanguage] = useState(staffLanguage);
  // A welcome link's token is kept here and taken out of the address bar and history, like an invite's.
  const [heldToken] = useState(() => (path.startsWith('/staff/welcome/') ? decodeURIComponent(path.slice('/staff/welcome/'.length)) : undefined));
  const welcomeToken = path.startsWith('/staff/welcome') ? heldToken : undefined;

  useEffect(() => {
    if (heldToken !== undefined) navigate('/staff/welcome', { replace: true });
  }, [heldToken]);

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
    if (session === null && path !== '/staff/login' && welcomeToken === undefined) navigate('/staff/login', { replace: true });
    if (session && path === '/staff/login') navigate('/staff', { replace: true });
  }, [session, path, welcomeToken]);

  const chooseLanguage = (code: string) => {
    if (!isStaffLanguage(code)) return;
    setLanguage(code);
    void changeStaffLanguage(code);
  };

  const welcomed = (email: string) => {
    setLoginNews(t('welcome.done', { email }));
    navigate('/staff/login', { replace: true });
  };

  const signOut = async () => {
    if (session) await staffApi.logout(session.csrfToken).catch(() => {});
    setSession(null);
  };

  let page;
  const [, , section, id, sub] = path.split('/');
  if (session === undefined) page = error ? null : <p role="status">{t('loading')}</p>;
  else if (welcomeToken !== undefined) page = <Welcome token={welcomeToken} onDone={welcomed} />;
  else if (session === null) page = <Login onSession={setSession} news={loginNews} />;
  // Authoring pages only for authors (the server refuses the rest anyway); others land on the list or the assessment.
  else if (section === 'assessments' && id === 'new' && session.user.roles.author) page = <AssessmentEditor session={session} />;
  else if (section === 'assessments' && id && id !== 'new' && sub === 'edit' && session.user.roles.author) page = <AssessmentEditor id={decodeURIComponent(id)} session={session} />;
  else if (section === 'assessments' && id && sub === 'sheet') page = <Sheet assessmentId={decodeURIComponent(id)} />;
  else if (section === 'assessments' && id && sub === 'similarity') page = <Similarity assessmentId={decodeURIComponent(id)} />;
  else if (section === 'assessments' && id && id !== 'new') page = <AssessmentPage id={decodeURIComponent(id)} session={session} />;
  else if (section === 'attempts' && id) {
    page = (
      <>
        <AttemptView id={decodeURIComponent(id)} />
        <SharedResultPanel attemptId={decodeURIComponent(id)} csrf={session.csrfToken} canRevoke={session.user.roles.recruiter || session.user.roles.admin} />
      </>
    );
  }
  else if (section === 'challenges' && id === 'new' && session.user.roles.author) page = <NewChallenge session={session} />;
  else if (section === 'challenges' && id === 'drafts' && sub && session.user.roles.author) page = <ChallengeEditor key={sub} draftId={decodeURIComponent(sub)} session={session} />;
  else if (section === 'challenges') page = <Library session={session} />;
  else if (section === 'people' && session.user.roles.admin) page = <People session={session} />;
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
        {session?.user.roles.admin && (
          <nav aria-label={t('people.nav')}>
            <a {...linkProps('/staff/people')}>{t('people.nav')}</a>
          </nav>
        )}
        <span className="staff-language">
          <label htmlFor="staff-language">{t('staffLanguage.label')}</label>{' '}
          <select id="staff-language" value={language} onChange={(event) => chooseLanguage(event.target.value)}>
            {STAFF_LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </span>
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
        <StaffAlert error={error} />
        {page}
      </main>
    </div>
  );
}
