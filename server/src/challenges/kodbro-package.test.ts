import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKodbroError } from '../errors.ts';
import { LANGUAGE_IDS } from '../contracts/index.ts';
import { loadKodbroPackage, parseManifest } from './kodbro-package.ts';

const manifest = (yaml: string) => () => parseManifest(Buffer.from(yaml));

async function writePackage(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'kodbro-pkg-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

const MINIMAL = {
  'kodbro.yaml': 'format: kodbro/1\nid: demo\ntitle:\n  en: Demo\n',
  'statement.en.md': '# Demo\n',
  'tests/sample/1.in': '1\n',
  'tests/sample/1.ans': '1\n',
  'tests/hidden/1.in': '1\n',
  'tests/hidden/1.ans': '1\n',
  'tests/hidden/10.in': '10\n',
  'tests/hidden/10.ans': '10\n',
  'tests/hidden/2.in': '2\n',
  'tests/hidden/2.ans': '2\n',
};

async function loadError(files: Record<string, string>): Promise<string> {
  try {
    await loadKodbroPackage(await writePackage(files));
  } catch (error) {
    if (isKodbroError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected the package to be refused');
}

describe('parseManifest', () => {
  it('parses a full manifest with defaults filled in', () => {
    const parsed = manifest(`
format: kodbro/1
id: meeting-rooms
title: { en: Meeting rooms, sv: Mötesrum, ar: غرف الاجتماعات }
languages: [python, cpp]
limits: { timeMs: 1500, memoryMb: 128 }
checker: { type: float }
groups:
  - { id: small, points: 30 }
  - { id: large, points: 70, checker: { type: exact } }
solutions:
  - { file: solutions/ok.py, expect: accepted }
`)();
    expect(parsed.checker).toEqual({ type: 'float', absolute: 1e-6, relative: 1e-6, caseSensitive: true });
    expect(parsed.groups?.[1]?.checker).toEqual({ type: 'exact', caseSensitive: true });
    expect(parsed.title.ar).toBe('غرف الاجتماعات');
  });

  it.each([
    ['an unknown key', 'format: kodbro/1\nid: a\ntitle: { en: A }\nprivileged: true\n', /Unrecognized key/],
    ['a container option in limits', 'format: kodbro/1\nid: a\ntitle: { en: A }\nlimits: { image: evil }\n', /Unrecognized key/],
    ['a wrong format', 'format: kodbro/2\nid: a\ntitle: { en: A }\n', /format/],
    ['a bad id', 'format: kodbro/1\nid: Bad_Id\ntitle: { en: A }\n', /id: lower-case/],
    ['no title', 'format: kodbro/1\nid: a\ntitle: {}\n', /at least one title/],
    ['a bad locale', 'format: kodbro/1\nid: a\ntitle: { english: A }\n', /BCP 47/],
    ['an unknown language', 'format: kodbro/1\nid: a\ntitle: { en: A }\nlanguages: [cobol]\n', /languages/],
    ['a negative limit', 'format: kodbro/1\nid: a\ntitle: { en: A }\nlimits: { timeMs: -1 }\n', /limits.timeMs/],
    ['a fractional limit', 'format: kodbro/1\nid: a\ntitle: { en: A }\nlimits: { memoryMb: 1.5 }\n', /limits.memoryMb/],
    ['duplicate groups', 'format: kodbro/1\nid: a\ntitle: { en: A }\ngroups: [{ id: g, points: 1 }, { id: g, points: 2 }]\n', /unique/],
    ['a path leaving the package', 'format: kodbro/1\nid: a\ntitle: { en: A }\nsolutions: [{ file: ../x.py, expect: accepted }]\n', /inside the package/],
    ['an absolute checker path', 'format: kodbro/1\nid: a\ntitle: { en: A }\nchecker: { type: custom, source: /etc/passwd }\n', /inside the package/],
    ['system_error as an expectation', 'format: kodbro/1\nid: a\ntitle: { en: A }\nsolutions: [{ file: a.py, expect: system_error }]\n', /expect/],
    ['not YAML', 'format: [\n', /not valid YAML/],
    ['a YAML alias bomb', `a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`, /not valid YAML|alias/i],
  ])('refuses %s with a readable message', (_name, yaml, message) => {
    expect(manifest(yaml)).toThrow(message);
  });

  it('accepts absurd limits so the server can clamp them', () => {
    expect(manifest('format: kodbro/1\nid: a\ntitle: { en: A }\nlimits: { timeMs: 1000000000000 }\n')().limits?.timeMs).toBe(1e12);
  });
});

describe('loadKodbroPackage', () => {
  it('loads statements, samples and ungrouped hidden tests in natural order, one point each', async () => {
    const challenge = await loadKodbroPackage(await writePackage({ ...MINIMAL, 'starter/main.py': 'print()\n', 'starter/Main.java': 'class Main {}\n' }));
    expect(challenge.statements).toEqual({ en: '# Demo\n' });
    expect(challenge.samples.map((t) => t.id)).toEqual(['1']);
    expect(challenge.groups.map((g) => [g.id, g.points, g.tests.map((t) => t.id)])).toEqual([
      ['1', 1, ['1']],
      ['2', 1, ['2']],
      ['10', 1, ['10']],
    ]);
    expect(challenge.checker).toEqual({ kind: 'tokens', caseSensitive: true });
    expect(Object.keys(challenge.starters).sort()).toEqual(['java', 'python']);
    expect(challenge.languages).toEqual([...LANGUAGE_IDS]);
  });

  it('loads groups from their folders with prefixed test ids', async () => {
    const { 'tests/hidden/1.in': _a, 'tests/hidden/1.ans': _b, 'tests/hidden/2.in': _c, 'tests/hidden/2.ans': _d, 'tests/hidden/10.in': _e, 'tests/hidden/10.ans': _f, ...rest } = MINIMAL;
    const challenge = await loadKodbroPackage(
      await writePackage({
        ...rest,
        'kodbro.yaml': 'format: kodbro/1\nid: demo\ntitle: { en: Demo }\ngroups: [{ id: small, points: 40 }, { id: big, points: 60 }]\n',
        'tests/hidden/small/1.in': '1',
        'tests/hidden/small/1.ans': '1',
        'tests/hidden/big/1.in': '2',
        'tests/hidden/big/1.ans': '2',
      }),
    );
    expect(challenge.groups.map((g) => [g.id, g.points, g.tests.map((t) => t.id)])).toEqual([
      ['small', 40, ['small/1']],
      ['big', 60, ['big/1']],
    ]);
  });

  it.each([
    ['no statement', { 'statement.en.md': undefined }, /no statement/],
    ['no hidden tests', { 'tests/hidden/1.in': undefined, 'tests/hidden/1.ans': undefined, 'tests/hidden/2.in': undefined, 'tests/hidden/2.ans': undefined, 'tests/hidden/10.in': undefined, 'tests/hidden/10.ans': undefined }, /no hidden tests/],
    ['an input without its answer', { 'tests/hidden/3.in': '3' }, /3\.in has no 3\.ans/],
    ['an answer without its input', { 'tests/sample/9.ans': '3' }, /9\.ans has no 9\.in/],
    ['a group folder without groups', { 'tests/hidden/g/1.in': '1', 'tests/hidden/g/1.ans': '1' }, /manifest lists no groups/],
    ['a missing solution file', { 'kodbro.yaml': 'format: kodbro/1\nid: demo\ntitle: { en: Demo }\nsolutions: [{ file: solutions/a.py, expect: accepted }]\n' }, /Missing file: solutions\/a\.py/],
    ['a starter in an unknown language', { 'starter/main.cob': 'DISPLAY 1' }, /no language uses this extension/],
    ['a statement with a bad locale', { 'statement.english.md': 'x' }, /BCP 47/],
  ])('refuses %s', async (_name, changes, message) => {
    const files = { ...MINIMAL, ...changes } as Record<string, string | undefined>;
    const present = Object.fromEntries(Object.entries(files).filter(([, v]) => v !== undefined)) as Record<string, string>;
    expect(await loadError(present)).toMatch(message);
  });

  it('refuses a listed group without its folder and a folder no group lists', async () => {
    const grouped = { ...MINIMAL, 'kodbro.yaml': 'format: kodbro/1\nid: demo\ntitle: { en: Demo }\ngroups: [{ id: small, points: 1 }]\n' };
    expect(await loadError(grouped)).toMatch(/tests\/hidden holds entries no group lists/);
  });

  it('refuses links that leave the package, and follows those that stay inside', async () => {
    const root = await writePackage(MINIMAL);
    await symlink('/etc/passwd', path.join(root, 'tests/hidden/3.in'));
    await writeFile(path.join(root, 'tests/hidden/3.ans'), 'x');
    await expect(loadKodbroPackage(root)).rejects.toMatchObject({ code: 'package_unsafe_path', message: expect.stringMatching(/leads outside the package/) });

    const inside = await writePackage(MINIMAL);
    await symlink('1.in', path.join(inside, 'tests/hidden/3.in'));
    await symlink(path.join(inside, 'tests/hidden/1.ans'), path.join(inside, 'tests/hidden/3.ans'));
    const challenge = await loadKodbroPackage(inside);
    const tests = challenge.groups.flatMap((group) => group.tests);
    expect(tests.find((test) => test.id.endsWith('3'))?.input).toEqual(tests.find((test) => test.id.endsWith('1'))?.input);
  });

  it('loads a custom checker with every file of its folder', async () => {
    const challenge = await loadKodbroPackage(
      await writePackage({
        ...MINIMAL,
        'kodbro.yaml': 'format: kodbro/1\nid: demo\ntitle: { en: Demo }\nchecker: { type: custom, source: checker/check.cpp, args: [--strict] }\n',
        'checker/check.cpp': 'int main() {}',
        'checker/testlib.h': '// header',
      }),
    );
    expect(challenge.checker).toMatchObject({ kind: 'custom', language: 'cpp', entry: 'check.cpp', args: ['--strict'] });
    expect((challenge.checker as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['check.cpp', 'testlib.h']);
  });
});

describe('function-signature packages', () => {
  const SIGNATURE = `signature:
  name: add_all
  params:
    - { name: numbers, type: { kind: list, of: { kind: int, min: -100, max: 100 } } }
  returns: { kind: int, min: -100000, max: 100000 }
`;
  const files = (extra: Record<string, string> = {}, manifestTail = '') => ({
    ...MINIMAL,
    'kodbro.yaml': `format: kodbro/1\nid: demo\ntitle:\n  en: Demo\n${SIGNATURE}${manifestTail}`,
    'tests/sample/1.in': '[[1, 2]]\n',
    'tests/sample/1.ans': '3\n',
    'tests/hidden/1.in': '[[]]',
    'tests/hidden/1.ans': '0',
    'tests/hidden/10.in': '[[-100, 100, 5]]',
    'tests/hidden/10.ans': '5',
    'tests/hidden/2.in': '[[2]]',
    'tests/hidden/2.ans': '2',
    ...extra,
  });

  it('loads with a value checker, generated starters and the signature', async () => {
    const loaded = await loadKodbroPackage(await writePackage(files()));
    expect(loaded.signature?.name).toBe('add_all');
    expect(loaded.checker).toEqual({ kind: 'value', comparison: {} });
    expect(loaded.starters.python).toContain('def add_all(numbers: list[int]) -> int:');
  });

  it('names the test whose arguments or expected value do not fit the signature', async () => {
    expect(await loadError(files({ 'tests/hidden/2.in': '[[200]]' }))).toBe('package_invalid: tests/hidden/2: the input: numbers[0]: 200 is outside -100…100');
    expect(await loadError(files({ 'tests/sample/1.ans': '"3"' }))).toBe('package_invalid: tests/sample/1: the answer: answer: expected an integer, got the string "3"');
    expect(await loadError(files({ 'tests/hidden/1.in': '1\n' }))).toMatch(/tests\/hidden\/1: the input: expected a JSON array/);
  });

  it('refuses another checker, a value checker without a signature, a starter folder and reserved names', async () => {
    expect(await loadError(files({}, 'checker: { type: tokens }\n'))).toMatch(/compares the returned values \(checker type value\), not with checker type tokens/);
    expect(await loadError({ ...MINIMAL, 'kodbro.yaml': 'format: kodbro/1\nid: demo\ntitle:\n  en: Demo\nchecker: { type: value }\n' })).toMatch(/checker type value compares returned values, and needs a signature/);
    expect(await loadError(files({ 'starter/main.py': 'pass\n' }))).toMatch(/starters generated from the signature/);
    const reserved = files();
    reserved['kodbro.yaml'] = reserved['kodbro.yaml'].replace('name: numbers', 'name: lambda');
    expect(await loadError(reserved)).toMatch(/lambda cannot be used as a name: python.* reserve/);
  });
});
