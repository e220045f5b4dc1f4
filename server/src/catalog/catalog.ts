import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  bundlePackage,
  challengeMeta,
  extractPackageArchive,
  lintChallenge,
  loadChallenge,
  primaryTitle,
  type Challenge,
} from '../challenges/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import { KodbroError } from '../errors.ts';
import type { AttemptId, ChallengeVersion, OrgId, PublishedVersion, Store } from '../store/index.ts';

export interface Catalog {
  /** Reads a package folder, checks it loads, and publishes it as the challenge's next version (or finds the same one). */
  publishDirectory(orgId: OrgId, dir: string): Promise<PublishedVersion & { warnings: string[] }>;
  /** A version of the organisation's challenge, parsed. */
  forOrg(orgId: OrgId, versionId: string): Promise<Challenge | undefined>;
  /** A version that belongs to the attempt's assessment, parsed. */
  forAttempt(attemptId: AttemptId, versionId: string): Promise<Challenge | undefined>;
}

/**
 * Challenge versions live in the store as deterministic tars; judging needs
 * them as parsed packages. A version is unpacked once into
 * `<dataDir>/packages/<content hash>/` (through the same capped, link-refusing
 * extractor that handles uploads) and kept parsed in memory by version id.
 * Versions are immutable, so neither copy ever goes stale.
 */
export function createCatalog(store: Store, dataDir: string, caps: JudgeLimits): Catalog {
  const parsed = new Map<string, Promise<Challenge>>();
  const packagesDir = path.join(dataDir, 'packages');

  const load = (version: ChallengeVersion): Promise<Challenge> => {
    let challenge = parsed.get(version.id);
    if (!challenge) {
      challenge = unpack(packagesDir, version).then(loadChallenge);
      // A failure is not cached: the next request tries again.
      challenge.catch(() => parsed.delete(version.id));
      parsed.set(version.id, challenge);
    }
    return challenge;
  };

  return {
    async publishDirectory(orgId, dir) {
      const challenge = await loadChallenge(dir);
      const lint = lintChallenge(challenge, caps);
      if (lint.errors.length > 0) throw new KodbroError('package_invalid', `The package cannot be used: ${lint.errors.join('; ')}`, { details: lint.errors });
      const data = await bundlePackage(dir);
      const published = await store.publishChallengeVersion(orgId, {
        slug: challenge.id,
        title: primaryTitle(challenge),
        data,
        meta: challengeMeta(challenge),
      });
      return { ...published, warnings: lint.warnings };
    },
    async forOrg(orgId, versionId) {
      const version = await store.getChallengeVersion(orgId, versionId);
      return version && load(version);
    },
    async forAttempt(attemptId, versionId) {
      const version = await store.getAttemptChallengeVersion(attemptId, versionId);
      return version && load(version);
    },
  };
}

/** The version's folder, unpacked on first use; a half-written one never becomes visible. */
async function unpack(packagesDir: string, version: ChallengeVersion): Promise<string> {
  const dir = path.join(packagesDir, version.contentHash);
  if (await exists(dir)) return dir;
  await mkdir(packagesDir, { recursive: true });
  const temp = path.join(packagesDir, `.tmp-${randomUUID()}`);
  try {
    await extractPackageArchive(version.data, 'tar', temp);
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    // Another worker may have finished the same folder first.
    if (!(await exists(dir))) throw error;
  }
  return dir;
}

async function exists(dir: string): Promise<boolean> {
  return stat(dir).then(
    () => true,
    () => false,
  );
}
