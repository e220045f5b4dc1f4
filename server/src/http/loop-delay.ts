import { monitorEventLoopDelay } from 'node:perf_hooks';

/** How long a window of the event loop's delay lasts; /api/health reports the longest delay of the last one or two. */
const LOOP_DELAY_WINDOW_MS = 30_000;

export interface LoopDelay {
  /** The longest event-loop delay, in ms, over the last one to two windows. */
  maxMs(): number;
  stop(): void;
}

/**
 * Watches this process's own event loop (DESIGN: nothing one user sends may
 * stall it), so a monitor reading /api/health sees a stall that its own
 * request, queued behind other traffic or scheduled late on a busy machine,
 * could not tell apart from network noise.
 */
export function watchLoopDelay(windowMs = LOOP_DELAY_WINDOW_MS): LoopDelay {
  // Sampled every 20 ms: fine enough for a 200 ms bound, few wake-ups on an idle server.
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  let previousMaxNs = 0;
  // Two windows rather than one, so a read just after the turn still covers at least a whole window.
  const turn = setInterval(() => {
    previousMaxNs = histogram.max;
    histogram.reset();
  }, windowMs).unref();
  return {
    maxMs: () => Math.max(previousMaxNs, histogram.max) / 1e6,
    stop() {
      clearInterval(turn);
      histogram.disable();
    },
  };
}
