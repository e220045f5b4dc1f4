/**
 * When Monaco is fetched, and where it is not wanted at all. Monaco is a few
 * hundred KB: on a 1.6 Mbit/s link that is seconds, so it is never part of
 * the first load and never fetched before the page can be typed into.
 */
import type { mountMonaco, tokenizeCode } from './monaco.ts';

/** A type-only import: monaco.ts stays out of this module's chunk. */
interface MonacoModule {
  mountMonaco: typeof mountMonaco;
  tokenizeCode: typeof tokenizeCode;
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
 * Fetches Monaco without showing it, e.g. while the candidate reads the
 * instructions before Start: after the page has painted, once nothing is
 * being typed for a moment (its download and start must not hold up the
 * page's own requests or a keystroke). Does nothing where Monaco is not used
 * (touch devices); never throws.
 * @public for the candidate workspace
 */
export function preloadMonaco(): void {
  if (isTouchDevice()) return;
  afterFirstPaint(() => {
    whenQuiet(QUIET_BEFORE_LOAD_MS, () => {
      loadMonaco().catch(() => undefined);
    });
  });
}

/**
 * How long nobody must have typed before Monaco is fetched and started, and
 * before it takes over: starting Monaco is one long task on the page's
 * thread (half a second here, more on an old laptop), and a keystroke during
 * it would wait. So it happens in a pause, never in the middle of typing.
 */
export const QUIET_BEFORE_LOAD_MS = 1000;
export const QUIET_BEFORE_TAKEOVER_MS = 500;

/**
 * Runs `task` once there has been no key, input, composition or pointer press
 * anywhere on the page for `ms`. Returns a cancel function.
 */
export function whenQuiet(ms: number, task: () => void): () => void {
  const events = ['keydown', 'input', 'compositionstart', 'compositionupdate', 'pointerdown'] as const;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(timer);
    for (const type of events) document.removeEventListener(type, restart, true);
  };
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stop();
      task();
    }, ms);
  };
  for (const type of events) document.addEventListener(type, restart, true);
  restart();
  return stop;
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
