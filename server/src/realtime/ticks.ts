import type { JudgeEvent } from '../contracts/index.ts';

/**
 * Hidden-test progress on a fixed tick (red-team item 31; docs/security.md,
 * "Timing"). A program could otherwise signal its hidden input through how
 * long each test takes, read back from when each "test k" event arrives.
 * So for a run on hidden tests nothing is sent when it happens: the judge's
 * events only update the run's state, and on every tick — multiples of
 * `tickMs` on the server's clock, the same for every run — each running
 * hidden run's state goes out, changed or not: its stage and how many tests
 * have finished. The run's end goes out on the first tick after it was
 * stored, after a last state. Which test finished when, and any time finer
 * than the tick, never leaves.
 *
 * The clock and timer are passed in, so the schedule is tested without waiting.
 */

/** The clock and the one timer this needs. */
export interface TickTimers {
  now(): number;
  /** Calls `fn` at `atMs` on the same clock (not before); returns a cancel function. */
  at(atMs: number, fn: () => void): () => void;
}

/** A hidden run's state as the candidate may see it. */
export interface HiddenState {
  attemptId: string;
  submissionId: string;
  stage: 'compiling' | 'testing' | 'retrying';
  /** Hidden tests finished so far; which ones and when is never kept here. */
  finished: number;
  /** How many hidden tests the run has, once testing began. */
  total: number | undefined;
}

export interface HiddenRun {
  attemptId: string;
  submissionId: string;
}

export interface HiddenTicker {
  /** A judge event of a hidden run: it changes the state the next tick sends. */
  record(run: HiddenRun, event: JudgeEvent): void;
  /** The run's stored state changed (done, failed, queued again): `onSettled` runs on the next tick, after a last state. */
  settle(run: HiddenRun): void;
  /** Runs waiting for a tick. */
  pending(): number;
  stop(): void;
}

export interface TickerOptions {
  tickMs: number;
  timers: TickTimers;
  /** Sends one run's state. */
  onState(state: HiddenState): void;
  /**
   * Tells the candidate what the store now holds for the run (its result, or
   * that it waits again), as of `tick`: a tick after the run was stored.
   */
  onSettled(run: HiddenRun, tick: number): void;
}

/** The first tick strictly after `t`. */
export const nextTick = (t: number, tickMs: number): number => (Math.floor(t / tickMs) + 1) * tickMs;
/** `t` rounded down, and up, to the tick: how candidates see times. */
export const tickFloor = (t: number, tickMs: number): number => Math.floor(t / tickMs) * tickMs;
export const tickCeil = (t: number, tickMs: number): number => Math.ceil(t / tickMs) * tickMs;

export function createHiddenTicker(options: TickerOptions): HiddenTicker {
  const { tickMs, timers } = options;
  /** `settledAt`: when the store's state changed (told on the first tick after it). */
  const runs = new Map<string, { state: HiddenState | undefined; settledAt: number | undefined; run: HiddenRun }>();
  let cancel: (() => void) | undefined;
  let armedFor = 0;

  const arm = (after: number) => {
    if (cancel || runs.size === 0) return;
    // Never the tick just served again, even when the timer fired early or late.
    armedFor = Math.max(nextTick(after, tickMs), nextTick(timers.now(), tickMs));
    cancel = timers.at(armedFor, tick);
  };

  function tick() {
    cancel = undefined;
    const served = armedFor;
    for (const [id, entry] of [...runs]) {
      if (entry.state) options.onState({ ...entry.state });
      // A timer that fired late may serve a tick from before the run was stored: then the next one tells it.
      if (entry.settledAt !== undefined && entry.settledAt < served) {
        runs.delete(id);
        options.onSettled(entry.run, served);
      }
    }
    arm(served);
  }

  const entryOf = (run: HiddenRun) => {
    let entry = runs.get(run.submissionId);
    if (!entry) {
      entry = { state: undefined, settledAt: undefined, run };
      runs.set(run.submissionId, entry);
    }
    return entry;
  };

  return {
    record(run, event) {
      const entry = entryOf(run);
      // A new try after a requeue starts over; so does the state.
      if (entry.settledAt !== undefined) Object.assign(entry, { settledAt: undefined, state: undefined });
      entry.state = nextState(entry.state ?? { attemptId: run.attemptId, submissionId: run.submissionId, stage: 'compiling', finished: 0, total: undefined }, event);
      arm(timers.now());
    },
    settle(run) {
      entryOf(run).settledAt = timers.now();
      arm(timers.now());
    },
    pending: () => runs.size,
    stop() {
      cancel?.();
      cancel = undefined;
      runs.clear();
    },
  };
}

/** The candidate-visible state after one judge event. */
export function nextState(state: HiddenState, event: JudgeEvent): HiddenState {
  switch (event.type) {
    case 'compiling':
      return { ...state, stage: 'compiling', finished: 0 };
    case 'testing':
      return { ...state, stage: 'testing', total: event.total };
    case 'test_done':
      return { ...state, stage: 'testing', total: event.total, finished: Math.min(event.total, state.finished + 1) };
    case 'retrying':
      // Judging starts again from the beginning.
      return { ...state, stage: 'retrying', finished: 0 };
    default:
      return state;
  }
}
