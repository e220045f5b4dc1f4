import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
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

  it('validate passes on both fixtures as Kattis packages', async () => {
    for (const problem of ['bus-fares', 'even-split']) {
      const run = await runCli(['validate', `tests/fixtures/kattis/${problem}`]);
      expect(run.stdout, run.stderr).toMatch(/^OK: /m);
      expect(run.code).toBe(0);
    }
  });
});
