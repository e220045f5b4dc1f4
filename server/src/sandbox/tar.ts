import { pack } from 'tar-stream';

export interface TarEntry {
  path: string;
  content: Buffer;
  mode?: number;
}

/** An uncompressed tar of plain files (no links, no owners) to unpack inside a box. */
export async function tarFiles(entries: readonly TarEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const entry of entries) {
    if (entry.path.startsWith('/') || entry.path.split('/').includes('..')) {
      throw new Error(`tar entry must stay inside the box: ${entry.path}`);
    }
    archive.entry({ name: entry.path, mode: entry.mode ?? 0o644, uid: 1000, gid: 1000, type: 'file' }, entry.content);
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}
