import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { clientEvents, serverEvents, ClientEventName, ServerEventName } from '@kodbro/server/contracts';
import type { z } from 'zod';
import { ApiError } from './http.ts';

/**
 * socket.io on the same origin. Payloads and acknowledgements have the
 * shared schemas' types; like HTTP answers (http.ts) they are not parsed
 * again here, only checked to be objects (an acknowledgement: with its
 * `ok`), so zod stays off the candidate's first load.
 */

export type { Socket };

export function connectSocket(csrfToken: string): Socket {
  // Polling first, then upgrade (socket.io's default): survives proxies and
  // flaky mobile links that drop WebSocket handshakes.
  return io({ path: '/socket.io', auth: { csrfToken }, withCredentials: true, reconnectionDelayMax: 10_000 });
}

type ServerPayload<N extends ServerEventName> = z.infer<(typeof serverEvents)[N]>;
type ClientPayload<N extends ClientEventName> = z.infer<(typeof clientEvents)[N]['payload']>;
type ClientAck<N extends ClientEventName> = z.infer<(typeof clientEvents)[N]['ack']>;

/** Subscribes to a server event; returns the unsubscribe function. A payload that is not an object is dropped. */
export function onServerEvent<N extends ServerEventName>(socket: Socket, name: N, handler: (payload: ServerPayload<N>) => void): () => void {
  const listener = (raw: unknown) => {
    if (typeof raw === 'object' && raw !== null) handler(raw as ServerPayload<N>);
    else console.warn(`Dropped a malformed "${name}" event`);
  };
  // socket.io's own event typing cannot follow our generic name: widen it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  socket.on(name as string, listener);
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    socket.off(name as string, listener);
  };
}

/** Emits with an acknowledgement; rejects with an ApiError on timeout or an ack without a boolean `ok`. */
export async function emitWithAck<N extends ClientEventName>(
  socket: Socket,
  name: N,
  payload: ClientPayload<N>,
  timeoutMs = 8000,
): Promise<ClientAck<N>> {
  let raw: unknown;
  try {
    raw = await socket.timeout(timeoutMs).emitWithAck(name, payload);
  } catch {
    throw new ApiError('timeout', 'The server did not answer in time.');
  }
  if (typeof raw !== 'object' || raw === null || typeof (raw as { ok?: unknown }).ok !== 'boolean') {
    throw new ApiError('bad_response', 'The server sent an answer this page does not understand.');
  }
  return raw as ClientAck<N>;
}

/** True while the socket is connected; re-renders on every change. */
export function useSocketConnected(socket: Socket | null): boolean {
  const [connected, setConnected] = useState(socket?.connected ?? false);
  useEffect(() => {
    if (!socket) return;
    const update = () => setConnected(socket.connected);
    update();
    socket.on('connect', update);
    socket.on('disconnect', update);
    return () => {
      socket.off('connect', update);
      socket.off('disconnect', update);
    };
  }, [socket]);
  return connected;
}
