/** socket.io: live progress, draft sync, the server's timer, recruiters' live view. */
export { createLive, candidateProgress, attemptRoom, assessmentRoom, inviteRoom, sessionRoom, type Live, type LiveJob } from './live.ts';
export { attachSockets } from './sockets.ts';
