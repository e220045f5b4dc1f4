import type Docker from 'dockerode';
import { LABEL_DEADLINE, LABEL_OWNER, LABEL_SANDBOX, OWNER } from './container-spec.ts';
import { dockerFailure, isNoSuchContainer } from './docker.ts';

/** Lists the containers the sandbox made, running or not: every process's, or only this one's. */
export async function listSandboxContainers(docker: Docker, options: { ownOnly?: boolean } = {}): Promise<Docker.ContainerInfo[]> {
  const label = [`${LABEL_SANDBOX}=true`, ...(options.ownOnly ? [`${LABEL_OWNER}=${OWNER}`] : [])];
  try {
    return await docker.listContainers({ all: true, filters: { label } });
  } catch (error) {
    throw dockerFailure('list sandbox containers', error);
  }
}

/**
 * Removes sandbox containers whose deadline has passed: runs that a crash,
 * a kill or a bug left behind. Containers still inside their deadline belong
 * to a run in progress (perhaps another process's) and are left alone.
 * Returns the ids removed.
 */
export async function reapExpired(docker: Docker, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const info of await listSandboxContainers(docker)) {
    const deadline = Number(info.Labels?.[LABEL_DEADLINE]);
    if (Number.isFinite(deadline) && deadline > now) continue;
    try {
      await docker.getContainer(info.Id).remove({ force: true, v: true });
      removed.push(info.Id);
    } catch (error) {
      if (!isNoSuchContainer(error)) throw dockerFailure('remove an expired sandbox container', error);
    }
  }
  return removed;
}

/** Runs `reapExpired` every `intervalMs` until the returned stop function is called. */
export function startReaper(docker: Docker, intervalMs: number, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    reapExpired(docker).catch(onError);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
