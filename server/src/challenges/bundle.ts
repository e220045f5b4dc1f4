import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack, type Header, type Pack } from 'tar-stream';
import type { ChallengeMeta } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { naturalCompare, PACKAGE_CAPS, realPathInside } from './files.ts';
import type { Challenge } from './model.ts';

/** Deeper than any package needs; stops a cycle of folder links that stays inside the package. */
const MAX_DEPTH = 32;

export interface BundleOptions {
  /** gzip the tar (for an archive people download, not for the store). */
  gzip?: boolean;
  /** Put every entry inside this one folder. */
  folder?: string;
}

/** A bundle written to a file: its SHA-256 (hex, the version's content hash) and length. */
export interface WrittenBundle {
  contentHash: string;
  bytes: number;
}

/**
 * Writes a package folder to `file` as one deterministic, uncompressed tar:
 * entries sorted, times, owners and modes fixed, so the same files always
 * give the same bytes (and the same content hash — publishing an unchanged
 * package writes no new version). Streams file by file while hashing, so a
 * 512 MB package never sits in memory. A link inside the package is written
 * as a copy of what it leads to (so the bundle holds no links); a link that
 * leaves the package, and special files, are refused, as on import.
 */
export async function writePackageBundle(root: string, file: string, options: BundleOptions = {}): Promise<WrittenBundle> {
  const files = await listFiles(root, '');
  const prefix = options.folder ? `${options.folder}/` : '';
  const archive = pack();
  const hash = createHash('sha256');
  let bytes = 0;
  const hashed = async function* (chunks: AsyncIterable<unknown>) {
    for await (const data of chunks) {
      const chunk = data as Buffer;
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  };
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const written = options.gzip ? pipeline(archive, createGzip(), hashed, out) : pipeline(archive, hashed, out);
  // Settles only if writing the file failed (a full disk): whatever waits on the archive gives up then.
  const broken = written.then(() => new Promise<never>(() => {}));
  broken.catch(() => {});
  try {
    let total = 0;
    for (const relative of files) {
      const full = path.join(root, relative);
      const { size } = await stat(full);
      total += size;
      if (total > PACKAGE_CAPS.maxTotalBytes) throw new KodbroError('package_too_large', `The package is larger than ${PACKAGE_CAPS.maxTotalBytes} bytes`);
      await addFile(archive, broken, { name: `${prefix}${relative}`, size, mode: 0o644, uid: 0, gid: 0, mtime: new Date(0), type: 'file' }, full);
    }
    archive.finalize();
    await written;
  } catch (error) {
    archive.destroy(error instanceof Error ? error : new Error(String(error)));
    await written.catch(() => {});
    throw error;
  }
  return { contentHash: hash.digest('hex'), bytes };
}

/** One file's entry, streamed from disk with backpressure; tar-stream checks the length against the header. */
async function addFile(archive: Pack, broken: Promise<never>, header: Partial<Header> & Pick<Header, 'name'>, file: string): Promise<void> {
  let entry: ReturnType<Pack['entry']> | undefined;
  const done = new Promise<void>((resolve, reject) => {
    entry = archive.entry(header, (error) => (error ? reject(error) : resolve()));
  });
  done.catch(() => {});
  for await (const chunk of createReadStream(file)) {
    if (!entry!.write(chunk as Buffer)) await Promise.race([new Promise<void>((resolve) => entry!.once('drain', () => resolve())), broken]);
  }
  entry!.end(undefined);
  await Promise.race([done, broken]);
}

/**
 * Every file under `relative`, in order, links inside the package followed.
 * A folder link that holds its own link is a loop and refused; a longer cycle
 * ends at the depth cap or at the entry count, whichever comes first.
 */
async function listFiles(root: string, relative: string, seen = { entries: 0 }, depth = 0): Promise<string[]> {
  if (depth > MAX_DEPTH) throw new KodbroError('package_invalid', `${relative} is nested more than ${MAX_DEPTH} folders deep (a loop of links?)`);
  const dir = path.join(root, relative);
  const realDir = await realPathInside(dir, root);
  const entries = await readdir(dir);
  entries.sort(naturalCompare);
  const out: string[] = [];
  for (const name of entries) {
    seen.entries += 1;
    if (seen.entries > PACKAGE_CAPS.maxFiles) throw new KodbroError('package_too_large', `The package has more than ${PACKAGE_CAPS.maxFiles} files and folders`);
    const child = relative ? `${relative}/${name}` : name;
    // Followed only inside the package; stat then describes what a link leads to.
    const real = await realPathInside(path.join(root, child), root);
    const info = await stat(path.join(root, child));
    if (info.isDirectory()) {
      if (real !== null && realDir !== null && path.relative(real, realDir).split(path.sep)[0] !== '..') {
        throw new KodbroError('package_unsafe_path', `${child} is a link to a folder that holds it, a loop`);
      }
      out.push(...(await listFiles(root, child, seen, depth + 1)));
    } else if (info.isFile()) out.push(child);
    else throw new KodbroError('package_unsafe_path', `Only plain files and folders can be packaged: ${child}`);
  }
  return out;
}

/** The small summary kept beside each version for listings: counts, never test data. */
export function challengeMeta(challenge: Challenge): ChallengeMeta {
  return {
    title: challenge.title,
    statementLanguages: Object.keys(challenge.statements),
    languages: challenge.languages,
    limits: challenge.limits,
    checker: challenge.checker.kind,
    samples: challenge.samples.length,
    hiddenTests: challenge.groups.reduce((sum, group) => sum + group.tests.length, 0),
    groups: challenge.groups.map((group) => ({ id: group.id, points: group.points, tests: group.tests.length })),
  };
}

/** The title in English, else in the first language the package has. */
export function primaryTitle(challenge: Pick<Challenge, 'title' | 'id'>): string {
  return challenge.title.en ?? Object.values(challenge.title)[0] ?? challenge.id;
}
