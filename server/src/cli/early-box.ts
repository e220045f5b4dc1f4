import type Docker from 'dockerode';
import type { JudgeLimits } from '../config/index.ts';
import type { LanguageId } from '../contracts/index.ts';
import { languageForFile, LANGUAGES, memoryCaps } from '../languages/index.ts';
import { createDockerClient, createSpareBox, imageFor, type BoxPool } from '../sandbox/index.ts';
import { abortOnSignals, type Log, type Stop } from './signals.ts';

/**
 * What `judge` starts before the judge's own modules load: Ctrl+C handling, a
 * Docker client and the solution's box. Loading those modules holds the event
 * loop (zod alone takes 35–50 ms), and every step of a box's start waits for
 * it; so this module loads nothing that needs zod, and Docker starts the box
 * meanwhile.
 */
export interface EarlyStart {
  stop: Stop;
  docker: Docker;
  /** The solution's box, or null when its language is not clear yet (the judge says why in its turn). */
  boxes: BoxPool | null;
}

/**
 * The judge's default caps (`DEFAULT_JUDGE_LIMITS`, a test holds them equal)
 * stand in for the ones the environment sets, which are read with zod: the
 * box starts with these, and the judgement's own memory replaces them (one
 * Docker update) when they differ.
 */
export const PROVISIONAL_CAPS: Pick<JudgeLimits, 'defaultMemoryMb' | 'compileMemoryMb'> = { defaultMemoryMb: 256, compileMemoryMb: 1536 };

/** As long as the worker pool's warm boxes live; a judgement that needs longer gets a box of its own. */
const EARLY_BOX_LIFETIME_MS = 60 * 60_000;

/**
 * Starts the solution's box now, while the package loads, so a one-off
 * judgement does not wait for a container afterwards; none when the
 * solution's language is not clear yet.
 */
export function startEarly(solutionFile: string, override: string | undefined, log: Log): EarlyStart {
  const stop = abortOnSignals(log);
  const docker = createDockerClient();
  const id = override ?? languageForFile(solutionFile)?.id;
  if (id === undefined || !Object.hasOwn(LANGUAGES, id)) return { stop, docker, boxes: null };
  const spec = LANGUAGES[id as LanguageId];
  const memoryMb = memoryCaps(spec, PROVISIONAL_CAPS.defaultMemoryMb, PROVISIONAL_CAPS.compileMemoryMb).compileMb;
  const deadline = Date.now() + EARLY_BOX_LIFETIME_MS;
  const made = imageFor(spec.image).then((image) => ({ image, memoryMb, deadline, purpose: 'run' as const }));
  return { stop, docker, boxes: createSpareBox(docker, made, stop.signal) };
}
