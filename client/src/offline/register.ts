/**
 * Registers the service worker (`/sw.js`, made by vite-plugin-pwa at build
 * time) once the page has loaded and settled, so its download of the app
 * shell never competes with the candidate's first load. Production builds
 * only: the development server has no `sw.js`.
 */
const SETTLE_MS = 2000;

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    setTimeout(() => {
      navigator.serviceWorker.register('/sw.js').catch(() => {
        // No service worker (blocked, private mode): the page works, only not offline after a reload.
      });
    }, SETTLE_MS);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
