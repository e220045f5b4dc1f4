import Docker from 'dockerode';
import { isKodbroError, KodbroError } from '../errors.ts';

/**
 * The Docker engine that DOCKER_HOST names (dockerode reads it; the local
 * socket when unset), or the one on the socket `dockerHost` (`unix:///path`:
 * a second daemon on this machine, as grown mode's tests use).
 */
export function createDockerClient(dockerHost?: string): Docker {
  if (!dockerHost) return new Docker();
  if (!dockerHost.startsWith('unix://')) throw new KodbroError('invalid_argument', `Not a unix:// Docker socket: ${dockerHost}`);
  return new Docker({ socketPath: dockerHost.slice('unix://'.length) });
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

/** Wraps a failed Docker call as a system fault: never the candidate's doing. A stop on purpose stays what it is. */
export function dockerFailure(action: string, error: unknown): KodbroError {
  if (isKodbroError(error, 'aborted')) return error;
  const message = error instanceof Error ? error.message : String(error);
  const unreachable = /ENOENT|ECONNREFUSED|EACCES|connect/i.test(message);
  return new KodbroError(unreachable ? 'docker_unavailable' : 'sandbox_failed', `Docker failed to ${action}: ${message}`, {
    cause: error,
  });
}

export function isNoSuchContainer(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: number }).statusCode === 404;
}

/** The error every sandbox operation rejects with once its signal is aborted. */
export function abortedError(signal: AbortSignal): KodbroError {
  const reason: unknown = signal.reason;
  const why = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'stopped by its caller';
  return new KodbroError('aborted', `The sandbox run was stopped: ${why}`, { cause: reason });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal);
}

export interface CallOptions<T> {
  /** Stop waiting at once when this is aborted (the call itself runs on; see `discard`). */
  signal?: AbortSignal | undefined;
  /**
   * Releases what the call delivers after nobody waits for it any more (a
   * timeout or an abort came first): a hijacked stream to close, a container
   * that was created late to remove. Otherwise it would leak.
   */
  discard?: ((late: T) => void) | undefined;
}

/**
 * Docker calls that hang (a wedged daemon) become sandbox faults, and a call
 * whose judgement is stopped is not waited for: either way the caller moves on
 * at once, and a late result goes to `discard`. Timer and listener are always
 * removed.
 */
export async function withTimeout<T>(action: string, ms: number, call: Promise<T>, options: CallOptions<T> = {}): Promise<T> {
  const { signal, discard } = options;
  let gaveUpFirst = false;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    const giveUp = (error: KodbroError) => {
      gaveUpFirst = true;
      reject(error);
    };
    timer = setTimeout(() => giveUp(new KodbroError('sandbox_failed', `Docker did not ${action} within ${ms / 1000} s`)), ms);
    if (signal) {
      onAbort = () => giveUp(abortedError(signal));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  try {
    return await Promise.race([call, gaveUp]);
  } catch (error) {
    if (gaveUpFirst && discard) call.then(discard, () => {});
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
