/**
 * The sandbox: the only code in Kodbro that talks to Docker. It runs
 * commands in hardened, labelled, throw-away containers and hands back raw
 * bytes and the host's accounting; it decides no verdicts.
 */
export { openBox } from './box.ts';
export type { Box, ExecOutcome, ExecRequest } from './box.ts';
export { containerSpec, SANDBOX_CONSTANTS, LABEL_OWNER, LABEL_PURPOSE, CANDIDATE_USER, IDLE_USER, BOX_DIR } from './container-spec.ts';
export type { ContainerParams } from './container-spec.ts';
export { createDockerClient, dockerAnswers } from './docker.ts';
export { reapExpired, startReaper, listSandboxContainers } from './reaper.ts';
export { buildImages, computeImageTags, imageFor, ROOTFS_IMAGE } from './images.ts';
export type { TarEntry } from './tar.ts';
export { createBoxPool, createSpareBox } from './pool.ts';
export type { BoxPool } from './pool.ts';
