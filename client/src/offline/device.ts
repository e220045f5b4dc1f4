import { indexedDbStore, resilientStore, type LocalStore } from './local-store.ts';

/**
 * This device's store (one per page), and where each attempt's entries live
 * in it. Entries of an attempt sit under `a/<attempt key>/`, so a shared
 * device drops another attempt's leftovers without reading them.
 */
let device: LocalStore | undefined;

export function deviceStore(): LocalStore {
  device ??= resilientStore(indexedDbStore);
  return device;
}

/** The prefix of one attempt's entries; `attemptKey` is its start time, unique per attempt. */
export function attemptPrefix(attemptKey: string): string {
  return `a/${attemptKey}/`;
}

/** Drops what another attempt left on this device (a shared computer). */
export async function forgetOtherAttempts(store: LocalStore, attemptKey: string): Promise<void> {
  const mine = attemptPrefix(attemptKey);
  const others = (await store.list('a/')).map(([key]) => key).filter((key) => !key.startsWith(mine));
  await Promise.all(others.map((key) => store.delete(key)));
}
