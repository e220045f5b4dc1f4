import { describe, expect, it } from 'vitest';
import type { JudgeEvent } from '../contracts/index.ts';
import { createHiddenTicker, nextTick, tickCeil, tickFloor, type HiddenState, type TickTimers } from './ticks.ts';

const TICK = 1000;
const RUN = { attemptId: 'attempt-1', submissionId: 'run-1' };

/** A clock and timer that move only when told: `fire` runs due timers in order, `jump` moves the clock without running them (a late timer). */
function manualTimers(start: number) {
  let now = start;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  const timersApi: TickTimers = {
    now: () => now,
    at(at, fn) {
      const timer = { at, fn, live: true };
      timers.push(timer);
      return () => void (timer.live = false);
    },
  };
  return {
    ...timersApi,
    jump(to: number) {
      now = to;
    },
    advanceTo(to: number) {
      for (;;) {
        const due = timers.filter((t) => t.live && t.at <= to).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        due.live = false;
        now = Math.max(now, due.at);
        due.fn();
      }
      now = to;
    },
    armed: () => timers.filter((t) => t.live).map((t) => t.at),
  };
}

function ticker(start = 10_000) {
  const timers = manualTimers(start);
  const sent: { at: number; what: string; state?: HiddenState; tick?: number }[] = [];
  const hidden = createHiddenTicker({
    tickMs: TICK,
    timers,
    onState: (state) => sent.push({ at: timers.now(), what: 'state', state }),
    onSettled: (_run, tick) => sent.push({ at: timers.now(), what: 'settled', tick }),
  });
  return { timers, sent, hidden };
}

const testing = (index: number, total = 5): JudgeEvent => ({ type: 'testing', index, total });
const done = (index: number, total = 5): JudgeEvent => ({ type: 'test_done', index, total, verdict: 'wrong_answer' });

/** Judges five tests that end at the given times (ms after start), then stores the result. */
function judge(endings: number[], start = 10_000) {
  const t = ticker(start);
  const steps: [number, () => void][] = [[start + 1, () => t.hidden.record(RUN, { type: 'compiling' })]];
  let previous = start + 100;
  endings.forEach((end, i) => {
    steps.push([previous, () => t.hidden.record(RUN, testing(i + 1))]);
    steps.push([start + end, () => t.hidden.record(RUN, done(i + 1))]);
    previous = start + end;
  });
  steps.push([previous + 5, () => t.hidden.settle(RUN)]);
  for (const [at, step] of steps) {
    t.timers.advanceTo(at);
    step();
  }
  t.timers.advanceTo(start + 20_000);
  return t;
}

describe('hidden-test progress on a fixed tick', () => {
  it('sends nothing when a test starts or ends, only the state on each tick of the server clock, changed or not', () => {
    const { timers, sent, hidden } = ticker(10_000);
    hidden.record(RUN, { type: 'compiling' });
    timers.advanceTo(10_400);
    hidden.record(RUN, testing(1));
    hidden.record(RUN, done(1));
    hidden.record(RUN, testing(2));
    expect(sent).toEqual([]);
    timers.advanceTo(11_000);
    expect(sent).toEqual([{ at: 11_000, what: 'state', state: { ...RUN, stage: 'testing', finished: 1, total: 5 } }]);
    timers.advanceTo(12_500);
    expect(sent.map((s) => s.at)).toEqual([11_000, 12_000]);
    expect(sent[1]!.state).toEqual(sent[0]!.state);
  });

  it('says the same whenever within a tick each test ended: the moment never leaks', () => {
    // Two programs whose tests end at different moments, the same number of them per tick.
    const a = judge([150, 350, 1_200, 1_900, 3_050]);
    const b = judge([700, 900, 1_050, 1_300, 3_800]);
    expect(a.sent).toEqual(b.sent);
    expect(a.sent.map((s) => [s.at, s.what, s.state?.finished])).toEqual([
      [11_000, 'state', 2],
      [12_000, 'state', 4],
      [13_000, 'state', 4],
      [14_000, 'state', 5],
      [14_000, 'settled', undefined],
    ]);
  });

  it('tells the end only on a tick after the result was stored, even when a timer fires late', () => {
    const { timers, sent, hidden } = ticker(10_000);
    hidden.record(RUN, { type: 'compiling' });
    // The tick due at 11 000 runs only at 11 600, after the result was stored at 11 500.
    timers.jump(11_500);
    hidden.settle(RUN);
    timers.advanceTo(11_600);
    expect(sent.filter((s) => s.what === 'settled')).toEqual([]);
    timers.advanceTo(12_000);
    expect(sent.filter((s) => s.what === 'settled')).toEqual([{ at: 12_000, what: 'settled', tick: 12_000 }]);
    expect(hidden.pending()).toBe(0);
    expect(timers.armed()).toEqual([]);
  });

  it('starts over on a retry and on a requeued run that is taken again', () => {
    const { timers, sent, hidden } = ticker(10_000);
    hidden.record(RUN, testing(1));
    hidden.record(RUN, done(1));
    hidden.record(RUN, { type: 'retrying', attempt: 1, reason: 'docker said something' });
    timers.advanceTo(11_000);
    expect(sent.at(-1)!.state).toEqual({ ...RUN, stage: 'retrying', finished: 0, total: 5 });
    hidden.settle(RUN);
    hidden.record(RUN, { type: 'compiling' });
    timers.advanceTo(12_000);
    expect(sent.at(-1)).toEqual({ at: 12_000, what: 'state', state: { ...RUN, stage: 'compiling', finished: 0, total: undefined } });
    expect(hidden.pending()).toBe(1);
    hidden.stop();
    expect(timers.armed()).toEqual([]);
  });

  it('rounds times to the tick', () => {
    expect([nextTick(10_000, TICK), nextTick(10_001, TICK), nextTick(10_999, TICK)]).toEqual([11_000, 11_000, 11_000]);
    expect([tickFloor(10_999, TICK), tickCeil(10_001, TICK), tickCeil(10_000, TICK)]).toEqual([10_000, 11_000, 10_000]);
  });
});
