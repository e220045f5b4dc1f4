import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Challenge } from '../challenges/index.ts';
import { judgeLimitsFromEnv, type JudgeLimits } from '../config/index.ts';
import { languageIdSchema, type JudgeEvent, type LanguageId } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { languageForFile, LANGUAGES } from '../languages/index.ts';
import { buildImages, createDockerClient, dockerAnswers, reapExpired } from '../sandbox/index.ts';
import type { JudgeDeps } from '../judge/index.ts';
import type { Log } from './signals.ts';
import type Docker from 'dockerode';

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
