import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { CandidateApp } from './candidate/CandidateApp.tsx';
import { usePath } from './router.ts';

// Staff pages are a separate chunk: a candidate on a slow link never downloads them.
const StaffApp = lazy(() => import('./staff/StaffApp.tsx'));

export function App() {
  const path = usePath();
  const { t } = useTranslation();
  if (path === '/staff' || path.startsWith('/staff/')) {
    return (
      <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
        <StaffApp path={path} />
      </Suspense>
    );
  }
  return <CandidateApp path={path} />;
}
