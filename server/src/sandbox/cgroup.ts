import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The host kernel's accounting of one container's cgroup: CPU time, peak
 * memory and OOM kills. Read from the host's /sys/fs/cgroup (never from inside
 * the container), so the candidate cannot forge it. On hosts where the
 * cgroup is not visible (a remote Docker), every figure is null.
 */
export interface CgroupProbe {
  cpuNs(): Promise<number | null>;
  memoryPeakBytes(): Promise<number | null>;
  resetMemoryPeak(): Promise<void>;
  oomKills(): Promise<number | null>;
  /**
   * Processes in the container that are not the idle PID 1 pair (tini and
   * sleep, uid 65534): whatever candidate code left running. `except` holds
   * pids as seen inside the box (the runner's, its warm interpreter's), left out. Null when the
   * cgroup is not visible from here.
   */
  leftoverPids(except?: readonly number[]): Promise<number[] | null>;
}

const IDLE_UID = '65534';

const ROOT = '/sys/fs/cgroup';

interface Layout {
  cpu: string;
  cpuParse: (text: string) => number | null;
  memPeak: string;
  memPeakReset: string | null;
  oom: string;
  procs: string;
}

function layouts(id: string): Layout[] {
  const v2 = (dir: string): Layout => ({
    cpu: `${dir}/cpu.stat`,
    cpuParse: (text) => {
      const usec = /^usage_usec (\d+)/m.exec(text)?.[1];
      return usec === undefined ? null : Number(usec) * 1000;
    },
    memPeak: `${dir}/memory.peak`,
    memPeakReset: `${dir}/memory.peak`,
    oom: `${dir}/memory.events`,
    procs: `${dir}/cgroup.procs`,
  });
  const v1 = (cpuDir: string, memDir: string, pidsDir: string): Layout => ({
    cpu: `${cpuDir}/cpuacct.usage`,
    cpuParse: (text) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null),
    memPeak: `${memDir}/memory.max_usage_in_bytes`,
    memPeakReset: `${memDir}/memory.max_usage_in_bytes`,
    oom: `${memDir}/memory.oom_control`,
    procs: `${pidsDir}/cgroup.procs`,
  });
  return [
    v1(`${ROOT}/cpuacct/docker/${id}`, `${ROOT}/memory/docker/${id}`, `${ROOT}/pids/docker/${id}`),
    v1(`${ROOT}/cpu,cpuacct/docker/${id}`, `${ROOT}/memory/docker/${id}`, `${ROOT}/pids/docker/${id}`),
    v1(
      `${ROOT}/cpuacct/system.slice/docker-${id}.scope`,
      `${ROOT}/memory/system.slice/docker-${id}.scope`,
      `${ROOT}/pids/system.slice/docker-${id}.scope`,
    ),
    v2(`${ROOT}/docker/${id}`),
    v2(`${ROOT}/system.slice/docker-${id}.scope`),
  ];
}

/**
 * Read synchronously: these are the kernel's own small files (cgroupfs,
 * procfs), answered from memory in microseconds, read about ten times per
 * test. Through fs/promises each read cost four trips through the thread
 * pool (open, stat, read, close), the largest share of the server's own CPU
 * time per test.
 */
async function readText(file: string): Promise<string | null> {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export async function probeCgroup(containerId: string): Promise<CgroupProbe> {
  for (const layout of layouts(containerId)) {
    const cpu = await readText(layout.cpu);
    if (cpu !== null && (await readText(layout.memPeak)) !== null && (await readText(layout.procs)) !== null) return probeFor(layout);
  }
  return {
    cpuNs: async () => null,
    memoryPeakBytes: async () => null,
    resetMemoryPeak: async () => {},
    oomKills: async () => null,
    leftoverPids: async () => null,
  };
}

function probeFor(layout: Layout): CgroupProbe {
  return {
    async cpuNs() {
      const text = await readText(layout.cpu);
      return text === null ? null : layout.cpuParse(text);
    },
    async memoryPeakBytes() {
      const text = await readText(layout.memPeak);
      return text !== null && /^\d+/.test(text) ? Number.parseInt(text, 10) : null;
    },
    async resetMemoryPeak() {
      // cgroup v1 resets on any write; v2 (Linux 6.12+) resets per writer.
      if (layout.memPeakReset) {
        try {
          writeFileSync(layout.memPeakReset, '0');
        } catch {
          // No reset: the peak then covers the box's life so far, never less than the command's.
        }
      }
    },
    async oomKills() {
      const text = await readText(layout.oom);
      const count = text === null ? undefined : /^oom_kill (\d+)/m.exec(text)?.[1];
      return count === undefined ? null : Number(count);
    },
    async leftoverPids(except) {
      const text = await readText(layout.procs);
      if (text === null) return null;
      const leftovers: number[] = [];
      for (const pid of text.split('\n').filter(Boolean)) {
        // The host's /proc: a process that ended meanwhile simply has no status.
        const status = await readText(`/proc/${pid}/status`);
        const uid = status === null ? undefined : /^Uid:\s+(\d+)/m.exec(status)?.[1];
        if (uid === undefined || uid === IDLE_UID) continue;
        // NSpid lists the pid in each namespace, the box's last.
        const inBox = status === null ? undefined : /^NSpid:.*\s(\d+)\s*$/m.exec(status)?.[1];
        if (except !== undefined && inBox !== undefined && except.includes(Number(inBox))) continue;
        leftovers.push(Number(pid));
      }
      return leftovers;
    },
  };
}
