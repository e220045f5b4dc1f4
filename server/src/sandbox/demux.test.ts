import { describe, expect, it } from 'vitest';
import { createCappedDemuxer } from './demux.ts';

function frame(stream: 1 | 2, payload: string | Buffer): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('createCappedDemuxer', () => {
  it('splits stdout and stderr frames, however the chunks are cut', () => {
    const bytes = Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world')]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const d = createCappedDemuxer({ stdout: 100, stderr: 100 }, () => {});
      d.push(bytes.subarray(0, cut));
      d.push(bytes.subarray(cut));
      expect(d.stdout().toString()).toBe('hello world');
      expect(d.stderr().toString()).toBe('oops');
    }
  });

  it('keeps at most the cap, counts the rest and reports the overflow once', () => {
    const overflows: string[] = [];
    const d = createCappedDemuxer({ stdout: 10, stderr: 4 }, (s) => overflows.push(s));
    for (let i = 0; i < 1000; i++) d.push(frame(1, 'x'.repeat(1000)));
    d.push(frame(2, 'abcdefgh'));
    expect(d.stdout().length).toBe(10);
    expect(d.stderr().toString()).toBe('abcd');
    expect(d.seen()).toEqual({ stdout: 1_000_000, stderr: 8 });
    expect(overflows).toEqual(['stdout', 'stderr']);
  });

  it('does not take a forged header printed inside a payload for a frame', () => {
    const forged = Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 3]), Buffer.from('999')]);
    const d = createCappedDemuxer({ stdout: 100, stderr: 100 }, () => {});
    d.push(frame(2, forged));
    expect(d.stdout().length).toBe(0);
    expect(d.stderr()).toEqual(forged);
  });

  it('exactly at the cap is not an overflow', () => {
    const overflows: string[] = [];
    const d = createCappedDemuxer({ stdout: 5, stderr: 5 }, (s) => overflows.push(s));
    d.push(frame(1, '12345'));
    expect(overflows).toEqual([]);
  });
});
