import { constants as fsConstants, createReadStream } from 'node:fs';
import { lstat, mkdir, open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract, type Header } from 'tar-stream';
import { isKodbroError, KodbroError } from '../errors.ts';
import { copyOrder, MAX_LINKS, resolveLinks, type ArchiveLink } from './archive-links.ts';
import { PACKAGE_CAPS } from './files.ts';

export type ArchiveKind = 'tar' | 'tar.gz' | 'zip';
/** The kinds read as a stream; a zip is read from its end, so from a file. */
export type TarKind = Exclude<ArchiveKind, 'zip'>;

/** What an uploaded package archive may expand to (invariant 7: packages are untrusted). */
export interface ArchiveCaps {
  /** Entries in the archive plus folders created implicitly for them. */
  maxEntries: number;
  /** Expanded bytes (the tar stream itself: headers, padding and file contents), counted while streaming. */
  maxTotalBytes: number;
  maxFileBytes: number;
  /** Expanded bytes per compressed byte read so far (tar.gz only)… */
  maxRatio: number;
  /** …judged once this many bytes have expanded, so a small, very regular package still passes. */
  ratioFloorBytes: number;
  /** Longest entry path, in characters. */
  maxPathLength: number;
  /** Longest single path component, in UTF-8 bytes. */
  maxNameBytes: number;
  /** Deepest folder nesting. */
  maxDepth: number;
}

export const ARCHIVE_CAPS: Readonly<ArchiveCaps> = {
  maxEntries: 10_000,
  maxTotalBytes: PACKAGE_CAPS.maxTotalBytes,
  maxFileBytes: PACKAGE_CAPS.maxFileBytes,
  maxRatio: 200,
  ratioFloorBytes: 16 * 1024 * 1024,
  maxPathLength: 1024,
  maxNameBytes: PACKAGE_CAPS.maxNameLength,
  maxDepth: 32,
};

export interface ExtractedArchive {
  files: number;
  directories: number;
  /** Bytes of file content written. */
  bytes: number;
}

/** An entry's content as tar-stream hands it over (a streamx Readable). */
type EntryStream = AsyncIterable<unknown> & { resume(): unknown; on(event: 'error', listener: (error: Error) => void): unknown };

const FILE_FLAGS = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * Unpacks an untrusted tar or gzip'd tar into `outDir` (which must be absent
 * or an empty folder), streaming: nothing is buffered whole, and every cap is
 * checked as bytes arrive, so a bomb is stopped after at most a few megabytes
 * of work. Only regular files and folders are written, each created afresh
 * (`O_EXCL | O_NOFOLLOW`, folders one component at a time), never through a
 * link; owners and modes in the archive are ignored. A link (symbolic or
 * hard) whose target stays inside the package is written as a copy of what
 * it leads to, after every other entry (archive-links.ts). Any absolute path,
 * `..` component, link leading outside, device or fifo is refused with `package_unsafe_path`, any
 * exceeded cap with `package_too_large`, a malformed archive with
 * `package_invalid`. On failure everything written is removed again (and a
 * stream passed in is destroyed).
 */
export async function extractPackageArchive(
  archive: Buffer | NodeJS.ReadableStream,
  kind: TarKind,
  outDir: string,
  caps: Partial<ArchiveCaps> = {},
): Promise<ExtractedArchive> {
  const limits: ArchiveCaps = { ...ARCHIVE_CAPS, ...caps };
  const root = path.resolve(outDir);
  const createdRoot = await prepareOutDir(root);
  const writer = entryWriter(root, limits);
  let compressed = 0;
  let expanded = 0;

  const extract = tarExtract();
  // The first failure of each kind: an entry refused by its handler explains more than the stream that broke after it.
  let entryFailure: unknown = null;
  let streamFailure: unknown = null;
  const failure = () => entryFailure ?? streamFailure;
  let current: Promise<void> = Promise.resolve();
  extract.on('error', (error: Error) => {
    streamFailure ??= error;
  });
  extract.on('entry', (header: Header, stream: EntryStream, next: (error?: Error | null) => void) => {
    // An entry stream destroyed with the extractor re-emits its error: it is reported once, by the extractor.
    stream.on('error', () => {});
    current = handleEntry(header, stream).then(
      () => next(),
      (error: unknown) => {
        entryFailure ??= error;
        next(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

  async function handleEntry(header: Header, stream: EntryStream): Promise<void> {
    const type: string | null = header.type ?? null;
    switch (type) {
      case 'directory':
        await writer.directory(header.name);
        stream.resume();
        return;
      case 'file':
      case 'contiguous-file':
        await writer.file(header.name, header.size ?? 0, stream);
        return;
      case 'symlink':
      case 'link':
        writer.link(header.name, header.linkname ?? '', type === 'link');
        stream.resume();
        return;
      case 'character-device':
      case 'block-device':
      case 'fifo':
        writer.refused(header.name);
        throw unsafe(`a special file (${type}), and packages hold only files and folders: ${printable(header.name)}`);
      default:
        writer.refused(header.name);
        throw unsafe(`an entry of a type packages may not hold (${String(type)}): ${printable(header.name)}`);
    }
  }

  const source: NodeJS.ReadableStream = Buffer.isBuffer(archive) ? Readable.from([archive]) : archive;

  async function* countCompressed(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
    for await (const data of chunks) {
      const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data);
      compressed += chunk.length;
      yield chunk;
    }
  }

  async function feedExtract(chunks: AsyncIterable<Buffer | string>): Promise<void> {
    for await (const data of chunks) {
      const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data);
      expanded += chunk.length;
      if (expanded > limits.maxTotalBytes) throw tooLarge(`the archive expands to more than ${inWords(limits.maxTotalBytes)}`);
      if (kind === 'tar.gz' && expanded > limits.ratioFloorBytes && expanded > limits.maxRatio * compressed) {
        throw tooLarge(`the archive expands more than ${limits.maxRatio} times`);
      }
      await write(chunk);
    }
    await finish();
  }

  function write(chunk: Buffer): Promise<void> {
    if (failure()) return Promise.reject(asError(failure()));
    if (extract.write(chunk)) return Promise.resolve();
    return settle('drain');
  }

  function finish(): Promise<void> {
    if (failure()) return Promise.reject(asError(failure()));
    extract.end(undefined);
    return settle('finish');
  }

  /** Waits for `event` on the extractor, or for it to fail. */
  function settle(event: 'drain' | 'finish'): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        extract.off(event, done);
        extract.off('close', closed);
        if (failure()) reject(asError(failure()));
        else resolve();
      };
      const closed = () => {
        extract.off(event, done);
        extract.off('close', closed);
        reject(asError(failure() ?? new Error('the archive ended early')));
      };
      extract.on(event, done);
      extract.on('close', closed);
    });
  }

  try {
    if (kind === 'tar.gz') await pipeline(source, countCompressed, createGunzip(), feedExtract);
    else await pipeline(source, feedExtract);
    await current;
    if (failure()) throw failure();
    await writer.copyLinks();
    return writer.result;
  } catch (error) {
    streamFailure ??= error;
    extract.destroy();
    // Let a handler still writing a file finish failing (and close it) before its folder is removed.
    await current.catch(() => {});
    await removeWritten(root, createdRoot);
    throw asPackageError(pickError([entryFailure, streamFailure, error]), kind);
  }
}

/** Writes the entries of an archive under `root`, one at a time, within the caps; shared by tar and zip. */
export interface EntryWriter {
  result: ExtractedArchive;
  /** Counts and checks the name of an entry about to be refused for its type: a bad name or the count cap explains first. */
  refused(name: string): void;
  directory(name: string): Promise<void>;
  /** Writes a new file from `content`; `declaredSize` is checked first, the bytes that really arrive as they arrive. */
  file(name: string, declaredSize: number, content: AsyncIterable<unknown>): Promise<void>;
  /** Notes a link, copied by copyLinks once every other entry is written. */
  link(name: string, target: string, hard: boolean): void;
  /** Writes each link noted as a copy of what it leads to, inside the package, under the same caps. */
  copyLinks(): Promise<void>;
}

export function entryWriter(root: string, limits: ArchiveCaps): EntryWriter {
  const result: ExtractedArchive = { files: 0, directories: 0, bytes: 0 };
  const knownDirs = new Set<string>();
  let entries = 0;
  let declaredBytes = 0;

  const countEntry = () => {
    entries += 1;
    if (entries > limits.maxEntries) throw tooLarge(`more than ${limits.maxEntries} entries`);
  };

  /** Creates each missing folder of `parts` under the root, refusing anything that is not a real folder. */
  async function ensureDir(parts: readonly string[]): Promise<void> {
    let dir = root;
    for (const part of parts) {
      dir = path.join(dir, part);
      if (knownDirs.has(dir)) continue;
      try {
        await mkdir(dir, { mode: 0o755 });
        countEntry();
        result.directories += 1;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const stat = await lstat(dir);
        if (!stat.isDirectory() || stat.isSymbolicLink()) throw unsafe(`a file where a folder should be: ${printable(path.relative(root, dir))}`);
      }
      knownDirs.add(dir);
    }
  }

  const links: ArchiveLink[] = [];

  async function writeFile(parts: readonly string[], declaredSize: number, content: AsyncIterable<unknown>): Promise<void> {
    if (declaredSize > limits.maxFileBytes) throw tooLarge(`${printable(parts.join('/'))} is larger than ${inWords(limits.maxFileBytes)}`);
    declaredBytes += declaredSize;
    if (declaredBytes > limits.maxTotalBytes) throw tooLarge(`the files add up to more than ${inWords(limits.maxTotalBytes)}`);

    await ensureDir(parts.slice(0, -1));
    const file = path.join(root, ...parts);
    const handle = await open(file, FILE_FLAGS, 0o644).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST' || error.code === 'ELOOP' || error.code === 'EISDIR') {
        throw unsafe(`the same entry twice, or a file where a folder is: ${printable(parts.join('/'))}`);
      }
      throw error;
    });
    let written = 0;
    try {
      for await (const data of content) {
        const chunk = data as Buffer;
        written += chunk.length;
        if (written > limits.maxFileBytes) throw tooLarge(`${parts.join('/')} is larger than ${inWords(limits.maxFileBytes)}`);
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    result.files += 1;
    result.bytes += written;
  }

  /** Copies the file or folder at `from` (written by this extraction, so never a link) to `to`, entry by entry, under the caps. */
  async function copyTree(from: readonly string[], to: readonly string[], link: string): Promise<void> {
    const source = path.join(root, ...from);
    const stat = await lstat(source).catch(() => null);
    if (!stat) throw new KodbroError('package_invalid', `The archive has a link to something it does not hold: ${printable(link)}`);
    if (to.length > limits.maxDepth) throw tooLarge(`${printable(to.join('/'))} is nested deeper than ${limits.maxDepth} folders`);
    if (to.join('/').length > limits.maxPathLength) throw new KodbroError('package_invalid', `A copied link's path is longer than ${limits.maxPathLength} characters: ${printable(link)}`);
    if (stat.isFile()) {
      countEntry();
      await writeFile(to, stat.size, createReadStream(source));
      return;
    }
    if (!stat.isDirectory()) throw unsafe(`a link to something that is not a file or folder: ${printable(link)}`);
    await ensureDir(to);
    for (const name of (await readdir(source)).sort()) await copyTree([...from, name], [...to, name], link);
  }

  return {
    result,
    link(name, target, hard) {
      countEntry();
      const parts = safeParts(name, limits);
      if (!parts.length) throw unsafe(`a link without a name: ${printable(name)}`);
      if (links.length >= MAX_LINKS) throw tooLarge(`more than ${MAX_LINKS} links`);
      if (Buffer.byteLength(target) > limits.maxPathLength) throw new KodbroError('package_invalid', `A link's target is longer than ${limits.maxPathLength} characters: ${printable(name)}`);
      links.push({ parts, target, hard });
    },
    async copyLinks() {
      if (!links.length) return;
      const targets = resolveLinks(links);
      for (const name of copyOrder(links, targets)) {
        const parts = name.split('/');
        if (await lstat(path.join(root, ...parts)).then(() => true, () => false)) {
          throw unsafe(`the same entry twice, a link and a file or folder: ${printable(name)}`);
        }
        // The link's own entry was counted when it was read; the copy counts what it writes.
        entries -= 1;
        await copyTree(targets.get(name) ?? [], parts, name);
      }
    },
    refused(name) {
      countEntry();
      safeParts(name, limits);
    },
    async directory(name) {
      countEntry();
      const parts = safeParts(name, limits);
      if (parts.length) await ensureDir(parts);
    },
    async file(name, declaredSize, content) {
      countEntry();
      const parts = safeParts(name, limits);
      if (!parts.length) throw unsafe(`a file without a name: ${printable(name)}`);
      await writeFile(parts, declaredSize, content);
    },
  };
}

/** The first KodbroError among the failures seen, else the first failure. */
function pickError(errors: unknown[]): unknown {
  return errors.find((e) => isKodbroError(e)) ?? errors.find((e) => e !== null && e !== undefined);
}

/** Makes sure `root` is a fresh, empty, real folder; returns whether this call created it. */
export async function prepareOutDir(root: string): Promise<boolean> {
  const stat = await lstat(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!stat) {
    await mkdir(root, { recursive: true, mode: 0o755 });
    return true;
  }
  if (!stat.isDirectory() || stat.isSymbolicLink()) {
    throw new KodbroError('invalid_argument', `Not a folder to unpack into: ${root}`);
  }
  if ((await readdir(root)).length) throw new KodbroError('invalid_argument', `The folder to unpack into is not empty: ${root}`);
  return false;
}

export async function removeWritten(root: string, createdRoot: boolean): Promise<void> {
  if (createdRoot) {
    await rm(root, { recursive: true, force: true });
    return;
  }
  for (const name of await readdir(root).catch(() => [] as string[])) {
    await rm(path.join(root, name), { recursive: true, force: true });
  }
}

/**
 * The checked components of an entry's path: relative, no `..`, no
 * backslashes (a Windows separator), no control characters, within the
 * length and depth caps. `.` and empty components are dropped, so `./a/` is
 * `['a']` and `./` is the root itself (`[]`).
 */
export function safeParts(name: string, caps: Pick<ArchiveCaps, 'maxPathLength' | 'maxNameBytes' | 'maxDepth'> = ARCHIVE_CAPS): string[] {
  if (name.length > caps.maxPathLength) throw new KodbroError('package_invalid', `An entry's path is longer than ${caps.maxPathLength} characters`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw unsafe(`an entry with an absolute path: ${printable(name)}`);
  if (name.includes('\\')) throw unsafe(`an entry with a backslash in its path: ${printable(name)}`);
  if (CONTROL_CHARS.test(name)) throw unsafe(`an entry with a control character in its name: ${printable(name)}`);
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw unsafe(`an entry outside its folder: ${printable(name)}`);
  if (parts.length > caps.maxDepth) throw tooLarge(`${printable(name)} is nested deeper than ${caps.maxDepth} folders`);
  if (parts.some((part) => Buffer.byteLength(part) > caps.maxNameBytes)) {
    throw new KodbroError('package_invalid', `A name in ${printable(name)} is longer than ${caps.maxNameBytes} bytes`);
  }
  return parts;
}

export function unsafe(message: string): KodbroError {
  return new KodbroError('package_unsafe_path', `The archive has ${message}`);
}

export function tooLarge(message: string): KodbroError {
  return new KodbroError('package_too_large', `The package archive is too large: ${message}`, { details: ARCHIVE_CAPS });
}

export function asPackageError(error: unknown, kind: ArchiveKind): KodbroError {
  if (isKodbroError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new KodbroError('package_invalid', `Not a valid ${kind} archive: ${message}`, { cause: error });
}

/** A name as it may appear in a message: as it is when plain, quoted with escapes when it holds control characters or quotes; at most 120 characters. */
export function printable(name: string): string {
  const short = name.length > 120 ? `${name.slice(0, 120)}…` : name;
  return CONTROL_CHARS.test(short) || short.includes('"') ? JSON.stringify(short) : short;
}

/** A size as people read it in a message: "64 MB", "512 KB", "300 bytes". */
export function inWords(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** Failures are kept as they were thrown; a promise rejects with an Error. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
