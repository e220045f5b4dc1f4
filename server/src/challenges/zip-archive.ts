import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ARCHIVE_CAPS, asPackageError, inWords, entryWriter, prepareOutDir, printable, removeWritten, tooLarge, unsafe, type ArchiveCaps, type ExtractedArchive } from './archive.ts';
import { KodbroError } from '../errors.ts';

/*
 * Zip archives under the same rules as tar (archive.ts): the same entry
 * writer, name checks and caps. What is particular to zip: the central
 * directory says how many entries there are (refused before any is read when
 * too many), an entry's type lives in the Unix mode of its external
 * attributes (a link's target is its content; devices are refused), and the sizes it declares are not
 * believed — yauzl checks each entry's bytes against its declaration, and the
 * writer counts what really arrives. A bomb is stopped by the total and
 * per-file caps, and by the ratio of expanded bytes to the compressed bytes
 * read so far.
 */

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
/** Stored and deflate: what yauzl can expand, and all that zip tools write for a package. */
const METHODS = new Set([0, 8]);

// Names are decoded here (strictly: a backslash stays a backslash), so they get the same checks, and words, as tar entries.
const OPTIONS: yauzl.Options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: true, autoClose: false };

/** Unpacks an untrusted zip (a file, since zip is read from its end, or a buffer) into `outDir`; see extractPackageArchive. */
export async function extractZipArchive(archive: string | Buffer, outDir: string, caps: Partial<ArchiveCaps> = {}): Promise<ExtractedArchive> {
  const limits: ArchiveCaps = { ...ARCHIVE_CAPS, ...caps };
  const root = path.resolve(outDir);
  const createdRoot = await prepareOutDir(root);
  const writer = entryWriter(root, limits);
  let zip: ZipFile | undefined;
  let compressed = 0;
  let expanded = 0;

  /** Counts expanded bytes across all entries as they arrive, against the total and the ratio. */
  async function* counted(stream: Readable): AsyncGenerator<Buffer> {
    for await (const data of stream) {
      const chunk = data as Buffer;
      expanded += chunk.length;
      if (expanded > limits.maxTotalBytes) throw tooLarge(`the archive expands to more than ${inWords(limits.maxTotalBytes)}`);
      if (expanded > limits.ratioFloorBytes && expanded > limits.maxRatio * compressed) throw tooLarge(`the archive expands more than ${limits.maxRatio} times`);
      yield chunk;
    }
  }

  try {
    zip = await (typeof archive === 'string' ? yauzl.openPromise(archive, OPTIONS) : yauzl.fromBufferPromise(archive, OPTIONS));
    if (zip.entryCount > limits.maxEntries) throw tooLarge(`more than ${limits.maxEntries} entries`);
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      const name = entryName(entry);
      const type = entryType(entry, name);
      if (type === 'directory') {
        await writer.directory(name);
        continue;
      }
      if (type === 'special') {
        writer.refused(name);
        throw unsafe(`a special file, and packages hold only files and folders: ${printable(name)}`);
      }
      if (entry.isEncrypted()) throw new KodbroError('package_invalid', `Encrypted entries cannot be unpacked: ${printable(name)}`);
      if (!METHODS.has(entry.compressionMethod)) {
        throw new KodbroError('package_invalid', `${printable(name)} is compressed with method ${entry.compressionMethod}; use stored or deflate`);
      }
      compressed += entry.compressedSize;
      const stream = await zip.openReadStreamPromise(entry);
      // A stream left unread after a refusal still reports its end: heard here, not as an uncaught error.
      stream.on('error', () => {});
      if (type === 'link') writer.link(name, await linkTarget(stream, name, limits), false);
      else await writer.file(name, entry.uncompressedSize, counted(stream));
    }
    await writer.copyLinks();
    return writer.result;
  } catch (error) {
    zip?.close();
    await removeWritten(root, createdRoot);
    throw asPackageError(error, 'zip');
  } finally {
    if (zip?.isOpen) zip.close();
  }
}

/** A zip link's content is its target path: read whole, but never more than a path may be long. */
async function linkTarget(stream: Readable, name: string, limits: ArchiveCaps): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const data of stream) {
    const chunk = data as Buffer;
    length += chunk.length;
    if (length > limits.maxPathLength) {
      stream.destroy();
      throw new KodbroError('package_invalid', `A link's target is longer than ${limits.maxPathLength} characters: ${printable(name)}`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The next entry of the central directory, or null after the last. */
function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** The entry's name as zip tools mean it (UTF-8 flag, Info-ZIP Unicode path field), with backslashes kept for the checks to see. */
function entryName(entry: Entry): string {
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
}

/**
 * What the entry is: the Unix file type in the high half of its external
 * attributes when a tool wrote one (whatever platform it claims: a link is
 * a link however it was made), and a trailing slash for a folder.
 */
export function entryType(entry: Pick<Entry, 'externalFileAttributes'>, name: string): 'file' | 'directory' | 'link' | 'special' {
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) return 'link';
  if (mode === S_IFDIR) return 'directory';
  if (mode !== 0 && mode !== S_IFREG) return 'special';
  return name.endsWith('/') ? 'directory' : 'file';
}
