import type { JudgedVerdict } from '../contracts/index.ts';

/** What the sandbox observed of one run, from Docker and the host's cgroup accounting. */
export interface RunObservation {
  exitCode: number | null;
  /** The server's timer killed it. */
  timedOut: boolean;
  outputLimitExceeded: boolean;
  /** The kernel's OOM killer ended a process of the run. */
  oomKilled: boolean;
  cpuMs: number | null;
  wallMs: number;
}

export interface RunLimits {
  timeMs: number;
  /** Exit status the runtime uses only for an exhausted heap (JVM). */
  memoryLimitExitCode?: number | undefined;
}

/**
 * Decides a run's verdict from what was observed, before the output is
 * compared: `undefined` means the run finished cleanly and its output decides.
 * Order matters: the output cap and the memory cap explain a kill better than
 * the clock does.
 */
export function runFailure(run: RunObservation, limits: RunLimits): JudgedVerdict | undefined {
  if (run.outputLimitExceeded) return 'output_limit';
  if (run.oomKilled) return 'memory_limit';
  if (run.timedOut || (run.cpuMs !== null && run.cpuMs > limits.timeMs)) return 'time_limit';
  if (limits.memoryLimitExitCode !== undefined && run.exitCode === limits.memoryLimitExitCode) return 'memory_limit';
  if (run.exitCode !== 0) return 'runtime_error';
  return undefined;
}
