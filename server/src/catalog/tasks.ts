import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  challengeMeta,
  extractArchiveFile,
  extractPackageArchive,
  isKattisPackage,
  lintChallenge,
  loadChallenge,
  MANIFEST_FILE,
  primaryTitle,
  readPackageDraft,
  withTestDataInFiles,
  writeDraftPackage,
  writeKodbroPackage,
  writePackageBundle,
  type PackageDraft,
  type StoredChallenge,
  type WrittenBundle,
} from '../challenges/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import { MAX_SHOWN_OUTPUT_BYTES, type ChallengeDraft } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { findSimilarPairs, type SimilarityGroup, type SimilarPair } from '../similarity/index.ts';
import { statementParsers, type ParsedStatement } from '../statements/index.ts';

/**
 * The heavy work on packages, as plain async functions of file paths: what a
 * package worker process runs (see workers.ts), and what unit tests call
 * directly. Nothing here touches the store or answers HTTP.
 */
export type PackageTask =
  | {
      kind: 'prepare';
      /** An uploaded archive (zip, tar or gzip'd tar, told apart by its bytes), a package folder (the sample challenges), or a draft written in the browser. */
      source: { archive: string } | { dir: string } | { draft: DraftSource };
      /** An empty or absent folder this task may fill; the caller removes it afterwards. */
      workDir: string;
      caps: JudgeLimits;
    }
  | {
      kind: 'load';
      /** `<dataDir>/packages/<content hash>`: unpacked from `archive` first when it does not exist yet. */
      dir: string;
      /** The version's stored bytes (an uncompressed tar), when `dir` is missing. */
      archive?: string;
      /** An empty or absent folder on the same file system as `dir`, to unpack into before the rename; the caller removes it. */
      workDir: string;
    }
  | {
      /** A draft written as a package into `<workDir>/package` and loaded from there (test data left in its files), to validate. */
      kind: 'draft-load';
      draft: DraftSource;
      workDir: string;
    }
  | {
      /** A stored version (an uncompressed tar) as a draft. */
      kind: 'to-draft';
      archive: string;
      workDir: string;
    }
  | {
      /** A statement's Markdown parsed as candidates will see it (no statement files: a draft has none). */
      kind: 'statement-preview';
      markdown: string;
    }
  | {
      /** Candidates' final code compared, group by group (a challenge in one language): CPU work of up to seconds for a large assessment. */
      kind: 'similarity';
      groups: SimilarityGroup[];
    }
  | {
      kind: 'export';
      /** The version's stored bytes (an uncompressed tar). */
      archive: string;
      /** An empty or absent folder this task may fill; the caller removes it afterwards. */
      workDir: string;
      /** Where the .tar.gz goes (absent); the caller removes it after sending it. */
      out: string;
      /** The challenge's id as published: a Kattis package is named by its folder, which the stored bytes do not keep. */
      slug: string;
      /** The one folder the archive's entries are in. */
      folder: string;
    };

export interface DraftSource {
  slug: string;
  draft: ChallengeDraft;
}

export interface PreparedPackage {
  slug: string;
  title: string;
  meta: unknown;
  warnings: string[];
  /** The deterministic tar, inside the task's workDir. */
  bundle: WrittenBundle & { file: string };
}

export type TaskResult<T extends PackageTask> = T extends { kind: 'prepare' }
  ? PreparedPackage
  : T extends { kind: 'export' }
    ? WrittenBundle
    : T extends { kind: 'to-draft' }
      ? PackageDraft
      : T extends { kind: 'statement-preview' }
        ? ParsedStatement
        : T extends { kind: 'similarity' }
          ? SimilarPair[][]
          : StoredChallenge;

export async function runPackageTask<T extends PackageTask>(task: T): Promise<TaskResult<T>> {
  return (await runTask(task)) as TaskResult<T>;
}

function runTask(task: PackageTask): Promise<unknown> {
  switch (task.kind) {
    case 'prepare':
      return preparePackage(task);
    case 'export':
      return exportPackage(task);
    case 'load':
      return loadStoredPackage(task);
    case 'draft-load':
      return loadDraftPackage(task);
    case 'to-draft':
      return storedPackageDraft(task);
    case 'statement-preview':
      return statementParsers().then(({ parseStatement }) => parseStatement(task.markdown, []));
    case 'similarity':
      return Promise.resolve(task.groups.map(findSimilarPairs));
  }
}

/** A draft as the judge takes it: written by the package writer, loaded like a stored version. */
export async function loadDraftPackage(task: Extract<PackageTask, { kind: 'draft-load' }>): Promise<StoredChallenge> {
  const dir = await writeDraftPackage(task.draft.slug, task.draft.draft, task.workDir);
  return withTestDataInFiles(await loadChallenge(dir), { sampleHeadBytes: MAX_SHOWN_OUTPUT_BYTES });
}

/** A stored version as a draft: unpacked under the archive rules, loaded, converted (package_invalid when a draft cannot hold it). */
export async function storedPackageDraft(task: Extract<PackageTask, { kind: 'to-draft' }>): Promise<PackageDraft> {
  const stored = path.join(task.workDir, 'stored');
  await extractPackageArchive(createReadStreamOf(task.archive), 'tar', stored);
  return readPackageDraft(stored);
}

/**
 * A stored version as a Kodbro package archive (.tar.gz) for people: unpacked
 * under the archive rules, loaded (Kodbro or Kattis, whichever was published),
 * written out by the package writer — manifest, statements and their files,
 * tests, checker, solutions, limits, starters — and packed inside one folder.
 */
export async function exportPackage(task: Extract<PackageTask, { kind: 'export' }>): Promise<WrittenBundle> {
  const stored = path.join(task.workDir, 'stored');
  await extractPackageArchive(createReadStreamOf(task.archive), 'tar', stored);
  const written = path.join(task.workDir, 'kodbro');
  await writeKodbroPackage({ ...(await loadChallenge(stored)), id: task.slug }, stored, written);
  return writePackageBundle(written, task.out, { gzip: true, folder: task.folder });
}

/**
 * Unpacks (for an archive), loads and lints a package and writes its
 * deterministic bundle: everything publishing needs before the store.
 */
export async function preparePackage(task: Extract<PackageTask, { kind: 'prepare' }>): Promise<PreparedPackage> {
  let dir: string;
  if ('draft' in task.source) {
    dir = await writeDraftPackage(task.source.draft.slug, task.source.draft.draft, path.join(task.workDir, 'draft'));
  } else if ('archive' in task.source) {
    const unpacked = path.join(task.workDir, 'package');
    await extractArchiveFile(task.source.archive, unpacked);
    dir = await packageRoot(unpacked);
  } else {
    dir = task.source.dir;
  }
  const challenge = await loadChallenge(dir);
  const lint = lintChallenge(challenge, task.caps);
  if (lint.errors.length > 0) throw new KodbroError('package_invalid', `The package cannot be used: ${lint.errors.join('; ')}`, { details: lint.errors });
  const file = path.join(task.workDir, 'bundle.tar');
  const bundle = await writePackageBundle(dir, file);
  return { slug: challenge.id, title: primaryTitle(challenge), meta: challengeMeta(challenge), warnings: lint.warnings, bundle: { ...bundle, file } };
}

/**
 * A stored version as the catalog keeps it: unpacked once into its folder
 * (through the same capped, link-refusing extractor as uploads; a half-written
 * folder never becomes visible), then parsed, with test data left in the
 * folder's files.
 */
export async function loadStoredPackage(task: Extract<PackageTask, { kind: 'load' }>): Promise<StoredChallenge> {
  if (task.archive !== undefined && !(await exists(task.dir))) {
    const temp = path.join(task.workDir, 'unpacked');
    await mkdir(path.dirname(task.dir), { recursive: true });
    try {
      await extractPackageArchive(createReadStreamOf(task.archive), 'tar', temp);
      await rename(temp, task.dir);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      // Another process may have finished the same folder first.
      if (!(await exists(task.dir))) throw error;
    }
  }
  return withTestDataInFiles(await loadChallenge(task.dir), { sampleHeadBytes: MAX_SHOWN_OUTPUT_BYTES });
}

/** A package archive may hold the package at its root or inside one folder. */
async function packageRoot(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.name === MANIFEST_FILE) || (await isKattisPackage(dir))) return dir;
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only?.isDirectory()) return path.join(dir, only.name);
  return dir;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

const createReadStreamOf = (file: string) => createReadStream(file, { highWaterMark: 1024 * 1024 });
