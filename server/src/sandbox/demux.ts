/**
 * Docker multiplexes an exec's stdout and stderr into frames of an 8-byte
 * header (stream id, 3 zero bytes, big-endian length) and a payload. This
 * parser keeps at most `limit` bytes of each stream and counts the rest, so a
 * flood costs the server no memory beyond the caps.
 */
export interface CappedStreams {
  push(chunk: Buffer): void;
  stdout(): Buffer;
  stderr(): Buffer;
  /** Bytes seen per stream, kept or not. */
  seen(): { stdout: number; stderr: number };
}

/**
 * Splits Docker's multiplexed stream into its two streams as chunks arrive,
 * handing each payload piece on without keeping it.
 */
export function createDemuxer(onData: (stream: 'stdout' | 'stderr', data: Buffer) => void): { push(chunk: Buffer): void } {
  let header = Buffer.alloc(0);
  let remaining = 0;
  let current: 'stdout' | 'stderr' = 'stdout';
  return {
    push(chunk) {
      let offset = 0;
      while (offset < chunk.length) {
        if (remaining === 0) {
          const need = 8 - header.length;
          header = Buffer.concat([header, chunk.subarray(offset, offset + need)]);
          offset += Math.min(need, chunk.length - offset);
          if (header.length < 8) return;
          // 1 = stdout, 2 = stderr; 0 (stdin) never comes back, treat as stdout.
          current = header[0] === 2 ? 'stderr' : 'stdout';
          remaining = header.readUInt32BE(4);
          header = Buffer.alloc(0);
          continue;
        }
        const take = Math.min(remaining, chunk.length - offset);
        onData(current, chunk.subarray(offset, offset + take));
        remaining -= take;
        offset += take;
      }
    },
  };
}

export interface CappedBuffers {
  keep(stream: 'stdout' | 'stderr', data: Buffer): void;
  stdout(): Buffer;
  stderr(): Buffer;
  /** Bytes seen per stream, kept or not. */
  seen(): { stdout: number; stderr: number };
}

/** Keeps at most `limits` bytes of each stream, counts the rest, and says once per stream when it overflowed. */
export function createCappedBuffers(limits: { stdout: number; stderr: number }, onOverflow: (stream: 'stdout' | 'stderr') => void): CappedBuffers {
  const kept = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const size = { stdout: 0, stderr: 0 };
  const seen = { stdout: 0, stderr: 0 };
  const overflowed = { stdout: false, stderr: false };
  return {
    keep(stream, data) {
      seen[stream] += data.length;
      const room = limits[stream] - size[stream];
      if (room > 0) {
        const part = data.length <= room ? data : data.subarray(0, room);
        kept[stream].push(Buffer.from(part));
        size[stream] += part.length;
      }
      if (seen[stream] > limits[stream] && !overflowed[stream]) {
        overflowed[stream] = true;
        onOverflow(stream);
      }
    },
    stdout: () => Buffer.concat(kept.stdout),
    stderr: () => Buffer.concat(kept.stderr),
    seen: () => ({ ...seen }),
  };
}

export function createCappedDemuxer(limits: { stdout: number; stderr: number }, onOverflow: (stream: 'stdout' | 'stderr') => void): CappedStreams {
  const buffers = createCappedBuffers(limits, onOverflow);
  const demuxer = createDemuxer((stream, data) => buffers.keep(stream, data));
  return { push: (chunk) => demuxer.push(chunk), stdout: buffers.stdout, stderr: buffers.stderr, seen: buffers.seen };
}
