/** The worker pool: judges jobs from the durable queue. */
export { startWorkerPool, type WorkerPool } from './pool.ts';
