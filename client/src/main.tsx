import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n } from './i18n/index.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// The first language's texts before the first paint: no flash of English.
await initI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
