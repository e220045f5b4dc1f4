import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The HTTP server's own limits, explicit rather than Node's defaults (a
 * minute for headers, five for a whole request, no connection cap). Slow
 * bodies are the body-rate guard's job; these bound everything else.
 */
export const SERVER_LIMITS = {
  /** All request headers must arrive within this (slowloris). */
  headersTimeoutMs: 10_000,
  /**
   * A whole request, body included, from its first byte. The backstop behind
   * the body-rate guard: a 64 MB package at 1 Mbit/s takes about nine minutes.
   */
  requestTimeoutMs: 15 * 60_000,
  /** An idle keep-alive connection between requests. */
  keepAliveTimeoutMs: 5000,
  /** How often Node checks the two timeouts above; its default (30 s) would let them overshoot. */
  connectionsCheckingIntervalMs: 1000,
  maxHeaderSize: 16 * 1024,
  maxHeadersCount: 100,
} as const;

/** Options for `http.createServer`. */
export function serverOptions(): ServerOptions {
  return {
    headersTimeout: SERVER_LIMITS.headersTimeoutMs,
    requestTimeout: SERVER_LIMITS.requestTimeoutMs,
    keepAliveTimeout: SERVER_LIMITS.keepAliveTimeoutMs,
    connectionsCheckingInterval: SERVER_LIMITS.connectionsCheckingIntervalMs,
    maxHeaderSize: SERVER_LIMITS.maxHeaderSize,
  };
}

/**
 * The limits that are properties rather than options. `maxConnections`
 * counts every open socket, WebSockets included: beyond it Node closes new
 * connections at once, and they are accepted again as others close.
 * `maxRequestsPerSocket` stays unlimited: keep-alive connections are already
 * bounded by the idle timeout and the cap, and socket.io's long-polling
 * reuses one connection for many requests.
 */
export function applyServerLimits(server: Server, maxConnections: number): void {
  server.headersTimeout = SERVER_LIMITS.headersTimeoutMs;
  server.requestTimeout = SERVER_LIMITS.requestTimeoutMs;
  server.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeoutMs;
  server.maxHeadersCount = SERVER_LIMITS.maxHeadersCount;
  server.maxConnections = maxConnections;
  // Node's headersTimeout starts with the first byte: a connection that sends nothing at all would hold its place under the cap forever.
  server.on('connection', (socket: Socket) => {
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, SERVER_LIMITS.headersTimeoutMs);
    silent.unref();
    socket.once('close', () => clearTimeout(silent));
  });
}
