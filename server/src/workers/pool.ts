import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import type { JudgeResult } from '../contracts/index.ts';
import { isKodbroError } from '../errors.ts';
import { judgeSubmission } from '../judge/index.ts';
import type { Live } from '../realtime/index.ts';
import { retryAt, type ClaimedJob, type Store } from '../store/index.ts';

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

export interface WorkerPool {
  /** Prefix of this process's worker ids. */
  readonly id: string;
  /** A job arrived: idle workers look now instead of at their next poll. */
  wake(): void;
  /** Stops taking jobs and waits up to `graceMs` for running ones; the rest are re-queued at the next start. */
  stop(graceMs?: number): Promise<void>;
}

/** An idle worker looks for work this often even without a wake-up (jobs whose retry time came, other processes' jobs). */
const POLL_MS = 500;

/**
 * `size` workers, each a loop that claims the next job from the durable
 * queue, judges it and stores the result. A system error (Docker, sandbox,
 * checker) is handed back to the queue, which retries it with backoff and
 * marks it failed after its last try; it is never stored as the candidate's
 * result.
 */
export function startWorkerPool(size: number, deps: WorkerPoolDeps): WorkerPool {
  const id = `w-${randomBytes(4).toString('hex')}`;
  let running = true;
  let wakers: (() => void)[] = [];
  const wake = () => {
    const waiting = wakers;
    wakers = [];
    for (const resolve of waiting) resolve();
  };
  const idle = () =>
    new Promise<void>((resolve) => {
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
        await runJob(job, deps);
      } catch (error) {
        // The store itself failed (disk full, locked): wait, then try again.
        deps.log.error({ err: error, workerId }, 'worker loop failed');
        await idle();
      }
    }
  });

  return {
    id,
    wake,
    async stop(graceMs = 10_000) {
      running = false;
      wake();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(loops), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    },
  };
}

async function runJob(job: ClaimedJob, deps: WorkerPoolDeps): Promise<void> {
  const lease = { submissionId: job.submissionId, tries: job.tries };
  const liveJob = { orgId: job.orgId, attemptId: job.attemptId, submissionId: job.submissionId, kind: job.kind };
  const log = deps.log.child({ submissionId: job.submissionId, tries: job.tries, kind: job.kind });
  const started = Date.now();

  let result: JudgeResult;
  try {
    const challenge = await deps.catalog.forOrg(job.orgId, job.challengeVersionId);
    if (!challenge) throw new Error(`Challenge version ${job.challengeVersionId} is missing`);
    result = await judgeSubmission(
      challenge,
      { language: job.language, source: job.source },
      { docker: deps.docker, limits: deps.limits },
      {
        onEvent: (event) => deps.live.progress(liveJob, event),
        testSet: job.kind === 'submit' ? 'hidden' : job.kind === 'samples' ? 'samples' : { customInput: Buffer.from(job.customInput ?? '', 'utf8') },
        captureOutput: job.kind !== 'submit',
      },
    );
  } catch (error) {
    // A refusal of the submission itself (a language the challenge does not
    // allow) is its result; anything else is the system's fault.
    if (isKodbroError(error, 'language_not_allowed') || isKodbroError(error, 'source_too_large') || isKodbroError(error, 'language_unknown')) {
      result = { verdict: 'compile_error', score: 0, tests: [], groups: [], compileOutput: error.message };
    } else {
      result = { verdict: 'system_error', score: 0, tests: [], groups: [], systemError: error instanceof Error ? error.message : String(error) };
    }
  }

  if (result.verdict === 'system_error') {
    const outcome = await deps.store.fail(lease, result.systemError ?? 'system error', retryAt(deps.clock(), job.tries));
    log.warn({ outcome, error: result.systemError }, 'judging failed for system reasons');
  } else if (await deps.store.complete(lease, result)) {
    log.info({ verdict: result.verdict, score: result.score, ms: Date.now() - started }, 'judged');
  } else {
    log.warn('result dropped: the job was re-queued or completed elsewhere meanwhile');
    return;
  }
  deps.live.settled(liveJob);
}
