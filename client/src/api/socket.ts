import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { clientEvents, serverEvents, type ClientEventName, type ServerEventName } from '@kodbro/server/contracts';
import type { z } from 'zod';
import { ApiError } from './http.ts';

/**
 * socket.io on the same origin. Every payload the server sends is parsed
 * with the shared schema before a handler sees it; every acknowledgement too.
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

/** Subscribes to a server event; returns the unsubscribe function. Malformed payloads are dropped. */
export function onServerEvent<N extends ServerEventName>(socket: Socket, name: N, handler: (payload: ServerPayload<N>) => void): () => void {
  const listener = (raw: unknown) => {
    const parsed = serverEvents[name].safeParse(raw);
    if (parsed.success) handler(parsed.data as ServerPayload<N>);
    else console.warn(`Dropped a malformed "${name}" event`, parsed.error);
  };
  // socket.io's own event typing cannot follow our generic name: widen it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  socket.on(name as string, listener);
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    socket.off(name as string, listener);
  };
}

/** Emits with an acknowledgement, parsed; rejects with an ApiError on timeout or a malformed ack. */
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
  const parsed = clientEvents[name].ack.safeParse(raw);
  if (!parsed.success) throw new ApiError('bad_response', 'The server sent an answer this page does not understand.');
  return parsed.data as ClientAck<N>;
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
