import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { CandidateReads } from '../attempts/index.ts';
import type { DraftAck, JudgeEvent, ProgressEvent } from '../contracts/index.ts';
import type { AttemptId, OrgId, Store, SubmissionKind } from '../store/index.ts';
import { toAttemptSummary } from '../views/index.ts';
import { staffInvite } from '../review/index.ts';
import { createHiddenTicker, type HiddenState, type TickTimers } from './ticks.ts';

export const attemptRoom = (attemptId: string) => `attempt:${attemptId}`;
export const assessmentRoom = (assessmentId: string) => `assessment:${assessmentId}`;
/** Every socket of one sign-in session (staff or candidate), by the session's hash: ending the session empties it. */
export const sessionRoom = (sessionIdHash: string) => `session:${sessionIdHash}`;
/** A candidate socket's room until the attempt exists: a socket may connect before Start. */
export const inviteRoom = (inviteId: string) => `invite:${inviteId}`;

/** A job as the live layer needs it. */
export interface LiveJob {
  orgId: OrgId;
  attemptId: AttemptId;
  submissionId: string;
  kind: SubmissionKind;
}

/**
 * Pushes changes to the sockets that may see them. Everything sent to a
 * candidate goes through the candidate views. Runs on the candidate's own
 * data (samples, custom input) are live, test by test; a run on hidden tests
 * reaches the candidate only on the fixed tick (ticks.ts): its stage and a
 * count of finished tests, then its end. Staff hear `attempt:changed` as it
 * happens. Sending never blocks or fails the caller.
 */
export interface Live {
  queued(orgId: OrgId, attemptId: AttemptId, submissionId: string): void;
  progress(job: LiveJob, event: JudgeEvent): void;
  /** The stored state of a submission changed (done, failed, re-queued). */
  settled(job: LiveJob): void;
  attemptChanged(orgId: OrgId, attemptId: AttemptId, change: string): void;
  /** The invite's attempt exists now: its sockets that connected before Start join the attempt's room. */
  attemptStarted(inviteId: string, attemptId: AttemptId): void;
  draftSaved(attemptId: AttemptId, ack: DraftAck): void;
  /**
   * A session ended (logout, "leave this device"): its sockets are
   * disconnected now. Through the room, so a socket.io adapter carries it to
   * other processes too.
   */
  sessionEnded(sessionIdHash: string): void;
  attach(io: Server): void;
  /** Stops the tick timer (the server is closing). */
  stop(): void;
}

/** The server's clock and Node's timer, for the tick. */
export function clockTimers(clock: () => Date): TickTimers {
  return {
    now: () => clock().getTime(),
    at(atMs, fn) {
      // Node's timers run on another clock than Date: one may fire a millisecond early, so wait out the rest.
      const wait = () => {
        const left = atMs - clock().getTime();
        if (left <= 0) return fn();
        timer = setTimeout(wait, left);
        timer.unref();
      };
      let timer = setTimeout(wait, Math.max(0, atMs - clock().getTime()));
      timer.unref();
      return () => clearTimeout(timer);
    },
  };
}

export function createLive(store: Store, reads: CandidateReads, clock: () => Date, log: Logger, tickMs: number, timers: TickTimers = clockTimers(clock)): Live {
  let io: Server | undefined;
  const background = (what: string, work: () => Promise<void>) => {
    if (!io) return;
    work().catch((error: unknown) => log.warn({ err: error, what }, 'live update failed'));
  };

  /** The stored submission through the candidate view; `asOf` is the tick a hidden run's end is told on. */
  const sendSubmission = async (attemptId: AttemptId, submissionId: string, stage?: ProgressEvent['stage'], asOf?: number) => {
    const submission = await store.getSubmission({ attemptId }, submissionId);
    if (!submission || !io) return;
    const view = await reads.submission(attemptId, submission, asOf === undefined ? undefined : new Date(Math.max(asOf, clock().getTime())));
    const event: ProgressEvent = {
      submissionId,
      kind: submission.kind,
      stage: stage ?? (view.status === 'running' ? 'compiling' : view.status),
      position: view.queuePosition,
      submission: view,
    };
    io.to(attemptRoom(attemptId)).emit('submission:progress', event);
  };

  const hidden = createHiddenTicker({
    tickMs,
    timers,
    onState(state: HiddenState) {
      io?.to(attemptRoom(state.attemptId)).emit('submission:progress', hiddenProgress(state));
    },
    onSettled(run, tick) {
      background('settled on the tick', () => sendSubmission(run.attemptId as AttemptId, run.submissionId, undefined, tick));
    },
  });

  const live: Live = {
    attach(server) {
      io = server;
    },
    queued(orgId, attemptId, submissionId) {
      background('queued', async () => {
        await sendSubmission(attemptId, submissionId, 'queued');
        live.attemptChanged(orgId, attemptId, 'submitted');
      });
    },
    progress(job, event) {
      if (job.kind === 'submit') return hidden.record(job, event);
      const progress = candidateProgress(job, event);
      if (progress && io) io.to(attemptRoom(job.attemptId)).emit('submission:progress', progress);
    },
    settled(job) {
      if (job.kind === 'submit') {
        hidden.settle(job);
        // Staff see the score at once; the candidate on the next tick.
        live.attemptChanged(job.orgId, job.attemptId, 'scored');
        return;
      }
      background('settled', () => sendSubmission(job.attemptId, job.submissionId));
    },
    attemptChanged(orgId, attemptId, change) {
      background('attempt changed', async () => {
        const attempt = await store.getAttempt({ orgId, attemptId });
        if (!attempt || !io) return;
        const [invite, submissions] = await Promise.all([store.getInvite(orgId, attempt.inviteId), store.listSubmissions({ orgId, attemptId })]);
        io.to(assessmentRoom(attempt.assessmentId)).emit('attempt:changed', {
          assessmentId: attempt.assessmentId,
          attempt: toAttemptSummary(attempt, invite && (await staffInvite(store, orgId, invite)), submissions, clock()),
          change,
        });
      });
    },
    attemptStarted(inviteId, attemptId) {
      io?.in(inviteRoom(inviteId)).socketsJoin(attemptRoom(attemptId));
    },
    draftSaved(attemptId, ack) {
      io?.to(attemptRoom(attemptId)).emit('draft:saved', ack);
    },
    sessionEnded(sessionIdHash) {
      io?.in(sessionRoom(sessionIdHash)).disconnectSockets(true);
    },
    stop() {
      hidden.stop();
    },
  };
  return live;
}

/** A hidden run's state as the progress event the candidate gets on a tick. */
export function hiddenProgress(state: HiddenState): ProgressEvent {
  return {
    submissionId: state.submissionId,
    kind: 'submit',
    stage: state.stage,
    ...(state.stage === 'testing' ? { finished: state.finished, ...(state.total !== undefined ? { total: state.total } : {}) } : {}),
  };
}

/**
 * A judge event of the candidate's own run (samples, custom input) as they
 * may see it, at once: test by test, with verdicts. Nothing of a hidden run:
 * those go through the tick (`hiddenProgress`).
 */
export function candidateProgress(job: Pick<LiveJob, 'submissionId' | 'kind'>, event: JudgeEvent): ProgressEvent | undefined {
  if (job.kind === 'submit') return undefined;
  const base = { submissionId: job.submissionId, kind: job.kind };
  switch (event.type) {
    case 'compiling':
      return { ...base, stage: 'compiling' };
    case 'testing':
      return { ...base, stage: 'testing', index: event.index, total: event.total };
    case 'test_done':
      return { ...base, stage: 'testing', index: event.index, total: event.total, verdict: event.verdict };
    case 'retrying':
      return { ...base, stage: 'retrying' };
    default:
      // `done` goes out once the result is stored (settled); `queued` from the queue.
      return undefined;
  }
}
