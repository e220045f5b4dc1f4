import type { ContainerCreateOptions } from 'dockerode';
import { hostname } from 'node:os';

/** Candidate code runs as this uid; it owns nothing outside the box's tmpfs. */
export const CANDIDATE_USER = '1000:1000';
/**
 * PID 1 (Docker's tini, with `sleep` under it) runs as a different uid, so
 * candidate code can neither signal it nor read its /proc entries; tini reaps
 * the orphans of killed process trees, which would otherwise hold pids.
 */
export const IDLE_USER = '65534:65534';
export const BOX_DIR = '/box';
export const LABEL_SANDBOX = 'org.kodbro.sandbox';
export const LABEL_DEADLINE = 'org.kodbro.deadline';
export const LABEL_PURPOSE = 'org.kodbro.purpose';
/** Which process made the container (host:pid), so a process can account for its own. */
export const LABEL_OWNER = 'org.kodbro.owner';
export const OWNER = `${hostname()}:${process.pid}`;

/** Fixed container settings. Nothing here comes from a package or a request. */
export const SANDBOX_CONSTANTS = {
  boxSizeMb: 128,
  boxInodes: 16_384,
  tmpSizeMb: 16,
  tmpInodes: 4096,
  shmSizeBytes: 4 * 1024 * 1024,
  pidsLimit: 128,
  nanoCpus: 1_000_000_000,
  nofile: 1024,
  fileSizeBytes: 64 * 1024 * 1024,
  stackBytes: 256 * 1024 * 1024,
} as const;

export const SANDBOX_ENV = ['PATH=/usr/local/bin:/usr/bin:/bin', 'HOME=/box', 'LANG=C.UTF-8', 'TMPDIR=/tmp'] as const;

export interface ContainerParams {
  image: string;
  memoryMb: number;
  /** Epoch milliseconds after which the reaper removes the container. */
  deadline: number;
  purpose: 'run' | 'checker';
}

/**
 * The create options of every sandbox container. A pure function of server
 * constants and clamped numbers, so tests can assert each invariant of
 * DESIGN.md on the data as well as on `docker inspect`.
 */
export function containerSpec(params: ContainerParams): ContainerCreateOptions {
  const memoryBytes = Math.round(params.memoryMb * 1024 * 1024);
  const c = SANDBOX_CONSTANTS;
  return {
    Image: params.image,
    Cmd: ['sleep', 'infinity'],
    Entrypoint: [],
    User: IDLE_USER,
    WorkingDir: BOX_DIR,
    Env: [...SANDBOX_ENV],
    Labels: {
      [LABEL_SANDBOX]: 'true',
      [LABEL_DEADLINE]: String(params.deadline),
      [LABEL_PURPOSE]: params.purpose,
      [LABEL_OWNER]: OWNER,
    },
    NetworkDisabled: true,
    Tty: false,
    OpenStdin: false,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    StopSignal: 'SIGKILL',
    HostConfig: {
      NetworkMode: 'none',
      Init: true,
      ReadonlyRootfs: true,
      Tmpfs: {
        [BOX_DIR]: `rw,exec,nosuid,nodev,size=${c.boxSizeMb}m,nr_inodes=${c.boxInodes},uid=1000,gid=1000,mode=0755`,
        '/tmp': `rw,noexec,nosuid,nodev,size=${c.tmpSizeMb}m,nr_inodes=${c.tmpInodes},mode=1777`,
      },
      ShmSize: c.shmSizeBytes,
      Privileged: false,
      CapDrop: ['ALL'],
      CapAdd: [],
      // Docker's default seccomp profile applies because none is named here.
      SecurityOpt: ['no-new-privileges:true'],
      PidsLimit: c.pidsLimit,
      Memory: memoryBytes,
      MemorySwap: memoryBytes,
      MemorySwappiness: 0,
      // The runner raises every candidate process to oom_score_adj +1000, so
      // the OOM killer takes it before the idle PID 1 pair. (Lowering PID 1
      // would need CAP_SYS_RESOURCE, which not every Docker host has.)
      OomKillDisable: false,
      NanoCpus: c.nanoCpus,
      Ulimits: [
        { Name: 'nofile', Soft: c.nofile, Hard: c.nofile },
        { Name: 'fsize', Soft: c.fileSizeBytes, Hard: c.fileSizeBytes },
        { Name: 'core', Soft: 0, Hard: 0 },
        { Name: 'stack', Soft: c.stackBytes, Hard: c.stackBytes },
      ],
      LogConfig: { Type: 'none', Config: {} },
      Binds: [],
      Mounts: [],
      Devices: [],
      IpcMode: 'private',
      RestartPolicy: { Name: 'no' },
      AutoRemove: false,
    },
  };
}
