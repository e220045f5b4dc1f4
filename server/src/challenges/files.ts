import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { KodbroError } from '../errors.ts';
import type { PackageFile, TestCase } from './model.ts';
import { rememberTestFile } from './test-data.ts';

/** Caps on what a package on disk may hold (invariant 7: packages are untrusted). */
export const PACKAGE_CAPS = {
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxFiles: 20_000,
  maxManifestBytes: 256 * 1024,
  maxNameLength: 200,
} as const;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Natural order: `2` before `10`. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Resolves a package-relative path, refusing anything that leaves the package
 * (`..`, absolute paths) so a manifest cannot point at the host's files.
 */
export function resolveInside(root: string, relative: string): string {
  if (path.isAbsolute(relative) || relative.includes('\0')) {
    throw new KodbroError('package_unsafe_path', `Path must be relative to the package: ${relative}`);
  }
  const resolved = path.resolve(root, relative);
  const rel = path.relative(root, resolved);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new KodbroError('package_unsafe_path', `Path leaves the package: ${relative}`);
  }
  return resolved;
}

/** Counts what a load reads so one package cannot exhaust the server. */
export interface ReadBudget {
  files: number;
  bytes: number;
}

export function newReadBudget(): ReadBudget {
  return { files: 0, bytes: 0 };
}

/** Whether `target` is `root` itself or lies under it (both real, absolute paths). */
function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Where a path in a package really leads, every component resolved (a linked
 * folder on the way, a chain of links). Real problem archives share test data
 * between groups through links, so a link whose target stays inside the
 * package root is followed and read as if its target were there; one that
 * leaves the root (by `..`, by an absolute path, by a chain) is refused, as is
 * a loop of links or a link to nothing. Without a root nothing may be reached
 * through a link. Returns null for a path that does not exist at all.
 */
export async function realPathInside(target: string, root: string | undefined): Promise<string | null> {
  const shown = root ? path.relative(root, target) || '.' : target;
  let real: string;
  try {
    real = await realpath(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new KodbroError('package_unsafe_path', `${shown} is a loop of links`);
    if (code !== 'ENOENT') throw error;
    const dangling = await lstat(target).then((stat) => stat.isSymbolicLink(), () => false);
    if (dangling) throw new KodbroError('package_invalid', `${shown} is a link to something that does not exist`);
    return null;
  }
  if (root === undefined) {
    if (real !== path.resolve(target)) throw new KodbroError('package_unsafe_path', `Reached through a link (links are refused here): ${shown}`);
    return real;
  }
  const realRoot = await realpath(root);
  if (!isInside(realRoot, real)) {
    throw new KodbroError('package_unsafe_path', `${shown} is a link that leads outside the package (links may only point inside it)`);
  }
  return real;
}

/** Reads a regular file, following links that stay inside the package (see realPathInside); oversized files are refused. */
export async function readPackageFile(file: string, budget: ReadBudget, root?: string): Promise<Buffer> {
  const shown = root ? path.relative(root, file) : file;
  const real = await realPathInside(file, root);
  if (real === null) throw new KodbroError('package_invalid', `Missing file: ${shown}`);
  const stat = await lstat(real);
  if (!stat.isFile()) throw new KodbroError('package_unsafe_path', `Not a regular file: ${shown}`);
  budget.files += 1;
  budget.bytes += stat.size;
  if (stat.size > PACKAGE_CAPS.maxFileBytes || budget.bytes > PACKAGE_CAPS.maxTotalBytes || budget.files > PACKAGE_CAPS.maxFiles) {
    throw new KodbroError('package_too_large', `Package exceeds its size caps at ${shown}`, {
      details: PACKAGE_CAPS,
    });
  }
  return readFile(real);
}

export interface DirEntries {
  files: string[];
  dirs: string[];
}

/**
 * Lists a folder's regular files and folders by natural order. Links inside
 * the package are listed as what they lead to (see realPathInside); a linked
 * folder that holds the folder it is in would list itself forever and is
 * refused. Without a root, links are refused.
 */
export async function listDir(dir: string, root?: string): Promise<DirEntries> {
  const realDir = await realPathInside(dir, root);
  if (realDir === null) return { files: [], dirs: [] };
  const entries = await readdir(realDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (!entries) return { files: [], dirs: [] };
  if (entries.length > PACKAGE_CAPS.maxFiles) {
    throw new KodbroError('package_too_large', `Too many entries in ${dir}`);
  }
  const files: string[] = [];
  const dirs: string[] = [];
  for (const entry of entries) {
    if (entry.name.length > PACKAGE_CAPS.maxNameLength) {
      throw new KodbroError('package_invalid', `File name too long in ${dir}`);
    }
    const kind = entry.isSymbolicLink() ? await linkedKind(path.join(dir, entry.name), realDir, root) : entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other';
    if (kind === 'file') files.push(entry.name);
    else if (kind === 'dir') dirs.push(entry.name);
  }
  return { files: files.sort(naturalCompare), dirs: dirs.sort(naturalCompare) };
}

/** What a link in a package leads to, checked: inside the root, and never a folder that holds the link. */
async function linkedKind(link: string, realParent: string, root: string | undefined): Promise<'file' | 'dir' | 'other'> {
  if (root === undefined) throw new KodbroError('package_unsafe_path', `Links are refused here: ${link}`);
  const real = await realPathInside(link, root);
  const shown = path.relative(root, link);
  if (real === null) throw new KodbroError('package_invalid', `${shown} is a link to something that does not exist`);
  const stat = await lstat(real);
  if (stat.isDirectory() && isInside(real, realParent)) {
    throw new KodbroError('package_unsafe_path', `${shown} is a link to a folder that holds it, a loop`);
  }
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : 'other';
}

/** Whether `dir` is a folder, following a link that stays inside the package. */
export async function isDirectory(dir: string, root?: string): Promise<boolean> {
  const stat = await lstat(dir).catch(() => null);
  if (!stat?.isSymbolicLink()) return stat?.isDirectory() ?? false;
  if (root === undefined) return false;
  const real = await realPathInside(dir, root);
  return real !== null && (await lstat(real)).isDirectory();
}

/**
 * Reads `<name>.in` / `<name>.<answerExt>` pairs of one folder. A half pair is
 * an error: a test without its answer would silently never be judged.
 */
export async function readTestPairs(
  dir: string,
  budget: ReadBudget,
  root: string,
  answerExt = '.ans',
): Promise<TestCase[]> {
  const { files } = await listDir(dir, root);
  const inputs = files.filter((f) => f.endsWith('.in')).map((f) => f.slice(0, -3));
  const answers = new Set(files.filter((f) => f.endsWith(answerExt)).map((f) => f.slice(0, -answerExt.length)));
  const missing = inputs.filter((name) => !answers.has(name));
  const orphans = [...answers].filter((name) => !inputs.includes(name));
  if (missing.length || orphans.length) {
    const where = path.relative(root, dir) || '.';
    throw new KodbroError(
      'package_invalid',
      `Unpaired tests in ${where}: ${[...missing.map((n) => `${n}.in has no ${n}${answerExt}`), ...orphans.map((n) => `${n}${answerExt} has no ${n}.in`)].join('; ')}`,
    );
  }
  const tests: TestCase[] = [];
  const read = async (file: string) => {
    const data = await readPackageFile(file, budget, root);
    rememberTestFile(data, file);
    return data;
  };
  for (const name of inputs) {
    tests.push({ id: name, input: await read(path.join(dir, `${name}.in`)), answer: await read(path.join(dir, `${name}${answerExt}`)) });
  }
  return tests;
}

export const TRANSCRIPT_EXT = '.interaction';

/**
 * What a sample folder's `<name>.interaction` transcripts mean: the samples'
 * transcripts (an interactive challenge), an error (a Kodbro package, which
 * says what it means), or nothing (a Kattis package that is not interactive,
 * where a stray transcript was always left unread).
 */
export type TranscriptRule = 'interactive' | 'refuse' | 'ignore';

/**
 * Samples: the `.in`/`.ans` pairs of `dir`, each with its `.interaction`
 * transcript when there is one. In an interactive challenge a transcript
 * without `.in` and `.ans` is a sample of its own, shown to candidates but
 * with nothing to run (input and answer empty; see isTranscriptOnly).
 */
export async function readSamples(dir: string, budget: ReadBudget, root: string, rule: TranscriptRule): Promise<TestCase[]> {
  const pairs = await readTestPairs(dir, budget, root);
  if (rule === 'ignore') return pairs;
  const { files } = await listDir(dir, root);
  const transcripts = files.filter((f) => f.endsWith(TRANSCRIPT_EXT)).map((f) => f.slice(0, -TRANSCRIPT_EXT.length));
  const where = path.relative(root, dir) || '.';
  if (rule === 'refuse' && transcripts.length) {
    throw new KodbroError('package_invalid', `${where}/${transcripts[0] as string}${TRANSCRIPT_EXT}: a sample transcript (.interaction) is only for interactive challenges (checker type interactor)`);
  }
  const byId = new Map(pairs.map((test) => [test.id, test]));
  const samples = [...pairs];
  for (const name of transcripts) {
    const interaction = await readPackageFile(path.join(dir, `${name}${TRANSCRIPT_EXT}`), budget, root);
    rememberTestFile(interaction, path.join(dir, `${name}${TRANSCRIPT_EXT}`));
    const pair = byId.get(name);
    if (pair) pair.interaction = interaction;
    else samples.push({ id: name, input: Buffer.alloc(0), answer: Buffer.alloc(0), interaction });
  }
  return samples.sort((a, b) => naturalCompare(a.id, b.id));
}

/** Every regular file directly in a folder, as package files named relative to it. */
export async function readFlatFolder(dir: string, budget: ReadBudget, root: string): Promise<PackageFile[]> {
  const { files } = await listDir(dir, root);
  const out: PackageFile[] = [];
  for (const name of files) {
    out.push({ path: name, content: await readPackageFile(path.join(dir, name), budget, root) });
  }
  return out;
}

/**
 * Turns any name (a folder, a Kattis test group) into a package id: lower-case
 * letters, digits and dashes, at most 64, no dash at either end.
 */
export function toPackageId(raw: string, fallback = 'problem'): string {
  const trim = (s: string) => s.replace(/^-+|-+$/g, '');
  const id = trim(trim(raw.toLowerCase().replace(/[^a-z0-9-]/g, '-')).slice(0, 64));
  return id || fallback;
}
