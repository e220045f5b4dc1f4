import { deviceStore } from './device.ts';

/** Cache Storage caches that hold only the application's own files (nothing of a candidate's). */
const CODE_CACHES = /^(workbox-precache|kodbro-assets)/;

/**
 * Forgets everything this device holds of the candidate: every IndexedDB
 * entry (drafts, custom inputs, queued runs, submitted code, the API answers
 * kept for offline use), any other cached answers, and drafts an older
 * version kept in localStorage. The page's own memory goes with the full
 * reload the caller does next (`location.replace`).
 */
export async function clearDevice(): Promise<void> {
  await deviceStore()
    .clearAll()
    .catch(() => {});
  try {
    // Also the database itself; it finishes once this page has closed its connection.
    indexedDB.deleteDatabase('kodbro');
  } catch {
    // No IndexedDB: nothing was kept there.
  }
  if ('caches' in window) {
    const names = await caches.keys().catch(() => [] as string[]);
    await Promise.all(names.filter((name) => !CODE_CACHES.test(name)).map((name) => caches.delete(name).catch(() => false)));
  }
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith('kodbro.draft.')) localStorage.removeItem(key);
    sessionStorage.clear();
  } catch {
    // Storage disabled: nothing was kept.
  }
}
