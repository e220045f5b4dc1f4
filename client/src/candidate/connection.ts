export type ConnectionQuality = 'good' | 'slow' | 'offline';

/** Round trips above this feel sluggish when saving and running (a 150 ms mobile link stays "good"). */
const SLOW_ROUND_TRIP_MS = 800;

/**
 * The connection check's verdict from one HTTP round trip to the server
 * (null: no answer). No live connection is opened for it: the page works
 * over HTTP alone (saves and runs fall back to it when the socket is down),
 * and a socket held open while the candidate reads the overview would cost
 * bytes on their link every few seconds. The attempt's socket opens at Start.
 */
export function classifyConnection(roundTripMs: number | null): ConnectionQuality {
  if (roundTripMs === null) return 'offline';
  return roundTripMs > SLOW_ROUND_TRIP_MS ? 'slow' : 'good';
}
