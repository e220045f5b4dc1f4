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

/**
 * Refuses a path reached through a link anywhere on its way (a linked
 * folder, not only a linked file): its real path must be the path itself.
 * Package roots are resolved with `realpath` once, when loading starts.
 */
async function refuseLinkedPath(target: string, root?: string): Promise<void> {
  const real = await realpath(target).catch(() => null);
  if (real !== null && real !== path.resolve(target)) {
    throw new KodbroError('package_unsafe_path', `Reached through a link (links are refused in packages): ${root ? path.relative(root, target) : target}`);
  }
}

/** Reads a regular file; links (of the file or of a folder on its way) and oversized files are refused. */
export async function readPackageFile(file: string, budget: ReadBudget, root?: string): Promise<Buffer> {
  await refuseLinkedPath(file, root);
  const stat = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new KodbroError('package_invalid', `Missing file: ${root ? path.relative(root, file) : file}`);
    }
    throw error;
  });
  if (stat.isSymbolicLink() || !stat.isFile()) {
    throw new KodbroError('package_unsafe_path', `Not a regular file (links are refused): ${root ? path.relative(root, file) : file}`);
  }
  budget.files += 1;
  budget.bytes += stat.size;
  if (stat.size > PACKAGE_CAPS.maxFileBytes || budget.bytes > PACKAGE_CAPS.maxTotalBytes || budget.files > PACKAGE_CAPS.maxFiles) {
    throw new KodbroError('package_too_large', `Package exceeds its size caps at ${root ? path.relative(root, file) : file}`, {
      details: PACKAGE_CAPS,
    });
  }
  return readFile(file);
}

export interface DirEntries {
  files: string[];
  dirs: string[];
}

/** Lists a folder's regular files and folders by natural order; links are refused. */
export async function listDir(dir: string): Promise<DirEntries> {
  await refuseLinkedPath(dir);
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
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
    if (entry.isSymbolicLink()) {
      throw new KodbroError('package_unsafe_path', `Links are refused in packages: ${path.join(dir, entry.name)}`);
    }
    if (entry.isFile()) files.push(entry.name);
    else if (entry.isDirectory()) dirs.push(entry.name);
  }
  return { files: files.sort(naturalCompare), dirs: dirs.sort(naturalCompare) };
}

export async function isDirectory(dir: string): Promise<boolean> {
  const stat = await lstat(dir).catch(() => null);
  return stat?.isDirectory() ?? false;
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
  const { files } = await listDir(dir);
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

/** Every regular file directly in a folder, as package files named relative to it. */
export async function readFlatFolder(dir: string, budget: ReadBudget, root: string): Promise<PackageFile[]> {
  const { files } = await listDir(dir);
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
