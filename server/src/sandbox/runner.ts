import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { BOX_DIR, CANDIDATE_USER, SANDBOX_ENV } from './container-spec.ts';
import { createDemuxer } from './demux.ts';
import { createFrameReader, encodeRun, RUNNER_PATH, RUNNER_PROTOCOL_VERSION, type RunCommand, type RunnerFrame } from './runner-protocol.ts';

/** How one command on the runner ended, as far as the runner's stream tells. */
export type RunnerEnd =
  | { kind: 'exit'; status: number; outputCapped: boolean; survivors: boolean }
  /** The runner could not start the command (its limits were tampered with, a fork failed) and exited. */
  | { kind: 'failed'; message: string }
  /** The runner's stream ended or broke before the command's end: killed, stopped and killed, or a protocol error. */
  | { kind: 'gone'; why: string };

export interface RunnerSink {
  stdout(data: Buffer): void;
  stderr(data: Buffer): void;
}

/**
 * One kodbro-runner in a box: a single `docker exec` that runs the box's
 * commands one after another (see kodbro-runner.c for why candidate code
 * cannot use it to forge anything). Candidate code can kill it; the box then
 * starts another.
 */
export interface RunnerSession {
  /** The runner's pid inside the box (from its hello), so the host's leftover scan can tell it apart. */
  readonly boxPid: number;
  /** Sends one command; resolves when the runner says it is over or its stream ends. One at a time. */
  run(command: RunCommand, sink: RunnerSink): Promise<RunnerEnd>;
  /** Whether the runner's stream is gone: a new runner is needed. */
  gone(): boolean;
  /** Ends the runner (its input closes, it exits) and drops the connection. */
  close(): void;
  /** The last of what the runner wrote to its own stderr, for a report. */
  diagnostics(): string;
}

type Call = <T>(action: string, work: Promise<T>, discard?: (late: T) => void) => Promise<T>;

const HELLO_TIMEOUT_MS = 10_000;
const DIAGNOSTICS_BYTES = 2048;

export async function startRunner(container: Docker.Container, call: Call): Promise<RunnerSession> {
  const execution = await call(
    'create the runner',
    container.exec({
      Cmd: [RUNNER_PATH],
      User: CANDIDATE_USER,
      WorkingDir: BOX_DIR,
      Env: [...SANDBOX_ENV],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      Privileged: false,
    }),
  );
  const stream = await call<Duplex>('start the runner', execution.start({ hijack: true, stdin: true }), (late) => late.destroy());

  let ended: string | null = null;
  let diagnostics = '';
  let listener: ((frame: RunnerFrame) => void) | null = null;
  let onEnd: ((why: string) => void) | null = null;
  let hello: ((pid: number | null, why?: string) => void) | null = null;
  let boxPid = 0;

  const end = (why: string) => {
    if (ended !== null) return;
    ended = why;
    stream.destroy();
    hello?.(null, why);
    onEnd?.(why);
  };
  const frames = createFrameReader(
    (frame) => {
      if (frame.type === 'hello') {
        if (frame.version !== RUNNER_PROTOCOL_VERSION) return end(`the runner speaks protocol ${frame.version}, not ${RUNNER_PROTOCOL_VERSION}`);
        return hello?.(frame.pid);
      }
      if (listener) listener(frame);
      else end(`a runner frame (${frame.type}) while no command runs`);
    },
    (message) => end(`protocol error: ${message}`),
  );
  let greeted = false;
  const demuxer = createDemuxer((which, data) => {
    // Before the hello, stdout may be Docker's own message of an exec that could not start (out of memory, say).
    if (which === 'stderr' || !greeted) diagnostics = (diagnostics + data.toString('utf8')).slice(-DIAGNOSTICS_BYTES);
    if (which === 'stdout') frames.push(data);
  });
  stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
  stream.once('end', () => end('the runner exited'));
  stream.once('close', () => end('the runner exited'));
  stream.on('error', (error: Error) => end(`the runner's stream failed: ${error.message}`));

  const helloWait = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => end('the runner did not say hello'), HELLO_TIMEOUT_MS);
    hello = (pid, why) => {
      clearTimeout(timer);
      hello = null;
      if (pid === null) reject(new Error(`${why ?? 'the runner ended'}${diagnostics ? `: ${diagnostics.trim()}` : ''}`));
      else {
        boxPid = pid;
        greeted = true;
        resolve();
      }
    };
  });
  await helloWait;

  return {
    boxPid,
    gone: () => ended !== null,
    diagnostics: () => diagnostics.trim(),
    close: () => end('closed by the server'),
    run(command, sink) {
      if (ended !== null) return Promise.resolve({ kind: 'gone', why: ended });
      if (listener) throw new Error('the runner already runs a command');
      return new Promise<RunnerEnd>((resolve) => {
        const finish = (result: RunnerEnd) => {
          listener = null;
          onEnd = null;
          resolve(result);
        };
        listener = (frame) => {
          if (frame.type === 'stdout') sink.stdout(frame.data);
          else if (frame.type === 'stderr') sink.stderr(frame.data);
          else if (frame.type === 'exit') finish({ kind: 'exit', status: frame.status, outputCapped: frame.outputCapped, survivors: frame.survivors });
          else if (frame.type === 'failed') {
            finish({ kind: 'failed', message: frame.message });
            end('the runner gave up');
          } else end(`an unexpected ${frame.type} frame`);
        };
        onEnd = (why) => finish({ kind: 'gone', why });
        // A runner that stopped reading its input (stopped by the candidate) must not make this throw.
        stream.write(encodeRun(command), () => {});
      });
    },
  };
}
