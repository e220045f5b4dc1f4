import { randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKodbroError } from '../errors.ts';
import { type ArchiveCaps } from './archive.ts';
import { archiveKindOf, extractArchiveFile } from './unpack.ts';
import { extractZipArchive } from './zip-archive.ts';
import { withName, zipOf } from '../../../tests/support/zip.ts';

/** Rewrites the uncompressed size the central directory declares for every entry (what yauzl goes by). */
function declaringSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf(CENTRAL); at >= 0; at = out.indexOf(CENTRAL, at + 4)) out.writeUInt32LE(size, at + 24);
  return out;
}
const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

let scratch: string;
/** The folder the archive is unpacked into, two levels below `scratch` so `../..` stays observable. */
let outDir: string;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'kodbro-zip-'));
  outDir = path.join(scratch, 'a', 'b', 'out');
  await mkdir(path.dirname(outDir), { recursive: true });
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Every path under `scratch`, relative, sorted. */
async function listScratch(): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      found.push(path.relative(scratch, full));
      if (entry.isDirectory()) await walk(full);
    }
  }
  await walk(scratch);
  return found.sort();
}

/** Refused with `code`, and nothing left: outDir (made by the call) is gone, nothing appeared next to or above it. */
async function expectRejected(zip: Buffer, code: string, caps: Partial<ArchiveCaps> = {}): Promise<Error> {
  const error = await extractZipArchive(zip, outDir, caps).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error, 'the archive was accepted').not.toBeNull();
  expect(isKodbroError(error) ? error.code : String(error)).toBe(code);
  expect(await listScratch()).toEqual(['a', 'a/b']);
  return error as Error;
}

describe('extractZipArchive: what it writes', () => {
  it('unpacks files and folders, stored and deflated, ignoring modes', async () => {
    const zip = await zipOf([
      { name: 'kodbro.yaml', content: 'format: kodbro/1\n', mode: 0o100777 },
      { name: 'tests/', directory: true },
      { name: 'tests/hidden/1.in', content: '1 2\n', compress: false },
      { name: 'statement/en.md', content: '# Sum\n' },
    ]);
    const result = await extractZipArchive(zip, outDir);
    expect(result).toEqual({ files: 3, directories: 3, bytes: 27 });
    expect(await readFile(path.join(outDir, 'tests/hidden/1.in'), 'utf8')).toBe('1 2\n');
    expect(await readFile(path.join(outDir, 'statement/en.md'), 'utf8')).toBe('# Sum\n');
    expect((await lstat(path.join(outDir, 'kodbro.yaml'))).mode & 0o777).toBe(0o644);
  });

  it('unpacks from a file as from a buffer', async () => {
    const file = path.join(scratch, 'package.zip');
    await writeFile(file, await zipOf([{ name: 'a/b.txt', content: 'b' }]));
    await extractZipArchive(file, outDir);
    expect(await readFile(path.join(outDir, 'a/b.txt'), 'utf8')).toBe('b');
  });
});

describe('extractArchiveFile: the kind comes from the bytes, not the name', () => {
  async function tarOf(name: string, content: string): Promise<Buffer> {
    const archive = pack();
    archive.entry({ name }, content);
    archive.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of archive) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  it('tells zip, tar and gzip apart, and names nothing else', async () => {
    const tar = await tarOf('x.txt', 'x');
    expect(archiveKindOf(await zipOf([{ name: 'x', content: 'x' }]))).toBe('zip');
    expect(archiveKindOf(await zipOf([]))).toBe('zip');
    expect(archiveKindOf(tar)).toBe('tar');
    expect(archiveKindOf(gzipSync(tar))).toBe('tar.gz');
    expect(archiveKindOf(Buffer.from('not an archive at all'.repeat(40)))).toBeUndefined();
    expect(archiveKindOf(Buffer.alloc(0))).toBeUndefined();
  });

  it('unpacks a zip named .tar.gz and a gzip named .zip alike', async () => {
    const misnamedZip = path.join(scratch, 'p.tar.gz');
    await writeFile(misnamedZip, await zipOf([{ name: 'z.txt', content: 'zip' }]));
    expect(await extractArchiveFile(misnamedZip, path.join(scratch, 'one'))).toMatchObject({ kind: 'zip', files: 1 });
    const misnamedGzip = path.join(scratch, 'p.zip');
    await writeFile(misnamedGzip, gzipSync(await tarOf('t.txt', 'tar')));
    expect(await extractArchiveFile(misnamedGzip, path.join(scratch, 'two'))).toMatchObject({ kind: 'tar.gz', files: 1 });
    expect(await readFile(path.join(scratch, 'two', 't.txt'), 'utf8')).toBe('tar');
  });

  it('refuses bytes of no known kind with package_invalid', async () => {
    const file = path.join(scratch, 'p.zip');
    await writeFile(file, 'hello');
    await expect(extractArchiveFile(file, outDir)).rejects.toMatchObject({ code: 'package_invalid', message: 'The file is not a zip, tar or gzip-compressed tar archive' });
  });
});

describe('extractZipArchive: unsafe entries', () => {
  const hostile: Array<[placeholder: string, name: string, message: RegExp]> = [
    ['zz/x', '../x', /^The archive has an entry outside its folder: \.\.\/x$/],
    ['a/zz/zz/x', 'a/../../x', /outside its folder: a\/\.\.\/\.\.\/x/],
    ['zetc/x', '/etc/x', /absolute path: \/etc\/x/],
    ['Cz/x', 'C:/x', /absolute path: C:\/x/],
    ['azb', 'a\\b', /backslash in its path/],
    ['azb', 'a\nb', /control character/],
  ];
  for (const [placeholder, name, message] of hostile) {
    it(`refuses the entry ${JSON.stringify(name)}`, async () => {
      const zip = withName(await zipOf([{ name: 'ok.txt', content: 'fine' }, { name: placeholder, content: 'escaped' }]), placeholder, name);
      const error = await expectRejected(zip, 'package_unsafe_path');
      expect(error.message).toMatch(message);
    });
  }

  it('refuses a symlink that leaves the package, and the link-then-write-through pair', async () => {
    const link = await zipOf([{ name: 'link', content: '/etc', mode: 0o120777 }]);
    expect((await expectRejected(link, 'package_unsafe_path')).message).toBe('The archive has a link to an absolute path, outside the package: link -> /etc');
    const pair = withName(await zipOf([{ name: 'link', content: 'zz/zz', mode: 0o120777, compress: false }, { name: 'link/x', content: 'through' }]), 'zz/zz', '../..');
    await expectRejected(pair, 'package_unsafe_path');
    const chain = await zipOf([
      { name: 'data/deeper/up', content: '..', mode: 0o120777 },
      { name: 'data/deeper/out', content: 'up/../..', mode: 0o120777 },
    ]);
    expect((await expectRejected(chain, 'package_unsafe_path')).message).toMatch(/leads outside the package: data\/deeper\/out/);
  });

  it('writes a symlink inside the package as a copy of what it leads to', async () => {
    const zip = await zipOf([
      { name: 'data/secret/g1/1.in', content: 'one' },
      { name: 'data/secret/g1/1.ans', content: '1' },
      { name: 'data/secret/g2', content: 'g1', mode: 0o120777 },
      { name: 'data/secret/g3/1.in', content: '../g2/1.in', mode: 0o120777 },
    ]);
    await extractZipArchive(zip, outDir);
    expect(await readFile(path.join(outDir, 'data/secret/g2/1.ans'), 'utf8')).toBe('1');
    expect(await readFile(path.join(outDir, 'data/secret/g3/1.in'), 'utf8')).toBe('one');
    expect((await lstat(path.join(outDir, 'data/secret/g2'))).isDirectory()).toBe(true);
  });

  it('refuses special files (fifo, device, socket)', async () => {
    for (const mode of [0o010644, 0o020644, 0o060644, 0o140644]) {
      await expectRejected(await zipOf([{ name: 'special', content: '', mode }]), 'package_unsafe_path');
    }
  });

  it('refuses duplicate entries instead of overwriting', async () => {
    await expectRejected(await zipOf([{ name: 'a.txt', content: 'one' }, { name: 'a.txt', content: 'two' }]), 'package_unsafe_path');
  });

  it('refuses encrypted entries', async () => {
    const zip = await zipOf([{ name: 'secret', content: 'x', compress: false }]);
    // The "encrypted" flag (bit 0 of the general purpose flags) in the central header.
    const at = zip.indexOf(CENTRAL);
    zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
    await expectRejected(zip, 'package_invalid');
  });
});

describe('extractZipArchive: caps', () => {
  it('refuses more entries than the cap from the central directory, before unpacking any', async () => {
    const zip = await zipOf(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, content: 'x' })));
    expect((await expectRejected(zip, 'package_too_large', { maxEntries: 5 })).message).toMatch(/more than 5 entries/);
  });

  it('counts folders made implicitly towards the entry cap', async () => {
    await expectRejected(await zipOf([{ name: 'a/b/c/d/e', content: 'x' }]), 'package_too_large', { maxEntries: 3 });
  });

  it('refuses a file declared larger than the per-file cap', async () => {
    await expectRejected(await zipOf([{ name: 'big', content: Buffer.alloc(2000) }]), 'package_too_large', { maxFileBytes: 1000 });
  });

  it('does not trust a declared size: a file larger than it says is refused while streaming', async () => {
    const lying = declaringSize(await zipOf([{ name: 'big', content: randomBytes(200_000) }]), 10);
    const error = await expectRejected(lying, 'package_invalid', { maxFileBytes: 1000 });
    expect(error.message).toMatch(/too many bytes/);
  });

  it('refuses files that add up to more than the total cap', async () => {
    const zip = await zipOf(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, content: randomBytes(300) })));
    await expectRejected(zip, 'package_too_large', { maxFileBytes: 1000, maxTotalBytes: 1000 });
  });

  it('refuses a compression bomb by its ratio once past the floor, but not random data of the same size', async () => {
    const caps = { ratioFloorBytes: 256 * 1024, maxRatio: 50 };
    const bomb = await zipOf([{ name: 'zeros', content: Buffer.alloc(4 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect((await expectRejected(bomb, 'package_too_large', caps)).message).toMatch(/expands more than 50 times/);
    expect(await extractZipArchive(await zipOf([{ name: 'noise', content: randomBytes(4 * 1024 * 1024) }]), outDir, caps)).toMatchObject({ files: 1 });
  });

  it('refuses a bomb spread over many small entries by the total, while streaming', async () => {
    const zip = await zipOf(Array.from({ length: 20 }, (_, i) => ({ name: `z${i}`, content: Buffer.alloc(100_000) })));
    await expectRejected(zip, 'package_too_large', { maxTotalBytes: 1_000_000, maxFileBytes: 1_000_000 });
  });
});

describe('extractZipArchive: malformed archives', () => {
  it('refuses a truncated zip and bytes that are not a zip', async () => {
    const zip = await zipOf([{ name: 'a', content: 'aaaa' }]);
    await expectRejected(zip.subarray(0, zip.length - 10), 'package_invalid');
    await expectRejected(Buffer.from('PK\x03\x04 but nothing else'), 'package_invalid');
  });
});
