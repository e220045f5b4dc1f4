import { describe, expect, it } from 'vitest';
import { createFrameReader, encodeEndOfInput, encodeInput, encodeRun, MAX_INPUT_FRAME, type RunnerFrame } from './runner-protocol.ts';

const frame = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(body.length, 1);
  return Buffer.concat([head, body]);
};
const u32s = (...values: number[]) => {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32LE(v >>> 0, i * 4));
  return b;
};

function read(chunks: Buffer[]) {
  const frames: RunnerFrame[] = [];
  const errors: string[] = [];
  const reader = createFrameReader((f) => frames.push(f), (e) => errors.push(e));
  for (const c of chunks) reader.push(c);
  return { frames, errors };
}

describe('encodeRun', () => {
  it('lays out caps, counts, NUL-terminated strings, then the stdin bytes', () => {
    const bytes = encodeRun({ argv: ['python3', 'a.py'], env: ['A=1'], stdin: Buffer.from('in'), stdoutCap: 10, stderrCap: 20, cpuSeconds: 3 });
    expect(bytes.subarray(0, 1).toString('latin1')).toBe('R');
    const length = bytes.readUInt32LE(1);
    const payload = bytes.subarray(5, 5 + length);
    expect([0, 4, 8, 12, 16, 20, 24].map((at) => payload.readUInt32LE(at))).toEqual([10, 20, 3, 2, 1, 2, 0]);
    expect(payload.subarray(28).toString('utf8')).toBe('python3\0a.py\0A=1\0');
    expect(bytes.subarray(5 + length).toString()).toBe('in');
  });

  it('refuses what the runner could not read back: NUL inside a string, no argv, out-of-range numbers', () => {
    const base = { argv: ['x'], env: [], stdin: Buffer.alloc(0), stdoutCap: 1, stderrCap: 1, cpuSeconds: 0 };
    expect(() => encodeRun({ ...base, argv: ['a\0b'] })).toThrow(RangeError);
    expect(() => encodeRun({ ...base, env: ['A=\0'] })).toThrow(RangeError);
    expect(() => encodeRun({ ...base, argv: [] })).toThrow(RangeError);
    expect(() => encodeRun({ ...base, stdoutCap: -1 })).toThrow(RangeError);
    expect(() => encodeRun({ ...base, stdoutCap: 2 ** 32 })).toThrow(RangeError);
    expect(() => encodeRun({ ...base, argv: ['x'.repeat(1 << 20)] })).toThrow(RangeError);
  });

  it('marks a streamed stdin with the length 0xFFFFFFFF and sends no bytes after the frame', () => {
    async function* lines() {
      yield Buffer.from('never encoded here');
    }
    const bytes = encodeRun({ argv: ['cat'], env: [], stdin: lines(), stdoutCap: 1, stderrCap: 2, cpuSeconds: 0 });
    const length = bytes.readUInt32LE(1);
    expect(bytes.length).toBe(5 + length);
    expect(bytes.readUInt32LE(5 + 20)).toBe(0xffff_ffff);
    expect(bytes.subarray(5 + 28).toString('utf8')).toBe('cat\0');
  });

  it('names a warm interpreter after the environment, counted in its own field', () => {
    const bytes = encodeRun({ argv: ['python3', 'main.py'], env: ['A=1'], stdin: Buffer.alloc(0), stdoutCap: 1, stderrCap: 1, cpuSeconds: 0, warmArgv: ['python3', 'warm.py', 'main.py'] });
    const payload = bytes.subarray(5, 5 + bytes.readUInt32LE(1));
    expect(payload.readUInt32LE(24)).toBe(3);
    expect(payload.subarray(28).toString('utf8')).toBe('python3\0main.py\0A=1\0python3\0warm.py\0main.py\0');
    expect(() => encodeRun({ argv: ['x'], env: [], stdin: Buffer.alloc(0), stdoutCap: 1, stderrCap: 1, cpuSeconds: 0, warmArgv: ['a\0'] })).toThrow(RangeError);
  });

  it('sends a Buffer stdin unframed, right after the command', () => {
    const stdin = Buffer.from('1 2\n');
    const bytes = encodeRun({ argv: ['a'], env: ['B=c'], stdin, stdoutCap: 7, stderrCap: 8, cpuSeconds: 9 });
    const expected = Buffer.concat([frame('R', Buffer.concat([u32s(7, 8, 9, 1, 1, 4, 0), Buffer.from('a\0B=c\0')])), stdin]);
    expect(bytes.equals(expected)).toBe(true);
  });

  it('refuses a Buffer stdin whose length would read as "streamed"', () => {
    const huge = Object.defineProperty(Buffer.alloc(0), 'length', { value: 0xffff_ffff });
    expect(() => encodeRun({ argv: ['x'], env: [], stdin: huge, stdoutCap: 1, stderrCap: 1, cpuSeconds: 0 })).toThrow(RangeError);
  });
});

describe('encodeInput and encodeEndOfInput', () => {
  it('frames a chunk byte-exactly as I, its u32 length, its bytes', () => {
    expect(encodeInput(Buffer.from('4 7\n'))).toEqual([Buffer.from([0x49, 4, 0, 0, 0, 0x34, 0x20, 0x37, 0x0a])]);
    expect(encodeEndOfInput()).toEqual(Buffer.from([0x49, 0, 0, 0, 0]));
  });

  it('gives an empty chunk no frame: an empty frame would end the input', () => {
    expect(encodeInput(Buffer.alloc(0))).toEqual([]);
  });

  it('splits a chunk larger than 64 KiB into frames of at most 64 KiB, in order, losing nothing', () => {
    const chunk = Buffer.alloc(2 * MAX_INPUT_FRAME + 3);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 7) & 0xff;
    const frames = encodeInput(chunk);
    expect(MAX_INPUT_FRAME).toBe(65_536);
    expect(frames.map((f) => [f.toString('latin1', 0, 1), f.readUInt32LE(1), f.length])).toEqual([
      ['I', MAX_INPUT_FRAME, MAX_INPUT_FRAME + 5],
      ['I', MAX_INPUT_FRAME, MAX_INPUT_FRAME + 5],
      ['I', 3, 8],
    ]);
    expect(Buffer.concat(frames.map((f) => f.subarray(5))).equals(chunk)).toBe(true);
    // Exactly at the limit: one frame.
    expect(encodeInput(Buffer.alloc(MAX_INPUT_FRAME))).toHaveLength(1);
  });

  it('copies the bytes: a caller that reuses its chunk buffer cannot change a frame already made', () => {
    const chunk = Buffer.from('abc');
    const [framed] = encodeInput(chunk);
    chunk.fill(0);
    expect(framed?.subarray(5).toString()).toBe('abc');
  });
});

describe('createFrameReader', () => {
  it('reads frames split anywhere, byte by byte', () => {
    const stream = Buffer.concat([
      frame('H', u32s(2, 42)),
      frame('S', Buffer.alloc(0)),
      frame('O', Buffer.from('6\n')),
      frame('E', Buffer.from('warn')),
      frame('X', u32s(0, 0, 0)),
      frame('X', u32s(137, 3, 17)),
      frame('F', Buffer.from('fork: EAGAIN')),
    ]);
    const { frames, errors } = read([...stream].map((b) => Buffer.from([b])));
    expect(errors).toEqual([]);
    expect(frames).toEqual([
      { type: 'hello', version: 2, pid: 42 },
      { type: 'started' },
      { type: 'stdout', data: Buffer.from('6\n') },
      { type: 'stderr', data: Buffer.from('warn') },
      { type: 'exit', status: 0, outputCapped: false, survivors: false, warmPid: 0 },
      { type: 'exit', status: 137, outputCapped: true, survivors: true, warmPid: 17 },
      { type: 'failed', message: 'fork: EAGAIN' },
    ]);
  });

  it('stops at the first broken frame and says so once: unknown type, oversized, wrong size', () => {
    for (const bad of [frame('Z', Buffer.alloc(0)), Buffer.from([0x4f, 0xff, 0xff, 0xff, 0x7f]), frame('X', u32s(0, 0)), frame('H', u32s(1)), frame('S', Buffer.from('x'))]) {
      const { frames, errors } = read([Buffer.concat([frame('O', Buffer.from('a')), bad, frame('O', Buffer.from('b'))])]);
      expect(frames).toEqual([{ type: 'stdout', data: Buffer.from('a') }]);
      expect(errors).toHaveLength(1);
    }
  });

  it('waits for the rest of a frame without buffering beyond it', () => {
    const { frames } = read([frame('O', Buffer.alloc(65_536, 1)).subarray(0, 100)]);
    expect(frames).toEqual([]);
  });
});
