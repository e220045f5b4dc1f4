import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pack } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePackageBundle } from './bundle.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'kodbro-bundle-'));
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** How bundles were made before they were streamed: every file in memory, one Buffer.concat. Versions published then must keep their hash. */
async function inMemoryBundle(root: string, files: string[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of archive) chunks.push(chunk as Buffer);
  })();
  for (const relative of files) {
    archive.entry({ name: relative, mode: 0o644, uid: 0, gid: 0, mtime: new Date(0), type: 'file' }, await readFile(path.join(root, relative)));
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe('writePackageBundle', () => {
  it('streams the same bytes the in-memory bundle gave, with their SHA-256 and length', async () => {
    const root = path.join(scratch, 'pkg');
    await cp(path.join(REPO_ROOT, 'tests/fixtures/packages/sum'), root, { recursive: true });
    // A file larger than a read chunk, and a name longer than a plain ustar header holds.
    await writeFile(path.join(root, 'tests/hidden/9.in'), randomBytes(300_000));
    await writeFile(path.join(root, 'tests/hidden/9.ans'), '42\n');
    await writeFile(path.join(root, `${'long-name-'.repeat(12)}.md`), 'x');

    const file = path.join(scratch, 'bundle.tar');
    const written = await writePackageBundle(root, file);
    const bytes = await readFile(file);
    expect(written).toEqual({ contentHash: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    const names = ['kodbro.yaml', `${'long-name-'.repeat(12)}.md`, 'solutions/accepted.py', 'statement-files/numbers.png', 'statement.en.md']
      .concat(['1', '2', '3', '4', '5', '9'].flatMap((n) => [`tests/hidden/${n}.ans`, `tests/hidden/${n}.in`]))
      .concat(['tests/sample/1.ans', 'tests/sample/1.in']);
    const expected = await inMemoryBundle(root, names.sort((a, b) => (a < b ? -1 : 1)));
    expect(bytes.length).toBe(expected.length);
    expect(bytes.equals(expected)).toBe(true);
  });

  it('gives the same bytes whatever the files’ times, and refuses a link out of the package', async () => {
    const root = path.join(scratch, 'pkg');
    await cp(path.join(REPO_ROOT, 'tests/fixtures/packages/sum'), root, { recursive: true });
    const first = await writePackageBundle(root, path.join(scratch, 'a.tar'));
    await utimes(path.join(root, 'kodbro.yaml'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(await writePackageBundle(root, path.join(scratch, 'b.tar'))).toEqual(first);

    await symlink('/etc/passwd', path.join(root, 'tests/hidden/6.ans'));
    await expect(writePackageBundle(root, path.join(scratch, 'c.tar'))).rejects.toMatchObject({ code: 'package_unsafe_path' });
  });

  it('writes a link inside the package as a copy of what it leads to, and refuses a folder link that holds itself', async () => {
    const root = path.join(scratch, 'pkg');
    await cp(path.join(REPO_ROOT, 'tests/fixtures/packages/sum'), root, { recursive: true });
    const plain = await writePackageBundle(root, path.join(scratch, 'plain.tar'));
    await cp(path.join(root, 'tests/hidden/1.in'), path.join(root, 'tests/hidden/6.in'));
    await cp(path.join(root, 'tests/hidden/1.ans'), path.join(root, 'tests/hidden/6.ans'));
    const copied = await writePackageBundle(root, path.join(scratch, 'copied.tar'));
    expect(copied).not.toEqual(plain);
    await rm(path.join(root, 'tests/hidden/6.in'));
    await rm(path.join(root, 'tests/hidden/6.ans'));
    await symlink('1.in', path.join(root, 'tests/hidden/6.in'));
    await symlink(path.join(root, 'tests/hidden/1.ans'), path.join(root, 'tests/hidden/6.ans'));
    // The same bytes as real copies: a bundle holds no links.
    expect(await writePackageBundle(root, path.join(scratch, 'linked.tar'))).toEqual(copied);

    await symlink('..', path.join(root, 'tests/hidden/again'));
    await expect(writePackageBundle(root, path.join(scratch, 'loop.tar'))).rejects.toMatchObject({ code: 'package_unsafe_path', message: expect.stringMatching(/holds it, a loop/) });
  });
});
