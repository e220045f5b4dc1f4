import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Challenge } from '../challenges/index.ts';
import { judgeLimitsFromEnv, type JudgeLimits } from '../config/index.ts';
import { languageIdSchema, type JudgeEvent, type LanguageId } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { languageForFile, LANGUAGES } from '../languages/index.ts';
import { buildImages, createDockerClient, createSpareBox, dockerAnswers, imageFor, reapExpired, type BoxPool } from '../sandbox/index.ts';
import type { JudgeDeps } from '../judge/index.ts';
import type Docker from 'dockerode';

export type Log = (line: string) => void;

/** The solution's language: --language when given, else the file's extension. */
export function solutionLanguage(file: string, override: string | undefined): LanguageId {
  if (override !== undefined) {
    const parsed = languageIdSchema.safeParse(override);
    if (!parsed.success) throw new KodbroError('language_unknown', `Unknown language ${override}; known: ${Object.keys(LANGUAGES).join(', ')}`);
    return parsed.data;
  }
  const spec = languageForFile(file);
  if (!spec) throw new KodbroError('language_unknown', `Cannot tell the language of ${path.basename(file)} from its extension; pass --language <id>`);
  return spec.id;
}

export async function readSource(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new KodbroError('not_found', `Cannot read ${file}: ${(error as Error).message}`);
  }
}

/** A Docker client that answers, expired sandboxes reaped, and the images these languages need built. */
export async function judgeDeps(languages: Iterable<LanguageId>, log: Log, docker = createDockerClient()): Promise<JudgeDeps & { docker: Docker; limits: JudgeLimits }> {
  if (!(await dockerAnswers(docker))) {
    throw new KodbroError('docker_unavailable', 'Docker does not answer; start it with scripts/docker-up.sh');
  }
  await reapExpired(docker);
  await imagesFor(docker, languages, log);
  return { docker, limits: judgeLimitsFromEnv() };
}

/** Builds the images these languages need that are not up to date. */
export async function imagesFor(docker: Docker, languages: Iterable<LanguageId>, log: Log): Promise<void> {
  const only = [...new Set([...languages].map((id) => LANGUAGES[id].image))];
  const built = await buildImages(docker, { only, progress: (line) => (/up to date/.test(line) ? undefined : log(line)) });
  if (built.length) log(`built ${built.join(', ')}`);
}

/** As long as the worker pool's warm boxes live; a judgement that needs longer gets a box of its own. */
const EARLY_BOX_LIFETIME_MS = 60 * 60_000;

/**
 * A box for the solution's language, started now, while the package loads, so
 * a one-off judgement does not wait for a container afterwards. The package's
 * limits are not known yet, so its memory cap is the judge's default for that
 * language: a package that asks for another costs a Docker update.
 */
export function earlyBox(docker: Docker, language: LanguageId, caps: JudgeLimits, signal: AbortSignal): BoxPool {
  const spec = LANGUAGES[language];
  const runMemoryMb = caps.defaultMemoryMb + spec.memoryOverheadMb;
  const memoryMb = spec.compileWithinRunMemory ? runMemoryMb : Math.max(caps.compileMemoryMb, runMemoryMb);
  const deadline = Date.now() + EARLY_BOX_LIFETIME_MS;
  return createSpareBox(docker, imageFor(spec.image).then((image) => ({ image, memoryMb, deadline, purpose: 'run' as const })), signal);
}

/** Every language a judgement of this challenge may start a container for. */
export function languagesNeeded(challenge: Challenge, solutionLanguages: Iterable<LanguageId>): Set<LanguageId> {
  const needed = new Set(solutionLanguages);
  for (const checker of [challenge.checker, ...challenge.groups.map((g) => g.checker)]) {
    if (checker?.kind === 'custom' || checker?.kind === 'interactor') needed.add(checker.language);
  }
  return needed;
}

/** Progress on stderr for people; stdout stays free for results. */
export function progressPrinter(log: Log, prefix = ''): (event: JudgeEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'compiling':
        log(`${prefix}compiling…`);
        break;
      case 'test_done':
        log(`${prefix}test ${event.index}/${event.total}: ${event.verdict}`);
        break;
      default:
        break;
    }
  };
}

/**
 * Ctrl+C (or SIGTERM) during a judgement stops it cleanly: its containers are
 * removed before the command exits (with 1: nothing was judged). A second
 * signal finds the default handler again and ends the process at once.
 */
export function abortOnSignals(log: Log): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  function onSignal(name: NodeJS.Signals): void {
    dispose();
    log(`${name}: stopping, removing the sandbox containers…`);
    controller.abort(new Error(`stopped by ${name}`));
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { signal: controller.signal, dispose };
}
