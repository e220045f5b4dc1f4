import { buildImages, createDockerClient, dockerAnswers } from '../../server/src/sandbox/index.ts';

/**
 * Tests that need Docker fail, never skip, when it does not answer: a skipped
 * sandbox test would hide a broken defence. Images are built here (a no-op
 * when up to date) so a plain `npx vitest` works after scripts/docker-up.sh.
 */
export default async function setup(): Promise<void> {
  const docker = createDockerClient();
  if (!(await dockerAnswers(docker, 10_000))) {
    throw new Error('Docker does not answer. Start it with: bash scripts/docker-up.sh (npm test does this for you).');
  }
  await buildImages(docker, { progress: (line) => (/up to date/.test(line) ? undefined : console.log(line)) });
}
