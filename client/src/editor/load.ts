/**
 * When Monaco is fetched, and where it is not wanted at all. Monaco is a few
 * hundred KB: on a 1.6 Mbit/s link that is seconds, so it is never part of
 * the first load and never fetched before the page can be typed into.
 */
import type { mountMonaco } from './monaco.ts';

/** A type-only import: monaco.ts stays out of this module's chunk. */
interface MonacoModule {
  mountMonaco: typeof mountMonaco;
}

let loading: Promise<MonacoModule> | undefined;

/**
 * Monaco's module, fetched once. A failed fetch (offline, an old browser
 * that cannot run it) is forgotten, so a later call may try again; until
 * then the light editor simply stays.
 */
export function loadMonaco(): Promise<MonacoModule> {
  loading ??= import('./monaco.ts').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Starts fetching Monaco without showing it, e.g. while the candidate reads
 * the instructions before Start, once the page itself has loaded. Does
 * nothing where Monaco is not used (touch devices); never throws.
 * @public for the candidate workspace
 */
export function preloadMonaco(): void {
  if (isTouchDevice()) return;
  loadMonaco().catch(() => undefined);
}

/**
 * A phone or tablet: a coarse pointer and no hover. Monaco is poor there (its
 * hidden textarea fights the on-screen keyboard and selection handles), so
 * the light editor stays.
 */
export function isTouchDevice(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse) and (hover: none)').matches;
}

/**
 * Runs `task` once the page has painted and the browser is idle (or after
 * `timeoutMs` at the latest), so Monaco's download and start never compete
 * with the first paint or the first keystrokes. Returns a cancel function.
 */
export function afterFirstPaint(task: () => void, timeoutMs = 1500): () => void {
  let cancelled = false;
  let idle: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    // A timer after the frame: the frame callback runs before its paint.
    timer = setTimeout(() => {
      if (cancelled) return;
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(() => cancelled || task(), { timeout: timeoutMs });
      else task();
    }, 0);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
