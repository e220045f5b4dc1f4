import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadChallenge, type Challenge } from '../../server/src/challenges/index.ts';
import { DEFAULT_JUDGE_LIMITS, type JudgeLimits } from '../../server/src/config/index.ts';
import type { JudgeEvent, JudgeResult, LanguageId } from '../../server/src/contracts/index.ts';
import { judgeSubmission, type JudgeDeps, type JudgeOutcome } from '../../server/src/judge/index.ts';
import { createDockerClient, dockerAnswers, imageFor, listSandboxContainers, openBox, type Box } from '../../server/src/sandbox/index.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const docker = createDockerClient();

/**
 * One box of a runner image for the whole test file: opened before its
 * first test, removed after its last, and Docker then checked clean. Call
 * the getter inside tests.
 */
export function boxForFile(image: string, memoryMb: number): () => Box {
  let box: Box | undefined;
  beforeAll(async () => {
    box = await openBox(docker, { image: await imageFor(image), memoryMb, deadline: Date.now() + 600_000, purpose: 'run' });
  });
  afterAll(async () => {
    await box?.destroy();
    await expectDockerClean();
  });
  return () => {
    if (!box) throw new Error('The file\'s box is opened before its first test');
    return box;
  };
}

/** The judge's dependencies against the real Docker engine. */
export function judgeDeps(limits: Partial<JudgeLimits> = {}): JudgeDeps {
  return { docker, limits: { ...DEFAULT_JUDGE_LIMITS, ...limits } };
}

const loaded = new Map<string, Promise<Challenge>>();

/** Loads a package folder (relative to the repository root) once per test file. */
export function loadPackage(relativeDir: string): Promise<Challenge> {
  let challenge = loaded.get(relativeDir);
  if (!challenge) {
    challenge = loadChallenge(path.join(REPO_ROOT, relativeDir));
    loaded.set(relativeDir, challenge);
  }
  return challenge;
}

/**
 * `tests/fixtures/packages/sum`: the first line holds n, the second n
 * integers; the answer is their sum. Five hidden tests (1, 2, 11, 101, 1001
 * numbers) and one sample ("3\n1 2 3\n" → 6), 1 s and 64 MB per test.
 */
export const SUM_PACKAGE = 'tests/fixtures/packages/sum';

export async function judgeSource(
  packageDir: string,
  language: LanguageId,
  source: string,
  options: { limits?: Partial<JudgeLimits>; onEvent?: (event: JudgeEvent) => void; testSet?: 'hidden' | 'samples' | { customInput: Buffer }; captureOutput?: boolean } = {},
): Promise<JudgeResult> {
  const challenge = await loadPackage(packageDir);
  const outcome = await judgeSubmission(challenge, { language, source }, judgeDeps(options.limits), {
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.testSet ? { testSet: options.testSet } : {}),
    ...(options.captureOutput ? { captureOutput: true } : {}),
  });
  return judged(outcome);
}

/** The result of a judgement that worked; a test whose run our infrastructure could not finish fails with the reason. */
export function judged(outcome: JudgeOutcome): JudgeResult {
  if (outcome.kind !== 'judged') throw new Error(`not judged (${outcome.kind}): ${outcome.reason}`);
  return outcome.result;
}

/**
 * After an attack: Docker still answers and no sandbox container this test
 * process made is left behind (other processes may be judging meanwhile).
 */
export async function expectDockerClean(): Promise<void> {
  expect(await dockerAnswers(docker, 10_000)).toBe(true);
  const left = await listSandboxContainers(docker, { ownOnly: true });
  expect(left.map((c) => `${c.Id.slice(0, 12)} ${c.State} ${c.Labels?.['org.kodbro.purpose'] ?? ''}`)).toEqual([]);
}
