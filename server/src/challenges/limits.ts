import type { JudgeLimits } from '../config/index.ts';
import type { LanguageSpec } from '../languages/index.ts';
import type { RequestedLimits } from './model.ts';

export interface ResolvedLimits {
  /** CPU time per test, after the language's factor. */
  timeMs: number;
  memoryMb: number;
  outputBytes: number;
  /** Which requested numbers the caps cut down, for `validate` to report. */
  clamped: string[];
}

/**
 * The one place limits are decided: package value → language factor → server
 * default, then clamped to the server's caps. Nothing else picks a limit.
 */
export function resolveLimits(requested: RequestedLimits, language: Pick<LanguageSpec, 'timeFactor'>, caps: JudgeLimits): ResolvedLimits {
  const clamped: string[] = [];
  const clamp = (name: string, value: number, max: number) => {
    if (value <= max) return value;
    clamped.push(`${name} ${value} exceeds the server's cap ${max}`);
    return max;
  };
  const baseTime = clamp('timeMs', requested.timeMs ?? caps.defaultTimeMs, caps.maxTimeMs);
  return {
    timeMs: Math.min(Math.round(baseTime * language.timeFactor), caps.maxTimeMs * 2),
    memoryMb: clamp('memoryMb', requested.memoryMb ?? caps.defaultMemoryMb, caps.maxMemoryMb),
    outputBytes: clamp('outputKb', requested.outputKb ?? caps.defaultOutputKb, caps.maxOutputKb) * 1024,
    clamped,
  };
}
