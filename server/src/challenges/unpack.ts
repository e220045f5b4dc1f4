import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extractPackageArchive, type ArchiveCaps, type ArchiveKind, type ExtractedArchive } from './archive.ts';
import { extractZipArchive } from './zip-archive.ts';
import { KodbroError } from '../errors.ts';

/**
 * What kind of archive the bytes say this is — never the name or the type it
 * was sent with, which a browser guesses from the name: gzip and zip by their
 * magic numbers, tar by the `ustar` magic of its first header (or, for the
 * old pre-POSIX format without it, by a first header whose checksum adds up).
 */
export function archiveKindOf(head: Buffer): ArchiveKind | undefined {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  // A local file header, or the end record of an empty zip.
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0x06054b50) return 'zip';
  if (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  if (head.length >= 512 && tarChecksumHolds(head)) return 'tar';
  return undefined;
}

function tarChecksumHolds(block: Buffer): boolean {
  const stored = Number.parseInt(block.toString('latin1', 148, 156).replace(/[\0 ]+$/g, '').trim(), 8);
  if (!Number.isFinite(stored)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  return sum === stored;
}

/**
 * Unpacks an uploaded archive file into `outDir` under the archive rules
 * (archive.ts), whichever of zip, tar and gzip'd tar its bytes say it is.
 */
export async function extractArchiveFile(file: string, outDir: string, caps: Partial<ArchiveCaps> = {}): Promise<ExtractedArchive & { kind: ArchiveKind }> {
  const kind = archiveKindOf(await readHead(file, 512));
  if (!kind) throw new KodbroError('package_invalid', 'The file is not a zip, tar or gzip-compressed tar archive');
  const extracted = kind === 'zip' ? await extractZipArchive(file, outDir, caps) : await extractPackageArchive(createReadStream(file, { highWaterMark: 1024 * 1024 }), kind, outDir, caps);
  return { ...extracted, kind };
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
