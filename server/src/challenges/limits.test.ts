import { describe, expect, it } from 'vitest';
import { DEFAULT_JUDGE_LIMITS as caps } from '../config/index.ts';
import { resolveLimits } from './limits.ts';

describe('resolveLimits', () => {
  it('takes the package value, else the server default', () => {
    expect(resolveLimits({ timeMs: 1500, memoryMb: 128, outputKb: 10 }, { timeFactor: 1 }, caps)).toEqual({
      timeMs: 1500,
      memoryMb: 128,
      outputBytes: 10 * 1024,
      clamped: [],
    });
    expect(resolveLimits({}, { timeFactor: 1 }, caps)).toMatchObject({
      timeMs: caps.defaultTimeMs,
      memoryMb: caps.defaultMemoryMb,
      outputBytes: caps.defaultOutputKb * 1024,
    });
  });

  it('applies the language factor after the package value', () => {
    expect(resolveLimits({ timeMs: 1000 }, { timeFactor: 2 }, caps).timeMs).toBe(2000);
  });

  it('clamps hostile numbers to the server caps and says so', () => {
    const resolved = resolveLimits({ timeMs: 1e12, memoryMb: 1e9, outputKb: 1e9 }, { timeFactor: 1 }, caps);
    expect(resolved.timeMs).toBe(caps.maxTimeMs);
    expect(resolved.memoryMb).toBe(caps.maxMemoryMb);
    expect(resolved.outputBytes).toBe(caps.maxOutputKb * 1024);
    expect(resolved.clamped).toHaveLength(3);
  });
});
