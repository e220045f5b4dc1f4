import { describe, expect, it } from 'vitest';
import { bodyTooSlow, DEFAULT_BODY_RATE, type BodySample } from './body-rate.ts';

/** One sample a second for `seconds`, each adding what `perSecond(t)` says. */
function progress(seconds: number, perSecond: (t: number) => number): BodySample[] {
  const samples: BodySample[] = [{ at: 0, bytes: 0 }];
  for (let t = 1; t <= seconds; t++) samples.push({ at: t * 1000, bytes: samples.at(-1)!.bytes + perSecond(t) });
  return samples;
}

const slowAt = (samples: BodySample[]) => bodyTooSlow(samples, samples.at(-1)!.at, DEFAULT_BODY_RATE);

describe('bodyTooSlow', () => {
  it('gives every body its grace period, however slow', () => {
    expect(slowAt(progress(4, () => 0))).toBe(false);
  });

  it('cuts a trickle (a byte every two seconds) and a stalled body once the grace is over', () => {
    expect(slowAt(progress(5, (t) => (t % 2 === 0 ? 1 : 0)))).toBe(true);
    expect(slowAt(progress(5, () => 0))).toBe(true);
    expect(slowAt(progress(5, () => 900))).toBe(true);
  });

  it('passes a steady slow upload (8 kbit/s) for as long as it lasts', () => {
    const upload = progress(600, () => 1100);
    for (let end = 5; end <= 600; end += 7) expect(slowAt(upload.slice(0, end + 1)), `at ${end} s`).toBe(false);
  });

  it('forgives a pause of a few seconds in a fast upload, not one that lasts', () => {
    const paused = (pause: number) => progress(30 + pause, (t) => (t > 30 ? 0 : 100_000));
    expect(slowAt(paused(8))).toBe(false);
    expect(slowAt(paused(10))).toBe(true);
  });

  it('judges only the recent window: a fast start does not buy a trickle later', () => {
    const samples = progress(60, (t) => (t <= 20 ? 1_000_000 : 1));
    expect(slowAt(samples)).toBe(true);
  });
});
