import Docker from 'dockerode';
import { KodbroError } from '../errors.ts';

/** A Docker client from DOCKER_HOST or the default local socket. */
export function createDockerClient(): Docker {
  return new Docker();
}

/** Whether the Docker engine answers, within `timeoutMs`. */
export async function dockerAnswers(docker: Docker, timeoutMs = 3000): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const ping = docker.ping().then(
    () => true,
    () => false,
  );
  return Promise.race([ping, timeout]);
}

/** Wraps a failed Docker call as a system fault: never the candidate's doing. */
export function dockerFailure(action: string, error: unknown): KodbroError {
  const message = error instanceof Error ? error.message : String(error);
  const unreachable = /ENOENT|ECONNREFUSED|EACCES|connect/i.test(message);
  return new KodbroError(unreachable ? 'docker_unavailable' : 'sandbox_failed', `Docker failed to ${action}: ${message}`, {
    cause: error,
  });
}

export function isNoSuchContainer(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: number }).statusCode === 404;
}

/** Docker calls that hang (a wedged daemon) become sandbox faults, which are retried. */
export async function withTimeout<T>(action: string, ms: number, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KodbroError('sandbox_failed', `Docker did not ${action} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
