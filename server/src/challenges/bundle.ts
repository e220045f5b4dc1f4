import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pack } from 'tar-stream';
import type { ChallengeMeta } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { naturalCompare, PACKAGE_CAPS } from './files.ts';
import type { Challenge } from './model.ts';

/**
 * A package folder as one deterministic, uncompressed tar: entries sorted,
 * times, owners and modes fixed, so the same files always give the same bytes
 * (and the same content hash — publishing an unchanged package writes no new
 * version). Links and special files are refused, as on import.
 */
export async function bundlePackage(root: string): Promise<Buffer> {
  const files = await listFiles(root, '');
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  let total = 0;
  for (const relative of files) {
    const content = await readFile(path.join(root, relative));
    total += content.length;
    if (total > PACKAGE_CAPS.maxTotalBytes) throw new KodbroError('package_too_large', `The package is larger than ${PACKAGE_CAPS.maxTotalBytes} bytes`);
    archive.entry({ name: relative, mode: 0o644, uid: 0, gid: 0, mtime: new Date(0), type: 'file' }, content);
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function listFiles(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(path.join(root, relative));
  entries.sort(naturalCompare);
  const out: string[] = [];
  for (const name of entries) {
    const child = relative ? `${relative}/${name}` : name;
    const stat = await lstat(path.join(root, child));
    if (stat.isDirectory()) out.push(...(await listFiles(root, child)));
    else if (stat.isFile()) out.push(child);
    else throw new KodbroError('package_unsafe_path', `Only plain files and folders can be packaged: ${child}`);
    if (out.length > PACKAGE_CAPS.maxFiles) throw new KodbroError('package_too_large', `The package has more than ${PACKAGE_CAPS.maxFiles} files`);
  }
  return out;
}

/** The small summary kept beside each version for listings: counts, never test data. */
export function challengeMeta(challenge: Challenge): ChallengeMeta {
  return {
    title: challenge.title,
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
