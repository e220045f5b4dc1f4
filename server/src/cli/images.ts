import { buildImages, computeImageTags, createDockerClient, dockerAnswers, ROOTFS_IMAGE } from '../sandbox/index.ts';
import { KodbroError } from '../errors.ts';
import { LANGUAGES } from '../languages/index.ts';
import { languageIdSchema } from '../contracts/index.ts';

export interface ImagesBuildArgs {
  language?: string;
}

/** `images build [--language <id>]`: builds what is not up to date, with progress on stderr. */
export async function imagesBuild(args: ImagesBuildArgs, log: (line: string) => void): Promise<number> {
  const docker = createDockerClient();
  if (!(await dockerAnswers(docker))) {
    throw new KodbroError('docker_unavailable', 'Docker does not answer; start it with scripts/docker-up.sh');
  }
  let only: string[] | undefined;
  if (args.language !== undefined) {
    const parsed = languageIdSchema.safeParse(args.language);
    if (!parsed.success) throw new KodbroError('language_unknown', `Unknown language ${args.language}; known: ${Object.keys(LANGUAGES).join(', ')}`);
    only = [LANGUAGES[parsed.data].image];
  }
  const started = Date.now();
  const built = await buildImages(docker, { ...(only ? { only } : {}), progress: log });
  log(`images: ${built.length ? `built ${built.length}` : 'all up to date'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

/** `images tags`: the tags (rootfs, base, one per language), for copying images to another Docker host (scripts/dockerd-second.sh). */
export async function imagesTags(): Promise<number> {
  const tags = await computeImageTags();
  process.stdout.write(`${[ROOTFS_IMAGE, tags.base, ...Object.values(tags.languages)].join('\n')}\n`);
  return 0;
}
