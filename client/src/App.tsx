import { lazy, Suspense, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CandidateApp } from './candidate/CandidateApp.tsx';
import { LANGUAGES } from './i18n/index.ts';
import { usePath } from './router.ts';

// Staff pages are a separate chunk: a candidate on a slow link never downloads them.
const StaffApp = lazy(() => import('./staff/StaffApp.tsx'));

export function App() {
  const path = usePath();
  const { t, i18n } = useTranslation();
  const staff = path === '/staff' || path.startsWith('/staff/');

  // The document's language and direction follow the interface language on
  // candidate pages only: staff pages are English, left to right, until they
  // are translated (an Arabic browser must not mirror them). Before paint.
  useLayoutEffect(() => {
    const code = staff ? 'en' : i18n.language;
    document.documentElement.lang = code;
    document.documentElement.dir = LANGUAGES.find((entry) => entry.code === code)?.dir ?? 'ltr';
  }, [staff, i18n.language]);

  if (staff) {
    return (
      <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
        <StaffApp path={path} />
      </Suspense>
    );
  }
  return <CandidateApp path={path} />;
}
