import { describe, expect, it } from 'vitest';
import { createFrameReader, encodeRun, type RunnerFrame } from './runner-protocol.ts';

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
    expect([0, 4, 8, 12, 16, 20].map((at) => payload.readUInt32LE(at))).toEqual([10, 20, 3, 2, 1, 2]);
    expect(payload.subarray(24).toString('utf8')).toBe('python3\0a.py\0A=1\0');
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
});

describe('createFrameReader', () => {
  it('reads frames split anywhere, byte by byte', () => {
    const stream = Buffer.concat([
      frame('H', u32s(1, 42)),
      frame('O', Buffer.from('6\n')),
      frame('E', Buffer.from('warn')),
      frame('X', u32s(0, 0)),
      frame('X', u32s(137, 3)),
      frame('F', Buffer.from('fork: EAGAIN')),
    ]);
    const { frames, errors } = read([...stream].map((b) => Buffer.from([b])));
    expect(errors).toEqual([]);
    expect(frames).toEqual([
      { type: 'hello', version: 1, pid: 42 },
      { type: 'stdout', data: Buffer.from('6\n') },
      { type: 'stderr', data: Buffer.from('warn') },
      { type: 'exit', status: 0, outputCapped: false, survivors: false },
      { type: 'exit', status: 137, outputCapped: true, survivors: true },
      { type: 'failed', message: 'fork: EAGAIN' },
    ]);
  });

  it('stops at the first broken frame and says so once: unknown type, oversized, wrong size', () => {
    for (const bad of [frame('Z', Buffer.alloc(0)), Buffer.from([0x4f, 0xff, 0xff, 0xff, 0x7f]), frame('X', u32s(0)), frame('H', u32s(1))]) {
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
