import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { isKodbroError, KodbroError } from '../errors.ts';
import { probeCgroup, type CgroupProbe } from './cgroup.ts';
import {
  BOX_DIR,
  CANDIDATE_USER,
  containerSpec,
  IDLE_USER,
  RUN_WRAPPER,
  SANDBOX_ENV,
  type ContainerParams,
} from './container-spec.ts';
import { createCappedDemuxer } from './demux.ts';
import { abortedError, dockerFailure, isNoSuchContainer, throwIfAborted, withTimeout } from './docker.ts';
import { tarFiles, type TarEntry } from './tar.ts';

export interface ExecRequest {
  argv: readonly string[];
  stdin?: Buffer;
  /**
   * Files unpacked into /box (from a tar on standard input) just before argv
   * runs, in the same process tree: one exec instead of two. Not with `stdin`.
   */
  files?: readonly TarEntry[];
  /** With `files`: a file under /box that becomes argv's standard input. */
  stdinFile?: string;
  env?: Readonly<Record<string, string>>;
  /** The server's wall-clock timer: at this point every process of the run is SIGKILLed. */
  wallTimeMs: number;
  /**
   * Slack for a busy machine. With it, a run that reaches `wallTimeMs` having
   * used less CPU than `cpuTimeMs` (it may be starved of CPU by other boxes,
   * or already finished while Docker is slow to say so) is watched a little
   * longer: it is stopped as soon as its CPU time passes `cpuTimeMs`, and at
   * `maxWallTimeMs` whatever it does. Without it, `wallTimeMs` is final.
   */
  slack?: { cpuTimeMs: number; maxWallTimeMs: number };
  stdoutLimit: number;
  stderrLimit: number;
}

export interface ExecOutcome {
  exitCode: number | null;
  stdout: Buffer;
  stderr: Buffer;
  outputLimitExceeded: boolean;
  timedOut: boolean;
  oomKilled: boolean;
  cpuMs: number | null;
  memoryKb: number | null;
  wallMs: number;
  /**
   * The box had to be restarted to stop the run (its processes could not be
   * killed from inside, e.g. a fork bomb holding every pid): its files are gone.
   */
  reset: boolean;
}

/** One hardened container, alive for one submission's compile and tests. */
export interface Box {
  readonly id: string;
  exec(request: ExecRequest): Promise<ExecOutcome>;
  /** Unpacks files into /box through a tar on standard input (never a copy into the container). */
  writeFiles(files: readonly TarEntry[]): Promise<void>;
  /** Lowers (or raises) the memory cap, e.g. from compile to run limits. */
  setMemory(memoryMb: number): Promise<void>;
  /** Force-removes the container; safe to call more than once (later calls share the first removal). */
  destroy(): Promise<void>;
  /** The box's last steps, for the report of a run that got stuck. */
  history(): string[];
}

/** KODBRO_TRACE=1 prints every sandbox step with its time, for operators chasing a slow or stuck run. */
const TRACE = process.env.KODBRO_TRACE === '1';
const HISTORY_LINES = 12;

const SWEEP_POLLS = 40;
const SWEEP_POLL_MS = 5;
/** Lists candidate-owned pids from /proc; run as the idle uid where the host cgroup is not visible. */
const SCAN_CANDIDATE_PIDS = 'for d in /proc/[0-9]*; do u=$(stat -c %u "$d" 2>/dev/null) && [ "$u" != 65534 ] && echo "${d#/proc/}"; done; true';
const UNPACK_FAILED = 125;
const UNPACK_FAILED_MARK = 'kodbro: unpack failed';
/** A constant script; the command comes in as "$@", never spliced into it. */
const UNPACK_THEN_RUN = [
  `tar -x -f - -C ${BOX_DIR} --no-same-owner --no-same-permissions 2>/tmp/.unpack || { echo '${UNPACK_FAILED_MARK}' >&2; cat /tmp/.unpack >&2; exit ${UNPACK_FAILED}; }`,
  'if [ -n "$KODBRO_STDIN" ]; then exec "$@" < "$KODBRO_STDIN"; fi',
  'exec "$@" < /dev/null',
].join('\n');

/** How long killed processes get to let their streams close before the box is restarted. */
const KILL_GRACE_MS = 2000;
/**
 * Longest the kill exec may take to start before the box is restarted instead.
 * It runs as the candidate's uid (it must, to signal without capabilities), so
 * candidate code can SIGSTOP it while runc is still starting it, and Docker's
 * start then waits: without this bound, for the whole API timeout of each test.
 */
const KILL_START_TIMEOUT_MS = 5000;
/** How often a run in its wall-clock slack has its CPU time read. */
const SLACK_POLL_MS = 200;
/** Longest any single Docker API call may take before it counts as a fault. */
const API_TIMEOUT_MS = 30_000;
const EXIT_POLL_MS = 5;

export interface OpenOptions {
  /**
   * Ends the box early (a judgement given up on, a server shutting down): on
   * abort the container is force-removed at once, and every operation on the
   * box, running or later, rejects with `aborted` without waiting for Docker.
   * The box's whole life hangs on it rather than each call, because stopping
   * one run halfway leaves nothing worth keeping in the box.
   */
  signal?: AbortSignal | undefined;
}

export async function openBox(docker: Docker, params: ContainerParams, options: OpenOptions = {}): Promise<Box> {
  const { signal } = options;
  throwIfAborted(signal);
  let container: Docker.Container;
  try {
    container = await withTimeout('create a container', API_TIMEOUT_MS, docker.createContainer(containerSpec(params)), {
      signal,
      // Created after we stopped waiting: nobody else knows it, so remove it now rather than at the reaper's deadline.
      discard: (late) => void late.remove({ force: true, v: true }).catch(() => {}),
    });
  } catch (error) {
    if (isKodbroError(error, 'aborted')) throw error;
    if (/no such image/i.test(String((error as Error).message))) {
      throw new KodbroError('image_missing', `Runner image ${params.image} is not built; run: npm run kodbro -- images build`, {
        cause: error,
      });
    }
    throw dockerFailure('create a sandbox container', error);
  }
  try {
    await withTimeout('start a container', API_TIMEOUT_MS, container.start(), { signal });
  } catch (error) {
    await container.remove({ force: true, v: true }).catch(() => {});
    throw dockerFailure('start a sandbox container', error);
  }
  const cgroup = await probeCgroup(container.id);
  const box = makeBox(container, cgroup, signal);
  // An abort that came while the box was being made never reached its listener.
  if (signal?.aborted) {
    await box.destroy().catch(() => {});
    throw abortedError(signal);
  }
  return box;
}

/** Whatever a Docker call hands over late (after a timeout or an abort): a hijacked stream is closed. */
const closeLateStream = (late: unknown) => (late as Duplex | undefined)?.destroy?.();

function makeBox(container: Docker.Container, cgroup: CgroupProbe, signal: AbortSignal | undefined): Box {
  const opened = performance.now();
  const steps: string[] = [];
  const trace = (message: string) => {
    const line = `${((performance.now() - opened) / 1000).toFixed(3)}s ${message}`;
    steps.push(line);
    if (steps.length > HISTORY_LINES) steps.shift();
    if (TRACE) process.stderr.write(`[sandbox ${container.id.slice(0, 12)} ${line}]\n`);
  };

  /** One Docker call on this box: bounded in time, and not waited for once the box is aborted. */
  const call = <T>(action: string, work: Promise<T>, discard?: (late: T) => void): Promise<T> =>
    withTimeout(action, API_TIMEOUT_MS, work, { signal, discard });
  const pause = (ms: number): Promise<void> =>
    signal
      ? sleep(ms, undefined, { signal }).catch(() => {
          throw abortedError(signal);
        })
      : sleep(ms);

  let removal: Promise<void> | undefined;
  function destroy(): Promise<void> {
    removal ??= (async () => {
      signal?.removeEventListener('abort', onAbort);
      try {
        // Not tied to the signal: removing is what an abort asks for.
        await withTimeout('remove a container', API_TIMEOUT_MS, container.remove({ force: true, v: true }));
      } catch (error) {
        if (!isNoSuchContainer(error) && !/already in progress/i.test(String(error))) {
          throw dockerFailure('remove a sandbox container', error);
        }
      }
    })();
    return removal;
  }
  function onAbort(): void {
    trace('aborted: removing the container');
    // The caller awaits destroy() too (the same removal) and sees its failure there.
    destroy().catch(() => {});
  }
  signal?.addEventListener('abort', onAbort, { once: true });

  /** Kills every candidate process from a separate exec; false when even that cannot start. */
  async function killAll(): Promise<boolean> {
    try {
      const killer = await call(
        'create a kill process',
        container.exec({ Cmd: ['/bin/sh', '-c', 'kill -KILL -1'], User: CANDIDATE_USER, AttachStdout: false, AttachStderr: false }),
      );
      // Even a detached start answers with a stream; close it, or its socket stays open.
      const response = (await withTimeout('start a kill process', KILL_START_TIMEOUT_MS, killer.start({ Detach: true }), {
        signal,
        discard: closeLateStream,
      })) as Duplex | undefined;
      response?.destroy();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Leftover candidate processes, seen from outside: the host's cgroup where
   * visible, else a /proc scan by the idle uid, which candidate code cannot
   * signal or trace. The wrapper's own clean-up cannot be trusted: it runs as
   * the candidate's uid, so the candidate can kill or trace it.
   */
  async function leftovers(): Promise<number> {
    const fromHost = await cgroup.leftoverPids();
    if (fromHost !== null) return fromHost.length;
    try {
      const scan = await call(
        'scan for leftover processes',
        container.exec({ Cmd: ['/bin/sh', '-c', SCAN_CANDIDATE_PIDS], User: IDLE_USER, AttachStdout: true, AttachStderr: true }),
      );
      const stream = await call<Duplex>('scan for leftover processes', scan.start({ hijack: true, stdin: false }), closeLateStream);
      const out = createCappedDemuxer({ stdout: 64 * 1024, stderr: 1024 }, () => {});
      stream.on('data', (chunk: Buffer) => out.push(chunk));
      await call('scan for leftover processes', new Promise((resolve) => stream.once('close', resolve).once('end', resolve))).finally(() => stream.destroy());
      return out.stdout().toString().split('\n').filter(Boolean).length;
    } catch (error) {
      throw dockerFailure('scan the sandbox for leftover processes', error);
    }
  }

  /**
   * Nothing of a run may outlive it (invariant 4): kill what is left from a
   * separate exec, and if anything still remains, restart the box. Returns
   * whether the box was restarted.
   */
  async function sweep(): Promise<boolean> {
    if ((await leftovers()) === 0) return false;
    trace('leftover processes after the run: killing them');
    if (await killAll()) {
      for (let i = 0; i < SWEEP_POLLS; i++) {
        await pause(SWEEP_POLL_MS);
        if ((await leftovers()) === 0) return false;
      }
    }
    trace('leftover processes survived the kill: restarting the box');
    await restart();
    return true;
  }

  /**
   * A memory attack (files pinning kernel memory) can still get the idle PID 1
   * OOM-killed, which stops the box. That is the candidate's memory limit,
   * not our failure: restart the box and say so.
   */
  async function diedOfMemory(error: unknown): Promise<ExecOutcome | null> {
    if ((error as { statusCode?: number }).statusCode !== 409) return null;
    const state = await call('inspect a container', container.inspect()).then((i) => i.State, () => null);
    if (!state || state.Running || !state.OOMKilled) return null;
    trace('the box was stopped by the OOM killer: restarting it');
    await restart();
    const empty = Buffer.alloc(0);
    return { exitCode: null, stdout: empty, stderr: empty, outputLimitExceeded: false, timedOut: false, oomKilled: true, cpuMs: null, memoryKb: null, wallMs: 0, reset: true };
  }

  async function restart(): Promise<void> {
    try {
      throwIfAborted(signal);
      await call('kill a container', container.kill()).catch(() => {});
      await call('restart a container', container.start());
    } catch (error) {
      throw dockerFailure('restart a sandbox container', error);
    }
  }

  async function exec(request: ExecRequest): Promise<ExecOutcome> {
    if (request.files) {
      const outcome = await execRaw({
        ...request,
        argv: ['/bin/sh', '-c', UNPACK_THEN_RUN, 'kodbro-unpack', ...request.argv],
        env: { ...request.env, ...(request.stdinFile ? { KODBRO_STDIN: request.stdinFile } : {}) },
        stdin: await tarFiles(request.files),
      });
      if (outcome.exitCode === UNPACK_FAILED && outcome.stderr.toString('utf8').startsWith(UNPACK_FAILED_MARK)) {
        throw new KodbroError('sandbox_failed', `Could not unpack files in the sandbox: ${outcome.stderr.toString('utf8').slice(0, 500)}`);
      }
      return outcome;
    }
    return execRaw(request);
  }

  async function execRaw(request: ExecRequest): Promise<ExecOutcome> {
    throwIfAborted(signal);
    trace(`exec ${request.argv.slice(0, 3).join(' ')} (stdin ${request.stdin?.length ?? 0} B, wall ${request.wallTimeMs} ms)`);
    await cgroup.resetMemoryPeak();
    const cpuBefore = await cgroup.cpuNs();
    const oomBefore = await cgroup.oomKills();
    const started = performance.now();

    let stream: Duplex;
    let execution: Docker.Exec;
    try {
      execution = await call('create a process', container.exec({
        Cmd: [RUN_WRAPPER, ...request.argv],
        User: CANDIDATE_USER,
        WorkingDir: BOX_DIR,
        Env: [...SANDBOX_ENV, ...Object.entries(request.env ?? {}).map(([k, v]) => `${k}=${v}`)],
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: false,
        Privileged: false,
      }));
      stream = await call<Duplex>('start a process', execution.start({ hijack: true, stdin: true }), closeLateStream);
    } catch (error) {
      if (isKodbroError(error, 'aborted')) throw error;
      const died = await diedOfMemory(error);
      if (died) return died;
      throw dockerFailure('start a process in the sandbox', error);
    }

    let stopReason: 'time' | 'output' | null = null;
    let reset = false;
    // Assigned in a callback: typed so that the compiler does not take it for always null below.
    let stopping = null as Promise<void> | null;
    let streamError: Error | null = null;

    const ended = new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', (error) => {
        streamError = error;
        resolve();
      });
    });

    const stop = (reason: 'time' | 'output') => {
      // Once aborted, the container is being removed: nothing left to kill or restart.
      if (stopReason || signal?.aborted) return;
      stopReason = reason;
      trace(`stopping: ${reason}`);
      stopping = (async () => {
        const killed = await killAll();
        const grace = new AbortController();
        const closed =
          killed && (await Promise.race([ended.then(() => true), sleep(KILL_GRACE_MS, false, { signal: grace.signal }).catch(() => false)]));
        grace.abort();
        trace(`kill ${killed ? 'sent' : 'failed'}, streams ${closed ? 'closed' : 'still open: restarting the box'}`);
        if (!closed) {
          reset = true;
          stream.destroy();
          await restart();
          trace('restarted');
        }
      })();
      // Awaited below; if this run ends another way first (an abort), its failure must not go unhandled.
      stopping.catch(() => {});
    };

    const streams = createCappedDemuxer({ stdout: request.stdoutLimit, stderr: request.stderrLimit }, (which) => {
      if (which === 'stdout') stop('output');
    });
    stream.on('data', (chunk: Buffer) => {
      streams.push(chunk);
      // Standard error is kept only up to its small cap, but flooding it ends the run like stdout.
      if (streams.seen().stderr > Math.max(request.stdoutLimit, request.stderrLimit)) stop('output');
    });
    // The wall-clock timer runs until the process has exited, not just until its output closed.
    let timerDone = false;
    let timer = setTimeout(function onWallClock() {
      const slack = request.slack;
      const elapsed = performance.now() - started;
      if (!slack || elapsed >= slack.maxWallTimeMs || cpuBefore === null) return stop('time');
      void cgroup.cpuNs().then(
        (cpuNow) => {
          if (stopReason || timerDone) return;
          if (cpuNow === null || (cpuNow - cpuBefore) / 1e6 > slack.cpuTimeMs) return stop('time');
          timer = setTimeout(onWallClock, Math.min(SLACK_POLL_MS, Math.max(1, slack.maxWallTimeMs - elapsed)));
        },
        () => stop('time'),
      );
    }, request.wallTimeMs);

    const stopTimer = () => {
      timerDone = true;
      clearTimeout(timer);
    };

    // Writing to a program that never reads its input is not an error.
    stream.on('error', () => {});
    // An abort ends the run here and now: the stream is dropped, the container is already being removed.
    const onAbort = () => stream.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.end(request.stdin ?? Buffer.alloc(0));

    try {
      await ended;
      throwIfAborted(signal);
      trace(`streams ended after ${Math.round(performance.now() - started)} ms`);
      const exitCode = reset ? null : await waitForExit(execution, call, pause, () => stopReason !== null);
      // The process is gone: the accounting and the sweep below must not be mistaken for its time.
      if (exitCode !== null) stopTimer();
      trace(`exit ${exitCode}`);
      if (stopping) await stopping;
      if (stopReason === 'time' && !reset) await waitForExit(execution, call, pause, () => false, KILL_GRACE_MS);
      if (streamError && !stopReason && !isPipeError(streamError)) throw dockerFailure('read a sandbox process', streamError);
      const wallMs = Math.round(performance.now() - started);
      // A restart replaced the cgroup and its counters: no figures rather than wrong ones.
      const restarted = reset;
      const cpuAfter = restarted ? null : await cgroup.cpuNs();
      const oomAfter = restarted ? null : await cgroup.oomKills();
      const peak = restarted ? null : await cgroup.memoryPeakBytes();
      const oomKilled = restarted
        ? false
        : oomBefore !== null && oomAfter !== null
          ? oomAfter > oomBefore
          : exitCode === 137 && stopReason === null;
      if (!reset) reset = await sweep();
      return {
        exitCode: stopReason === 'time' ? null : exitCode,
        stdout: streams.stdout(),
        stderr: streams.stderr(),
        outputLimitExceeded: stopReason === 'output',
        timedOut: stopReason === 'time',
        oomKilled,
        cpuMs: cpuBefore !== null && cpuAfter !== null ? Math.max(0, Math.round((cpuAfter - cpuBefore) / 1e6)) : null,
        memoryKb: peak === null ? null : Math.round(peak / 1024),
        wallMs,
        reset,
      };
    } finally {
      stopTimer();
      signal?.removeEventListener('abort', onAbort);
      // Always hand the connection back, also when the timer, a cap or an abort ended the run.
      stream.destroy();
    }
  }

  return {
    id: container.id,
    exec,
    history: () => [...steps],
    async writeFiles(files) {
      const outcome = await exec({ argv: ['true'], files, wallTimeMs: 30_000, stdoutLimit: 64 * 1024, stderrLimit: 64 * 1024 });
      if (outcome.exitCode !== 0) {
        throw new KodbroError('sandbox_failed', `Could not unpack files in the sandbox (exit ${outcome.exitCode}): ${outcome.stderr.toString('utf8').slice(0, 500)}`);
      }
    },
    async setMemory(memoryMb) {
      const bytes = Math.round(memoryMb * 1024 * 1024);
      try {
        await call('update a container', container.update({ Memory: bytes, MemorySwap: bytes }));
      } catch (error) {
        throw dockerFailure('set the sandbox memory limit', error);
      }
    },
    destroy,
  };
}

/**
 * Waits until Docker reports the exec's process gone and returns its exit
 * status; null when `giveUp` says the run is being stopped anyway.
 */
async function waitForExit(
  execution: Docker.Exec,
  call: <T>(action: string, work: Promise<T>) => Promise<T>,
  pause: (ms: number) => Promise<void>,
  giveUp: () => boolean,
  maxMs = Number.POSITIVE_INFINITY,
): Promise<number | null> {
  const until = performance.now() + maxMs;
  for (;;) {
    let info: Docker.ExecInspectInfo;
    try {
      info = await call('inspect a process', execution.inspect());
    } catch (error) {
      throw dockerFailure('inspect a sandbox process', error);
    }
    if (!info.Running) return info.ExitCode ?? null;
    if (giveUp() || performance.now() > until) return null;
    await pause(EXIT_POLL_MS);
  }
}

function isPipeError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EPIPE' || code === 'ECONNRESET';
}
