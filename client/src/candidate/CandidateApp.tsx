import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateSession } from '@kodbro/server/contracts';
import { LanguagePicker } from '../i18n/index.ts';
import { Announcer } from '../ui/Announcer.tsx';
import { AttemptPage } from './AttemptPage.tsx';
import { InvitePage } from './InvitePage.tsx';
import { Landing } from './Landing.tsx';

// A visitor checking someone's shared result: its own small chunk, nothing of the test pages.
const VerifyPage = lazy(() => import('../verify/index.ts').then((module) => ({ default: module.VerifyPage })));

/**
 * The candidate's routes: `/` (type a code), `/invite/:token` (open a link),
 * `/attempt` (the assessment), `/verify/:resultId` (a shared result, for anyone). The session lives here so a page that opened
 * it hands it to the attempt page without asking the server again.
 */
export function CandidateApp({ path }: { path: string }) {
  const [session, setSession] = useState<CandidateSession | null>(null);
  let page: ReactNode;
  if (path.startsWith('/invite/')) page = <InvitePage token={decodeURIComponent(path.slice('/invite/'.length))} onSession={setSession} />;
  else if (path === '/attempt') page = <AttemptPage session={session} onSession={setSession} />;
  else if (path.startsWith('/verify/')) page = <VerifyRoute resultId={decodeURIComponent(path.slice('/verify/'.length))} />;
  else page = <Landing onSession={setSession} />;
  return <CandidateLayout offered={session?.attempt.assessment.interfaceLanguages}>{page}</CandidateLayout>;
}

function VerifyRoute({ resultId }: { resultId: string }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
      <VerifyPage resultId={resultId} />
    </Suspense>
  );
}

function CandidateLayout({ children, offered }: { children: ReactNode; offered: readonly string[] | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="candidate-app">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="top-bar">
        <span className="brand" dir="ltr">
          Kodbro
        </span>
        <LanguagePicker offered={offered} />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <Announcer />
    </div>
  );
}
