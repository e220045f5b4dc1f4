import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { PackageDraft, StoredChallenge } from '../challenges/index.ts';
import type { SimilarityGroup, SimilarPair } from '../similarity/index.ts';
import type { ParsedStatement } from '../statements/index.ts';
import type { JudgeLimits, PackageLimits } from '../config/index.ts';
import { KodbroError } from '../errors.ts';
import type { AttemptId, ChallengeVersionInfo, OrgId, PublishedVersion, Store } from '../store/index.ts';
import { createLruCache, type CacheStats } from './cache.ts';
import { parsedBytes } from './parsed-size.ts';
import { openScratch } from './scratch.ts';
import type { DraftSource, PackageTask } from './tasks.ts';
import { startPackageWorkers } from './workers.ts';

export type Published = PublishedVersion & { warnings: string[] };

export interface Catalog {
  /**
   * Reads a package folder of the operator's (the sample challenges), checks
   * it loads, and publishes it as the challenge's next version (or finds the
   * same one). Counts towards the organisation's quota without being refused by it.
   */
  publishDirectory(orgId: OrgId, dir: string): Promise<Published>;
  /**
   * Room for one upload: undefined while the organisation already has one in
   * flight (on any server process: a lock in the shared store), or this
   * process as many as it runs package jobs at once — so the disk an upload
   * can use is bounded before a byte of it is read.
   */
  beginUpload(orgId: OrgId): Promise<Upload | undefined>;
  /**
   * Room for one export (one per organisation at a time on any server process,
   * and no more at once in this one than it runs package jobs, like uploads):
   * undefined when there is none.
   */
  beginExport(orgId: OrgId): Promise<Export | undefined>;
  /**
   * Publishes a draft as its challenge's next version, through the same
   * worker task, lint, bundle and quota as an upload (and the same room:
   * undefined while the organisation has an upload in flight or the server is busy).
   */
  publishDraft(orgId: OrgId, source: DraftSource): Promise<Published | undefined>;
  /** A version of the organisation's challenge as a draft; undefined when there is no such version. */
  draftOf(orgId: OrgId, versionId: string): Promise<PackageDraft | undefined>;
  /**
   * A draft written as a package in a scratch folder and parsed (in a worker),
   * for judging its solutions: `root` is the package folder; `dispose` removes it.
   */
  buildDraft(source: DraftSource): Promise<BuiltDraft>;
  /** A statement's Markdown as the candidate's page will show it, parsed in a worker (Markdown at the cap takes a good part of a second). */
  previewStatement(markdown: string): Promise<ParsedStatement>;
  /** Pairs of alike final code per group (in the groups' order), computed in a package worker: thousands of candidates take seconds of CPU. */
  findSimilarity(groups: SimilarityGroup[]): Promise<SimilarPair[][]>;
  /** A version of the organisation's challenge, parsed. */
  forOrg(orgId: OrgId, versionId: string): Promise<StoredChallenge | undefined>;
  /** A version that belongs to the attempt's assessment, parsed. */
  forAttempt(attemptId: AttemptId, versionId: string): Promise<StoredChallenge | undefined>;
  cacheStats(): CacheStats;
  close(): Promise<void>;
}

export interface BuiltDraft {
  challenge: StoredChallenge;
  root: string;
  dispose(): Promise<void>;
}

export interface Upload {
  /** Where the archive goes: the caller streams the upload into this (absent) file. */
  file: string;
  /** Unpacks (zip, tar or gzip'd tar, whichever its bytes say), checks and publishes the archive written to `file`, within the organisation's storage quota. */
  publish(): Promise<Published>;
  /** Removes everything the upload wrote and frees its room; call once, whatever happened. */
  end(): Promise<void>;
}

export interface Export {
  /**
   * Writes the version as a Kodbro package archive (.tar.gz, its entries in
   * one folder named after the challenge, `folder`) and answers with a stream
   * of it; undefined when the organisation has no such version. The file is
   * already removed (the stream holds it open); the room is freed when the
   * stream closes — read to its end, or destroyed when the client leaves.
   */
  write(versionId: string): Promise<{ stream: Readable; folder: string; bytes: number } | undefined>;
  /** Removes everything the export wrote and frees its room, unless a stream was handed out; call whatever happened. */
  end(): Promise<void>;
}

export interface CatalogOptions {
  store: Store;
  dataDir: string;
  judgeLimits: JudgeLimits;
  limits: PackageLimits;
}

const MB = 1024 * 1024;
/** A package whose bytes were being written for longer than this has lost its writer. */
const UNFINISHED_AFTER_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 10 * 60 * 1000;
/** What an upload's transfer may take on top of its package job (Node's own requestTimeout is 5 minutes). */
const TRANSFER_MS = 10 * 60 * 1000;

/**
 * How long a shared one-at-a-time lock over package work (an upload, an
 * export, a statement preview, a similarity comparison) lasts: well above
 * the package job's time limit and a transfer, so only a holder that crashed
 * loses it — then the organisation waits this long at most. A download
 * slower than this may let a second export of the organisation start: the
 * limit bounds work, it is not a promise.
 */
export function packageLockTtlMs(limits: PackageLimits): number {
  return 2 * limits.jobTimeoutMs + TRANSFER_MS;
}

/**
 * Challenge versions between the store and the judge. Publishing: a package
 * is unpacked, loaded, linted and bundled into a deterministic tar in a
 * worker process (workers.ts), and the store takes the bundle from its file
 * in 1 MB chunks, under the organisation's quota. Using: a version is
 * exported from the store to a file, unpacked once into
 * `<dataDir>/packages/<content hash>/` and parsed, both in a worker; the
 * parsed package — statements, starters, checker, but test data only as
 * paths into that folder — is kept in a cache bounded by size and count.
 * Versions are immutable, so neither copy ever goes stale. The server's event
 * loop only moves file paths and small results; scratch files live in this
 * process's folder under `<dataDir>/tmp/` (scratch.ts) and go when their job ends.
 */
export async function openCatalog(options: CatalogOptions): Promise<Catalog> {
  const { store, limits } = options;
  const packagesDir = path.join(options.dataDir, 'packages');
  const scratch = await openScratch(options.dataDir);
  const workers = startPackageWorkers({ size: limits.jobs, timeoutMs: limits.jobTimeoutMs });
  const cache = createLruCache<StoredChallenge>({ maxBytes: limits.cacheBytes, maxEntries: limits.cacheEntries, sizeOf: parsedBytes });
  // Uploads and exports this process runs now: bounds ITS disk and CPU work, so it stays in memory.
  // One per organisation at a time is a lock in the shared store (`upload:<org>`, `export:<org>`).
  const running = { upload: 0, export: 0 };
  let closed = false;

  /**
   * One of this process's `kind` slots and the organisation's shared lock;
   * answers the function that frees both (once, never failing: a lock left
   * behind runs out), or undefined when either is taken.
   */
  async function takeRoom(kind: 'upload' | 'export', orgId: OrgId): Promise<(() => Promise<void>) | undefined> {
    if (closed || running[kind] >= limits.jobs) return undefined;
    // The slot is taken before the lock is asked for, so requests arriving meanwhile count it.
    running[kind] += 1;
    const key = `${kind}:${orgId}`;
    let token: string | undefined;
    try {
      token = await store.tryLock(key, packageLockTtlMs(limits), new Date());
    } finally {
      if (token === undefined) running[kind] -= 1;
    }
    if (token === undefined) return undefined;
    const held = token;
    let freed: Promise<void> | undefined;
    return () => {
      freed ??= (() => {
        running[kind] -= 1;
        return store.unlock(key, held).then(
          () => undefined,
          () => undefined,
        );
      })();
      return freed;
    };
  }

  const sweep = () => store.removeUnfinishedPackages(new Date(Date.now() - UNFINISHED_AFTER_MS));
  await sweep();
  const sweeper = setInterval(() => void sweep().catch(() => {}), SWEEP_EVERY_MS);
  sweeper.unref();

  const workDir = (what: string) => path.join(scratch, `${what}-${randomUUID()}`);

  async function publish(orgId: OrgId, source: Extract<PackageTask, { kind: 'prepare' }>['source'], dir: string, quotaBytes: number | undefined): Promise<Published> {
    await mkdir(dir, { recursive: true });
    const prepared = await workers.run({ kind: 'prepare', source, workDir: dir, caps: options.judgeLimits });
    const { file, contentHash, bytes } = prepared.bundle;
    const outcome = await store.publishChallengeVersion(orgId, {
      slug: prepared.slug,
      title: prepared.title,
      meta: prepared.meta,
      ...(quotaBytes === undefined ? {} : { quotaBytes }),
      data: { file, contentHash, bytes },
    });
    if (!outcome.ok) {
      throw new KodbroError(
        'quota_exceeded',
        `Storing this package (${size(bytes)}) would take your organisation past its storage quota: ${size(outcome.usedBytes)} of ${size(outcome.quotaBytes)} are used`,
        { details: { packageBytes: bytes, usedBytes: outcome.usedBytes, quotaBytes: outcome.quotaBytes } },
      );
    }
    return { ...outcome.value, warnings: prepared.warnings };
  }

  /** The parsed version; its folder is unpacked first when missing (a new version, or one an operator removed). */
  async function parsed(version: ChallengeVersionInfo): Promise<StoredChallenge> {
    const dir = path.join(packagesDir, version.contentHash);
    const unpacked = await exists(dir);
    if (!unpacked) cache.delete(version.contentHash);
    return cache.get(version.contentHash, async () => {
      const work = workDir('load');
      try {
        if (unpacked) return await workers.run({ kind: 'load', dir, workDir: work }, { urgent: true });
        const archive = `${work}.tar`;
        await store.exportChallengePackage(version.orgId, version.id, archive);
        return await workers.run({ kind: 'load', dir, archive, workDir: work }, { urgent: true });
      } finally {
        await Promise.all([rm(work, { recursive: true, force: true }), rm(`${work}.tar`, { force: true })]);
      }
    });
  }

  return {
    async publishDirectory(orgId, dir) {
      const work = workDir('publish');
      try {
        // The operator's own packages (the demo seed) count towards the quota but are not refused by it: a small quota must not stop the server from starting.
        return await publish(orgId, { dir }, work, undefined);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
    async beginUpload(orgId) {
      const free = await takeRoom('upload', orgId);
      if (!free) return undefined;
      const work = workDir('upload');
      const file = `${work}.upload`;
      let ended: Promise<void> | undefined;
      return {
        file,
        publish: () => publish(orgId, { archive: file }, work, limits.orgStorageBytes),
        end() {
          ended ??= Promise.all([rm(file, { force: true }), rm(work, { recursive: true, force: true })]).then(free, free);
          return ended;
        },
      };
    },
    async beginExport(orgId) {
      const free = await takeRoom('export', orgId);
      if (!free) return undefined;
      const work = workDir('export');
      const stored = `${work}.stored.tar`;
      const out = `${work}.tar.gz`;
      const removeFiles = () => Promise.all([rm(stored, { force: true }), rm(out, { force: true }), rm(work, { recursive: true, force: true })]);
      let ended: Promise<void> | undefined;
      let streaming = false;
      return {
        async write(versionId) {
          const version = await store.getChallengeVersion(orgId, versionId);
          if (!version) return undefined;
          const challenge = await store.getChallenge(orgId, version.challengeId);
          const slug = challenge?.slug ?? 'challenge';
          const folder = `${slug}-v${version.version}`;
          await store.exportChallengePackage(orgId, version.id, stored);
          const written = await workers.run({ kind: 'export', archive: stored, workDir: work, out, slug, folder });
          // Open, then remove: nothing is left behind however the download ends, and the room lasts as long as the stream.
          const handle = await open(out, 'r');
          await removeFiles();
          const stream = handle.createReadStream({ highWaterMark: 1024 * 1024 });
          streaming = true;
          stream.once('close', () => void free());
          return { stream, folder, bytes: written.bytes };
        },
        end() {
          if (streaming) return Promise.resolve();
          ended ??= removeFiles().then(free, free);
          return ended;
        },
      };
    },
    async publishDraft(orgId, source) {
      const free = await takeRoom('upload', orgId);
      if (!free) return undefined;
      const work = workDir('draft-publish');
      try {
        return await publish(orgId, { draft: source }, work, limits.orgStorageBytes);
      } finally {
        await rm(work, { recursive: true, force: true }).finally(free);
      }
    },
    async draftOf(orgId, versionId) {
      const version = await store.getChallengeVersion(orgId, versionId);
      if (!version) return undefined;
      const work = workDir('to-draft');
      try {
        await mkdir(work, { recursive: true });
        const archive = path.join(work, 'stored.tar');
        await store.exportChallengePackage(orgId, version.id, archive);
        return await workers.run({ kind: 'to-draft', archive, workDir: path.join(work, 'task') });
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
    async buildDraft(source) {
      const work = workDir('draft');
      const dispose = () => rm(work, { recursive: true, force: true });
      try {
        const challenge = await workers.run({ kind: 'draft-load', draft: source, workDir: work });
        return { challenge, root: path.join(work, 'package'), dispose };
      } catch (error) {
        await dispose();
        throw error;
      }
    },
    previewStatement(markdown) {
      const task: Extract<PackageTask, { kind: 'statement-preview' }> = { kind: 'statement-preview', markdown };
      return workers.run(task);
    },
    findSimilarity(groups) {
      const task: Extract<PackageTask, { kind: 'similarity' }> = { kind: 'similarity', groups };
      return workers.run(task).catch((error: unknown) => {
        // The worker's time limit speaks of packages; here it is the server's fault, not an upload's size.
        if (error instanceof KodbroError && error.code === 'package_too_large') throw new KodbroError('internal', 'Comparing the code took longer than the server allows', { cause: error });
        throw error;
      });
    },
    async forOrg(orgId, versionId) {
      const version = await store.getChallengeVersion(orgId, versionId);
      return version && parsed(version);
    },
    async forAttempt(attemptId, versionId) {
      const version = await store.getAttemptChallengeVersion(attemptId, versionId);
      return version && parsed(version);
    },
    cacheStats: () => cache.stats(),
    async close() {
      closed = true;
      clearInterval(sweeper);
      await workers.close();
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

const size = (bytes: number) => (bytes < MB ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / MB).toFixed(1)} MB`);
