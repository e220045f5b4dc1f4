import type Docker from 'dockerode';
import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import { BOX_DIR, CANDIDATE_USER, SANDBOX_ENV } from './container-spec.ts';
import { createDemuxer } from './demux.ts';
import { createFrameReader, encodeEndOfInput, encodeInput, encodeRun, RUNNER_PATH, RUNNER_PROTOCOL_VERSION, type RunCommand, type RunnerFrame } from './runner-protocol.ts';

/** How one command on the runner ended, as far as the runner's stream tells. */
export type RunnerEnd =
  /** `warmPid`: the warm interpreter kept for the next command, in the box's pids (0: none). */
  | { kind: 'exit'; status: number; outputCapped: boolean; survivors: boolean; warmPid: number }
  /** The runner could not start the command (its limits were tampered with, a fork failed) and exited. */
  | { kind: 'failed'; message: string }
  /** The runner's stream ended or broke before the command's end: killed, stopped and killed, or a protocol error. */
  | { kind: 'gone'; why: string };

export interface RunnerSink {
  stdout(data: Buffer): void;
  stderr(data: Buffer): void;
  /**
   * A streamed stdin failed (its iterator threw, or gave something that is
   * not bytes). The command's input is ended just after; what else to do
   * with the command is the caller's to decide. Not called once it is over.
   */
  inputFailed?(error: unknown): void;
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
  /**
   * Sends one command; resolves when the runner says it is over or its stream
   * ends. One at a time. A streamed stdin is pulled only after the runner
   * started the command, one chunk at a time as the runner's stream takes
   * them, and no longer once the command is over (its iterator is returned).
   */
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
      // A streamed stdin, and what is aborted when the command is over: its input stops there, whatever the
      // source still holds. Only a streamed command has one: an abort makes a DOMException with its stack, 0.1 ms a test.
      const streamed = Buffer.isBuffer(command.stdin) ? null : { source: command.stdin, over: new AbortController() };
      return new Promise<RunnerEnd>((resolve) => {
        const finish = (result: RunnerEnd) => {
          listener = null;
          onEnd = null;
          streamed?.over.abort();
          resolve(result);
        };
        let started = false;
        listener = (frame) => {
          if (frame.type === 'stdout') sink.stdout(frame.data);
          else if (frame.type === 'stderr') sink.stderr(frame.data);
          else if (frame.type === 'exit') finish({ kind: 'exit', status: frame.status, outputCapped: frame.outputCapped, survivors: frame.survivors, warmPid: frame.warmPid });
          else if (frame.type === 'failed') {
            finish({ kind: 'failed', message: frame.message });
            end('the runner gave up');
          } else if (frame.type === 'started' && streamed && !started) {
            started = true;
            void feed(streamed.source, streamed.over.signal, sink);
          } else end(`an unexpected ${frame.type} frame`);
        };
        onEnd = (why) => finish({ kind: 'gone', why });
        // A runner that stopped reading its input (stopped by the candidate) must not make this throw.
        stream.write(encodeRun(command), () => {});
      });
    },
  };

  /**
   * Streams stdin to the runner in 'I' frames, then the end of input. Written
   * only while the command runs, and only as fast as the stream drains, so
   * the host holds at most one chunk of the source beyond the stream's own
   * buffer. A command that is over (or a runner that is gone) stops it.
   */
  async function feed(source: AsyncIterable<Buffer>, over: AbortSignal, sink: RunnerSink): Promise<void> {
    const send = async (bytes: Buffer) => {
      if (over.aborted) return;
      if (stream.write(bytes, () => {})) return;
      // A runner that stops reading (a command that never reads its input) is ended by the wall clock, which aborts `over`.
      await once(stream, 'drain', { signal: over }).catch(() => {});
    };
    let iterator: AsyncIterator<Buffer> | undefined;
    let drained = false;
    try {
      iterator = source[Symbol.asyncIterator]();
      while (!over.aborted) {
        const next = await nextUnlessOver(iterator, over);
        if (next === null || over.aborted) break;
        if (next.done) {
          drained = true;
          await send(encodeEndOfInput());
          return;
        }
        const chunk: unknown = next.value;
        if (!(chunk instanceof Uint8Array)) throw new TypeError(`a streamed stdin gave ${typeof chunk}, not bytes`);
        for (const frame of encodeInput(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
          await send(frame);
        }
      }
    } catch (error) {
      if (!over.aborted) {
        // Said before the input ends, so a command that exits at once on its end of input cannot hide the failure.
        sink.inputFailed?.(error);
        // The command reads to an end rather than waiting for bytes that will not come.
        await send(encodeEndOfInput());
      }
    } finally {
      // Stopped before the source ended: it may hold something (a pipe from another box) to let go of.
      if (!drained) stopSource(iterator);
    }
  }
}

/** The iterator's next result, or null as soon as `over` aborts (a pending next() is then left to settle unobserved). */
function nextUnlessOver(iterator: AsyncIterator<Buffer>, over: AbortSignal): Promise<IteratorResult<Buffer> | null> {
  return new Promise((resolve, reject) => {
    const onOver = () => resolve(null);
    if (over.aborted) return onOver();
    over.addEventListener('abort', onOver, { once: true });
    const settle = () => over.removeEventListener('abort', onOver);
    iterator.next().then(
      (result) => {
        settle();
        resolve(result);
      },
      (error: unknown) => {
        settle();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function stopSource(iterator: AsyncIterator<Buffer> | undefined): void {
  try {
    // Not awaited: a generator busy in an await settles its return() only when that await does.
    iterator?.return?.().catch(() => {});
  } catch {
    // A hand-written iterator's return() that throws leaves nothing more to stop.
  }
}
