import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { errorResponse } from './errors.ts';

/**
 * How slowly a request body may arrive. After `graceMs`, the bytes received
 * over the last `windowMs` (or since the body began, if that is shorter) must
 * average at least `minBytesPerSecond`. A client that trickles a byte every
 * few seconds, or stops sending, is cut off within seconds; a steady upload
 * on a slow mobile link (1 KB/s is 8 kbit/s) and a pause of a few seconds in
 * a fast one both pass.
 */
export interface BodyRateRule {
  graceMs: number;
  windowMs: number;
  minBytesPerSecond: number;
}

export const DEFAULT_BODY_RATE: BodyRateRule = { graceMs: 5000, windowMs: 10_000, minBytesPerSecond: 1024 };

/** How often every body in flight is looked at. */
const TICK_MS = 1000;

/** Bytes the client had delivered at a moment. */
export interface BodySample {
  at: number;
  bytes: number;
}

/**
 * The rule on plain numbers: whether a body whose progress is `samples`
 * (oldest first, the first one taken when the body began) is too slow at `now`.
 */
export function bodyTooSlow(samples: readonly BodySample[], now: number, rule: BodyRateRule): boolean {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || now - first.at < rule.graceMs) return false;
  const from = samples.find((sample) => sample.at >= now - rule.windowMs) ?? last;
  const seconds = (now - from.at) / 1000;
  if (seconds <= 0) return false;
  return (last.bytes - from.bytes) / seconds < rule.minBytesPerSecond;
}

/** Drops samples the window no longer needs, keeping the oldest one still inside it. */
function trim(samples: BodySample[], now: number, rule: BodyRateRule): void {
  while (samples.length > 1 && samples[0]!.at < now - rule.windowMs) samples.shift();
}

interface Watch {
  req: IncomingMessage;
  res: ServerResponse;
  samples: BodySample[];
}

/**
 * Watches every request body on the HTTP server, socket.io's polling
 * requests included, without reading it: progress is the socket's
 * `bytesRead`, so the body stays a stream for whoever consumes it (a JSON
 * parser, an upload streamed to disk). Time the server itself holds the body
 * back (its buffer is full because the consumer is slow) does not count
 * against the client. A body that is too slow gets 408 and its socket closed.
 *
 * Install it after socket.io is attached: socket.io wraps the request
 * listeners that exist when it attaches, and this one must see its requests too.
 */
export function guardBodyRate(server: Server, rule: BodyRateRule = DEFAULT_BODY_RATE, onCut: (req: IncomingMessage) => void = () => {}): void {
  const watches = new Set<Watch>();
  let ticker: NodeJS.Timeout | undefined;

  const tick = () => {
    const now = Date.now();
    for (const watch of watches) {
      const { req, res, samples } = watch;
      if (req.complete || req.destroyed || req.socket.destroyed) {
        watches.delete(watch);
        continue;
      }
      const bytes = req.socket.bytesRead;
      // The server's own backpressure: the client is not the slow one, so its clock starts again.
      if (req.readableLength >= req.readableHighWaterMark) {
        samples.splice(0, samples.length, { at: now, bytes });
        continue;
      }
      samples.push({ at: now, bytes });
      trim(samples, now, rule);
      if (bodyTooSlow(samples, now, rule)) {
        watches.delete(watch);
        onCut(req);
        cut(req, res);
      }
    }
    if (watches.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };

  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!hasBody(req)) return;
    watches.add({ req, res, samples: [{ at: Date.now(), bytes: req.socket.bytesRead }] });
    if (!ticker) {
      ticker = setInterval(tick, TICK_MS);
      ticker.unref();
    }
  });
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** 408 with the error body when nothing was answered yet, then the socket goes: the rest of the body is not waited for. */
function cut(req: IncomingMessage, res: ServerResponse): void {
  const close = () => {
    // The request stream too, with an error: once the answer is out, Node ends
    // neither the stream nor its readers on its own, and a handler still
    // reading the body (an upload to disk) would wait forever, holding its
    // upload slot.
    req.destroy(new Error('The request body arrived too slowly'));
    req.socket.destroy();
  };
  setTimeout(close, TICK_MS).unref();
  if (res.headersSent) return close();
  const { status, body } = errorResponse('request_timeout', 'The request body arrived too slowly; send it again on a steadier connection', '');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
  res.end(JSON.stringify(body), close);
}
