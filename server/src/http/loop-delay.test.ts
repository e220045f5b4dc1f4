import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchLoopDelay, type LoopDelay } from './loop-delay.ts';

const stall = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchLoopDelay', () => {
  let watch: LoopDelay | undefined;
  afterEach(() => watch?.stop());

  it('reports a stall of the event loop, and forgets it two windows later', async () => {
    watch = watchLoopDelay(300);
    await tick(50);
    stall(250);
    await tick(30);
    expect(watch.maxMs()).toBeGreaterThanOrEqual(200);
    // Gone once the window it fell in has turned twice.
    await vi.waitFor(() => expect(watch!.maxMs()).toBeLessThan(200), { timeout: 3000, interval: 50 });
  });
});
