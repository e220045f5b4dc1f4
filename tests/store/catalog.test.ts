/**
 * The catalog on real SQLite files and real package worker processes (no
 * Docker): publishing through a worker, the chunked store and the quota;
 * loading versions back with their test data left on disk; the parsed
 * package cache staying inside its bound; worker time limits.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../server/src/catalog/index.ts';
import { loadChallenge, readTestData, type TestData, type TestFile } from '../../server/src/challenges/index.ts';
import { DEFAULT_JUDGE_LIMITS, type PackageLimits } from '../../server/src/config/index.ts';
import { SqliteStore, type OrgId } from '../../server/src/store/index.ts';
import { ok } from './store.suite.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const SUM = path.join(REPO_ROOT, 'tests/fixtures/packages/sum');
const MB = 1024 * 1024;

const LIMITS: PackageLimits = { uploadBytes: 64 * MB, orgStorageBytes: 2048 * MB, cacheBytes: 256 * MB, cacheEntries: 200, jobs: 2, jobTimeoutMs: 120_000 };

let scratch: string;
let dataDir: string;
let store: SqliteStore;
let catalog: Catalog | undefined;
let orgId: OrgId;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'kodbro-catalog-'));
  dataDir = path.join(scratch, 'data');
  store = new SqliteStore({ dataDir });
  orgId = ok(await store.createOrganisation({ name: 'Catalog AB', slug: 'catalog' })).id;
});
afterEach(async () => {
  await catalog?.close();
  catalog = undefined;
  await store.close();
  await rm(scratch, { recursive: true, force: true });
});

const open = async (limits: Partial<PackageLimits> = {}) => {
  catalog = await openCatalog({ store, dataDir, judgeLimits: DEFAULT_JUDGE_LIMITS, limits: { ...LIMITS, ...limits } });
  return catalog;
};

/**
 * A copy of the sum fixture with its own id, a statement padded to about
 * `statementBytes` (held in memory when parsed; statements are capped at
 * 128 KB) and a notes file of about `paddingBytes` (stored, never parsed).
 */
async function sumVariant(id: string, paddingBytes = 0, statementBytes = 0): Promise<string> {
  const dir = path.join(scratch, 'packages-in', id);
  await cp(SUM, dir, { recursive: true });
  const manifest = await readFile(path.join(dir, 'kodbro.yaml'), 'utf8');
  await writeFile(path.join(dir, 'kodbro.yaml'), manifest.replace('id: sum', `id: ${id}`));
  if (statementBytes > 0) await writeFile(path.join(dir, 'statement.en.md'), `# Sum ${id}\n\n${'Add the numbers. '.repeat(Math.ceil(statementBytes / 17))}\n`);
  if (paddingBytes > 0) await writeFile(path.join(dir, 'notes.txt'), `Notes on ${id}\n${'Add the numbers. '.repeat(Math.ceil(paddingBytes / 17))}\n`);
  return dir;
}

const isFile = (data: TestData): data is TestFile => !Buffer.isBuffer(data);

describe('catalog', () => {
  it('publishes a package folder through a worker and loads it back with its test data left on disk', async () => {
    const catalog = await open();
    const published = await catalog.publishDirectory(orgId, SUM);
    expect(published).toMatchObject({ created: true, challenge: { slug: 'sum' }, version: { version: 1 } });
    expect(await catalog.publishDirectory(orgId, SUM)).toMatchObject({ created: false, version: { id: published.version.id } });

    const stored = (await catalog.forOrg(orgId, published.version.id))!;
    const loaded = await loadChallenge(SUM);
    expect(stored.statements).toEqual(loaded.statements);
    const tests = [...stored.samples, ...stored.groups.flatMap((g) => g.tests)];
    expect(tests.length).toBe(6);
    for (const test of tests) expect(isFile(test.input) && isFile(test.answer)).toBe(true);
    // Every file lies in the version's folder, and reads back the loader's bytes.
    const folder = path.join(dataDir, 'packages', published.version.contentHash);
    const expected = [...loaded.samples, ...loaded.groups.flatMap((g) => g.tests)];
    for (const [index, test] of tests.entries()) {
      for (const data of [test.input, test.answer]) expect(isFile(data) && data.file.startsWith(`${folder}/`)).toBe(true);
      expect((await readTestData(test.input)).equals(expected[index]!.input)).toBe(true);
      expect((await readTestData(test.answer)).equals(expected[index]!.answer)).toBe(true);
    }
    // A sample keeps its first bytes for display; a hidden test keeps none.
    expect(stored.samples[0]!.input).toMatchObject({ head: loaded.samples[0]!.input });
    expect(stored.groups[0]!.tests[0]!.input).not.toHaveProperty('head');

    // The folder removed by hand: unpacked again from the store's chunks.
    await rm(folder, { recursive: true });
    const again = (await catalog.forOrg(orgId, published.version.id))!;
    expect((await readTestData(again.groups[0]!.tests[0]!.answer)).equals(expected[1]!.answer)).toBe(true);
    // Nothing is left in the scratch folder once the jobs are done.
    const tmp = path.join(dataDir, 'tmp');
    for (const dir of await readdir(tmp)) expect(await readdir(path.join(tmp, dir))).toEqual([]);
  });

  it('exports a version as a .tar.gz stream, one export per organisation at a time, leaving no file behind', async () => {
    const catalog = await open();
    const published = await catalog.publishDirectory(orgId, SUM);
    const room = (await catalog.beginExport(orgId))!;
    expect(room).toBeDefined();
    expect(await catalog.beginExport(orgId)).toBeUndefined();
    expect(await room.write(randomUUID())).toBeUndefined();
    const written = (await room.write(published.version.id))!;
    await room.end();
    expect(written.folder).toBe('sum-v1');
    // The file is already gone (the stream holds it open), yet the room stays taken until the stream closes.
    const tmp = path.join(dataDir, 'tmp');
    for (const dir of await readdir(tmp)) expect(await readdir(path.join(tmp, dir))).toEqual([]);
    expect(await catalog.beginExport(orgId)).toBeUndefined();
    const chunks: Buffer[] = [];
    for await (const chunk of written.stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.length).toBe(written.bytes);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    await expect.poll(async () => (await catalog.beginExport(orgId)) !== undefined).toBe(true);
    const unpacked = path.join(scratch, 'unpacked');
    await mkdir(unpacked);
    execFileSync('tar', ['-xzf', '-', '-C', unpacked], { input: bytes });
    expect(await readdir(unpacked)).toEqual(['sum-v1']);
    const back = await loadChallenge(path.join(unpacked, 'sum-v1'));
    const original = await loadChallenge(SUM);
    expect(back.groups.flatMap((g) => g.tests.map((t) => [t.input, t.answer]))).toEqual(original.groups.flatMap((g) => g.tests.map((t) => [t.input, t.answer])));
    expect(back.statements).toEqual(original.statements);
    expect(back.checker).toEqual(original.checker);
  });

  it('keeps the error codes of package problems from the worker', async () => {
    const catalog = await open();
    const broken = await sumVariant('broken');
    await rm(path.join(broken, 'tests/hidden/2.ans'));
    await expect(catalog.publishDirectory(orgId, broken)).rejects.toMatchObject({ code: 'package_invalid', message: expect.stringMatching(/2\.in has no 2\.ans/) });
    const upload = (await catalog.beginUpload(orgId))!;
    await writeFile(upload.file, 'not a gzip stream');
    await expect(upload.publish()).rejects.toMatchObject({ code: 'package_invalid' });
    await upload.end();
    expect(await store.listChallenges(orgId)).toEqual([]);
  });

  it('refuses an upload past the organisation’s quota with quota_exceeded, storing nothing; the operator’s own packages only count', async () => {
    const catalog = await open({ orgStorageBytes: 300 * 1024 });
    const upload = async (dir: string) => {
      const room = (await catalog.beginUpload(orgId))!;
      try {
        execFileSync('tar', ['-czf', room.file, '-C', dir, '.']);
        return await room.publish();
      } finally {
        await room.end();
      }
    };
    await upload(await sumVariant('first', 100_000));
    const used = await store.storedPackageBytes(orgId);
    expect(used).toBeGreaterThan(100_000);
    await expect(upload(await sumVariant('second', 200_000))).rejects.toMatchObject({ code: 'quota_exceeded', message: expect.stringMatching(/quota/) });
    expect((await store.listChallenges(orgId)).map((c) => c.slug)).toEqual(['first']);
    expect(await store.storedPackageBytes(orgId)).toBe(used);
    // A sample challenge of the operator's is stored past the quota, and counts.
    await catalog.publishDirectory(orgId, await sumVariant('operator', 250_000));
    expect(await store.storedPackageBytes(orgId)).toBeGreaterThan(300 * 1024);
    await expect(upload(await sumVariant('third'))).rejects.toMatchObject({ code: 'quota_exceeded' });
  });

  it('lets one upload per organisation in at a time, and as many as it runs jobs server-wide', async () => {
    const catalog = await open({ jobs: 2 });
    const other = ok(await store.createOrganisation({ name: 'Other', slug: 'other' })).id;
    const third = ok(await store.createOrganisation({ name: 'Third', slug: 'third' })).id;
    const first = (await catalog.beginUpload(orgId))!;
    expect(first).toBeDefined();
    expect(await catalog.beginUpload(orgId)).toBeUndefined();
    const second = (await catalog.beginUpload(other))!;
    expect(second).toBeDefined();
    expect(await catalog.beginUpload(third)).toBeUndefined();
    await first.end();
    expect(await catalog.beginUpload(third)).toBeDefined();
    expect(await catalog.beginUpload(orgId)).toBeUndefined();
  });

  it('keeps the parsed-package cache within its size and count while many versions are loaded, and still serves every version', async () => {
    const cacheBytes = 64 * 1024;
    const catalog = await open({ cacheBytes, cacheEntries: 4 });
    const versions: string[] = [];
    for (let i = 0; i < 10; i++) versions.push((await catalog.publishDirectory(orgId, await sumVariant(`v${i}`, 0, 20_000))).version.id);
    for (const round of [0, 1]) {
      for (const [i, versionId] of versions.entries()) {
        const stored = await catalog.forOrg(orgId, versionId);
        expect(stored?.id, `round ${round}`).toBe(`v${i}`);
        const stats = catalog.cacheStats();
        expect(stats.bytes).toBeLessThanOrEqual(cacheBytes);
        expect(stats.entries).toBeLessThanOrEqual(4);
      }
    }
    // Statements of about 40 KB in memory each: one or two fit, never ten.
    expect(catalog.cacheStats().entries).toBeGreaterThanOrEqual(1);
    expect(catalog.cacheStats().entries).toBeLessThan(3);
  });

  it('kills a package job that runs past its time limit, and leaves no process behind', async () => {
    const catalog = await open({ jobTimeoutMs: 300 });
    // About a second of unpacking and bundling: far past 300 ms.
    const big = await sumVariant('slow');
    for (let i = 0; i < 40; i++) await writeFile(path.join(big, 'tests/hidden', `${10 + i}.in`), Buffer.alloc(4 * MB, i));
    for (let i = 0; i < 40; i++) await writeFile(path.join(big, 'tests/hidden', `${10 + i}.ans`), `${i}\n`);
    const started = Date.now();
    await expect(catalog.publishDirectory(orgId, big)).rejects.toMatchObject({ code: 'package_too_large', message: expect.stringMatching(/longer than/) });
    expect(Date.now() - started).toBeLessThan(10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(workerProcesses()).toEqual([]);
    expect(await store.listChallenges(orgId)).toEqual([]);
  });
});

/** Package worker processes that are children of this test process. */
function workerProcesses(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).trim();
  return out ? out.split('\n').filter((line) => line.includes('package-worker')) : [];
}
