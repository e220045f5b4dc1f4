/** socket.io: live progress, draft sync, the server's timer, recruiters' live view. */
export { createLive, candidateProgress, hiddenProgress, clockTimers, attemptRoom, assessmentRoom, inviteRoom, sessionRoom, type Live, type LiveJob } from './live.ts';
export { createHiddenTicker, nextTick, tickCeil, tickFloor, type HiddenTicker, type TickTimers } from './ticks.ts';
export { attachSockets } from './sockets.ts';
