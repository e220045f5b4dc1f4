import { lazy, Suspense, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CandidateApp } from './candidate/CandidateApp.tsx';
import { setPageKind } from './i18n/index.ts';
import { usePath } from './router.ts';

// Staff pages are a separate chunk: a candidate on a slow link never downloads them.
const StaffApp = lazy(() => import('./staff/StaffApp.tsx'));

export function App() {
  const path = usePath();
  const { t } = useTranslation();
  const staff = path === '/staff' || path.startsWith('/staff/');
  // Staff pages are English, left to right, whatever language a candidate chose on this device.
  useLayoutEffect(() => void setPageKind(staff ? 'staff' : 'candidate'), [staff]);
  if (staff) {
    return (
      <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
        <StaffApp path={path} />
      </Suspense>
    );
  }
  return <CandidateApp path={path} />;
}
