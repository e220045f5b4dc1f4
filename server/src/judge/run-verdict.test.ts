import { describe, expect, it } from 'vitest';
import { runFailure, type RunObservation } from './run-verdict.ts';

const clean: RunObservation = { exitCode: 0, timedOut: false, outputLimitExceeded: false, oomKilled: false, cpuMs: 100, wallMs: 120 };
const limits = { timeMs: 1000 };

describe('runFailure', () => {
  it('lets a clean run be decided by its output', () => {
    expect(runFailure(clean, limits)).toBeUndefined();
  });

  it('maps each observation to its verdict', () => {
    expect(runFailure({ ...clean, exitCode: 1 }, limits)).toBe('runtime_error');
    expect(runFailure({ ...clean, exitCode: 139 }, limits)).toBe('runtime_error');
    expect(runFailure({ ...clean, timedOut: true, exitCode: null }, limits)).toBe('time_limit');
    expect(runFailure({ ...clean, cpuMs: 1001 }, limits)).toBe('time_limit');
    expect(runFailure({ ...clean, oomKilled: true, exitCode: 137 }, limits)).toBe('memory_limit');
    expect(runFailure({ ...clean, outputLimitExceeded: true, exitCode: null }, limits)).toBe('output_limit');
  });

  it('prefers the output and memory caps over the clock, and the clock over the exit status', () => {
    expect(runFailure({ ...clean, outputLimitExceeded: true, timedOut: true }, limits)).toBe('output_limit');
    expect(runFailure({ ...clean, oomKilled: true, timedOut: true }, limits)).toBe('memory_limit');
    expect(runFailure({ ...clean, timedOut: true, exitCode: 1 }, limits)).toBe('time_limit');
  });

  it('reads a runtime-specific heap exhaustion status only where the language declares one', () => {
    expect(runFailure({ ...clean, exitCode: 3 }, { timeMs: 1000, memoryLimitExitCode: 3 })).toBe('memory_limit');
    expect(runFailure({ ...clean, exitCode: 3 }, limits)).toBe('runtime_error');
  });

  it('without CPU accounting, only the timer decides time_limit', () => {
    expect(runFailure({ ...clean, cpuMs: null, wallMs: 5000 }, limits)).toBeUndefined();
  });
});
