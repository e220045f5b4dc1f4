import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import { judgeSubmission, type JudgeOutcome } from '../judge/index.ts';
import type { Live, LiveJob } from '../realtime/index.ts';
import type { ClaimedJob, Store } from '../store/index.ts';
import { outcomeOfError, settle } from './settle.ts';

export interface WorkerPoolDeps {
  store: Store;
  catalog: Catalog;
  docker: Docker;
  limits: JudgeLimits;
  live: Live;
  log: Logger;
  clock: () => Date;
  /** Workers take no job while Docker does not answer: jobs wait instead of failing. */
  dockerUp: () => boolean;
}

export interface StopReport {
  /** Submissions that were running when the grace time ran out: stopped and put back in the queue. */
  requeued: string[];
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

/** An idle worker looks for work this often even without a wake-up (jobs whose retry time came, other processes' jobs). */
const POLL_MS = 500;
export const DEFAULT_GRACE_MS = 10_000;

/**
 * `size` workers, each a loop that claims the next job from the durable
 * queue, judges it and stores the result. The queue is the one place that
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
  let wakers: (() => void)[] = [];
  const wake = () => {
    const waiting = wakers;
    wakers = [];
    for (const resolve of waiting) resolve();
  };
  const idle = () =>
    new Promise<void>((resolve) => {
      if (!running) return resolve();
      const timer = setTimeout(resolve, POLL_MS);
      wakers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  const loops = Array.from({ length: size }, async (_, n) => {
    const workerId = `${id}:${n}`;
    while (running) {
      try {
        const job = deps.dockerUp() ? await deps.store.claimNext(workerId, deps.clock()) : undefined;
        if (!job) {
          await idle();
          continue;
        }
        // Claimed while stop() began: it goes straight back.
        if (!running) {
          await release(job, 'the server is stopping');
          break;
        }
        const controller = new AbortController();
        inFlight.add(controller);
        try {
          await runJob(job, controller.signal);
        } finally {
          inFlight.delete(controller);
        }
      } catch (error) {
        // The store itself failed (disk full, locked): wait, then try again.
        deps.log.error({ err: error, workerId }, 'worker loop failed');
        await idle();
      }
    }
  });

  async function runJob(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const lease = { submissionId: job.submissionId, tries: job.tries };
    const log = deps.log.child({ submissionId: job.submissionId, tries: job.tries, kind: job.kind });
    const liveJob: LiveJob = { orgId: job.orgId, attemptId: job.attemptId, submissionId: job.submissionId, kind: job.kind };
    const started = Date.now();

    const outcome = await judgeJob(job, liveJob, signal);
    const settlement = settle(outcome, job.tries, deps.clock());
    switch (settlement.action) {
      case 'complete':
        if (!(await deps.store.complete(lease, settlement.result))) {
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
        { docker: deps.docker, limits: deps.limits },
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
        if (requeued.length) deps.log.warn({ requeued }, 'jobs stopped by the shutdown are back in the queue, their tries not charged');
        return { requeued: [...requeued] };
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
