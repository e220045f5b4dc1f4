import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKodbroError } from '../errors.ts';
import { ARCHIVE_CAPS, extractPackageArchive, safeParts, type TarKind } from './archive.ts';

type PackHeader = Parameters<ReturnType<typeof pack>['entry']>[0];
interface Item {
  header: PackHeader;
  content?: string | Buffer;
}

/** A tar made by tar-stream, which writes whatever header it is given (hostile names included). */
async function tarOf(items: readonly Item[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of archive) chunks.push(chunk as Buffer);
  })();
  for (const item of items) {
    await new Promise<void>((resolve, reject) => {
      const content = item.content === undefined ? Buffer.alloc(0) : Buffer.from(item.content);
      archive.entry({ mode: 0o644, ...item.header }, content, (error) => (error ? reject(error) : resolve()));
    });
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** One raw ustar header block, for entry types tar-stream cannot write. */
function rawHeader(name: string, size: number, typeflag: string): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0001750\0', 108);
  block.write('0001750\0', 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('00000000000\0', 136);
  block.write(typeflag, 156);
  block.write('ustar\x0000', 257, 'latin1');
  block.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

let scratch: string;
/** The folder the archive is unpacked into, two levels below `scratch` so `../..` stays observable. */
let outDir: string;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'kodbro-archive-'));
  outDir = path.join(scratch, 'a', 'b', 'out');
  await mkdir(path.dirname(outDir), { recursive: true });
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Every path under `scratch`, relative, sorted: proves nothing was written beside or above `outDir`. */
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

async function expectRejected(archive: Buffer | Readable, kind: TarKind, code: string, caps = {}): Promise<Error> {
  const error = await extractPackageArchive(archive, kind, outDir, caps).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error, 'the archive was accepted').not.toBeNull();
  expect(isKodbroError(error) ? error.code : String(error)).toBe(code);
  // Nothing left: outDir (made by the call) is gone, and nothing appeared next to or above it.
  expect(await listScratch()).toEqual(['a', 'a/b']);
  return error as Error;
}

describe('extractPackageArchive: what it writes', () => {
  it('unpacks regular files and folders, ignoring modes and owners', async () => {
    const tar = await tarOf([
      { header: { name: './', type: 'directory' } },
      { header: { name: './kodbro.yaml', mode: 0o4777, uid: 0, gid: 0 }, content: 'format: kodbro/1\n' },
      { header: { name: './tests/hidden/', type: 'directory' } },
      { header: { name: './tests/hidden/1.in' }, content: '1 2\n' },
      { header: { name: 'tests/hidden/1.ans' }, content: '3\n' },
      { header: { name: 'deep/er/still/file.txt' }, content: 'x' },
      { header: { name: `long/${'n'.repeat(150)}.txt` }, content: 'pax-named' },
    ]);
    const result = await extractPackageArchive(tar, 'tar', outDir);
    expect(result).toEqual({ files: 5, directories: 6, bytes: 17 + 4 + 2 + 1 + 9 });
    expect(await readFile(path.join(outDir, 'tests/hidden/1.in'), 'utf8')).toBe('1 2\n');
    expect(await readFile(path.join(outDir, `long/${'n'.repeat(150)}.txt`), 'utf8')).toBe('pax-named');
    const stat = await lstat(path.join(outDir, 'kodbro.yaml'));
    expect(stat.mode & 0o7777).toBe(0o644 & ~process.umask());
    expect(stat.uid).toBe(process.getuid?.());
  });

  it('unpacks a gzip’d tar, from a buffer and from a stream', async () => {
    const tgz = gzipSync(await tarOf([{ header: { name: 'a.txt' }, content: 'hello' }]));
    await extractPackageArchive(tgz, 'tar.gz', outDir);
    expect(await readFile(path.join(outDir, 'a.txt'), 'utf8')).toBe('hello');
    const second = path.join(scratch, 'second');
    // A stream that arrives in 7-byte pieces.
    const pieces = Array.from({ length: Math.ceil(tgz.length / 7) }, (_, i) => tgz.subarray(i * 7, i * 7 + 7));
    await extractPackageArchive(Readable.from(pieces), 'tar.gz', second);
    expect(await readFile(path.join(second, 'a.txt'), 'utf8')).toBe('hello');
  });

  it('unpacks into an existing empty folder, and empties it again on failure', async () => {
    await mkdir(outDir);
    const tar = await tarOf([
      { header: { name: 'fine.txt' }, content: 'ok' },
      { header: { name: '../escape.txt' }, content: 'no' },
    ]);
    await expect(extractPackageArchive(tar, 'tar', outDir)).rejects.toMatchObject({ code: 'package_unsafe_path' });
    expect(await readdir(outDir)).toEqual([]);
    expect(await listScratch()).toEqual(['a', 'a/b', 'a/b/out']);
  });

  it('refuses a folder that is not empty, or a link in place of the folder', async () => {
    await mkdir(outDir);
    await writeFile(path.join(outDir, 'keep.txt'), 'mine');
    const tar = await tarOf([{ header: { name: 'a.txt' }, content: 'x' }]);
    await expect(extractPackageArchive(tar, 'tar', outDir)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(await readFile(path.join(outDir, 'keep.txt'), 'utf8')).toBe('mine');

    const target = path.join(scratch, 'target');
    await mkdir(target);
    const link = path.join(scratch, 'link');
    await symlink(target, link);
    await expect(extractPackageArchive(tar, 'tar', link)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(await readdir(target)).toEqual([]);
  });
});

describe('extractPackageArchive: unsafe entries', () => {
  const names = [
    '../escape.txt',
    '../../escape.txt',
    'a/../../../escape.txt',
    'tests/../../x',
    '/etc/kodbro-escape',
    '//etc/kodbro-escape',
    'C:/escape.txt',
    '..\\..\\escape.txt',
    'a\\..\\..\\escape.txt',
    'bell\u0007.txt',
    'new\nline.txt',
  ];
  for (const name of names) {
    it(`refuses the entry ${JSON.stringify(name)}`, async () => {
      const tar = await tarOf([
        { header: { name: 'before.txt' }, content: 'x' },
        { header: { name }, content: 'pwned' },
      ]);
      await expectRejected(tar, 'tar', 'package_unsafe_path');
      await expectRejected(gzipSync(tar), 'tar.gz', 'package_unsafe_path');
    });
  }

  it('refuses a traversal hidden in a pax path record', async () => {
    const tar = await tarOf([{ header: { name: 'innocent.txt', pax: { path: '../../pax-escape.txt' } }, content: 'pwned' }]);
    await expectRejected(tar, 'tar', 'package_unsafe_path');
  });

  it('refuses symlinks that leave the package, including the link-then-write-through pair', async () => {
    const escape = path.join(scratch, 'a');
    const tar = await tarOf([
      { header: { name: 'link', type: 'symlink', linkname: escape } },
      { header: { name: 'link/pwned.txt' }, content: 'pwned' },
    ]);
    const error = await expectRejected(tar, 'tar', 'package_unsafe_path');
    expect(error.message).toMatch(/link/);
    const relative = await tarOf([{ header: { name: 'up', type: 'symlink', linkname: '../..' } }]);
    await expectRejected(relative, 'tar', 'package_unsafe_path');
  });

  it('refuses a link that escapes through a chain of links, each harmless-looking alone', async () => {
    const tar = await tarOf([
      { header: { name: 'data/x.in' }, content: '1' },
      { header: { name: 'data/sub/up', type: 'symlink', linkname: '..' } },
      { header: { name: 'data/sub/upper', type: 'symlink', linkname: 'up/../..' } },
    ]);
    expect((await expectRejected(tar, 'tar', 'package_unsafe_path')).message).toMatch(/leads outside the package: data\/sub\/upper/);
  });

  it('refuses a loop of links and a folder link that holds itself', async () => {
    const loop = await tarOf([
      { header: { name: 'a', type: 'symlink', linkname: 'b' } },
      { header: { name: 'b', type: 'symlink', linkname: 'a' } },
    ]);
    expect((await expectRejected(loop, 'tar', 'package_unsafe_path')).message).toMatch(/loop of links/);
    const holds = await tarOf([
      { header: { name: 'data/g1/1.in' }, content: '1' },
      { header: { name: 'data/g1/again', type: 'symlink', linkname: '..' } },
    ]);
    expect((await expectRejected(holds, 'tar', 'package_unsafe_path')).message).toMatch(/holds it, a loop/);
  });

  it('refuses a link to something the archive does not hold', async () => {
    const tar = await tarOf([{ header: { name: 'data/x.in', type: 'symlink', linkname: 'missing.in' } }]);
    expect((await expectRejected(tar, 'tar', 'package_invalid')).message).toMatch(/does not hold: data\/x\.in/);
  });

  it('writes links inside the package as copies of what they lead to (files, folders, chains, hard links)', async () => {
    const tar = await tarOf([
      { header: { name: 'pkg/data/secret/g1/1.in' }, content: 'one' },
      { header: { name: 'pkg/data/secret/g1/1.ans' }, content: '1' },
      // A subtask folder linking the cases of another, and a link into that link.
      { header: { name: 'pkg/data/secret/g2', type: 'symlink', linkname: 'g1' } },
      { header: { name: 'pkg/data/secret/g3/shared.in', type: 'symlink', linkname: '../g2/1.in' } },
      { header: { name: 'pkg/data/secret/g3/shared.ans', type: 'link', linkname: 'pkg/data/secret/g1/1.ans' } },
    ]);
    const result = await extractPackageArchive(tar, 'tar', outDir);
    expect(result.files).toBe(6);
    const secret = path.join(outDir, 'pkg', 'data', 'secret');
    expect(await readFile(path.join(secret, 'g2', '1.in'), 'utf8')).toBe('one');
    expect(await readFile(path.join(secret, 'g3', 'shared.in'), 'utf8')).toBe('one');
    expect(await readFile(path.join(secret, 'g3', 'shared.ans'), 'utf8')).toBe('1');
    for (const copy of ['g2', 'g2/1.ans', 'g3/shared.in', 'g3/shared.ans']) {
      expect((await lstat(path.join(secret, copy))).isSymbolicLink()).toBe(false);
    }
  });

  it('counts copies against the caps: links cannot multiply a package past them', async () => {
    const big = Buffer.alloc(600 * 1024, 7);
    const tar = await tarOf([
      { header: { name: 'g1/big.in' }, content: big },
      ...Array.from({ length: 4 }, (_, i) => ({ header: { name: `g${i + 2}`, type: 'symlink' as const, linkname: 'g1' } })),
    ]);
    await expectRejected(tar, 'tar', 'package_too_large', { maxTotalBytes: 2 * 1024 * 1024 });
  });

  it('refuses a link and an entry of the same name', async () => {
    const tar = await tarOf([
      { header: { name: 'a.in' }, content: 'x' },
      { header: { name: 'b', type: 'symlink', linkname: 'a.in' } },
      { header: { name: 'b' }, content: 'y' },
    ]);
    await expectRejected(tar, 'tar', 'package_unsafe_path');
  });

  it('refuses hard links that leave the package', async () => {
    const tar = await tarOf([
      { header: { name: 'a.txt' }, content: 'x' },
      { header: { name: 'passwd', type: 'link', linkname: '/etc/passwd' } },
    ]);
    await expectRejected(tar, 'tar', 'package_unsafe_path');
    const up = await tarOf([
      { header: { name: 'a.txt' }, content: 'x' },
      { header: { name: 'b.txt', type: 'link', linkname: '../a.txt' } },
    ]);
    await expectRejected(up, 'tar', 'package_unsafe_path');
  });

  for (const type of ['character-device', 'block-device', 'fifo'] as const) {
    it(`refuses ${type} entries`, async () => {
      const tar = await tarOf([{ header: { name: 'node', type, devmajor: 1, devminor: 3 } }]);
      await expectRejected(tar, 'tar', 'package_unsafe_path');
    });
  }

  it('refuses entry types it does not know (GNU sparse, volume label, dump dir)', async () => {
    for (const flag of ['S', 'V', 'D']) {
      const tar = Buffer.concat([rawHeader('odd', 0, flag), Buffer.alloc(1024)]);
      const error = await extractPackageArchive(tar, 'tar', outDir).then(() => 'accepted', (e: unknown) => e);
      expect(isKodbroError(error) ? error.code : String(error), flag).toBe('package_unsafe_path');
      expect(await listScratch()).toEqual(['a', 'a/b']);
    }
  });

  it('refuses duplicate and clashing entries instead of overwriting', async () => {
    const twice = await tarOf([
      { header: { name: 'a.txt' }, content: 'first' },
      { header: { name: 'a.txt' }, content: 'second' },
    ]);
    await expectRejected(twice, 'tar', 'package_unsafe_path');
    const fileThenFolder = await tarOf([
      { header: { name: 'a' }, content: 'file' },
      { header: { name: 'a/b.txt' }, content: 'inside' },
    ]);
    await expectRejected(fileThenFolder, 'tar', 'package_unsafe_path');
    const folderThenFile = await tarOf([
      { header: { name: 'a/', type: 'directory' } },
      { header: { name: 'a' }, content: 'file' },
    ]);
    await expectRejected(folderThenFile, 'tar', 'package_unsafe_path');
  });

  it('checks names the same way on their own', () => {
    expect(safeParts('./a//b/./c/')).toEqual(['a', 'b', 'c']);
    expect(safeParts('./')).toEqual([]);
    expect(() => safeParts('a/..')).toThrow(/outside its folder/);
    expect(() => safeParts('a/'.repeat(40) + 'f')).toThrow(/deeper/);
    expect(() => safeParts(`${'x'.repeat(201)}`)).toThrow(/longer/);
    expect(() => safeParts('x'.repeat(2000))).toThrow(/longer/);
  });
});

describe('extractPackageArchive: caps', () => {
  it('refuses a file whose header declares more than the per-file cap, before reading it', async () => {
    const tar = Buffer.concat([rawHeader('huge.in', 2 ** 33 - 1, '0'), Buffer.alloc(1024)]);
    await expectRejected(tar, 'tar', 'package_too_large');
  });

  it('refuses a file over a lowered per-file cap', async () => {
    const tar = await tarOf([{ header: { name: 'big.in' }, content: Buffer.alloc(5000, 1) }]);
    await expectRejected(tar, 'tar', 'package_too_large', { maxFileBytes: 4096 });
  });

  it('counts entries, including folders made implicitly', async () => {
    const files = Array.from({ length: 51 }, (_, i) => ({ header: { name: `f${i}.txt` }, content: '' }));
    await expectRejected(await tarOf(files), 'tar', 'package_too_large', { maxEntries: 50 });
    const nested = await tarOf([{ header: { name: 'a/b/c/d/e/f/g/h.txt' }, content: 'x' }]);
    await expectRejected(nested, 'tar', 'package_too_large', { maxEntries: 5 });
    await extractPackageArchive(nested, 'tar', outDir, { maxEntries: 8 });
  });

  it('counts expanded bytes, headers and padding included', async () => {
    const files = Array.from({ length: 10 }, (_, i) => ({ header: { name: `f${i}.in` }, content: randomBytes(1000) }));
    const tar = await tarOf(files);
    await expectRejected(tar, 'tar', 'package_too_large', { maxTotalBytes: 8 * 1024 });
    await expectRejected(gzipSync(tar), 'tar.gz', 'package_too_large', { maxTotalBytes: 8 * 1024 });
    // Zero blocks after the end-of-archive marker are expanded bytes too.
    await expectRejected(Buffer.concat([tar, Buffer.alloc(64 * 1024)]), 'tar', 'package_too_large', { maxTotalBytes: 32 * 1024 });
  });

  it('refuses an expansion ratio over the cap once past the floor, but not random data', async () => {
    const zeros = await tarOf([{ header: { name: 'zeros.in' }, content: Buffer.alloc(4 * 1024 * 1024) }]);
    const caps = { ratioFloorBytes: 1024 * 1024, maxRatio: 200 };
    const error = await expectRejected(gzipSync(zeros), 'tar.gz', 'package_too_large', caps);
    expect(error.message).toMatch(/200 times/);
    // An uncompressed tar has no ratio.
    await extractPackageArchive(zeros, 'tar', outDir, caps);
    const noise = await tarOf([{ header: { name: 'noise.in' }, content: randomBytes(4 * 1024 * 1024) }]);
    await extractPackageArchive(gzipSync(noise), 'tar.gz', path.join(scratch, 'noise'), caps);
  });

  it('has the documented defaults', () => {
    expect(ARCHIVE_CAPS).toMatchObject({ maxEntries: 10_000, maxTotalBytes: 512 * 1024 * 1024, maxRatio: 200 });
  });
});

describe('extractPackageArchive: malformed archives', () => {
  it('refuses bytes that are not gzip, and a gzip that is not a tar', async () => {
    const tar = await tarOf([{ header: { name: 'a.txt' }, content: 'x' }]);
    await expectRejected(tar, 'tar.gz', 'package_invalid');
    await expectRejected(gzipSync(Buffer.from('just text, not a tar '.repeat(100))), 'tar.gz', 'package_invalid');
    await expectRejected(randomBytes(4096), 'tar', 'package_invalid');
  });

  it('refuses a truncated archive and removes what it had written', async () => {
    const tar = await tarOf([
      { header: { name: 'first.txt' }, content: 'complete' },
      { header: { name: 'second.txt' }, content: Buffer.alloc(4000, 7) },
    ]);
    await expectRejected(tar.subarray(0, 2048), 'tar', 'package_invalid');
    await expectRejected(gzipSync(tar).subarray(0, 60), 'tar.gz', 'package_invalid');
  });

  it('destroys a stream that fails', async () => {
    const source = Readable.from([Buffer.from('not gzip at all')]);
    await expect(extractPackageArchive(source, 'tar.gz', outDir)).rejects.toMatchObject({ code: 'package_invalid' });
    expect(source.destroyed).toBe(true);
    expect(existsSync(outDir)).toBe(false);
  });
});
