/** socket.io: live progress, draft sync, the server's timer, recruiters' live view. */
export { createLive, type Live, type LiveJob } from './live.ts';
export { attachSockets } from './sockets.ts';
