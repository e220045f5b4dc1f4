import { cp, lstat, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verdictSchema } from '../../server/src/contracts/index.ts';
import { lastJson, runCli } from './run-cli.ts';

describe('kodbro judge', () => {
  it('--json prints accepted with score 100 for a reference solution, in the documented shape', async () => {
    const run = await runCli(['judge', 'challenges/meeting-rooms/', 'challenges/meeting-rooms/solutions/accepted.cpp', '--json']);
    expect(run.code).toBe(0);
    const result = lastJson(run);
    expect(result).toMatchObject({ verdict: 'accepted', score: 100 });
    expect(Object.keys(result).sort()).toEqual(['score', 'tests', 'verdict']);
    for (const test of result.tests) {
      expect(Object.keys(test).sort()).toEqual(['id', 'memoryKb', 'timeMs', 'verdict']);
      expect(verdictSchema.parse(test.verdict)).toBe('accepted');
    }
    expect(run.stderr).toMatch(/compiling/);
  });

  it('exits 0 for a wrong solution and reports its verdict; --language overrides the extension', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kodbro-cli-'));
    const file = path.join(dir, 'solution.txt');
    await writeFile(file, await readFile('challenges/meeting-rooms/solutions/wrong.py'));
    const run = await runCli(['judge', 'challenges/meeting-rooms', file, '--language', 'python', '--json']);
    expect(run.code).toBe(0);
    expect(lastJson(run).verdict).toBe('wrong_answer');
  });

  it('prints compileOutput for a compile error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kodbro-cli-'));
    const file = path.join(dir, 'broken.cpp');
    await writeFile(file, 'int main() { return undefined_name; }\n');
    const run = await runCli(['judge', 'tests/fixtures/packages/sum', file, '--json']);
    expect(run.code).toBe(0);
    const result = lastJson(run);
    expect(result.verdict).toBe('compile_error');
    expect(result.compileOutput).toMatch(/undefined_name/);
  });

  it('prints a readable table without --json', async () => {
    const run = await runCli(['judge', 'tests/fixtures/packages/sum', 'tests/fixtures/packages/sum/solutions/accepted.py']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^verdict: accepted$/m);
    expect(run.stdout).toMatch(/^score: 100\/100$/m);
  });

  it.each([
    [['judge', 'challenges/meeting-rooms'], 2, /judge takes <package-dir> <solution-file>/],
    [['frobnicate'], 2, /unknown command frobnicate/],
    [['judge', 'challenges/meeting-rooms', 'x.py', '--bogus'], 2, /Unknown option '--bogus'/],
    [['judge', 'challenges/meeting-rooms', 'README.md'], 1, /Cannot tell the language of README.md/],
    [['judge', 'challenges/meeting-rooms', 'x.py', '--language', 'cobol'], 1, /Unknown language cobol/],
    [['judge', 'no/such/dir', 'x.py'], 1, /Not a folder: no\/such\/dir/],
    [['judge', 'docs', 'x.py'], 1, /neither kodbro.yaml \(Kodbro\) nor problem.yaml \(Kattis\)/],
    [['images', 'destroy'], 2, /images takes one subcommand: build/],
  ])('refuses %j with exit %i and a clear message', async (args, code, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/ {4}at /); // no stack traces
  });

  it('images build reports everything up to date on a second run', async () => {
    const run = await runCli(['images', 'build', '--language', 'python']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/python: up to date/);
    expect(run.stderr).toMatch(/images: all up to date/);
  });
});

describe('kodbro validate', () => {
  it('fails with a readable report when an expected verdict is wrong', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kodbro-validate-'));
    const pkg = path.join(dir, 'pkg');
    const imported = await runCli(['import', 'tests/fixtures/kattis/even-split', pkg]);
    expect(imported.code, imported.stderr).toBe(0);
    const manifestPath = path.join(pkg, 'kodbro.yaml');
    const manifest = await readFile(manifestPath, 'utf8');
    await writeFile(manifestPath, manifest.replace(/expect: wrong_answer/, 'expect: accepted'));
    const run = await runCli(['validate', pkg]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ solutions\/wrong_answer\/.*: expected accepted, got wrong_answer/);
    expect(run.stdout).toMatch(/^FAILED: 1 problem\(s\)$/m);
  });

  it('fails when the package does not load', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kodbro-validate-'));
    await writeFile(path.join(dir, 'kodbro.yaml'), 'format: kodbro/1\nid: x\ntitle: { en: X }\nprivileged: true\n');
    const run = await runCli(['validate', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Unrecognized key: "privileged"/);
    expect(run.stdout).toMatch(/FAILED: the package does not load/);
  });
});

describe('Kattis packages: judged directly and after import, identically', () => {
  const cases = [
    ['bus-fares', 'submissions/accepted/solution.py', 'accepted'],
    ['bus-fares', 'submissions/wrong_answer/wrong.py', 'wrong_answer'],
    ['bus-fares', 'submissions/time_limit_exceeded/slow.py', 'time_limit'],
    ['even-split', 'submissions/accepted/solution.cpp', 'accepted'],
    ['even-split', 'submissions/wrong_answer/greedy.py', 'wrong_answer'],
    // Test data shared through links inside the package (samples in group 1, group 1's cases in group 2).
    ['shared-cases', 'submissions/accepted/solution.py', 'accepted'],
    ['shared-cases', 'submissions/wrong_answer/first-five.py', 'wrong_answer'],
    // Interactive (legacy `validation: custom interactive`, and 2023-07 `type: interactive`): the output validator is the interactor.
    ['interactive-guess', 'submissions/accepted/binary.py', 'accepted'],
    ['interactive-guess', 'submissions/accepted/binary.cpp', 'accepted'],
    ['interactive-guess', 'submissions/wrong_answer/off_by_one.py', 'wrong_answer'],
    ['interactive-guess', 'submissions/time_limit_exceeded/no_flush.py', 'time_limit'],
    ['interactive-guess-2023', 'submissions/accepted/binary.py', 'accepted'],
  ] as const;

  it.each(cases)('%s %s → %s', async (problem, solution, expected) => {
    const source = `tests/fixtures/kattis/${problem}`;
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'kodbro-import-')), problem);
    const imported = await runCli(['import', source, out]);
    expect(imported.code, imported.stderr).toBe(0);

    const direct = lastJson(await runCli(['judge', source, `${source}/${solution}`, '--json']));
    const converted = lastJson(await runCli(['judge', out, `${source}/${solution}`, '--json']));
    expect(direct.verdict).toBe(expected);
    const view = (r: typeof direct) => ({ verdict: r.verdict, score: r.score, tests: r.tests.map((t) => [t.id, t.verdict]) });
    // A too-slow program may stop at a different large test; its verdict and score do not change.
    if (expected === 'time_limit') expect({ verdict: converted.verdict, score: converted.score }).toEqual({ verdict: direct.verdict, score: direct.score });
    else expect(view(converted)).toEqual(view(direct));
  });

  it('validate passes on every fixture as a Kattis package', async () => {
    for (const problem of ['bus-fares', 'even-split', 'shared-cases', 'interactive-guess', 'interactive-guess-2023']) {
      const run = await runCli(['validate', `tests/fixtures/kattis/${problem}`]);
      expect(run.stdout, run.stderr).toMatch(/^OK: /m);
      expect(run.code).toBe(0);
    }
  });
});

describe('links in a package folder: followed inside it, refused when they leave it', () => {
  const FIXTURE = 'tests/fixtures/kattis/shared-cases';

  it('judges the shared cases as the copies they stand for, after import too', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'kodbro-import-')), 'shared-cases');
    const imported = await runCli(['import', FIXTURE, out]);
    expect(imported.code, imported.stderr).toBe(0);
    const wrong = lastJson(await runCli(['judge', out, `${FIXTURE}/submissions/wrong_answer/first-five.py`, '--json']));
    // Group 2 repeats group 1's three cases through links, then adds its own two.
    expect(wrong.tests.map((t) => [t.id, t.verdict])).toEqual([
      ['group1/01-sample', 'accepted'],
      ['group1/02-single', 'accepted'],
      ['group1/03-extremes', 'accepted'],
      ['group2/01-sample', 'accepted'],
      ['group2/02-single', 'accepted'],
      ['group2/03-extremes', 'accepted'],
      ['group2/10-many', 'wrong_answer'],
      ['group2/11-large', 'wrong_answer'],
    ]);
    expect(wrong.score).toBe(40);
    // What import wrote holds copies, never links.
    const hidden = path.join(out, 'tests', 'hidden');
    for (const group of await readdir(hidden)) {
      for (const name of await readdir(path.join(hidden, group))) expect((await lstat(path.join(hidden, group, name))).isSymbolicLink()).toBe(false);
    }
  });

  const escapes: [string, (root: string, outside: string) => Promise<void>][] = [
    ['by ..', (root, outside) => symlink(path.relative(path.join(root, 'data/secret/group2'), path.join(outside, 'stolen.ans')), path.join(root, 'data/secret/group2/12-stolen.ans'))],
    ['by an absolute path', (root, outside) => symlink(path.join(outside, 'stolen.ans'), path.join(root, 'data/secret/group2/12-stolen.ans'))],
    [
      'by a chain of links',
      async (root) => {
        // Each link alone stays inside; followed one after the other they climb out of the package.
        await symlink('../sample', path.join(root, 'data/secret/up'));
        await symlink('../up/../../..', path.join(root, 'data/secret/group2/12-stolen.ans'));
      },
    ],
  ];

  it.each(escapes)('refuses a link that leaves the package %s, in judge, import and validate', async (_how, makeLink) => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'kodbro-links-'));
    const outside = path.join(scratch, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'stolen.ans'), 'the answer\n');
    const root = path.join(scratch, 'shared-cases');
    await cp(FIXTURE, root, { recursive: true, verbatimSymlinks: true });
    await writeFile(path.join(root, 'data/secret/group2/12-stolen.in'), '1\n1\n');
    await makeLink(root, outside);

    const solution = `${FIXTURE}/submissions/accepted/solution.py`;
    for (const args of [['judge', root, solution, '--json'], ['import', root, path.join(scratch, 'imported')], ['validate', root]]) {
      const run = await runCli(args);
      expect(run.code, `${args[0]}: ${run.stdout}${run.stderr}`).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).toMatch(/data\/secret\/group2\/12-stolen\.ans is a link that leads outside the package/);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/the answer/);
    }
    expect(await readdir(scratch)).not.toContain('imported');
  });
});
