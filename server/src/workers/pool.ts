import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import { realValidationParts, runValidation, unrunnableValidation, type ValidationOutcome } from '../authoring/index.ts';
import type { Catalog } from '../catalog/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import { judgeSubmission, type JudgeOutcome } from '../judge/index.ts';
import type { BoxPool } from '../sandbox/index.ts';
import type { Live, LiveJob } from '../realtime/index.ts';
import { retryAt, type ClaimedJob, type ClaimedValidation, type Store } from '../store/index.ts';
import { outcomeOfError, settle } from './settle.ts';

export interface WorkerPoolDeps {
  store: Store;
  catalog: Catalog;
  docker: Docker;
  limits: JudgeLimits;
  /** Warm boxes to judge in; without it each judgement makes its own. */
  boxes?: BoxPool | undefined;
  live: Live;
  log: Logger;
  clock: () => Date;
  /** Workers take no job while Docker does not answer: jobs wait instead of failing. */
  dockerUp: () => boolean;
  /** How often an idle worker looks without a wake-up; default 500 ms. */
  pollMs?: number;
}

export interface StopReport {
  /** Submissions that were running when the grace time ran out: stopped and put back in the queue. */
  requeued: string[];
  /** Drafts' validation jobs stopped the same way. */
  requeuedValidations: string[];
}

export interface WorkerPool {
  /** Prefix of this process's worker ids. */
  readonly id: string;
  /** A job arrived: idle workers look now instead of at their next poll. */
  wake(): void;
  /**
   * Stops taking jobs, lets running ones finish within `graceMs`, then stops
   * the rest (their containers removed) and puts them back in the queue
   * without charging a try. Resolves once no worker will touch the store
   * again, so the store may close. Calling it again returns the same promise.
   */
  stop(graceMs?: number): Promise<StopReport>;
}

/**
 * An idle worker looks for work this often even without a wake-up (jobs whose
 * retry time came or whose lease ran out, another process's jobs). In grown
 * mode wake-ups cross processes (LISTEN/NOTIFY) and the server asks for a
 * slower poll.
 */
const POLL_MS = 500;
export const DEFAULT_GRACE_MS = 10_000;

/** A job of either kind a worker holds. */
type Claimed = { kind: 'submission'; job: ClaimedJob } | { kind: 'validation'; job: ClaimedValidation };

/**
 * `size` workers, each a loop that claims the next job from the durable
 * queue, judges it and stores the result. A candidate's submission is always
 * claimed first; a draft's validation only when no submission waits, and in
 * a pool of more than one worker at most `size - 1` validations run at once,
 * so an author's validation (which judges every solution on every test)
 * never holds every worker while candidates wait. The queue is the one place that
 * retries: a judgement our infrastructure could not finish is handed back
 * with a backoff and marked failed after its last try; it is never stored as
 * the candidate's result. Each running job has its own AbortController, which
 * `stop` uses.
 */
export function startWorkerPool(size: number, deps: WorkerPoolDeps): WorkerPool {
  const id = `w-${randomBytes(4).toString('hex')}`;
  let running = true;
  const inFlight = new Set<AbortController>();
  const requeued: string[] = [];
  const requeuedValidations: string[] = [];
  const maxValidations = Math.max(1, size - 1);
  let validationsRunning = 0;
  let wakers: (() => void)[] = [];
  const wake = () => {
    const waiting = wakers;
    wakers = [];
    for (const resolve of waiting) resolve();
  };
  const idle = () =>
    new Promise<void>((resolve) => {
      if (!running) return resolve();
      const timer = setTimeout(resolve, deps.pollMs ?? POLL_MS);
      wakers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  const loops = Array.from({ length: size }, async (_, n) => {
    const workerId = `${id}:${n}`;
    while (running) {
      try {
        const claimed = deps.dockerUp() ? await claim(workerId) : undefined;
        if (!claimed) {
          await idle();
          continue;
        }
        // Claimed while stop() began: it goes straight back.
        if (!running) {
          await (claimed.kind === 'submission' ? release(claimed.job, 'the server is stopping') : releaseValidation(claimed.job, 'the server is stopping'));
          break;
        }
        const controller = new AbortController();
        inFlight.add(controller);
        const letGo = holdLease(claimed, controller);
        try {
          if (claimed.kind === 'submission') await runJob(claimed.job, controller.signal);
          else await runValidationJob(claimed.job, controller.signal);
        } finally {
          letGo();
          inFlight.delete(controller);
          if (claimed.kind === 'validation') validationsRunning--;
        }
      } catch (error) {
        // The store itself failed (disk full, locked): wait, then try again.
        deps.log.error({ err: error, workerId }, 'worker loop failed');
        await idle();
      }
    }
  });

  /**
   * Renews the claim's lease every third of it while the job runs, so no other
   * worker takes it. A renewal that finds the claim gone (this process stalled
   * past the lease, and another worker has the job now) stops the judgement:
   * its result would be dropped anyway.
   */
  function holdLease(claimed: Claimed, controller: AbortController): () => void {
    const timer = setInterval(() => {
      const now = deps.clock();
      const renewal =
        claimed.kind === 'submission'
          ? deps.store.renewLease({ submissionId: claimed.job.submissionId, tries: claimed.job.tries }, now)
          : deps.store.renewValidationLease({ jobId: claimed.job.jobId, tries: claimed.job.tries }, now);
      renewal.then(
        (held) => {
          if (held || controller.signal.aborted) return;
          deps.log.warn({ job: claimed.kind === 'submission' ? claimed.job.submissionId : claimed.job.jobId }, 'lease lost: another worker has this job now; stopping');
          controller.abort(new Error('the lease on this job ran out'));
        },
        (error: unknown) => deps.log.warn({ err: error }, 'renewing a lease failed (it is tried again)'),
      );
    }, Math.max(250, Math.floor(deps.store.leaseMs / 3)));
    timer.unref();
    return () => clearInterval(timer);
  }

  /** A candidate's submission first; a draft's validation only when none waits and a slot is left for candidates. */
  async function claim(workerId: string): Promise<Claimed | undefined> {
    const job = await deps.store.claimNext(workerId, deps.clock());
    if (job) return { kind: 'submission', job };
    if (validationsRunning >= maxValidations) return undefined;
    validationsRunning++;
    const validation = await deps.store.claimNextValidation(workerId, deps.clock()).catch((error: unknown) => {
      validationsRunning--;
      throw error;
    });
    if (validation) return { kind: 'validation', job: validation };
    validationsRunning--;
    return undefined;
  }

  async function runValidationJob(job: ClaimedValidation, signal: AbortSignal): Promise<void> {
    const lease = { jobId: job.jobId, tries: job.tries };
    const log = deps.log.child({ validationJobId: job.jobId, draftId: job.draftId, tries: job.tries });
    const started = Date.now();
    const outcome: ValidationOutcome = await runValidation(
      job,
      {
        ...realValidationParts({ catalog: deps.catalog, judge: { docker: deps.docker, limits: deps.limits, boxes: deps.boxes }, limits: deps.limits }),
        clock: deps.clock,
        save: (validation) => deps.store.setDraftValidation(job.orgId, job.draftId, validation, { startedAt: job.startedAt }),
      },
      signal,
    );
    switch (outcome.kind) {
      case 'finished':
        if (!(await deps.store.completeValidation(lease, outcome.validation))) log.warn('validation dropped: the job was re-queued meanwhile');
        else log.info({ status: outcome.validation.status, ms: Date.now() - started }, 'draft validated');
        return;
      case 'infrastructure_failed': {
        const now = deps.clock();
        const stored = await deps.store.failValidation(lease, outcome.reason, retryAt(now, job.tries), unrunnableValidation(outcome.validation, outcome.reason, now));
        log.warn({ outcome: stored, error: outcome.reason }, 'validation failed for system reasons');
        return;
      }
      case 'aborted':
        await releaseValidation(job, outcome.reason);
        return;
    }
  }

  async function releaseValidation(job: ClaimedValidation, reason: string): Promise<void> {
    const log = deps.log.child({ validationJobId: job.jobId, draftId: job.draftId, tries: job.tries });
    if (await deps.store.releaseValidation({ jobId: job.jobId, tries: job.tries })) {
      requeuedValidations.push(job.jobId);
      log.info({ reason }, 'validation stopped: back in the queue, this try not charged');
    } else {
      log.warn({ reason }, 'validation stopped, but the job was no longer ours to put back');
    }
  }

  async function runJob(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const lease = { submissionId: job.submissionId, tries: job.tries };
    const log = deps.log.child({ submissionId: job.submissionId, tries: job.tries, kind: job.kind });
    const liveJob: LiveJob = { orgId: job.orgId, attemptId: job.attemptId, submissionId: job.submissionId, kind: job.kind };
    const started = Date.now();

    const outcome = await judgeJob(job, liveJob, signal);
    const settlement = settle(outcome, job.tries, deps.clock());
    switch (settlement.action) {
      case 'complete':
        if (!(await deps.store.complete(lease, settlement.result, settlement.differences))) {
          log.warn('result dropped: the job was re-queued or completed elsewhere meanwhile');
          return;
        }
        log.info({ verdict: settlement.result.verdict, score: settlement.result.score, ms: Date.now() - started }, 'judged');
        break;
      case 'fail': {
        const stored = await deps.store.fail(lease, settlement.error, settlement.retryAt);
        log.warn({ outcome: stored, error: settlement.error }, 'judging failed for system reasons');
        break;
      }
      case 'release':
        await release(job, settlement.reason);
        return;
    }
    // While stopping, the sockets are already closed: nobody to tell, and the store is about to close.
    if (running) deps.live.settled(liveJob);
  }

  async function judgeJob(job: ClaimedJob, liveJob: LiveJob, signal: AbortSignal): Promise<JudgeOutcome> {
    try {
      const challenge = await deps.catalog.forOrg(job.orgId, job.challengeVersionId);
      if (!challenge) throw new Error(`Challenge version ${job.challengeVersionId} is missing`);
      return await judgeSubmission(
        challenge,
        { language: job.language, source: job.source },
        { docker: deps.docker, limits: deps.limits, boxes: deps.boxes },
        {
          onEvent: (event) => deps.live.progress(liveJob, event),
          testSet: job.kind === 'submit' ? 'hidden' : job.kind === 'samples' ? 'samples' : { customInput: Buffer.from(job.customInput ?? '', 'utf8') },
          captureOutput: job.kind !== 'submit',
          signal,
        },
      );
    } catch (error) {
      return outcomeOfError(error);
    }
  }

  async function release(job: ClaimedJob, reason: string): Promise<void> {
    const log = deps.log.child({ submissionId: job.submissionId, tries: job.tries, kind: job.kind });
    if (await deps.store.release({ submissionId: job.submissionId, tries: job.tries })) {
      requeued.push(job.submissionId);
      log.info({ reason }, 'stopped: back in the queue, this try not charged');
    } else {
      log.warn({ reason }, 'stopped, but the job was no longer ours to put back');
    }
  }

  let stopping: Promise<StopReport> | undefined;
  return {
    id,
    wake,
    stop(graceMs = DEFAULT_GRACE_MS) {
      stopping ??= (async () => {
        running = false;
        wake();
        const allStopped = Promise.allSettled(loops);
        if (!(await settlesWithin(allStopped, graceMs))) {
          deps.log.warn({ running: inFlight.size, graceMs }, 'grace time over: stopping the running judgements');
          for (const controller of inFlight) controller.abort(new Error('the server is stopping'));
          await allStopped;
        }
        if (requeued.length || requeuedValidations.length) {
          deps.log.warn({ requeued, requeuedValidations }, 'jobs stopped by the shutdown are back in the queue, their tries not charged');
        }
        return { requeued: [...requeued], requeuedValidations: [...requeuedValidations] };
      })();
      return stopping;
    },
  };
}

/** Whether `work` settles within `ms`; the timer never outlives the wait. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
