export type ConnectionQuality = 'good' | 'slow' | 'offline';

/** Round trips above this feel sluggish when saving and running (a 150 ms mobile link stays "good"). */
const SLOW_ROUND_TRIP_MS = 800;
/** A live connection (polling, then the upgrade) that takes longer than this is slow. */
const SLOW_SOCKET_MS = 3000;

/**
 * The connection check's verdict from one HTTP round trip and one socket
 * connection (null: failed). No HTTP answer is offline; a failed socket with
 * a working HTTP link still lets the candidate work (saves and runs go over
 * HTTP), so it is slow, not offline.
 */
export function classifyConnection(roundTripMs: number | null, socketMs: number | null): ConnectionQuality {
  if (roundTripMs === null) return 'offline';
  if (socketMs === null || roundTripMs > SLOW_ROUND_TRIP_MS || socketMs > SLOW_SOCKET_MS) return 'slow';
  return 'good';
}
