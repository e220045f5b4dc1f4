import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { CandidateReads } from '../attempts/index.ts';
import type { DraftAck, JudgeEvent, ProgressEvent } from '../contracts/index.ts';
import type { AttemptId, OrgId, Store, SubmissionKind } from '../store/index.ts';
import { toAttemptSummary } from '../views/index.ts';

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
 * candidate goes through the candidate views; hidden-test progress is only
 * "test k of n". Sending never blocks or fails the caller.
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
}

export function createLive(store: Store, reads: CandidateReads, clock: () => Date, log: Logger): Live {
  let io: Server | undefined;
  const background = (what: string, work: () => Promise<void>) => {
    if (!io) return;
    work().catch((error: unknown) => log.warn({ err: error, what }, 'live update failed'));
  };

  const sendSubmission = async (attemptId: AttemptId, submissionId: string, stage?: ProgressEvent['stage']) => {
    const submission = await store.getSubmission({ attemptId }, submissionId);
    if (!submission || !io) return;
    const view = await reads.submission(attemptId, submission);
    const event: ProgressEvent = {
      submissionId,
      kind: submission.kind,
      stage: stage ?? (submission.status === 'running' ? 'compiling' : submission.status === 'failed' ? 'failed' : submission.status),
      position: view.queuePosition,
      submission: view,
    };
    io.to(attemptRoom(attemptId)).emit('submission:progress', event);
  };

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
      const progress = candidateProgress(job, event);
      if (progress && io) io.to(attemptRoom(job.attemptId)).emit('submission:progress', progress);
    },
    settled(job) {
      background('settled', async () => {
        await sendSubmission(job.attemptId, job.submissionId);
        if (job.kind === 'submit') live.attemptChanged(job.orgId, job.attemptId, 'scored');
      });
    },
    attemptChanged(orgId, attemptId, change) {
      background('attempt changed', async () => {
        const attempt = await store.getAttempt({ orgId, attemptId });
        if (!attempt || !io) return;
        const [invite, submissions] = await Promise.all([store.getInvite(orgId, attempt.inviteId), store.listSubmissions({ orgId, attemptId })]);
        io.to(assessmentRoom(attempt.assessmentId)).emit('attempt:changed', {
          assessmentId: attempt.assessmentId,
          attempt: toAttemptSummary(attempt, invite, submissions, clock()),
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
  };
  return live;
}

/**
 * A judge event as the candidate may see it: per-test verdicts only for their
 * own runs (samples, custom input); for hidden tests, how far it got.
 */
export function candidateProgress(job: Pick<LiveJob, 'submissionId' | 'kind'>, event: JudgeEvent): ProgressEvent | undefined {
  const base = { submissionId: job.submissionId, kind: job.kind };
  switch (event.type) {
    case 'compiling':
      return { ...base, stage: 'compiling' };
    case 'testing':
      return { ...base, stage: 'testing', index: event.index, total: event.total };
    case 'test_done':
      return job.kind === 'submit' ? undefined : { ...base, stage: 'testing', index: event.index, total: event.total, verdict: event.verdict };
    case 'retrying':
      return { ...base, stage: 'retrying' };
    default:
      // `done` goes out once the result is stored (settled); `queued` from the queue.
      return undefined;
  }
}
