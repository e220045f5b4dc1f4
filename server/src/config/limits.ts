import { z } from 'zod';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * Server-side caps and defaults for judging. A package can only choose
 * numbers inside these caps; it never chooses a container option.
 */
export const judgeLimitsSchema = z.object({
  defaultTimeMs: int(100, 60_000, 2000),
  defaultMemoryMb: int(16, 8192, 256),
  defaultOutputKb: int(1, 1 << 20, 1024),
  maxTimeMs: int(100, 60_000, 10_000),
  maxMemoryMb: int(16, 8192, 1024),
  maxOutputKb: int(1, 1 << 20, 16_384),
  compileTimeMs: int(1000, 600_000, 60_000),
  compileMemoryMb: int(64, 8192, 1536),
  /** Compiler messages kept for the candidate. */
  compileOutputKb: int(1, 1024, 64),
  /** Standard error kept per run (operator diagnostics, never shown for hidden tests). */
  stderrKb: int(1, 1024, 64),
  maxTests: int(1, 10_000, 1000),
  /**
   * Boxes one submission's tests are spread over, each compiling the program
   * again and running its share of the tests in order. 1 (compile once) is
   * right almost always: a test costs a fork and an exec in the box's runner.
   * More can shorten a single submission with many slow tests on an
   * otherwise idle machine with many cores.
   */
  boxesPerSubmission: int(1, 8, 1),
  /**
   * Pre-started, never-used boxes kept per language and memory cap in use,
   * so a judgement does not wait for a container to start. 0 turns the pool
   * off.
   */
  warmBoxes: int(0, 16, 2),
  /**
   * Whether a language with a warm interpreter (Python) forks each test from
   * it instead of starting the interpreter again: 1 (on) or 0.
   */
  warmInterpreters: int(0, 1, 1),
});
export type JudgeLimits = z.infer<typeof judgeLimitsSchema>;

/** Reads the judge's caps from KODBRO_* environment variables. */
export function judgeLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): JudgeLimits {
  return judgeLimitsSchema.parse({
    defaultTimeMs: env.KODBRO_DEFAULT_TIME_MS,
    defaultMemoryMb: env.KODBRO_DEFAULT_MEMORY_MB,
    defaultOutputKb: env.KODBRO_DEFAULT_OUTPUT_KB,
    maxTimeMs: env.KODBRO_MAX_TIME_MS,
    maxMemoryMb: env.KODBRO_MAX_MEMORY_MB,
    maxOutputKb: env.KODBRO_MAX_OUTPUT_KB,
    compileTimeMs: env.KODBRO_COMPILE_TIME_MS,
    compileMemoryMb: env.KODBRO_COMPILE_MEMORY_MB,
    compileOutputKb: env.KODBRO_COMPILE_OUTPUT_KB,
    stderrKb: env.KODBRO_STDERR_KB,
    maxTests: env.KODBRO_MAX_TESTS,
    boxesPerSubmission: env.KODBRO_BOXES_PER_SUBMISSION,
    warmBoxes: env.KODBRO_WARM_BOXES,
    warmInterpreters: env.KODBRO_WARM_INTERPRETERS,
  });
}

export const DEFAULT_JUDGE_LIMITS: JudgeLimits = judgeLimitsSchema.parse({});
