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

export function createCappedDemuxer(limits: { stdout: number; stderr: number }, onOverflow: (stream: 'stdout' | 'stderr') => void): CappedStreams {
  const kept = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const size = { stdout: 0, stderr: 0 };
  const seen = { stdout: 0, stderr: 0 };
  const overflowed = { stdout: false, stderr: false };
  let header = Buffer.alloc(0);
  let remaining = 0;
  let current: 'stdout' | 'stderr' | null = null;

  function keep(stream: 'stdout' | 'stderr', data: Buffer) {
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
  }

  function push(chunk: Buffer) {
    let offset = 0;
    while (offset < chunk.length) {
      if (remaining === 0) {
        const need = 8 - header.length;
        header = Buffer.concat([header, chunk.subarray(offset, offset + need)]);
        offset += Math.min(need, chunk.length - offset);
        if (header.length < 8) return;
        const type = header[0];
        // 1 = stdout, 2 = stderr; 0 (stdin) never comes back, treat as stdout.
        current = type === 2 ? 'stderr' : 'stdout';
        remaining = header.readUInt32BE(4);
        header = Buffer.alloc(0);
        continue;
      }
      const take = Math.min(remaining, chunk.length - offset);
      keep(current ?? 'stdout', chunk.subarray(offset, offset + take));
      remaining -= take;
      offset += take;
    }
  }

  return {
    push,
    stdout: () => Buffer.concat(kept.stdout),
    stderr: () => Buffer.concat(kept.stderr),
    seen: () => ({ ...seen }),
  };
}
