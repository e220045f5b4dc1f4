/**
 * A package worker: a child process of the server that runs package tasks
 * (tasks.ts) one at a time, as its parent sends them over IPC, and answers
 * with the result or the error's code and message. It exits when the parent
 * disconnects (or dies), so it never outlives the server.
 */
import { isKodbroError } from '../errors.ts';
import { runPackageTask } from './tasks.ts';
import type { WorkerReply, WorkerRequest } from './workers.ts';

function reply(message: WorkerReply): void {
  process.send?.(message);
}

process.on('message', (message: WorkerRequest) => {
  runPackageTask(message.task).then(
    (value) => reply({ id: message.id, ok: true, value, rss: process.memoryUsage().rss }),
    (error: unknown) =>
      reply({
        id: message.id,
        ok: false,
        error: isKodbroError(error)
          ? { code: error.code, message: error.message, details: error.details }
          : { code: 'internal', message: error instanceof Error ? error.message : String(error) },
        rss: process.memoryUsage().rss,
      }),
  );
});
process.on('disconnect', () => process.exit(0));
