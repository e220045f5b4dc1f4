/** The worker pool: judges jobs from the durable queue. */
export { startWorkerPool, type WorkerPool, type WorkerPoolDeps } from './pool.ts';
