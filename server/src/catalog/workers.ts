import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { siblingEntry } from '../entry.ts';
import { KodbroError, type ErrorCode } from '../errors.ts';
import type { PackageTask, TaskResult } from './tasks.ts';

/**
 * Package work runs in child processes, never on the server's event loop.
 * A child process rather than a worker thread: its memory (a 512 MB package
 * unpacked, read and hashed) goes back to the system when it exits instead
 * of staying in the server's heap and allocator; a task that overruns is
 * ended with SIGKILL, whatever it is doing, even inside a synchronous call;
 * and a crash in a parser takes down the child, not the server. Only file
 * paths and the small parsed results cross over (IPC with structured clone).
 * Children are reused while they stay small, ended after a job that left
 * them large, and after a while idle.
 *
 * @example
 * const workers = startPackageWorkers({ size: 2, timeoutMs: 300_000 });
 * const stored = await workers.run({ kind: 'load', dir }, { urgent: true });
 */
export interface PackageWorkers {
  /** Runs a task in a worker; `urgent` tasks (a candidate or judge waiting) go before queued uploads. */
  run<T extends PackageTask>(task: T, options?: { urgent?: boolean }): Promise<TaskResult<T>>;
  /** Ends every worker and refuses what is still queued. */
  close(): Promise<void>;
}

export interface PackageWorkersOptions {
  /** Worker processes at once; further tasks wait in order. */
  size: number;
  /** A task still running after this long is ended with its process. */
  timeoutMs: number;
  /** A worker larger than this after a task is ended rather than reused. */
  recycleRssBytes?: number;
  /** An idle worker ends after this long. */
  idleMs?: number;
}

export interface WorkerRequest {
  id: number;
  task: PackageTask;
}

export type WorkerReply = { id: number; rss: number } & ({ ok: true; value: unknown } | { ok: false; error: { code: ErrorCode; message: string; details?: unknown } });

const WORKER = siblingEntry(import.meta.url, 'package-worker');
/** Unix niceness of a package worker (0 normal, 19 lowest). */
const WORKER_NICENESS = 10;

interface Job {
  task: PackageTask;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Worker {
  child: ChildProcess;
  current?: { id: number; job: Job; timer: NodeJS.Timeout };
  idleTimer?: NodeJS.Timeout;
  exited: Promise<void>;
}

export function startPackageWorkers(options: PackageWorkersOptions): PackageWorkers {
  const recycleRssBytes = options.recycleRssBytes ?? 256 * 1024 * 1024;
  const idleMs = options.idleMs ?? 30_000;
  /** Workers that take tasks; one being ended has left this set but may not have exited yet. */
  const workers = new Set<Worker>();
  const running = new Set<Worker>();
  const urgent: Job[] = [];
  const normal: Job[] = [];
  let nextId = 1;
  let closed = false;

  const pump = () => {
    while (!closed) {
      const queue = urgent.length > 0 ? urgent : normal;
      if (queue.length === 0) return;
      const worker = [...workers].find((w) => !w.current) ?? (workers.size < options.size ? spawnWorker() : undefined);
      if (!worker) return;
      start(worker, queue.shift()!);
    }
  };

  function spawnWorker(): Worker {
    const child = fork(WORKER.file, [], { execArgv: WORKER.execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    // Package work yields the CPU to the server itself: on a busy machine its answers come first.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, WORKER_NICENESS);
      } catch {
        // Not allowed here: the work still runs, only not politely.
      }
    }
    let markExited: () => void = () => {};
    const worker: Worker = { child, exited: new Promise((resolve) => (markExited = resolve)) };
    workers.add(worker);
    running.add(worker);
    child.on('message', (message: WorkerReply) => answered(worker, message));
    child.on('error', (error) => {
      settle(worker, new KodbroError('internal', `A package worker failed: ${error.message}`));
      retire(worker, 'SIGKILL');
    });
    child.on('exit', (code, signal) => {
      workers.delete(worker);
      running.delete(worker);
      clearTimeout(worker.idleTimer);
      markExited();
      if (worker.current) settle(worker, new KodbroError('internal', `The package worker stopped unexpectedly (${signal ?? `exit code ${code}`})`));
      pump();
    });
    return worker;
  }

  function start(worker: Worker, job: Job): void {
    clearTimeout(worker.idleTimer);
    const id = nextId++;
    const timer = setTimeout(() => {
      settle(worker, new KodbroError('package_too_large', `Working on the package took longer than the server allows (${Math.round(options.timeoutMs / 1000)} s)`));
      retire(worker, 'SIGKILL');
    }, options.timeoutMs);
    worker.current = { id, job, timer };
    const request: WorkerRequest = { id, task: job.task };
    worker.child.send(request, (error) => {
      if (error && worker.current?.id === id) {
        settle(worker, new KodbroError('internal', `Could not hand the task to a package worker: ${error.message}`));
        retire(worker, 'SIGKILL');
      }
    });
  }

  function answered(worker: Worker, reply: WorkerReply): void {
    if (worker.current?.id !== reply.id) return;
    settle(worker, reply.ok ? undefined : new KodbroError(reply.error.code, reply.error.message, { details: reply.error.details }), reply.ok ? reply.value : undefined);
    if (reply.rss > recycleRssBytes || closed) {
      retire(worker, 'SIGTERM');
    } else {
      worker.idleTimer = setTimeout(() => retire(worker, 'SIGTERM'), idleMs);
      worker.idleTimer.unref();
    }
    pump();
  }

  /** Takes the worker out of service at once and ends its process. */
  function retire(worker: Worker, signal: NodeJS.Signals): void {
    workers.delete(worker);
    clearTimeout(worker.idleTimer);
    worker.child.kill(signal);
  }

  /** Ends the worker's current job with an error or a value; the worker is free afterwards. */
  function settle(worker: Worker, error: KodbroError | undefined, value?: unknown): void {
    const current = worker.current;
    if (!current) return;
    worker.current = undefined;
    clearTimeout(current.timer);
    if (error) current.job.reject(error);
    else current.job.resolve(value);
  }

  return {
    run(task, runOptions = {}) {
      if (closed) return Promise.reject(new KodbroError('internal', 'The server is stopping'));
      return new Promise((resolve, reject) => {
        (runOptions.urgent ? urgent : normal).push({ task, resolve: resolve as (value: unknown) => void, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of [...urgent.splice(0), ...normal.splice(0)]) job.reject(new KodbroError('internal', 'The server is stopping'));
      const all = [...running];
      for (const worker of all) {
        settle(worker, new KodbroError('internal', 'The server is stopping'));
        retire(worker, 'SIGKILL');
      }
      await Promise.all(all.map((w) => w.exited));
    },
  };
}
