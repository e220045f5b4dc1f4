import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { isKodbroError, type ErrorCode } from '../errors.ts';
import { loadKattisPackage } from './kattis/index.ts';
import { loadKodbroPackage } from './kodbro-package.ts';
import type { CheckerSpec, PackageContent as Challenge, TestCase, TestGroup } from './model.ts';
import { draftToPackage, emptyDraft, packageToDraft } from './draft.ts';
import { writeKodbroPackage } from './write-package.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/kattis');

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kodbro-write-'));
  temporary.push(dir);
  return dir;
}

/** A folder that does not exist yet, inside a fresh temporary folder. */
async function outDir(): Promise<string> {
  return path.join(await tempDir(), 'out');
}

async function expectError(promise: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKodbroError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as Error).message).toMatch(message);
}

async function manifestOf(dir: string): Promise<Record<string, unknown>> {
  return parseYaml(await readFile(path.join(dir, 'kodbro.yaml'), 'utf8')) as Record<string, unknown>;
}

const test = (id: string, input: string, answer: string): TestCase => ({ id, input: Buffer.from(input), answer: Buffer.from(answer) });

/** A small challenge built in memory; `overrides` replaces whole fields. */
function challenge(overrides: Partial<Challenge> = {}): Challenge {
  return {
    format: 'kattis',
    id: 'tiny',
    title: { en: 'Tiny' },
    statements: { en: '# Tiny\n\nEcho it.\n' },
    statementIssues: [],
    statementFiles: [],
    languages: ['python', 'cpp'],
    limits: {},
    checker: { kind: 'tokens', caseSensitive: true },
    samples: [test('1', '1\n', '1\n')],
    groups: [{ id: 'a', points: 1, tests: [test('a', '2\n', '2\n')] }],
    starters: {},
    solutions: [],
    ...overrides,
  };
}

/**
 * What a reloaded package must keep of a group. Bytes are compared as latin1
 * strings (one character per byte): deep equality on large Buffers is slow.
 */
const groupView = (groups: TestGroup[]) =>
  groups.map((g) => ({
    id: g.id,
    points: g.points,
    checker: g.checker,
    tests: g.tests.map((t) => ({ id: t.id, input: t.input.toString('latin1'), answer: t.answer.toString('latin1') })),
  }));

describe('writeKodbroPackage: round trips from Kattis', () => {
  it('bus-fares: same groups, tests, checker, limits, statements and solution verdicts', async () => {
    const source = path.join(FIXTURES, 'bus-fares');
    const kattis = await loadKattisPackage(source);
    const out = await outDir();
    await writeKodbroPackage(kattis, source, out);
    const kodbro = await loadKodbroPackage(out);

    expect(kodbro.id).toBe(kattis.id);
    expect(kodbro.title).toEqual(kattis.title);
    expect(kodbro.statements).toEqual(kattis.statements);
    expect(kodbro.limits).toEqual(kattis.limits);
    expect(kodbro.samples).toEqual(kattis.samples);
    expect(groupView(kodbro.groups)).toEqual(groupView(kattis.groups));
    expect(kodbro.groups.map((g) => [g.id, g.points])).toEqual([
      ['group1', 40],
      ['group2', 60],
    ]);
    expect(kattis.checker).toEqual({ kind: 'tokens', caseSensitive: false, float: { absolute: 1e-6, relative: 1e-6 } });
    expect(kodbro.checker).toEqual(kattis.checker);

    expect(kodbro.solutions.map((s) => [path.basename(s.file), s.expect])).toEqual(kattis.solutions.map((s) => [path.basename(s.file), s.expect]));
    for (const [i, solution] of kodbro.solutions.entries()) {
      const original = kattis.solutions[i]!;
      expect(solution.file).toBe(`solutions/${original.expect}/${path.basename(original.file)}`);
      expect(await readFile(path.join(out, solution.file))).toEqual(await readFile(path.join(source, original.file)));
    }

    const manifest = await manifestOf(out);
    expect(manifest.groups).toEqual([
      { id: 'group1', points: 40 },
      { id: 'group2', points: 60 },
    ]);
    expect(await readdir(path.join(out, 'tests/hidden/group1'))).toEqual(expect.arrayContaining(['01.in', '01.ans', '04.in', '04.ans']));
  });

  it('even-split: custom checker and flat tests come back the same', async () => {
    const source = path.join(FIXTURES, 'even-split');
    const kattis = await loadKattisPackage(source);
    const out = await outDir();
    await writeKodbroPackage(kattis, source, out);
    const kodbro = await loadKodbroPackage(out);

    expect(kodbro.checker).toEqual(kattis.checker);
    expect(groupView(kodbro.groups)).toEqual(groupView(kattis.groups));
    expect(kodbro.statements).toEqual(kattis.statements);
    expect(kodbro.limits).toEqual(kattis.limits);
    expect(kodbro.solutions.map((s) => s.expect)).toEqual(kattis.solutions.map((s) => s.expect));

    const manifest = await manifestOf(out);
    expect(manifest.groups).toBeUndefined();
    expect(manifest.checker).toEqual({ type: 'custom', source: 'checker/validate.py' });
    expect((await readdir(path.join(out, 'tests/hidden'))).sort()).toContain('01-greedy-trap.in');
  });
});

describe('writeKodbroPackage: layout', () => {
  it('writes the manifest, statements, statement files, samples and starters', async () => {
    const out = await outDir();
    const java = 'public class Solver {\n  public static void main(String[] a) {}\n}\n';
    await writeKodbroPackage(
      challenge({
        title: { en: 'Tiny', sv: 'Liten' },
        statements: { en: '# Tiny\n', sv: '# Liten\n' },
        statementFiles: [{ path: 'map.png', content: Buffer.from([1, 2, 3]) }],
        limits: { timeMs: 1500, memoryMb: 128 },
        starters: { python: 'print()\n', java },
      }),
      await tempDir(),
      out,
    );
    expect(await manifestOf(out)).toEqual({
      format: 'kodbro/1',
      id: 'tiny',
      title: { en: 'Tiny', sv: 'Liten' },
      languages: ['python', 'cpp'],
      limits: { timeMs: 1500, memoryMb: 128 },
      checker: { type: 'tokens' },
    });
    expect(await readFile(path.join(out, 'statement.sv.md'), 'utf8')).toBe('# Liten\n');
    expect(await readFile(path.join(out, 'statement-files/map.png'))).toEqual(Buffer.from([1, 2, 3]));
    expect(await readFile(path.join(out, 'starter/Solver.java'), 'utf8')).toBe(java);
    expect(await readFile(path.join(out, 'starter/main.py'), 'utf8')).toBe('print()\n');
    expect(await readFile(path.join(out, 'tests/sample/1.ans'), 'utf8')).toBe('1\n');
    const reloaded = await loadKodbroPackage(out);
    expect(reloaded.starters).toEqual({ python: 'print()\n', java });
  });

  it('keeps the "explain your solution" questions: draft → package → manifest → loaded again, and back to a draft', async () => {
    const out = await outDir();
    const explain = { en: ['What is the running time?', 'What would you change?'], sv: ['Vilken tidskomplexitet?'] };
    const { content } = draftToPackage('explained', { ...emptyDraft('explained'), explain: { ...explain, ar: ['  ', ''] } });
    // A language whose questions are blank asks none.
    expect(content.explain).toEqual(explain);
    await writeKodbroPackage(challenge({ explain: content.explain }), await tempDir(), out);
    expect((await manifestOf(out)).explain).toEqual(explain);
    const reloaded = await loadKodbroPackage(out);
    expect(reloaded.explain).toEqual(explain);
    expect(packageToDraft(reloaded, {}).draft.explain).toEqual(explain);
    // Without questions, the manifest has no key at all.
    const plain = await outDir();
    await writeKodbroPackage(challenge({}), await tempDir(), plain);
    expect(await manifestOf(plain)).not.toHaveProperty('explain');
  });

  it('writes per-test groups of 1 point flat, flattening nested test ids', async () => {
    const out = await outDir();
    const groups = ['1', 'g1/001', 'g1/sub/002'].map((id) => ({ id, points: 1, tests: [test(id, `${id}\n`, 'x\n')] }));
    await writeKodbroPackage(challenge({ groups }), await tempDir(), out);
    expect((await manifestOf(out)).groups).toBeUndefined();
    expect((await readdir(path.join(out, 'tests/hidden'))).sort()).toEqual(['1.ans', '1.in', 'g1--001.ans', 'g1--001.in', 'g1--sub--002.ans', 'g1--sub--002.in']);
    const reloaded = await loadKodbroPackage(out);
    expect(reloaded.groups.map((g) => [g.id, g.points, g.tests[0]?.input.toString()])).toEqual([
      ['1', 1, '1\n'],
      ['g1--001', 1, 'g1/001\n'],
      ['g1--sub--002', 1, 'g1/sub/002\n'],
    ]);
  });

  it('sanitises group ids, keeps them unique, and names nested tests inside their group', async () => {
    const out = await outDir();
    await writeKodbroPackage(
      challenge({
        groups: [
          { id: 'Group_A', points: 10, tests: [test('Group_A/001', 'a1', 'a'), test('Group_A/sub/001', 'a2', 'a')] },
          { id: 'group-a', points: 20, tests: [test('group-a/x', 'b', 'b')] },
          { id: 'c/7', points: 5, tests: [test('c/7', 'c', 'c')] },
        ],
      }),
      await tempDir(),
      out,
    );
    expect((await manifestOf(out)).groups).toEqual([
      { id: 'group-a', points: 10 },
      { id: 'group-a-2', points: 20 },
      { id: 'c-7', points: 5 },
    ]);
    expect((await readdir(path.join(out, 'tests/hidden/group-a'))).sort()).toEqual(['001.ans', '001.in', 'sub--001.ans', 'sub--001.in']);
    expect((await readdir(path.join(out, 'tests/hidden/c-7'))).sort()).toEqual(['7.ans', '7.in']);
    const reloaded = await loadKodbroPackage(out);
    expect(reloaded.groups.map((g) => [g.id, g.points, g.tests.map((t) => t.input.toString())])).toEqual([
      ['group-a', 10, ['a1', 'a2']],
      ['group-a-2', 20, ['b']],
      ['c-7', 5, ['c']],
    ]);
  });

  it('copies solutions to solutions/<expect>/ with unique names', async () => {
    const source = await tempDir();
    await mkdir(path.join(source, 'submissions/accepted'), { recursive: true });
    await mkdir(path.join(source, 'submissions/other'), { recursive: true });
    await writeFile(path.join(source, 'submissions/accepted/sol.py'), 'print(1)\n');
    await writeFile(path.join(source, 'submissions/other/sol.py'), 'print(2)\n');
    const out = await outDir();
    await writeKodbroPackage(
      challenge({
        solutions: [
          { file: 'submissions/accepted/sol.py', expect: 'accepted' },
          { file: 'submissions/other/sol.py', expect: 'accepted' },
        ],
      }),
      source,
      out,
    );
    expect((await manifestOf(out)).solutions).toEqual([
      { file: 'solutions/accepted/sol.py', expect: 'accepted' },
      { file: 'solutions/accepted/sol-2.py', expect: 'accepted' },
    ]);
    expect(await readFile(path.join(out, 'solutions/accepted/sol-2.py'), 'utf8')).toBe('print(2)\n');
  });
});

describe('writeKodbroPackage: checkers', () => {
  const custom = (args: string[], body = 'import sys\n'): CheckerSpec => ({
    kind: 'custom',
    language: 'python',
    entry: 'check.py',
    files: [
      { path: 'check.py', content: Buffer.from(body) },
      { path: 'helper.py', content: Buffer.from('X = 1\n') },
    ],
    args,
  });

  it('maps every builtin checker the manifest can say', async () => {
    const cases: [CheckerSpec, unknown][] = [
      [{ kind: 'tokens', caseSensitive: true }, { type: 'tokens' }],
      [{ kind: 'tokens', caseSensitive: false }, { type: 'case-insensitive' }],
      [{ kind: 'exact', caseSensitive: true }, { type: 'exact' }],
      [{ kind: 'tokens', caseSensitive: true, float: { absolute: 1e-3, relative: 0 } }, { type: 'float', absolute: 1e-3, relative: 0 }],
    ];
    for (const [spec, expected] of cases) {
      const out = await outDir();
      await writeKodbroPackage(challenge({ checker: spec }), await tempDir(), out);
      expect((await manifestOf(out)).checker).toEqual(expected);
      expect((await loadKodbroPackage(out)).checker).toEqual(spec);
    }
  });

  it('keeps case-insensitive float and exact checkers case-insensitive', async () => {
    const float = { kind: 'tokens', caseSensitive: false, float: { absolute: 1e-6, relative: 1e-6 } } as const;
    const out = await outDir();
    await writeKodbroPackage(
      challenge({ checker: float, groups: [{ id: 'a', points: 1, tests: [test('a', '1\n', 'YES 0.5\n')] }] }),
      await tempDir(),
      out,
    );
    expect((await manifestOf(out)).checker).toEqual({ type: 'float', absolute: 1e-6, relative: 1e-6, caseSensitive: false });
    expect((await loadKodbroPackage(out)).checker).toEqual(float);

    const exactOut = await outDir();
    await writeKodbroPackage(challenge({ checker: { kind: 'exact', caseSensitive: false } }), await tempDir(), exactOut);
    expect((await manifestOf(exactOut)).checker).toEqual({ type: 'exact', caseSensitive: false });
    expect((await loadKodbroPackage(exactOut)).checker).toEqual({ kind: 'exact', caseSensitive: false });
  });

  it('writes a custom checker and per-group checkers (builtin, same files with other args, other files)', async () => {
    const out = await outDir();
    await writeKodbroPackage(
      challenge({
        checker: custom(['--eps', '1e-6']),
        groups: [
          { id: 'plain', points: 10, tests: [test('plain/1', '1', '1')] },
          { id: 'strict', points: 20, tests: [test('strict/1', '2', '2')], checker: custom(['--strict']) },
          { id: 'own', points: 30, tests: [test('own/1', '3', '3')], checker: custom([], 'print("other")\n') },
          { id: 'cased', points: 40, tests: [test('cased/1', '4', '4')], checker: { kind: 'tokens', caseSensitive: false } },
        ],
      }),
      await tempDir(),
      out,
    );
    const manifest = await manifestOf(out);
    expect(manifest.checker).toEqual({ type: 'custom', source: 'checker/check.py', args: ['--eps', '1e-6'] });
    expect(manifest.groups).toEqual([
      { id: 'plain', points: 10 },
      { id: 'strict', points: 20, checker: { type: 'custom', source: 'checker/check.py', args: ['--strict'] } },
      { id: 'own', points: 30, checker: { type: 'custom', source: 'checker/own/check.py' } },
      { id: 'cased', points: 40, checker: { type: 'case-insensitive' } },
    ]);
    const reloaded = await loadKodbroPackage(out);
    expect(reloaded.checker).toEqual(custom(['--eps', '1e-6']));
    expect(reloaded.groups.map((g) => g.checker)).toEqual([undefined, custom(['--strict']), custom([], 'print("other")\n'), { kind: 'tokens', caseSensitive: false }]);
  });
});

describe('writeKodbroPackage: refusals', () => {
  it('refuses a non-empty output folder and a link as output folder', async () => {
    const full = await tempDir();
    await writeFile(path.join(full, 'keep.txt'), 'mine');
    await expectError(writeKodbroPackage(challenge(), await tempDir(), full), 'invalid_argument', /not empty/);
    expect(await readdir(full)).toEqual(['keep.txt']);

    const empty = await tempDir();
    const link = path.join(await tempDir(), 'link');
    await symlink(empty, link);
    await expectError(writeKodbroPackage(challenge(), await tempDir(), link), 'invalid_argument', /links are refused/);
    expect(await readdir(empty)).toEqual([]);
  });

  it('writes into an existing empty folder', async () => {
    const empty = await tempDir();
    await writeKodbroPackage(challenge(), await tempDir(), empty);
    expect((await readdir(empty)).sort()).toEqual(['kodbro.yaml', 'statement.en.md', 'tests']);
  });

  it('never follows a link out of the package to read a solution', async () => {
    const source = await tempDir();
    await writeFile(path.join(os.tmpdir(), `kodbro-secret-${process.pid}.py`), 'secret\n');
    await symlink(path.join(os.tmpdir(), `kodbro-secret-${process.pid}.py`), path.join(source, 'sol.py'));
    const out = await outDir();
    await expectError(writeKodbroPackage(challenge({ solutions: [{ file: 'sol.py', expect: 'accepted' }] }), source, out), 'package_unsafe_path', /leads outside the package/);
    await expectError(writeKodbroPackage(challenge({ solutions: [{ file: '../x.py', expect: 'accepted' }] }), source, out), 'package_unsafe_path', /leaves the package/);
    await rm(path.join(os.tmpdir(), `kodbro-secret-${process.pid}.py`));
  });

  it('refuses a challenge that makes an invalid manifest, before writing anything', async () => {
    const out = await outDir();
    await expectError(writeKodbroPackage(challenge({ id: 'Not An Id' }), await tempDir(), out), 'invalid_argument', /valid kodbro\.yaml:\n {2}id:/);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });
});
