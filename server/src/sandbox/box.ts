import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { isKodbroError, KodbroError } from '../errors.ts';
import { probeCgroup, type CgroupProbe } from './cgroup.ts';
import { BOX_DIR, CANDIDATE_USER, containerSpec, IDLE_USER, SANDBOX_ENV, type ContainerParams } from './container-spec.ts';
import { createCappedBuffers, createCappedDemuxer } from './demux.ts';
import { abortedError, dockerFailure, isNoSuchContainer, throwIfAborted, withTimeout } from './docker.ts';
import { startRunner, type RunnerEnd, type RunnerSession, type RunnerSink } from './runner.ts';
import { tarFiles, type TarEntry } from './tar.ts';

export interface ExecRequest {
  argv: readonly string[];
  /**
   * The standard input: all of it, or streamed. A streamed input is pulled
   * one chunk at a time as the program takes it (never buffered beyond that),
   * its end closes the program's input, and it stops being pulled (its
   * iterator is returned) once the program is over, ended or not: exec never
   * waits for it. If it throws, the program is stopped and exec rejects with
   * that error.
   */
  stdin?: Buffer | AsyncIterable<Buffer>;
  /**
   * Each piece of standard output as it arrives, while the program runs:
   * only the bytes kept under `stdoutLimit`, the same ones the outcome's
   * `stdout` holds. If it throws, the program is stopped and exec rejects
   * with that error.
   */
  onStdout?: (chunk: Buffer) => void;
  /**
   * Files unpacked into /box (from a tar on standard input) just before argv
   * runs, in the same process tree: one exec instead of two. Not with `stdin`.
   */
  files?: readonly TarEntry[];
  /** With `files`: a file under /box that becomes argv's standard input. */
  stdinFile?: string;
  env?: Readonly<Record<string, string>>;
  /**
   * A warm interpreter to fork argv from instead of starting it (Python's
   * kodbro-warm.py): the box keeps it for the next commands that name the
   * same one. argv runs as it is when it cannot be had.
   */
  warm?: readonly string[];
  /** The server's wall clock: at this point every process of the run is SIGKILLed (with `slack`, see there). */
  wallTimeMs: number;
  /**
   * The CPU time limit, and slack for a busy machine. With it, the run's CPU
   * time is read while it runs: it is stopped as soon as that passes
   * `cpuTimeMs`, and at `maxWallTimeMs` whatever it does, so a run starved of
   * CPU by other boxes (or already finished while Docker is slow to say so)
   * is not stopped at `wallTimeMs`. Without it (or where the host cannot read
   * the box's CPU time), `wallTimeMs` is final.
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
/**
 * How often a run with slack has its CPU time read: half the CPU time it has
 * left (two threads cannot pass the limit between two reads), within these
 * bounds. A busy loop is stopped within about 20 ms of passing its limit, at
 * a dozen reads of a kernel file.
 */
const CPU_POLL_MAX_MS = 200;
const CPU_POLL_MIN_MS = 20;
/** Longest any single Docker API call may take before it counts as a fault. */
const API_TIMEOUT_MS = 30_000;

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
  return bindBox(await createBox(docker, params, signal), signal);
}

/** Hands a box to its judgement: `signal` ends it from now on, and one that already ended removes it at once. */
export async function bindBox(box: UnboundBox, signal: AbortSignal | undefined): Promise<Box> {
  box.adopt(signal);
  // An abort that came while the box was being made, or waited, never reached its listener.
  if (signal?.aborted) {
    await box.destroy().catch(() => {});
    throw abortedError(signal);
  }
  return box;
}

/** A box made ahead of its judgement (the pool's): the judgement's signal is adopted when it is taken. */
export interface UnboundBox extends Box {
  adopt(signal: AbortSignal | undefined): void;
}

/** Creates and starts a container and its runner; `signal` bounds only the making. */
export async function createBox(docker: Docker, params: ContainerParams, signal?: AbortSignal): Promise<UnboundBox> {
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
    if (isKodbroError(error, 'aborted')) throw error;
    throw dockerFailure('start a sandbox container', error);
  }
  const box = makeBox(container, await probeCgroup(container.id));
  try {
    // Started now, so the first command pays no exec.
    await box.warm(signal);
  } catch (error) {
    await box.destroy().catch(() => {});
    throw error;
  }
  return box;
}

/** Whatever a Docker call hands over late (after a timeout or an abort): a hijacked stream is closed. */
const closeLateStream = (late: unknown) => (late as Duplex | undefined)?.destroy?.();

function makeBox(container: Docker.Container, cgroup: CgroupProbe): UnboundBox & { warm(signal: AbortSignal | undefined): Promise<void> } {
  const opened = performance.now();
  // The judgement's signal, once the box is taken (see adopt below).
  let signal: AbortSignal | undefined;
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
  const pause = (ms: number): Promise<void> => {
    const current = signal;
    return current
      ? sleep(ms, undefined, { signal: current }).catch(() => {
          throw abortedError(current);
        })
      : sleep(ms);
  };

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
    try {
      return await sweepRunning();
    } catch (error) {
      // Candidate code can get the idle PID 1 OOM-killed just as its run ends (files in /dev/shm), and Docker
      // says so late: a box that stopped meanwhile holds nothing of the run any more, and is restarted.
      if (isKodbroError(error, 'aborted') || !(await stoppedMeanwhile())) throw error;
      trace('the box stopped while it was swept: restarting it');
      await restart();
      return true;
    }
  }

  /** Docker's view of the box; null when it cannot be had, unless `goneIsOurs` and the box no longer exists. */
  async function boxState(goneIsOurs = false): Promise<Docker.ContainerInspectInfo['State'] | null> {
    try {
      return (await call('inspect a container', container.inspect())).State;
    } catch (error) {
      if (goneIsOurs && isNoSuchContainer(error)) throw dockerFailure('find the sandbox container', error);
      return null;
    }
  }

  async function stoppedMeanwhile(): Promise<boolean> {
    const state = await boxState();
    return state !== null && !state.Running;
  }

  async function sweepRunning(): Promise<boolean> {
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
    const state = await boxState();
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

  async function exec(given: ExecRequest): Promise<ExecOutcome> {
    if (given.files && given.stdin !== undefined) {
      throw new KodbroError('invalid_argument', 'A sandbox command takes files or stdin, not both: the files arrive on its standard input');
    }
    if (given.files && given.warm) {
      // A forked command never runs argv, so the unpacking argv is wrapped in would not run either.
      throw new KodbroError('invalid_argument', 'A sandbox command takes files or a warm interpreter, not both: the files are unpacked by the command itself');
    }
    // A fresh runner can take over only an input nothing was pulled from yet (the runner refuses before it asks for any).
    let pulled = false;
    const source = given.stdin;
    const request: ExecRequest =
      source === undefined || Buffer.isBuffer(source)
        ? given
        : {
            ...given,
            stdin: {
              [Symbol.asyncIterator]: () => {
                pulled = true;
                return source[Symbol.asyncIterator]();
              },
            },
          };
    try {
      return await execOnce(request);
    } catch (error) {
      if (!(error instanceof RunnerGaveUp)) throw error;
      if (pulled) throw new KodbroError('sandbox_failed', `The sandbox runner gave up during a streamed run: ${error.message}`);
      // Candidate code of an earlier command can sabotage the runner (prlimit on it); a fresh one runs this command.
      trace(`the runner gave up (${error.message}): starting another`);
      retireRunner();
      if (await sweep()) throw new KodbroError('sandbox_failed', 'The sandbox had to be restarted before a command could start');
      try {
        return await execOnce(request);
      } catch (again) {
        if (!(again instanceof RunnerGaveUp)) throw again;
        if (pulled) throw new KodbroError('sandbox_failed', `The sandbox runner gave up during a streamed run: ${again.message}`);
        // A fresh runner in a swept box gave up too: what the candidate left there (memory pinned by files, say), or ours.
        if (commandsEnded === 0) throw new KodbroError('sandbox_failed', `The sandbox runner could not start a command: ${again.message}`);
        return restartForCandidate(again);
      }
    }
  }

  async function execOnce(request: ExecRequest): Promise<ExecOutcome> {
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

  let runner: RunnerSession | null = null;
  /** The box's runner, started on first use and again after candidate code (or a stop of ours) ended the last one. */
  async function ensureRunner(): Promise<RunnerSession> {
    if (runner && !runner.gone()) return runner;
    runner = null;
    try {
      runner = await startRunner(container, call);
    } catch (error) {
      if (isKodbroError(error, 'aborted')) throw error;
      throw dockerFailure('start the runner in the sandbox', error);
    }
    trace(`runner started (pid ${runner.boxPid} in the box)`);
    return runner;
  }

  /** OOM kills counted when the last command ended, to tell whether a failed runner start met the memory cap. */
  let oomAtLastEnd: number | null = null;
  /** Commands the runner saw through: only a box candidate code has used can be in a state of the candidate's making. */
  let commandsEnded = 0;

  /**
   * The runner for the next command, or that command's outcome when no
   * runner can start because of what candidate code left in the box (files
   * pinning its memory, say): then the box is restarted, and the runner has
   * to start there, or the failure is ours.
   */
  async function runnerOrOutcome(): Promise<RunnerSession | ExecOutcome> {
    try {
      return await ensureRunner();
    } catch (error) {
      const died = await diedOfMemory((error as { cause?: unknown }).cause ?? error);
      if (died) return died;
      if (commandsEnded === 0 || isKodbroError(error, 'aborted')) throw error;
      return restartForCandidate(error);
    }
  }

  /**
   * A command could not start in a box that candidate code has used: restart
   * the box (its files go) and start a runner there. If that works, the box's
   * state was the cause, and the command is the candidate's failure: a
   * memory limit when the OOM killer acted or memory ran out, else a runtime
   * error. If it does not, the failure is ours and is thrown.
   */
  async function restartForCandidate(cause: unknown): Promise<ExecOutcome> {
    const oomNow = await cgroup.oomKills();
    const starved = (oomNow !== null && oomAtLastEnd !== null && oomNow > oomAtLastEnd) || /allocate memory|out of memory/i.test(String(cause));
    trace(`a command could not start (${String(cause).slice(0, 200)}): restarting the box`);
    retireRunner();
    await restart();
    await ensureRunner();
    const empty = Buffer.alloc(0);
    return { exitCode: null, stdout: empty, stderr: empty, outputLimitExceeded: false, timedOut: false, oomKilled: starved, cpuMs: null, memoryKb: null, wallMs: 0, reset: true };
  }
  /** The runner runs as the candidate's uid, so our kill ends it too: the next command gets a fresh one. */
  function retireRunner(): void {
    runner?.close();
    runner = null;
  }

  /**
   * Leftovers after a command the runner says it cleaned up after: the host's
   * cgroup (the runner itself and the warm interpreter it kept excepted) where
   * visible. Elsewhere the runner's own kill and /proc scan are trusted: it is
   * not dumpable, so candidate code cannot make it lie, only kill it, which is
   * noticed.
   */
  async function leftoversBeside(session: RunnerSession, warmPid: number): Promise<number> {
    const pids = await cgroup.leftoverPids(warmPid > 0 ? [session.boxPid, warmPid] : [session.boxPid]);
    return pids === null ? 0 : pids.length;
  }

  async function execRaw(request: ExecRequest): Promise<ExecOutcome> {
    throwIfAborted(signal);
    const stdin = request.stdin ?? Buffer.alloc(0);
    trace(`exec ${request.argv.slice(0, 3).join(' ')} (stdin ${Buffer.isBuffer(stdin) ? `${stdin.length} B` : 'streamed'}, wall ${request.wallTimeMs} ms)`);
    const ready = await runnerOrOutcome();
    if (!('run' in ready)) return ready;
    const session = ready;
    // The runner waits for this command: the accounting between two commands is read while nothing of the candidate runs.
    await cgroup.resetMemoryPeak();
    const cpuBefore = await cgroup.cpuNs();
    const oomBefore = await cgroup.oomKills();
    const started = performance.now();

    let stopReason: 'time' | 'output' | 'host' | null = null;
    /** What the host's side of a streamed run threw (its stdin source, its onStdout): the program is stopped, exec rejects with it. */
    let hostFailure = null as { error: unknown } | null;
    let reset = false;
    // Assigned in a callback: typed so that the compiler does not take it for always null below.
    let stopping = null as Promise<void> | null;
    let running: Promise<RunnerEnd> = Promise.resolve({ kind: 'gone', why: 'not started' });

    const stop = (reason: 'time' | 'output' | 'host') => {
      // Once aborted, the container is being removed: nothing left to kill or restart.
      if (stopReason || signal?.aborted) return;
      stopReason = reason;
      trace(`stopping: ${reason}`);
      stopping = (async () => {
        const killed = await killAll();
        const grace = new AbortController();
        const closed =
          killed && (await Promise.race([running.then(() => true), sleep(KILL_GRACE_MS, false, { signal: grace.signal }).catch(() => false)]));
        grace.abort();
        retireRunner();
        trace(`kill ${killed ? 'sent' : 'failed'}, runner ${closed ? 'ended' : 'still there: restarting the box'}`);
        if (!closed) {
          reset = true;
          await restart();
          trace('restarted');
        }
      })();
      // Awaited below; if this run ends another way first (an abort), its failure must not go unhandled.
      stopping.catch(() => {});
    };

    // The runner caps both streams itself; these caps are the server's own, which trust nothing from the box.
    const errorFlood = Math.max(request.stdoutLimit, request.stderrLimit);
    const outputs = createCappedBuffers({ stdout: request.stdoutLimit, stderr: request.stderrLimit }, (which) => {
      if (which === 'stdout') stop('output');
    });
    const failHost = (error: unknown) => {
      if (hostFailure || stopReason) return;
      hostFailure = { error };
      stop('host');
    };
    const { onStdout } = request;
    const sink: RunnerSink = {
      stdout: (data: Buffer) => {
        // The part under the cap, as the outcome keeps it: a flood past the cap never reaches the host's reader.
        const room = Math.max(0, request.stdoutLimit - outputs.seen().stdout);
        outputs.keep('stdout', data);
        if (!onStdout || room === 0 || hostFailure) return;
        try {
          onStdout(data.length <= room ? data : data.subarray(0, room));
        } catch (error) {
          // Thrown inside the runner's stream handler, it would escape as an uncaught exception.
          failHost(error);
        }
      },
      stderr: (data: Buffer) => {
        outputs.keep('stderr', data);
        if (outputs.seen().stderr > errorFlood) stop('output');
      },
      inputFailed: failHost,
    };
    // The clock runs until the runner says the command is over. Without slack (or CPU figures), one timer at
    // wallTimeMs. With slack, the run's CPU time is read as it runs: a busy loop is stopped as soon as it passes
    // its limit (its verdict could be nothing but a time limit from then on), rather than at a wall clock it
    // reaches seconds later; anything else at maxWallTimeMs.
    const slack = request.slack && cpuBefore !== null ? { ...request.slack, cpuBefore } : null;
    let timerDone = false;
    const nextLook = (cpuLeftMs: number): number => Math.min(CPU_POLL_MAX_MS, Math.max(CPU_POLL_MIN_MS, cpuLeftMs / 2));
    let timer = setTimeout(function onClock() {
      const elapsed = performance.now() - started;
      if (!slack || elapsed >= slack.maxWallTimeMs) return stop('time');
      void cgroup.cpuNs().then(
        (cpuNow) => {
          if (stopReason || timerDone) return;
          if (cpuNow === null) {
            // The figure is gone: the plain wall clock decides.
            timer = setTimeout(() => stop('time'), Math.max(1, request.wallTimeMs - elapsed));
            return;
          }
          const usedMs = (cpuNow - slack.cpuBefore) / 1e6;
          if (usedMs > slack.cpuTimeMs) return stop('time');
          timer = setTimeout(onClock, Math.max(1, Math.min(nextLook(slack.cpuTimeMs - usedMs), slack.maxWallTimeMs - elapsed)));
        },
        () => stop('time'),
      );
    }, slack ? nextLook(slack.cpuTimeMs) : request.wallTimeMs);
    const stopTimer = () => {
      timerDone = true;
      clearTimeout(timer);
    };
    // An abort ends the run here and now: the runner is dropped, the container is already being removed.
    const onAbort = () => retireRunner();
    signal?.addEventListener('abort', onAbort, { once: true });

    try {
      running = session.run(
        {
          argv: request.argv,
          env: [...SANDBOX_ENV, ...Object.entries(request.env ?? {}).map(([k, v]) => `${k}=${v}`)],
          stdin,
          stdoutCap: request.stdoutLimit,
          stderrCap: request.stderrLimit,
          // A backstop in the kernel for busy loops; the verdict still comes from the host's CPU figure.
          cpuSeconds: request.slack ? Math.ceil(request.slack.cpuTimeMs / 1000) + 1 : 0,
          ...(request.warm ? { warmArgv: request.warm } : {}),
        },
        sink,
      );
      const end = await running;
      if (end.kind === 'exit') stopTimer();
      throwIfAborted(signal);
      trace(end.kind === 'exit' ? `exit ${end.status} after ${Math.round(performance.now() - started)} ms` : `runner ${end.kind}: ${end.kind === 'failed' ? end.message : end.why}`);
      if (stopping) await stopping;
      stopTimer();
      if (end.kind === 'failed') throw new RunnerGaveUp(end.message);
      // The runner ended without an end for this command and we did not stop it: candidate code killed it, or the box died.
      const runnerLost = end.kind === 'gone' && stopReason === null;
      if (runnerLost) {
        retireRunner();
        // A box that no longer exists was lost by Docker: ours, not the candidate's.
        const state = await boxState(true);
        if (state && !state.Running) {
          trace(`the box stopped${state.OOMKilled ? ' (OOM killer)' : ''}: restarting it`);
          await restart();
          reset = true;
        }
      }
      const wallMs = Math.round(performance.now() - started);
      // A restart replaced the cgroup and its counters: no figures rather than wrong ones.
      const restarted = reset;
      const cpuAfter = restarted ? null : await cgroup.cpuNs();
      const oomAfter = restarted ? null : await cgroup.oomKills();
      oomAtLastEnd = oomAfter;
      commandsEnded++;
      const peak = restarted ? null : await cgroup.memoryPeakBytes();
      const exitCode = stopReason === 'time' || end.kind !== 'exit' ? null : end.status;
      const oomKilled = restarted
        ? runnerLost
        : oomBefore !== null && oomAfter !== null
          ? oomAfter > oomBefore
          : exitCode === 137 && stopReason === null;
      if (!reset) {
        const clean = end.kind === 'exit' && !end.survivors && stopReason === null && (await leftoversBeside(session, end.warmPid)) === 0;
        if (!clean) {
          retireRunner();
          reset = await sweep();
        }
      }
      // Docker reports a box it is removing as running for a moment after its processes died, and its cgroup
      // as empty: the runner is the candidate's to kill only if the box can start the next one.
      if (runnerLost && !reset && !('run' in (await runnerOrOutcome()))) reset = true;
      // Stopped and swept like a timeout, so the box stays usable for the next command.
      if (hostFailure) throw hostFailure.error;
      return {
        exitCode,
        stdout: outputs.stdout(),
        stderr: outputs.stderr(),
        outputLimitExceeded: stopReason === 'output' || (end.kind === 'exit' && end.outputCapped),
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
    }
  }

  return {
    id: container.id,
    adopt(taken) {
      signal = taken;
      signal?.addEventListener('abort', onAbort, { once: true });
    },
    async warm(making) {
      signal = making;
      try {
        await ensureRunner();
      } finally {
        signal = undefined;
      }
    },
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

/** The runner could not start a command and exited; a fresh runner gets one more go. */
class RunnerGaveUp extends Error {}
