/**
 * The frames spoken with kodbro-runner, the trusted runner inside each box
 * (runner-images/base/kodbro-runner.c has the whole protocol). Pure: the box
 * writes what `encodeRun` (and, for a streamed stdin, `encodeInput` and
 * `encodeEndOfInput`) makes and feeds what the runner printed, already taken
 * out of Docker's stream framing, to `createFrameReader`.
 */

export const RUNNER_PATH = '/usr/local/bin/kodbro-runner';
export const RUNNER_PROTOCOL_VERSION = 3;

export interface RunCommand {
  argv: readonly string[];
  /** The command's whole environment, `KEY=value`. */
  env: readonly string[];
  /**
   * The whole standard input, or a stream of it: the chunks are handed to the
   * command as it reads them, and the iterable's end is the input's end.
   */
  stdin: Buffer | AsyncIterable<Buffer>;
  stdoutCap: number;
  stderrCap: number;
  /** RLIMIT_CPU for the command's processes, whole seconds; 0 for none. */
  cpuSeconds: number;
  /**
   * A warm interpreter to fork the command from (Python's kodbro-warm.py):
   * started once and kept while the next commands name the same argv and env.
   * `argv` is what runs when it cannot be had.
   */
  warmArgv?: readonly string[];
}

export type RunnerFrame =
  | { type: 'hello'; version: number; pid: number }
  /** A command with a streamed stdin was forked: its 'I' frames may follow. */
  | { type: 'started' }
  | { type: 'stdout'; data: Buffer }
  | { type: 'stderr'; data: Buffer }
  /** `warmPid`: the warm interpreter left running for the next command (0: none), in the box's pids. */
  | { type: 'exit'; status: number; outputCapped: boolean; survivors: boolean; warmPid: number }
  | { type: 'failed'; message: string };

const MAX_STRING_BYTES = 1 << 20;
const U32_MAX = 0xffff_ffff;
/** The stdin length that says "streamed in 'I' frames", so no whole stdin can be that long. */
const STDIN_STREAMED = U32_MAX;
/** Largest 'I' frame the runner takes (its stdin buffer). */
export const MAX_INPUT_FRAME = 65_536;

/**
 * The 'R' frame, and after it a Buffer stdin's bytes. A streamed stdin gets
 * only the frame: its bytes follow in `encodeInput` frames once the runner
 * said it started the command.
 */
export function encodeRun(command: RunCommand): Buffer {
  if (command.argv.length === 0) throw new RangeError('a command needs argv[0]');
  const warm = command.warmArgv ?? [];
  const strings = [...command.argv, ...command.env, ...warm].map((s) => {
    if (s.includes('\0')) throw new RangeError('argv and env cannot hold NUL');
    return Buffer.from(`${s}\0`, 'utf8');
  });
  const fixed = Buffer.alloc(28);
  const whole = Buffer.isBuffer(command.stdin) ? command.stdin : null;
  if (whole && whole.length >= STDIN_STREAMED) throw new RangeError(`a stdin of ${whole.length} bytes is too long`);
  const counts = [command.stdoutCap, command.stderrCap, command.cpuSeconds, command.argv.length, command.env.length];
  counts.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 0 || n > U32_MAX) throw new RangeError(`field ${i} of a command is out of range: ${n}`);
    fixed.writeUInt32LE(n, i * 4);
  });
  fixed.writeUInt32LE(whole ? whole.length : STDIN_STREAMED, 20);
  fixed.writeUInt32LE(warm.length, 24);
  const payload = Buffer.concat([fixed, ...strings]);
  if (payload.length > MAX_STRING_BYTES) throw new RangeError('argv and env are too long');
  const head = Buffer.alloc(5);
  head.write('R', 0, 'latin1');
  head.writeUInt32LE(payload.length, 1);
  return whole ? Buffer.concat([head, payload, whole]) : Buffer.concat([head, payload]);
}

/**
 * A chunk of streamed stdin as 'I' frames of at most `MAX_INPUT_FRAME`
 * bytes, one Buffer per frame, so each can be written on its own. An empty
 * chunk gives no frame: an empty 'I' frame is the end of the input.
 */
export function encodeInput(chunk: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  for (let at = 0; at < chunk.length; at += MAX_INPUT_FRAME) {
    const part = chunk.subarray(at, at + MAX_INPUT_FRAME);
    const frame = Buffer.allocUnsafe(5 + part.length);
    frame.write('I', 0, 'latin1');
    frame.writeUInt32LE(part.length, 1);
    part.copy(frame, 5);
    frames.push(frame);
  }
  return frames;
}

/** The empty 'I' frame: the command's stdin is closed once it has read what came before. */
export function encodeEndOfInput(): Buffer {
  return Buffer.from([0x49, 0, 0, 0, 0]);
}

/** Largest payload the runner sends in one frame (its read chunk); anything larger is a broken stream. */
const MAX_FRAME = 65_536;

export interface FrameReader {
  push(chunk: Buffer): void;
}

/**
 * Parses the runner's output into frames. A frame of an unknown type or an
 * impossible size is a protocol error: the reader stops and says so once,
 * and the box treats the runner as gone.
 */
export function createFrameReader(onFrame: (frame: RunnerFrame) => void, onError: (message: string) => void): FrameReader {
  let pending: Buffer = Buffer.alloc(0);
  let broken = false;
  const fail = (message: string) => {
    broken = true;
    pending = Buffer.alloc(0);
    onError(message);
  };
  return {
    push(chunk) {
      if (broken) return;
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 5 && !broken) {
        const type = String.fromCharCode(pending[0] as number);
        const length = pending.readUInt32LE(1);
        if (length > MAX_FRAME) return fail(`runner frame of ${length} bytes`);
        if (pending.length < 5 + length) return;
        const body = pending.subarray(5, 5 + length);
        pending = pending.subarray(5 + length);
        const frame = decode(type, body);
        if (typeof frame === 'string') return fail(frame);
        onFrame(frame);
      }
    },
  };
}

function decode(type: string, body: Buffer): RunnerFrame | string {
  switch (type) {
    case 'O':
      return { type: 'stdout', data: Buffer.from(body) };
    case 'E':
      return { type: 'stderr', data: Buffer.from(body) };
    case 'S':
      return body.length === 0 ? { type: 'started' } : 'bad started frame';
    case 'H':
      return body.length === 8 ? { type: 'hello', version: body.readUInt32LE(0), pid: body.readInt32LE(4) } : 'bad hello frame';
    case 'X': {
      if (body.length !== 12) return 'bad exit frame';
      const flags = body.readUInt32LE(4);
      return { type: 'exit', status: body.readInt32LE(0), outputCapped: (flags & 1) !== 0, survivors: (flags & 2) !== 0, warmPid: body.readInt32LE(8) };
    }
    case 'F':
      return { type: 'failed', message: body.toString('utf8').slice(0, 500) };
    default:
      return `unknown runner frame type ${JSON.stringify(type)}`;
  }
}
