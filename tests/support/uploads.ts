/**
 * For package-upload tests and benchmarks: a generator of maximal packages,
 * a streaming upload, a /api/health poller and a process's memory.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ApiClient } from './server.ts';

const MB = 1024 * 1024;
const BLOCK = 512;

export interface BigPackage {
  /** Bytes of the .tar.gz written. */
  compressedBytes: number;
  /** Bytes of the tar inside it. */
  expandedBytes: number;
}

/**
 * Writes a Kodbro package as a .tar.gz that expands about 94 times: `files`
 * hidden tests of `fileMb` each, mostly one letter with 32 random bytes every
 * 4 KB — compressible the way generated test data is, but not so much that
 * the extractor's ratio cap (200×) refuses it. With the defaults it is the
 * largest package the server takes (16 × 31 MB ≈ 496 MB, under the 512 MB
 * cap) from about 5.3 MB. The archive is a series of gzip members (legal
 * gzip, read as one stream), so making it costs compressing one test file.
 */
export async function writeBigPackage(file: string, options: { id: string; files?: number; fileMb?: number }): Promise<BigPackage> {
  const files = options.files ?? 16;
  const fileBytes = (options.fileMb ?? 31) * MB;
  const content = Buffer.alloc(fileBytes, 0x61);
  for (let at = 0; at < fileBytes; at += 4096) randomBytes(32).copy(content, at);
  const compressedContent = gzipSync(content);

  const manifest = `format: kodbro/1\nid: ${options.id}\ntitle:\n  en: Big ${options.id}\nlanguages: [python]\n`;
  const statement = `# Big ${options.id}\n\nEcho the input's length.\n`;
  const out = await open(file, 'w');
  let compressedBytes = 0;
  let expandedBytes = 0;
  const write = async (tarBytes: Buffer, gz = gzipSync(tarBytes)) => {
    await out.write(gz);
    compressedBytes += gz.length;
    expandedBytes += tarBytes.length;
  };
  try {
    await write(Buffer.concat([entry('kodbro.yaml', manifest), entry('statement.en.md', statement)]));
    for (let i = 1; i <= files; i++) {
      await write(Buffer.concat([tarHeader(`tests/hidden/${String(i).padStart(2, '0')}.ans`, 2), padded(Buffer.from(`${i}\n`)), tarHeader(`tests/hidden/${String(i).padStart(2, '0')}.in`, fileBytes)]));
      // fileBytes is a multiple of 512: the content needs no padding, and its compressed member is reused.
      expandedBytes += fileBytes;
      compressedBytes += compressedContent.length;
      await out.write(compressedContent);
    }
    await write(Buffer.alloc(2 * BLOCK));
  } finally {
    await out.close();
  }
  return { compressedBytes, expandedBytes };
}

function entry(name: string, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([tarHeader(name, body.length), padded(body)]);
}

function padded(body: Buffer): Buffer {
  const rest = body.length % BLOCK;
  return rest === 0 ? body : Buffer.concat([body, Buffer.alloc(BLOCK - rest)]);
}

/** One ustar header block for a regular file. */
function tarHeader(name: string, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('00000000000\0', 136);
  block.write('0', 156);
  block.write('ustar\x0000', 257, 'latin1');
  block.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

/** Sends a file (or bytes) as the body of a POST with node:http, streaming, and resolves with the answer. */
export function postFile(url: string, client: ApiClient, route: string, body: Buffer, contentType = 'application/gzip'): Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const target = new URL(route, url);
    const req = http.request(
      { host: target.hostname, port: target.port, method: 'POST', path: target.pathname, headers: uploadHeaders(client, { 'content-type': contentType, 'content-length': String(body.length) }) },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function uploadHeaders(client: ApiClient, extra: Record<string, string>): Record<string, string> {
  return { ...extra, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': client.csrfToken ?? '' };
}

/**
 * Asks /api/health every `everyMs` until stopped; resolves with each answer's
 * latency as this process saw it (Infinity for a failure) and the longest
 * delay the server's own event loop reported over the whole time.
 */
export function pollHealth(url: string, everyMs = 50): { stop(): Promise<{ latencies: number[]; serverLoopDelayMs: number }> } {
  const latencies: number[] = [];
  let serverLoopDelayMs = 0;
  const pending: Promise<void>[] = [];
  const timer = setInterval(() => {
    const started = performance.now();
    pending.push(
      fetch(`${url}/api/health`).then(
        async (response) => {
          const text = await response.text();
          latencies.push(response.status === 200 ? performance.now() - started : Number.POSITIVE_INFINITY);
          const body = JSON.parse(text) as { eventLoopDelayMs?: number };
          serverLoopDelayMs = Math.max(serverLoopDelayMs, body.eventLoopDelayMs ?? Number.POSITIVE_INFINITY);
        },
        () => void latencies.push(Number.POSITIVE_INFINITY),
      ),
    );
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return { latencies, serverLoopDelayMs };
    },
  };
}

/** The process's resident memory now, from /proc. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1]) / 1024;
}

export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;

