import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n } from './i18n/index.ts';
import { registerServiceWorker } from './offline/index.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// A page restored from the back/forward cache shows what it held when it was
// left, which on a shared device may be someone's attempt after they left it:
// load it afresh, so the server decides again what this device may see.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});

// The first language's texts before the first paint: no flash of English.
await initI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// Offline reloads: the app shell from a service worker, fetched once the page has settled.
registerServiceWorker();
