/** Working without a connection: the device store, queued runs, the service worker, forgetting a device. */
export { indexedDbStore, type LocalStore } from './local-store.ts';
export { attemptPrefix, deviceStore, forgetOtherAttempts } from './device.ts';
export { clearDevice } from './clear-device.ts';
export { isLinkFailure, openOutbox, type Outbox, type QueuedRun } from './outbox.ts';
export { registerServiceWorker } from './register.ts';
export { useOnline } from './online.ts';
