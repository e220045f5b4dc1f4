/**
 * Red team, catalogue items 25, 27 and 28: a challenge package is untrusted
 * input. Archive entries that leave the package, links, bombs that expand
 * without end, and manifests that ask for container options or absurd limits
 * are refused or clamped, and nothing is written outside the target folder.
 */
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractArchiveFile, extractPackageArchive, loadChallenge, resolveLimits, type Challenge } from '../../server/src/challenges/index.ts';
import { DEFAULT_JUDGE_LIMITS } from '../../server/src/config/index.ts';
import { isKodbroError } from '../../server/src/errors.ts';
import { judgeSubmission } from '../../server/src/judge/index.ts';
import { LANGUAGES } from '../../server/src/languages/index.ts';
import { listSandboxContainers } from '../../server/src/sandbox/index.ts';
import { docker, expectDockerClean, judgeDeps, judged, REPO_ROOT, SUM_PACKAGE } from '../support/sandbox.ts';
import { withName, zipOf } from '../support/zip.ts';

const MB = 1024 * 1024;
let scratch: string;
let counter = 0;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'kodbro-redteam-packages-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A fresh sandbox folder per case: `<case>/a/b/out` is the target, so `../..` lands in `<case>/a`. */
async function freshCase(): Promise<{ root: string; outDir: string }> {
  const root = path.join(scratch, `case-${++counter}`);
  await mkdir(path.join(root, 'a', 'b'), { recursive: true });
  return { root, outDir: path.join(root, 'a', 'b', 'out') };
}

async function listTree(dir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(current: string) {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      found.push(path.relative(dir, full));
      if (entry.isDirectory()) await walk(full);
    }
  }
  await walk(dir);
  return found.sort();
}

type PackHeader = Parameters<ReturnType<typeof pack>['entry']>[0];

async function tarOf(items: readonly { header: PackHeader; content?: string | Buffer }[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of archive) chunks.push(chunk as Buffer);
  })();
  for (const item of items) {
    await new Promise<void>((resolve, reject) => {
      archive.entry({ mode: 0o644, ...item.header }, Buffer.from(item.content ?? ''), (error) => (error ? reject(error) : resolve()));
    });
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** One ustar header block, written by hand so a generator can stream millions of them. */
function tarHeader(name: string, size: number, typeflag = '0'): Buffer {
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

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the attack was accepted').not.toBeNull();
  return isKodbroError(error) ? { code: error.code, message: error.message } : { code: String(error), message: String(error) };
}

/**
 * Streams a generator through gzip into the extractor and reports how much the
 * generator had produced when the extractor gave up, and how much the test
 * process's memory grew. Nothing is written to disk first.
 */
async function streamBomb(
  generate: (produced: { bytes: number; entries: number }) => Generator<Buffer>,
  outDir: string,
  caps = {},
): Promise<{ error: { code: string; message: string }; produced: { bytes: number; entries: number }; rssGrowthMb: number; ms: number }> {
  const produced = { bytes: 0, entries: 0 };
  const source = Readable.from(generate(produced), { objectMode: false, highWaterMark: MB });
  const gzip = createGzip();
  source.pipe(gzip);
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const error = await errorOf(extractPackageArchive(gzip, 'tar.gz', outDir, caps));
    return { error, produced, rssGrowthMb: (rssPeak - rssBefore) / MB, ms: performance.now() - started };
  } finally {
    clearInterval(sampler);
    source.destroy();
    gzip.destroy();
  }
}

describe('25: path traversal and links in package archives', () => {
  const traversals = ['../../escape.txt', '../../../escape.txt', 'tests/../../../escape.txt', './tests/hidden/../../../../escape.txt', '..\\..\\escape.txt'];
  for (const name of traversals) {
    it(`refuses the archive entry ${JSON.stringify(name)}, writing nothing anywhere`, async () => {
      const { root, outDir } = await freshCase();
      const tar = await tarOf([
        { header: { name: 'kodbro.yaml' }, content: 'format: kodbro/1\n' },
        { header: { name }, content: 'pwned' },
      ]);
      for (const [archive, kind] of [
        [tar, 'tar'],
        [gzipSync(tar), 'tar.gz'],
      ] as const) {
        expect(await errorOf(extractPackageArchive(archive, kind, outDir))).toMatchObject({ code: 'package_unsafe_path' });
        expect(await listTree(root)).toEqual(['a', 'a/b']);
      }
    });
  }

  it('refuses absolute entries, which would otherwise land outside', async () => {
    const { root, outDir } = await freshCase();
    const target = path.join(root, 'absolute-escape.txt');
    for (const name of [target, '/etc/kodbro-redteam-escape', `//${target}`]) {
      const tar = await tarOf([{ header: { name }, content: 'pwned' }]);
      expect(await errorOf(extractPackageArchive(tar, 'tar', outDir))).toMatchObject({ code: 'package_unsafe_path' });
    }
    expect(await listTree(root)).toEqual(['a', 'a/b']);
  });

  it('refuses a symlink entry and the write-through-the-link that would follow it', async () => {
    const { root, outDir } = await freshCase();
    const outside = path.join(root, 'outside');
    await mkdir(outside);
    const tar = await tarOf([
      { header: { name: 'tests', type: 'symlink', linkname: outside } },
      { header: { name: 'tests/pwned.ans' }, content: 'pwned' },
    ]);
    expect(await errorOf(extractPackageArchive(gzipSync(tar), 'tar.gz', outDir))).toMatchObject({ code: 'package_unsafe_path' });
    expect(await listTree(root)).toEqual(['a', 'a/b', 'outside']);
  });

  it('refuses hard-link entries to files outside the package; one inside becomes a copy, never a link', async () => {
    const { root, outDir } = await freshCase();
    for (const linkname of ['/etc/passwd', '../../../../etc/passwd', 'tests/../../etc/passwd']) {
      const tar = await tarOf([
        { header: { name: 'kodbro.yaml' }, content: 'format: kodbro/1\n' },
        { header: { name: 'tests/hidden/1.ans', type: 'link', linkname } },
      ]);
      expect(await errorOf(extractPackageArchive(tar, 'tar', outDir))).toMatchObject({ code: 'package_unsafe_path' });
      expect(await listTree(root)).toEqual(['a', 'a/b']);
    }
    const inside = await tarOf([
      { header: { name: 'kodbro.yaml' }, content: 'format: kodbro/1\n' },
      { header: { name: 'tests/hidden/1.ans', type: 'link', linkname: 'kodbro.yaml' } },
    ]);
    await extractPackageArchive(inside, 'tar', outDir);
    const copy = path.join(outDir, 'tests/hidden/1.ans');
    expect((await lstat(copy)).isFile()).toBe(true);
    expect(await readFile(copy, 'utf8')).toBe('format: kodbro/1\n');
  });

  it('unpacks an honest package that then loads', async () => {
    const { outDir } = await freshCase();
    const source = path.join(REPO_ROOT, SUM_PACKAGE);
    const items = (await listTree(source)).map(async (relative) => {
      const full = path.join(source, relative);
      return (await lstat(full)).isDirectory()
        ? { header: { name: `${relative}/`, type: 'directory' as const } }
        : { header: { name: relative }, content: await readFile(full) };
    });
    await extractPackageArchive(gzipSync(await tarOf(await Promise.all(items))), 'tar.gz', outDir);
    const challenge = await loadChallenge(outDir);
    expect(challenge.id).toBe('sum');
    expect(challenge.groups).toHaveLength(5);
  });
});

describe('25 and 27 for zip: the same archive rules', () => {
  /** Writes the zip to a file (zip is read from its end) and unpacks it by its bytes, as an upload is. */
  async function unpackZip(zip: Buffer, outDir: string, caps = {}) {
    const file = path.join(path.dirname(path.dirname(path.dirname(outDir))), `upload-${++counter}.bin`);
    await writeFile(file, zip);
    try {
      return await errorOf(extractArchiveFile(file, outDir, caps));
    } finally {
      await rm(file, { force: true });
    }
  }

  const traversals: Array<[placeholder: string, name: string]> = [
    ['zz/zz/escape.txt', '../../escape.txt'],
    ['zzzzz/zz/zz/zz/escape.txt', 'tests/../../../escape.txt'],
    ['zz_zz_escape.txt', '..\\..\\escape.txt'],
    ['zetc/kodbro-redteam-escape', '/etc/kodbro-redteam-escape'],
    ['Cz/escape.txt', 'C:/escape.txt'],
  ];
  for (const [placeholder, name] of traversals) {
    it(`refuses the zip entry ${JSON.stringify(name)}, writing nothing anywhere`, async () => {
      const { root, outDir } = await freshCase();
      const zip = withName(await zipOf([{ name: 'kodbro.yaml', content: 'format: kodbro/1\n' }, { name: placeholder, content: 'pwned' }]), placeholder, name);
      expect(await unpackZip(zip, outDir)).toMatchObject({ code: 'package_unsafe_path' });
      expect(await listTree(root)).toEqual(['a', 'a/b']);
    });
  }

  it('refuses a symlink entry (its Unix mode) and the write-through-the-link that would follow it', async () => {
    const { root, outDir } = await freshCase();
    const outside = path.join(root, 'outside');
    await mkdir(outside);
    const zip = await zipOf([
      { name: 'tests', content: outside, mode: 0o120777, compress: false },
      { name: 'tests/pwned.ans', content: 'pwned' },
    ]);
    expect(await unpackZip(zip, outDir)).toMatchObject({ code: 'package_unsafe_path' });
    expect(await listTree(root)).toEqual(['a', 'a/b', 'outside']);
  });

  it('stops a zip of 60 MB zero files by its ratio, while streaming, with nothing left', async () => {
    const { root, outDir } = await freshCase();
    const zeros = Buffer.alloc(60 * MB);
    const zip = await zipOf(Array.from({ length: 10 }, (_, i) => ({ name: `tests/hidden/${i}.in`, content: zeros })));
    expect(zip.length).toBeLessThan(2 * MB);
    const error = await unpackZip(zip, outDir);
    expect(error).toMatchObject({ code: 'package_too_large', message: expect.stringMatching(/times/) });
    expect(await listTree(root)).toEqual(['a', 'a/b']);
  });

  it('refuses a zip whose central directory declares more entries than the cap, before unpacking any', async () => {
    const { root, outDir } = await freshCase();
    const zip = await zipOf(Array.from({ length: 10_001 }, (_, i) => ({ name: `f/${i}`, content: '', compress: false })));
    expect(await unpackZip(zip, outDir)).toMatchObject({ code: 'package_too_large', message: expect.stringMatching(/more than 10000 entries/) });
    expect(await listTree(root)).toEqual(['a', 'a/b']);
  });
});

describe('25: traversal and links in a package folder', () => {
  /** A copy of the sum fixture whose manifest ends with `extra`, after `edit` ran on its folder. */
  async function sumPackage(extra: string, edit: (dir: string) => Promise<void> = async () => {}): Promise<string> {
    const { root } = await freshCase();
    const dir = path.join(root, 'pkg');
    await cp(path.join(REPO_ROOT, SUM_PACKAGE), dir, { recursive: true });
    const manifest = (await readFile(path.join(dir, 'kodbro.yaml'), 'utf8')).replace(/^solutions:[\s\S]*$/m, '');
    await writeFile(path.join(dir, 'kodbro.yaml'), `${manifest}${extra}`);
    await edit(dir);
    return dir;
  }

  const PASSWD = /root:.*:0:0:/;

  for (const file of ['../../etc/passwd', '/etc/passwd', 'solutions/../../../../etc/passwd', 'solutions\\..\\..\\etc\\passwd']) {
    it(`refuses solutions[].file ${JSON.stringify(file)}`, async () => {
      const dir = await sumPackage(`solutions:\n  - file: ${JSON.stringify(file)}\n    expect: accepted\n`);
      const error = await errorOf(loadChallenge(dir));
      expect(['package_invalid', 'package_unsafe_path']).toContain(error.code);
      expect(error.message).not.toMatch(PASSWD);
    });
  }

  for (const source of ['../../etc/passwd', '/etc/passwd', 'checker/../../../etc/passwd.py']) {
    it(`refuses checker.source ${JSON.stringify(source)}`, async () => {
      const dir = await sumPackage(`checker:\n  type: custom\n  source: ${JSON.stringify(source)}\n`);
      const error = await errorOf(loadChallenge(dir));
      expect(['package_invalid', 'package_unsafe_path']).toContain(error.code);
      expect(error.message).not.toMatch(PASSWD);
    });
  }

  it('refuses a hidden test file that is a symlink to a host file', async () => {
    const dir = await sumPackage('', async (d) => {
      await rm(path.join(d, 'tests/hidden/1.ans'));
      await symlink('/etc/passwd', path.join(d, 'tests/hidden/1.ans'));
    });
    expect(await errorOf(loadChallenge(dir))).toMatchObject({ code: 'package_unsafe_path' });
  });

  it('refuses a solution file that is a symlink to a host file', async () => {
    const dir = await sumPackage('solutions:\n  - file: solutions/leak.py\n    expect: accepted\n', async (d) => {
      await symlink('/etc/passwd', path.join(d, 'solutions/leak.py'));
    });
    expect(await errorOf(loadChallenge(dir))).toMatchObject({ code: 'package_unsafe_path' });
  });

  it('refuses a symlink at the package root', async () => {
    const dir = await sumPackage('', async (d) => {
      await symlink('/etc', path.join(d, 'etc'));
    });
    expect(await errorOf(loadChallenge(dir))).toMatchObject({ code: 'package_unsafe_path' });
  });

  it('refuses a hidden-tests folder that is a symlink to another package’s tests', async () => {
    // Another company's package on the same server, and a package whose tests/hidden points at it.
    const { root } = await freshCase();
    const victim = path.join(root, 'victim-hidden');
    await mkdir(victim);
    await writeFile(path.join(victim, 'secret.in'), '1\n5\n');
    await writeFile(path.join(victim, 'secret.ans'), 'VICTIM-SECRET-ANSWER\n');
    const dir = await sumPackage('', async (d) => {
      await rm(path.join(d, 'tests/hidden'), { recursive: true });
      await symlink(victim, path.join(d, 'tests/hidden'));
    });
    const outcome = await loadChallenge(dir).then(
      (challenge: Challenge) => JSON.stringify(challenge.groups.map((g) => g.tests.map((t) => t.answer.toString()))),
      (e: unknown) => e,
    );
    expect(outcome, 'the package read the hidden tests of a folder outside it').not.toContain('VICTIM-SECRET-ANSWER');
    expect(isKodbroError(outcome) ? outcome.code : outcome).toBe('package_unsafe_path');
  });
});

describe('27: archive bombs, stopped while streaming', () => {
  it('stops a gzip of an endless run of zeros early, with flat memory', async () => {
    const { root, outDir } = await freshCase();
    const result = await streamBomb(function* (produced) {
      const zeros = Buffer.alloc(MB);
      // 1 TiB if nobody stopped it.
      for (let i = 0; i < 1024 * 1024; i++) {
        produced.bytes += zeros.length;
        yield zeros;
      }
    }, outDir);
    expect(result.error.code).toBe('package_too_large');
    expect(result.produced.bytes).toBeLessThan(256 * MB);
    expect(result.rssGrowthMb).toBeLessThan(100);
    expect(result.ms).toBeLessThan(60_000);
    expect(await listTree(root)).toEqual(['a', 'a/b']);
    console.log(`zero-run bomb: stopped after ${result.produced.bytes / MB} MB generated, rss +${result.rssGrowthMb.toFixed(1)} MB, ${result.ms.toFixed(0)} ms: ${result.error.message}`);
  });

  it('stops a well-formed tar of endless 60 MB zero files by its ratio', async () => {
    const { root, outDir } = await freshCase();
    const result = await streamBomb(function* (produced) {
      const zeros = Buffer.alloc(MB);
      for (let file = 0; file < 100_000; file++) {
        produced.entries += 1;
        yield tarHeader(`tests/hidden/${file}.in`, 60 * MB);
        for (let i = 0; i < 60; i++) {
          produced.bytes += zeros.length;
          yield zeros;
        }
      }
    }, outDir);
    expect(result.error.code).toBe('package_too_large');
    expect(result.error.message).toMatch(/times/);
    expect(result.produced.bytes).toBeLessThan(256 * MB);
    expect(result.rssGrowthMb).toBeLessThan(100);
    expect(await listTree(root)).toEqual(['a', 'a/b']);
  });

  it('stops the same bomb by its total size when the ratio cap is off', async () => {
    const { root, outDir } = await freshCase();
    const result = await streamBomb(
      function* (produced) {
        const zeros = Buffer.alloc(MB);
        for (let file = 0; file < 100_000; file++) {
          produced.entries += 1;
          yield tarHeader(`f${file}.in`, 8 * MB);
          for (let i = 0; i < 8; i++) {
            produced.bytes += zeros.length;
            yield zeros;
          }
        }
      },
      outDir,
      { maxRatio: Number.POSITIVE_INFINITY, maxTotalBytes: 64 * MB },
    );
    expect(result.error.code).toBe('package_too_large');
    expect(result.produced.bytes).toBeLessThan(256 * MB);
    expect(await listTree(root)).toEqual(['a', 'a/b']);
  });

  it('stops an entry-count bomb (a million empty files) at the cap', async () => {
    const { root, outDir } = await freshCase();
    const result = await streamBomb(function* (produced) {
      for (let i = 0; i < 1_000_000; i++) {
        produced.entries += 1;
        yield tarHeader(`t/${i}.in`, 0);
      }
    }, outDir);
    expect(result.error.code).toBe('package_too_large');
    expect(result.error.message).toMatch(/entries/);
    expect(result.produced.entries).toBeLessThan(100_000);
    expect(result.rssGrowthMb).toBeLessThan(100);
    expect(await listTree(root)).toEqual(['a', 'a/b']);
  });

  it('refuses a header that declares an 8 GB file, and a path nested 5000 folders deep, before writing', async () => {
    const { root, outDir } = await freshCase();
    const huge = Buffer.concat([tarHeader('tests/hidden/1.in', 8 * 1024 * MB - 1), Buffer.alloc(1024)]);
    expect(await errorOf(extractPackageArchive(huge, 'tar', outDir))).toMatchObject({ code: 'package_too_large' });
    const deep = await tarOf([{ header: { name: `${'d/'.repeat(5000)}f` }, content: 'x' }]);
    expect(['package_too_large', 'package_invalid']).toContain((await errorOf(extractPackageArchive(deep, 'tar', outDir))).code);
    expect(await listTree(root)).toEqual(['a', 'a/b']);
  });
});

describe('28: hostile manifests', () => {
  afterEach(expectDockerClean);

  async function packageWith(manifest: string, hidden: Record<string, string> | null = null): Promise<string> {
    const { root } = await freshCase();
    const dir = path.join(root, 'pkg');
    await cp(path.join(REPO_ROOT, SUM_PACKAGE), dir, { recursive: true });
    if (hidden) {
      await rm(path.join(dir, 'tests/hidden'), { recursive: true });
      await mkdir(path.join(dir, 'tests/hidden'));
      for (const [name, content] of Object.entries(hidden)) await writeFile(path.join(dir, 'tests/hidden', name), content);
    }
    await writeFile(path.join(dir, 'kodbro.yaml'), manifest);
    return dir;
  }
  const HEAD = 'format: kodbro/1\nid: hostile\ntitle:\n  en: Hostile\n';

  const hostile: Record<string, string> = {
    privileged: 'privileged: true\n',
    binds: 'binds:\n  - /:/host\n  - /var/run/docker.sock:/var/run/docker.sock\n',
    image: 'image: docker.io/library/alpine:latest\n',
    network: 'network: host\n',
    capabilities: 'capAdd: [SYS_ADMIN, SYS_PTRACE]\n',
    'container options': 'container:\n  HostConfig:\n    Privileged: true\n',
    'a pids limit': 'limits:\n  timeMs: 1000\n  pids: 100000\n',
    'a seccomp profile': 'limits:\n  seccomp: unconfined\n',
    'a checker image': 'checker:\n  type: custom\n  source: check.py\n  image: evil/checker\n',
    'a group that is privileged': 'groups:\n  - id: all\n    points: 1\n    privileged: true\n',
    'a language that is a shell': 'languages: [bash]\n',
    'a run command': 'run: ["sh", "-c", "cat /etc/shadow"]\n',
  };
  for (const [what, yaml] of Object.entries(hostile)) {
    it(`rejects a manifest asking for ${what}`, async () => {
      const error = await errorOf(loadChallenge(await packageWith(HEAD + yaml)));
      expect(error.code).toBe('package_invalid');
      // Refused for the hostile key itself, not for some other flaw of the package.
      expect(error.message).toMatch(/Unrecognized key|Invalid option/);
    });
  }

  it('rejects a YAML alias bomb (billion laughs)', async () => {
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]`);
    const started = performance.now();
    const error = await errorOf(loadChallenge(await packageWith(`${HEAD}${lines.join('\n')}\n`)));
    expect(error.code).toBe('package_invalid');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  for (const [what, limits] of [
    ['a negative time', 'timeMs: -1'],
    ['a fractional memory', 'memoryMb: 0.5'],
    ['an infinite time', 'timeMs: .inf'],
    ['a time as text', 'timeMs: "1e9"'],
  ] as const) {
    it(`rejects ${what}`, async () => {
      expect((await errorOf(loadChallenge(await packageWith(`${HEAD}limits:\n  ${limits}\n`)))).code).toBe('package_invalid');
    });
  }

  it('clamps a 10^9 s time limit, a 10^9 MB memory limit and a 10^9 KB output limit to the server caps, up to the container', async () => {
    const dir = await packageWith(`${HEAD}limits:\n  timeMs: 1000000000000\n  memoryMb: 1000000000\n  outputKb: 1000000000\n`, {
      '1.in': '2\n40 2\n',
      '1.ans': '42\n',
    });
    const challenge = await loadChallenge(dir);
    const caps = DEFAULT_JUDGE_LIMITS;
    const resolved = resolveLimits(challenge.limits, LANGUAGES.python, caps);
    expect(resolved).toMatchObject({ timeMs: caps.maxTimeMs, memoryMb: caps.maxMemoryMb, outputBytes: caps.maxOutputKb * 1024 });
    expect(resolved.clamped).toHaveLength(3);

    // The program answers, then sleeps "for the 10^9 s it was promised": the clamped wall clock ends it.
    const inspected: Promise<unknown>[] = [];
    const started = performance.now();
    const outcome = await judgeSubmission(
      challenge,
      { language: 'python', source: 'import time\ninput()\nprint(sum(map(int, input().split())), flush=True)\ntime.sleep(10**9)\n' },
      judgeDeps(),
      {
        onEvent: (event) => {
          if (event.type !== 'testing') return;
          inspected.push(
            (async () => {
              const [box] = await listSandboxContainers(docker, { ownOnly: true });
              return box ? docker.getContainer(box.Id).inspect() : null;
            })(),
          );
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;
    expect(judged(outcome).verdict).toBe('time_limit');
    expect(seconds).toBeLessThan(120);
    const info = (await inspected[0]) as { Config: { Image: string }; HostConfig: Record<string, unknown> } | null;
    expect(info, 'no sandbox container was found during the test').not.toBeNull();
    expect(info?.Config.Image).toMatch(/^kodbro\/python:/);
    expect(info?.HostConfig).toMatchObject({ Privileged: false, NetworkMode: 'none', ReadonlyRootfs: true, Memory: caps.maxMemoryMb * MB });
    expect(info?.HostConfig.Binds ?? []).toEqual([]);
    console.log(`clamped limits: time_limit after ${seconds.toFixed(1)} s (cap ${caps.maxTimeMs} ms)`);
  });

  it('clamps an absurd Kattis problem.yaml, whose unknown keys change nothing', async () => {
    const { root } = await freshCase();
    const dir = path.join(root, 'kattis');
    await cp(path.join(REPO_ROOT, 'tests/fixtures/kattis/bus-fares'), dir, { recursive: true });
    const yaml = await readFile(path.join(dir, 'problem.yaml'), 'utf8');
    await writeFile(
      path.join(dir, 'problem.yaml'),
      yaml.replace(/^limits:\n(?: {2}.*\n)*/m, 'limits:\n  time_limit: 999999\n  memory: 999999999\n  output: 999999999\n') +
        'privileged: true\nbinds: ["/:/host"]\nimage: evil/image\n',
    );
    const outcome = await loadChallenge(dir).then(
      (challenge) => challenge,
      (e: unknown) => e,
    );
    if (isKodbroError(outcome)) {
      expect(outcome.code).toBe('package_invalid');
      return;
    }
    const challenge = outcome as Challenge;
    expect(JSON.stringify(challenge)).not.toMatch(/privileged|"binds"|evil\/image/i);
    const resolved = resolveLimits(challenge.limits, LANGUAGES.cpp, DEFAULT_JUDGE_LIMITS);
    expect(resolved.timeMs).toBeLessThanOrEqual(DEFAULT_JUDGE_LIMITS.maxTimeMs * 2);
    expect(resolved.memoryMb).toBe(DEFAULT_JUDGE_LIMITS.maxMemoryMb);
    expect(resolved.outputBytes).toBe(DEFAULT_JUDGE_LIMITS.maxOutputKb * 1024);
  });
});
