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

// The first language's texts before the first paint: no flash of English. A promise, not a
// top-level await: with one, Rolldown turns its chunk merging off and the first load fetches
// small shared chunks (the light editor's, the formats') as extra requests.
void initI18n()
  .catch(() => {
    // The chosen language's texts could not be fetched: the page shows in English.
  })
  .then(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    // Offline reloads: the app shell from a service worker, fetched once the page has settled.
    registerServiceWorker();
  });
