import { hostname } from 'node:os';
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
 * Whether a container's owner (`host:pid`) is a process of this host that no
 * longer exists: its runs died with it (a SIGKILL, a crash), deadline or not.
 * Another host's, a live process's or an unreadable owner is never "gone".
 */
export function ownerIsGone(owner: string | undefined): boolean {
  if (!owner) return false;
  const colon = owner.lastIndexOf(':');
  const pid = Number(owner.slice(colon + 1));
  if (colon <= 0 || owner.slice(0, colon) !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes sandbox containers whose deadline has passed, or whose owner
 * process on this host is gone: runs that a crash, a kill or a bug left
 * behind. Containers still inside their deadline whose owner may be alive
 * belong to a run in progress (perhaps another process's) and are left
 * alone. Returns the ids removed.
 */
export async function reapExpired(docker: Docker, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const info of await listSandboxContainers(docker)) {
    const deadline = Number(info.Labels?.[LABEL_DEADLINE]);
    if (Number.isFinite(deadline) && deadline > now && !ownerIsGone(info.Labels?.[LABEL_OWNER])) continue;
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
