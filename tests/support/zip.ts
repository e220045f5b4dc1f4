import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZipFile as ZipWriter } from 'yazl';

/* Zip archives for tests, hostile ones included (yazl writes them; hostile names are patched in). */

/** One entry of a zip made for a test. */
export interface ZipItem {
  name: string;
  content?: string | Buffer;
  /** Unix mode with its file type bits, as `ls -l` would show it. */
  mode?: number;
  directory?: boolean;
  compress?: boolean;
}

/** A zip made by yazl; it refuses hostile names itself, so those are patched in afterwards (withName). */
export async function zipOf(items: readonly ZipItem[]): Promise<Buffer> {
  const zip = new ZipWriter();
  for (const item of items) {
    const options = { mtime: new Date(0), ...(item.mode === undefined ? {} : { mode: item.mode }) };
    if (item.directory) zip.addEmptyDirectory(item.name, options);
    else zip.addBuffer(Buffer.from(item.content ?? ''), item.name, { ...options, compress: item.compress ?? true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Replaces a placeholder name, in the local and the central header alike, by a hostile one of the same length in bytes. */
export function withName(zip: Buffer, placeholder: string, name: string): Buffer {
  const from = Buffer.from(placeholder);
  const to = Buffer.from(name);
  if (from.length !== to.length) throw new Error('same length only');
  const out = Buffer.from(zip);
  let at = out.indexOf(from);
  if (at < 0) throw new Error(`${placeholder} not found`);
  while (at >= 0) {
    to.copy(out, at);
    at = out.indexOf(from, at + to.length);
  }
  return out;
}

/** A package folder as the zip an author uploads, inside one top folder as zip tools make it; `extra` adds entries. */
export async function packageZip(dir: string, extra: ZipItem[] = []): Promise<Buffer> {
  const items: ZipItem[] = [];
  const top = path.basename(dir);
  const walk = async (current: string, prefix: string): Promise<void> => {
    for (const entry of (await readdir(current, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full, `${prefix}${entry.name}/`);
      else items.push({ name: `${top}/${prefix}${entry.name}`, content: await readFile(full) });
    }
  };
  await walk(dir, '');
  return zipOf([...items, ...extra]);
}
