import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isKodbroError, type ErrorCode } from '../../errors.ts';
import { LANGUAGE_IDS } from '../../contracts/index.ts';
import { isKattisPackage, loadKattisPackage } from './load.ts';
import { loadChallenge } from '../load.ts';
import { isInteractive, isTranscriptOnly, type PackageContent as Challenge } from '../model.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../tests/fixtures/kattis');

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

type Files = Record<string, string | Buffer>;

/** Writes a package under a fresh temporary folder; `name` is the package folder's name. */
async function makePackage(files: Files, name = 'sample-problem'): Promise<string> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'kodbro-kattis-'));
  temporary.push(parent);
  const root = path.join(parent, name);
  await mkdir(root);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return root;
}

/** A minimal legacy pass-fail package; `extra` adds or replaces files. */
function legacyFiles(extra: Files = {}): Files {
  return {
    'problem.yaml': 'name: Sample problem\n',
    'problem_statement/problem.en.tex': '\\problemname{Sample problem}\nAdd two numbers.\n',
    'data/sample/1.in': '1 2\n',
    'data/sample/1.ans': '3\n',
    'data/secret/1.in': '2 2\n',
    'data/secret/1.ans': '4\n',
    ...extra,
  };
}

async function load(files: Files): Promise<Challenge> {
  return loadKattisPackage(await makePackage(files));
}

async function expectError(promise: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKodbroError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as Error).message).toMatch(message);
}

const groupSummary = (challenge: Challenge) =>
  challenge.groups.map((g) => ({ id: g.id, points: g.points, tests: g.tests.map((t) => t.id) }));

describe('isKattisPackage', () => {
  it('is true with problem.yaml and no kodbro.yaml', async () => {
    expect(await isKattisPackage(await makePackage(legacyFiles()))).toBe(true);
  });

  it('is false when kodbro.yaml is there too, or problem.yaml is missing', async () => {
    expect(await isKattisPackage(await makePackage(legacyFiles({ 'kodbro.yaml': 'format: kodbro/1\n' })))).toBe(false);
    expect(await isKattisPackage(await makePackage({ 'statement.en.md': '# x\n' }))).toBe(false);
  });
});

describe('loadKattisPackage: the basics', () => {
  it('reads a legacy pass-fail package into plain data', async () => {
    const root = await makePackage(legacyFiles(), 'Sample_Problem 2');
    const challenge = await loadKattisPackage(root);
    expect(challenge.format).toBe('kattis');
    expect(challenge.id).toBe('sample-problem-2');
    expect(challenge.title).toEqual({ en: 'Sample problem' });
    expect(challenge.statements.en).toBe('# Sample problem\n\nAdd two numbers.\n');
    expect(challenge.languages).toEqual([...LANGUAGE_IDS]);
    expect(challenge.starters).toEqual({});
    expect(challenge.samples).toEqual([{ id: '1', input: Buffer.from('1 2\n'), answer: Buffer.from('3\n') }]);
    expect(challenge.checker).toEqual({ kind: 'tokens', caseSensitive: false });
    expect(groupSummary(challenge)).toEqual([{ id: '1', points: 1, tests: ['1'] }]);
  });

  it('is what loadChallenge returns for a folder with problem.yaml', async () => {
    const challenge = await loadChallenge(await makePackage(legacyFiles()));
    expect(challenge.format).toBe('kattis');
  });

  it('ignores keys it does not use but validates the ones it does', async () => {
    const ok = await load(legacyFiles({ 'problem.yaml': 'name: X\nuuid: 1234\nkeywords: graphs\ncredits: {authors: Someone}\n' }));
    expect(ok.title).toEqual({ en: 'X' });
    await expectError(load(legacyFiles({ 'problem.yaml': 'type: golf\n' })), 'package_invalid', /problem\.yaml is invalid:\n {2}type/);
    await expectError(load(legacyFiles({ 'problem.yaml': 'limits: {memory: lots}\n' })), 'package_invalid', /limits\.memory/);
    await expectError(load(legacyFiles({ 'problem.yaml': 'name: [unclosed\n' })), 'package_invalid', /not valid YAML/);
    await expectError(load(legacyFiles({ 'data/secret/testdata.yaml': 'on_reject: maybe\n' })), 'package_invalid', /data\/secret\/testdata\.yaml is invalid:\n {2}on_reject/);
  });

  it('refuses a package without secret tests', async () => {
    const files = legacyFiles();
    delete files['data/secret/1.in'];
    delete files['data/secret/1.ans'];
    await expectError(load({ ...files, 'data/secret/empty/testdata.yaml': 'accept_score: 1\n' }), 'package_invalid', /no secret tests/);
  });
});

describe('loadKattisPackage: problem types and validation', () => {
  it('refuses what Kodbro cannot judge faithfully, naming the feature and the file', async () => {
    await expectError(load(legacyFiles({ 'problem.yaml': 'type: scoring\nvalidation: custom score\n' })), 'package_invalid', /^problem\.yaml: validation custom score: validators that award scores/);
    await expectError(load(legacyFiles({ 'problem.yaml': 'type: multi-pass\n' })), 'package_invalid', /^problem\.yaml: type multi-pass: /);
    await expectError(load(legacyFiles({ 'problem.yaml': 'validation: strict\n' })), 'package_invalid', /default or custom/);
    await expectError(
      load(legacyFiles({ 'problem.yaml': 'type: scoring\n', 'data/secret/testdata.yaml': 'grading: custom\n' })),
      'package_invalid',
      /^data\/secret: custom graders \(grading: custom\)/,
    );
    await expectError(
      load(legacyFiles({ 'problem.yaml': 'type: scoring\n', 'data/secret/g/1.in': '1\n', 'data/secret/g/1.ans': '1\n', 'data/secret/g/testdata.yaml': 'grader_flags: max\n' })),
      'package_invalid',
      /^data\/secret\/g: grader_flags max is not supported/,
    );
    await expectError(
      load(legacyFiles({ 'problem.yaml': 'type: scoring\n', 'data/secret/testdata.yaml': 'reject_score: 0.5\n' })),
      'package_invalid',
      /data\/secret.*reject_score/,
    );
    await expectError(load(legacyFiles({ 'include/default/grader.cpp': '' })), 'package_invalid', /include\//);
    await expectError(load(legacyFiles({ 'data/testdata.yaml': 'args: [--fast]\n' })), 'package_invalid', /data\/secret: command-line arguments/);
    await expectError(
      load(legacyFiles({ 'data/secret/g/1.in': '1\n', 'data/secret/g/1.ans': '1\n', 'data/secret/g/testdata.yaml': 'scoring: {require_pass: secret/a}\n' })),
      'package_invalid',
      /^data\/secret\/g: scoring\.require_pass/,
    );
    await expectError(load(legacyFiles({ 'data/secret/1.yaml': 'output_validator_args: [case_sensitive]\n' })), 'package_invalid', /^data\/secret\/1\.yaml: per-test args/);
    expect((await load(legacyFiles({ 'data/secret/1.yaml': 'hint: think\n' }))).groups).toHaveLength(1);
  });
});

describe('loadKattisPackage: interactive problems', () => {
  const interactor = { 'output_validators/guess/interactor.py': 'import sys\n' };
  const transcript = '<3\n>guess 2\n<higher\n>guess 3\n<correct\n';

  it('reads legacy validation: custom interactive with its output validator as the interactor', async () => {
    const challenge = await load(legacyFiles({ 'problem.yaml': 'validation: custom interactive\nvalidator_flags: --strict\n', ...interactor }));
    expect(challenge.checker).toMatchObject({ kind: 'interactor', language: 'python', entry: 'interactor.py', args: ['--strict'] });
    expect(challenge.checker.kind === 'interactor' && challenge.checker.files.map((f) => f.path)).toEqual(['interactor.py']);
    expect(challenge.groups.every((g) => g.checker === undefined)).toBe(true);
  });

  it('reads 2023-07 type interactive alone, with pass-fail and with scoring, and the legacy problem_type key', async () => {
    const draft = (type: string) => ({ 'problem.yaml': `problem_format_version: 2023-07-draft\nname: X\ntype: ${type}\n`, 'output_validator/interactor.cpp': 'int main(){}\n' });
    for (const type of ['interactive', '[pass-fail, interactive]', '[interactive, scoring]']) {
      const challenge = await load(legacyFiles(draft(type)));
      expect(challenge.checker, type).toMatchObject({ kind: 'interactor', language: 'cpp', entry: 'interactor.cpp', args: [] });
    }
    expect((await load(legacyFiles(draft('[interactive, scoring]')))).groups.map((g) => g.points)).toEqual([100]);
    expect((await load(legacyFiles({ 'problem.yaml': 'problem_type: interactive\n', ...interactor }))).checker.kind).toBe('interactor');
  });

  it('refuses an interactive problem without an output validator, naming the feature and the file', async () => {
    await expectError(load(legacyFiles({ 'problem.yaml': 'validation: custom interactive\n' })), 'package_invalid', /^problem\.yaml: validation custom interactive needs an output validator in output_validator\(s\)\//);
    await expectError(
      load(legacyFiles({ 'problem.yaml': 'problem_format_version: 2023-07-draft\nname: X\ntype: interactive\n' })),
      'package_invalid',
      /^problem\.yaml: type interactive needs an output validator in output_validator\(s\)\//,
    );
  });

  it('keeps refusing score validators, multi-pass and submit-answer, interactive or not', async () => {
    await expectError(load(legacyFiles({ 'problem.yaml': 'type: scoring\nvalidation: custom interactive score\n', ...interactor })), 'package_invalid', /^problem\.yaml: validation custom interactive score: validators that award scores are not supported/);
    await expectError(load(legacyFiles({ 'problem.yaml': 'type: [interactive, multi-pass]\n', ...interactor })), 'package_invalid', /^problem\.yaml: type multi-pass: /);
    await expectError(load(legacyFiles({ 'problem.yaml': 'type: [interactive, submit-answer]\n', ...interactor })), 'package_invalid', /^problem\.yaml: type submit-answer: /);
    await expectError(load(legacyFiles({ 'problem.yaml': 'validation: default interactive\n', ...interactor })), 'package_invalid', /^problem\.yaml: validation default interactive: interactive needs custom validation/);
    await expectError(load(legacyFiles({ 'problem.yaml': 'type: interactive\nvalidation: default\n', ...interactor })), 'package_invalid', /^problem\.yaml: type interactive needs a custom output validator, but validation is default/);
    await expectError(load(legacyFiles({ 'problem.yaml': 'validation: custom interactive interactive\n', ...interactor })), 'package_invalid', /unknown validation/);
  });

  it('refuses a group whose validator flags would give it another interactor, naming its folder', async () => {
    await expectError(
      load(legacyFiles({ 'problem.yaml': 'validation: custom interactive\n', ...interactor, 'data/secret/g/1.in': '1\n', 'data/secret/g/1.ans': '1\n', 'data/secret/g/testdata.yaml': 'output_validator_flags: --fast\n' })),
      'package_invalid',
      /^data\/secret\/g\/1: its output validator flags \(testdata\.yaml\) differ from data\/secret's/,
    );
  });

  it('attaches .interaction transcripts to samples, and keeps a transcript without .in as a sample with nothing to run', async () => {
    const challenge = await load(
      legacyFiles({ 'problem.yaml': 'validation: custom interactive\n', ...interactor, 'data/sample/1.interaction': transcript, 'data/sample/0.interaction': '<1\n>guess 1\n<correct\n' }),
    );
    expect(challenge.samples).toEqual([
      { id: '0', input: Buffer.alloc(0), answer: Buffer.alloc(0), interaction: Buffer.from('<1\n>guess 1\n<correct\n') },
      { id: '1', input: Buffer.from('1 2\n'), answer: Buffer.from('3\n'), interaction: Buffer.from(transcript) },
    ]);
    expect(challenge.samples.map(isTranscriptOnly)).toEqual([true, false]);
  });

  it('leaves .interaction files unread in a problem that is not interactive, as before', async () => {
    const challenge = await load(legacyFiles({ 'data/sample/1.interaction': transcript, 'data/sample/9.interaction': transcript }));
    expect(challenge.samples).toEqual([{ id: '1', input: Buffer.from('1 2\n'), answer: Buffer.from('3\n') }]);
    expect(isInteractive(challenge)).toBe(false);
  });
});

describe('loadKattisPackage: limits', () => {
  it('reads legacy limits and the .timelimit file', async () => {
    const challenge = await load(legacyFiles({ 'problem.yaml': 'limits:\n  memory: 512\n  output: 8\n  time_multiplier: 5\n', '.timelimit': '2.5\n' }));
    expect(challenge.limits).toEqual({ timeMs: 2500, memoryMb: 512, outputKb: 8192 });
  });

  it('prefers the 2023-07 time_limit over .timelimit', async () => {
    const challenge = await load(
      legacyFiles({ 'problem.yaml': 'problem_format_version: 2023-07-draft\nname: X\nlimits:\n  time_limit: 1.5\n', '.timelimit': '9\n' }),
    );
    expect(challenge.limits).toEqual({ timeMs: 1500, memoryMb: 2048, outputKb: 8192 });
  });

  it('takes the format\'s defaults (2048 MiB memory, 8 MiB output) and the server\'s time when the package gives none, and refuses a bad .timelimit', async () => {
    expect((await load(legacyFiles())).limits).toEqual({ memoryMb: 2048, outputKb: 8192 });
    await expectError(load(legacyFiles({ '.timelimit': 'soon\n' })), 'package_invalid', /\.timelimit must hold a positive number/);
  });
});

describe('loadKattisPackage: statements', () => {
  it('reads legacy LaTeX and Markdown statements per language; problem.tex alone is English', async () => {
    const files = legacyFiles({ 'problem.yaml': 'name:\n  en: Buses\n  sv: Bussar\n', 'problem_statement/problem.sv.md': 'Bussar *kör*.\n' });
    delete files['problem_statement/problem.en.tex'];
    files['problem_statement/problem.tex'] = '\\problemname{Buses}\nBuses \\emph{run}.\n';
    files['problem_statement/bus.png'] = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    files['problem_statement/problem.en.pdf'] = Buffer.from('%PDF');
    const loaded = await load(files);
    expect(loaded.title).toEqual({ en: 'Buses', sv: 'Bussar' });
    expect(loaded.statements).toEqual({ en: '# Buses\n\nBuses *run*.\n', sv: 'Bussar *kör*.\n' });
    expect(loaded.statementFiles).toEqual([{ path: 'bus.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) }]);
  });

  it('reads 2023-07 statements from statement/ and takes titles from problem.yaml', async () => {
    const files = legacyFiles({
      'problem.yaml': 'problem_format_version: 2023-07-draft\nname:\n  en: Hello\n  pt-BR: Olá\n',
      'statement/problem.en.md': 'Say hello.\n',
      'statement/problem.pt-BR.tex': '\\problemname{}\nDiga \\textbf{olá}.\n',
    });
    delete files['problem_statement/problem.en.tex'];
    const challenge = await load(files);
    expect(challenge.title).toEqual({ en: 'Hello', 'pt-BR': 'Olá' });
    expect(challenge.statements).toEqual({ en: 'Say hello.\n', 'pt-BR': '# Olá\n\nDiga **olá**.\n' });
  });

  it('takes the title from \\problemname when problem.yaml has no name', async () => {
    const challenge = await load(legacyFiles({ 'problem.yaml': 'type: pass-fail\n', 'problem_statement/problem.en.tex': '\\problemname{Big \\emph{Bus}}\nText.\n' }));
    expect(challenge.title).toEqual({ en: 'Big Bus' });
  });

  it('refuses a package whose only statement is a PDF', async () => {
    const files = legacyFiles({ 'problem_statement/problem.en.pdf': '%PDF' });
    delete files['problem_statement/problem.en.tex'];
    await expectError(load(files), 'package_invalid', /no statement.*PDF statements are not supported/);
  });
});

describe('loadKattisPackage: tests and groups', () => {
  it('names secret tests by their path under data/secret and keeps Kattis order', async () => {
    const challenge = await load(
      legacyFiles({
        'data/secret/group1/002.in': 'a\n',
        'data/secret/group1/002.ans': 'a\n',
        'data/secret/group1/10.in': 'b\n',
        'data/secret/group1/10.ans': 'b\n',
        'data/secret/group1/deep/3.in': 'c\n',
        'data/secret/group1/deep/3.ans': 'c\n',
      }),
    );
    expect(groupSummary(challenge)).toEqual([
      { id: '1', points: 1, tests: ['1'] },
      { id: 'group1/002', points: 1, tests: ['group1/002'] },
      { id: 'group1/10', points: 1, tests: ['group1/10'] },
      { id: 'group1/deep/3', points: 1, tests: ['group1/deep/3'] },
    ]);
    expect(challenge.groups[3]?.tests[0]?.input).toEqual(Buffer.from('c\n'));
  });

  it('refuses an .in without its .ans', async () => {
    await expectError(load(legacyFiles({ 'data/secret/g/7.in': '7\n' })), 'package_invalid', /Unpaired tests in data\/secret\/g: 7\.in has no 7\.ans/);
  });

  it('follows links that stay inside the package: a shared test, a linked group folder, a chain', async () => {
    const root = await makePackage(legacyFiles({ 'data/secret/g1/1.in': '5\n', 'data/secret/g1/1.ans': '25\n' }));
    await symlink('1.in', path.join(root, 'data/secret/2.in'));
    await writeFile(path.join(root, 'data/secret/2.ans'), '4\n');
    await symlink('g1', path.join(root, 'data/secret/g2'));
    await mkdir(path.join(root, 'data/secret/g3'));
    await symlink('../g2/1.in', path.join(root, 'data/secret/g3/1.in'));
    await symlink(path.join(root, 'data/secret/g1/1.ans'), path.join(root, 'data/secret/g3/1.ans'));
    const challenge = await loadKattisPackage(root);
    const tests = challenge.groups.flatMap((group) => group.tests);
    const byId = Object.fromEntries(tests.map((test) => [test.id, test.input.toString()]));
    expect(byId['2']).toBe(byId['1']);
    expect(byId['g2/1']).toBe('5\n');
    expect(byId['g3/1']).toBe('5\n');
  });

  it('refuses links that leave the package: by .., by an absolute path, by a chain, and loops', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'kodbro-outside-'));
    await writeFile(path.join(outside, 'secret.in'), 'stolen\n');
    const cases: [string, (root: string) => Promise<void>, RegExp][] = [
      ['..', (root) => symlink(path.relative(path.join(root, 'data/secret'), path.join(outside, 'secret.in')), path.join(root, 'data/secret/2.in')), /leads outside the package/],
      ['absolute', (root) => symlink(path.join(outside, 'secret.in'), path.join(root, 'data/secret/2.in')), /leads outside the package/],
      [
        'chain',
        async (root) => {
          // data/link -> data/sample: harmless alone; through it, three steps up leave the package.
          await symlink('sample', path.join(root, 'data/link'));
          await symlink('../link/../../..', path.join(root, 'data/secret/2.in'));
        },
        /leads outside the package/,
      ],
      ['loop', (root) => symlink('..', path.join(root, 'data/secret/again')), /holds it, a loop/],
      ['dangling', (root) => symlink('nothing.in', path.join(root, 'data/secret/2.in')), /does not exist/],
    ];
    try {
      for (const [, make, message] of cases) {
        const root = await makePackage(legacyFiles());
        await make(root);
        await writeFile(path.join(root, 'data/secret/2.ans'), '4\n');
        const error = await loadKattisPackage(root).then(() => null, (e: unknown) => e as Error);
        expect(error?.message).toMatch(message);
      }
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('refuses test files for file I/O', async () => {
    await expectError(load(legacyFiles({ 'data/secret/1.files/extra.txt': 'x' })), 'package_invalid', /\.files/);
  });

  it('scoring (legacy): a folder earns accept_score when all its tests pass; sum folders split per test', async () => {
    const challenge = await load(
      legacyFiles({
        'problem.yaml': 'type: scoring\nname: S\n',
        'data/testdata.yaml': 'on_reject: continue\ngrader_flags: ignore_sample\n',
        'data/secret/a/1.in': '1\n',
        'data/secret/a/1.ans': '1\n',
        'data/secret/a/2.in': '2\n',
        'data/secret/a/2.ans': '2\n',
        'data/secret/a/testdata.yaml': 'accept_score: 30\ngrader_flags: min\n',
        'data/secret/b/1.in': '1\n',
        'data/secret/b/1.ans': '1\n',
        'data/secret/b/testdata.yaml': 'accept_score: 20\n',
        'data/secret/c/1.in': '1\n',
        'data/secret/c/1.ans': '1\n',
        'data/secret/c/2.in': '2\n',
        'data/secret/c/2.ans': '2\n',
        'data/secret/c/testdata.yaml': 'accept_score: 5\ngrader_flags: first_error sum\n',
      }),
    );
    expect(groupSummary(challenge)).toEqual([
      { id: '1', points: 1, tests: ['1'] },
      { id: 'a', points: 30, tests: ['a/1', 'a/2'] },
      { id: 'b', points: 20, tests: ['b/1'] },
      { id: 'c/1', points: 5, tests: ['c/1'] },
      { id: 'c/2', points: 5, tests: ['c/2'] },
    ]);
  });

  it('scoring: accept_score and grader_flags inherit per key from data/secret', async () => {
    const challenge = await load(
      legacyFiles({
        'problem.yaml': 'type: scoring\n',
        'data/secret/testdata.yaml': 'accept_score: 7\ngrader_flags: min\n',
        'data/secret/g/1.in': '1\n',
        'data/secret/g/1.ans': '1\n',
        'data/secret/g/2.in': '2\n',
        'data/secret/g/2.ans': '2\n',
        'data/secret/g/testdata.yaml': 'on_reject: continue\n',
        'data/secret/h/1.in': '1\n',
        'data/secret/h/1.ans': '1\n',
        'data/secret/h/testdata.yaml': 'grader_flags: sum\n',
      }),
    );
    // grader_flags: min at data/secret makes the whole secret group all-or-nothing.
    expect(groupSummary(challenge)).toEqual([{ id: 'secret', points: 7, tests: ['1', 'g/1', 'g/2', 'h/1'] }]);

    const nested = await load(
      legacyFiles({
        'problem.yaml': 'type: scoring\n',
        'data/secret/testdata.yaml': 'accept_score: 7\n',
        'data/secret/g/1.in': '1\n',
        'data/secret/g/1.ans': '1\n',
        'data/secret/g/testdata.yaml': 'on_reject: continue\n',
        'data/secret/h/1.in': '1\n',
        'data/secret/h/1.ans': '1\n',
        'data/secret/h/2.in': '2\n',
        'data/secret/h/2.ans': '2\n',
        'data/secret/h/testdata.yaml': 'grader_flags: sum\naccept_score: 2\n',
      }),
    );
    expect(groupSummary(nested)).toEqual([
      { id: '1', points: 7, tests: ['1'] },
      { id: 'g', points: 7, tests: ['g/1'] },
      { id: 'h/1', points: 2, tests: ['h/1'] },
      { id: 'h/2', points: 2, tests: ['h/2'] },
    ]);
  });

  it('scoring (2023-07): scoring.score, shares of the secret 100, sum aggregation, test_group.yaml', async () => {
    const files = legacyFiles({
      'problem.yaml': 'problem_format_version: 2023-07-draft\ntype: scoring\nname: S\n',
      'data/secret/a/1.in': '1\n',
      'data/secret/a/1.ans': '1\n',
      'data/secret/a/test_group.yaml': 'scoring:\n  score: 30\n  aggregation: min\n',
      'data/secret/b/1.in': '1\n',
      'data/secret/b/1.ans': '1\n',
      'data/secret/b/2.in': '2\n',
      'data/secret/b/2.ans': '2\n',
      'data/secret/c/1.in': '1\n',
      'data/secret/c/1.ans': '1\n',
      'data/secret/c/2.in': '2\n',
      'data/secret/c/2.ans': '2\n',
      'data/secret/c/3.in': '3\n',
      'data/secret/c/3.ans': '3\n',
      'data/secret/c/4.in': '4\n',
      'data/secret/c/4.ans': '4\n',
      'data/secret/c/testdata.yaml': 'scoring: {score: "20", aggregation: sum}\n',
    });
    delete files['data/secret/1.in'];
    delete files['data/secret/1.ans'];
    const challenge = await load(files);
    expect(groupSummary(challenge)).toEqual([
      { id: 'a', points: 30, tests: ['a/1'] },
      { id: 'b', points: 50, tests: ['b/1', 'b/2'] }, // (100 - 30 - 20) left for the one unscored group
      { id: 'c/1', points: 5, tests: ['c/1'] },
      { id: 'c/2', points: 5, tests: ['c/2'] },
      { id: 'c/3', points: 5, tests: ['c/3'] },
      { id: 'c/4', points: 5, tests: ['c/4'] },
    ]);
  });

  it('scoring (2023-07): refuses unbounded scores and groups worth more than the secret group', async () => {
    const base = { 'problem.yaml': 'problem_format_version: 2023-07-draft\ntype: scoring\nname: S\n', 'data/secret/a/1.in': '1\n', 'data/secret/a/1.ans': '1\n' };
    await expectError(load(legacyFiles({ ...base, 'data/secret/a/testdata.yaml': 'scoring: {score: unbounded}\n' })), 'package_invalid', /unbounded/);
    await expectError(load(legacyFiles({ ...base, 'data/secret/a/testdata.yaml': 'scoring: {score: 120}\n' })), 'package_invalid', /exceed/);
  });
});

describe('loadKattisPackage: the default validator', () => {
  it('a flag set at data/secret reaches a nested folder; a nested override wins', async () => {
    const challenge = await load(
      legacyFiles({
        'data/secret/testdata.yaml': 'output_validator_flags: float_tolerance 1e-4\n',
        'data/secret/g1/sub/1.in': '1\n',
        'data/secret/g1/sub/1.ans': '1.5\n',
        'data/secret/g2/1.in': '1\n',
        'data/secret/g2/1.ans': 'Yes\n',
        'data/secret/g2/testdata.yaml': 'output_validator_flags: case_sensitive\n',
      }),
    );
    expect(challenge.checker).toEqual({ kind: 'tokens', caseSensitive: false, float: { absolute: 1e-4, relative: 1e-4 } });
    expect(challenge.groups.map((g) => [g.id, g.checker])).toEqual([
      ['1', undefined],
      ['g1/sub/1', undefined],
      ['g2/1', { kind: 'tokens', caseSensitive: true }],
    ]);
  });

  it('combines problem.yaml validator_flags with a folder flag and reads 2023-07 output_validator_args', async () => {
    const legacy = await load(
      legacyFiles({
        'problem.yaml': 'validator_flags: case_sensitive\n',
        'data/secret/g/1.in': '1\n',
        'data/secret/g/1.ans': '1\n',
        'data/secret/g/testdata.yaml': 'output_validator_flags: {name: default, flags: float_relative_tolerance 0.01}\n',
      }),
    );
    expect(legacy.checker).toEqual({ kind: 'tokens', caseSensitive: true });
    expect(legacy.groups[1]?.checker).toEqual({ kind: 'tokens', caseSensitive: true, float: { absolute: 0, relative: 0.01 } });

    const draft = await load(
      legacyFiles({
        'problem.yaml': 'problem_format_version: 2023-07-draft\nname: X\n',
        'data/secret/testdata.yaml': 'output_validator_args: [space_change_sensitive]\n',
      }),
    );
    expect(draft.checker).toEqual({ kind: 'exact', caseSensitive: false });
  });

  it('scoring groups get a checker when their flags differ, and none when they only inherit', async () => {
    const challenge = await load(
      legacyFiles({
        'problem.yaml': 'type: scoring\n',
        'data/secret/testdata.yaml': 'output_validator_flags: float_tolerance 1e-6\n',
        'data/secret/a/1.in': '1\n',
        'data/secret/a/1.ans': '1\n',
        'data/secret/a/testdata.yaml': 'accept_score: 40\ngrader_flags: min\n',
        'data/secret/b/1.in': '1\n',
        'data/secret/b/1.ans': '1\n',
        'data/secret/b/testdata.yaml': 'accept_score: 60\noutput_validator_flags: case_sensitive\n',
        'data/secret/b/x/1.in': '1\n',
        'data/secret/b/x/1.ans': '1\n',
        'data/secret/b/x/testdata.yaml': 'output_validator_flags: case_sensitive\n',
      }),
    );
    expect(challenge.groups.map((g) => [g.id, g.points, g.checker])).toEqual([
      ['1', 1, undefined],
      ['a', 40, undefined],
      ['b', 60, { kind: 'tokens', caseSensitive: true }],
    ]);
  });

  it('refuses a group whose tests compare differently', async () => {
    await expectError(
      load(
        legacyFiles({
          'problem.yaml': 'type: scoring\n',
          'data/secret/b/1.in': '1\n',
          'data/secret/b/1.ans': '1\n',
          'data/secret/b/x/1.in': '1\n',
          'data/secret/b/x/1.ans': '1\n',
          'data/secret/b/x/testdata.yaml': 'output_validator_flags: case_sensitive\n',
        }),
      ),
      'package_invalid',
      /data\/secret\/b: its tests pass different output validator flags/,
    );
  });
});

describe('loadKattisPackage: custom output validators', () => {
  it('finds a legacy C++ validator, its helpers, and passes the flags as args', async () => {
    const challenge = await load(
      legacyFiles({
        'problem.yaml': 'validation: custom\nvalidator_flags: --eps 1e-6\n',
        'output_validators/mine/validator.cpp': '// main\n',
        'output_validators/mine/helper.cpp': '// helper\n',
        'output_validators/mine/testlib.h': '// header\n',
        'output_validators/mine/make_tests.py': 'print()\n',
        'data/secret/g/1.in': '1\n',
        'data/secret/g/1.ans': '1\n',
        'data/secret/g/testdata.yaml': 'output_validator_flags: --strict\n',
      }),
    );
    expect(challenge.checker).toMatchObject({ kind: 'custom', language: 'cpp', entry: 'validator.cpp', args: ['--eps', '1e-6'] });
    expect(challenge.checker.kind === 'custom' && challenge.checker.files.map((f) => f.path)).toEqual(['helper.cpp', 'make_tests.py', 'testlib.h', 'validator.cpp']);
    expect(challenge.groups[1]?.checker).toMatchObject({ kind: 'custom', entry: 'validator.cpp', args: ['--eps', '1e-6', '--strict'] });
  });

  it('takes a single Python file, and a 2023-07 output_validator/ folder without a validation key', async () => {
    const legacy = await load(legacyFiles({ 'problem.yaml': 'validation: custom\n', 'output_validators/check/check.py': 'import sys\n' }));
    expect(legacy.checker).toMatchObject({ kind: 'custom', language: 'python', entry: 'check.py', args: [] });

    const draft = await load(
      legacyFiles({ 'problem.yaml': 'problem_format_version: 2023-07-draft\nname: X\n', 'output_validator/validate.c': 'int main(){}\n', 'output_validator/README': 'notes\n' }),
    );
    expect(draft.checker).toMatchObject({ kind: 'custom', language: 'c', entry: 'validate.c' });

    const ignored = await load(legacyFiles({ 'output_validators/check/check.py': 'import sys\n' }));
    expect(ignored.checker).toEqual({ kind: 'tokens', caseSensitive: false }); // legacy: validation default wins
  });

  it('refuses validators it cannot run', async () => {
    const custom = { 'problem.yaml': 'validation: custom\n' };
    await expectError(load(legacyFiles(custom)), 'package_invalid', /no output_validators/);
    await expectError(load(legacyFiles({ ...custom, 'output_validators/v/a.py': '', 'output_validators/v/b.py': '' })), 'package_invalid', /cannot tell which/);
    await expectError(load(legacyFiles({ ...custom, 'output_validators/v/v.py': '', 'output_validators/v/lib/x.py': '' })), 'package_invalid', /sub-folders/);
    await expectError(load(legacyFiles({ ...custom, 'output_validators/v/build': '', 'output_validators/v/v.py': '' })), 'package_invalid', /build\/run/);
    await expectError(load(legacyFiles({ ...custom, 'output_validators/a/v.py': '', 'output_validators/b/v.py': '' })), 'package_invalid', /Kodbro runs one/);
  });
});

describe('loadKattisPackage: submissions', () => {
  it('maps the verdict folders and skips what cannot be checked', async () => {
    const challenge = await load(
      legacyFiles({
        'submissions/accepted/a.py': '',
        'submissions/accepted/Main.java': '',
        'submissions/accepted/notes.txt': '',
        'submissions/accepted/multi/main.cpp': '',
        'submissions/wrong_answer/w.cpp': '',
        'submissions/time_limit_exceeded/t.go': '',
        'submissions/run_time_error/r.c': '',
        'submissions/memory_limit_exceeded/m.js': '',
        'submissions/output_limit_exceeded/o.py': '',
        'submissions/compile_error/c.cpp': '',
        'submissions/partially_accepted/p.py': '',
        'submissions/brute_force/b.py': '',
        'submissions/rejected/x.py': '',
      }),
    );
    expect(challenge.solutions).toEqual([
      { file: 'submissions/accepted/a.py', expect: 'accepted' },
      { file: 'submissions/accepted/Main.java', expect: 'accepted' },
      { file: 'submissions/compile_error/c.cpp', expect: 'compile_error' },
      { file: 'submissions/memory_limit_exceeded/m.js', expect: 'memory_limit' },
      { file: 'submissions/output_limit_exceeded/o.py', expect: 'output_limit' },
      { file: 'submissions/run_time_error/r.c', expect: 'runtime_error' },
      { file: 'submissions/time_limit_exceeded/t.go', expect: 'time_limit' },
      { file: 'submissions/wrong_answer/w.cpp', expect: 'wrong_answer' },
    ]);
  });
});

describe('the committed fixtures', () => {
  it('bus-fares: legacy scoring, two all-or-nothing groups, float tolerance from data/secret', async () => {
    const challenge = await loadKattisPackage(path.join(FIXTURES, 'bus-fares'));
    expect(challenge.id).toBe('bus-fares');
    expect(challenge.title).toEqual({ en: 'Bus fares', sv: 'Bussbiljetter' });
    expect(Object.keys(challenge.statements)).toEqual(['en', 'sv']);
    expect(challenge.statements.en).toMatch(/^# Bus fares\n\n/);
    expect(challenge.statements.en).toContain('## Input');
    expect(challenge.limits).toEqual({ timeMs: 1000, memoryMb: 256, outputKb: 8192 });
    expect(challenge.checker).toEqual({ kind: 'tokens', caseSensitive: false, float: { absolute: 1e-6, relative: 1e-6 } });
    expect(challenge.samples.map((t) => t.id)).toEqual(['1', '2']);
    expect(challenge.groups.map((g) => [g.id, g.points, g.tests.length, g.checker])).toEqual([
      ['group1', 40, 4, undefined],
      ['group2', 60, 4, undefined],
    ]);
    expect(Math.max(...challenge.groups.flatMap((g) => g.tests.map((t) => t.input.length)))).toBeLessThan(1024 * 1024);
    expect(challenge.solutions.map((s) => [path.basename(s.file), s.expect])).toEqual([
      ['solution.cpp', 'accepted'],
      ['solution.py', 'accepted'],
      ['slow.py', 'time_limit'],
      ['wrong.py', 'wrong_answer'],
    ]);
  });

  it('interactive-guess: legacy custom interactive, a Python interactor, transcripts, submissions', async () => {
    const challenge = await loadKattisPackage(path.join(FIXTURES, 'interactive-guess'));
    expect(isInteractive(challenge)).toBe(true);
    expect(challenge.checker).toMatchObject({ kind: 'interactor', language: 'python', entry: 'interactor.py', args: [] });
    expect(challenge.limits).toEqual({ timeMs: 1000, memoryMb: 256, outputKb: 8192 });
    expect(challenge.samples.map((t) => [t.id, isTranscriptOnly(t)])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    expect(challenge.samples[0]?.interaction?.toString('utf8')).toMatch(/^<10\n>guess 5\n<higher\n/);
    expect(challenge.groups).toHaveLength(7);
    expect(challenge.groups.every((g) => g.points === 1 && g.checker === undefined)).toBe(true);
    expect(challenge.solutions.map((s) => [path.basename(s.file), s.expect])).toEqual([
      ['binary.cpp', 'accepted'],
      ['binary.py', 'accepted'],
      ['no_flush.py', 'time_limit'],
      ['off_by_one.py', 'wrong_answer'],
    ]);
  });
  it('interactive-guess-2023: the same problem as 2023-07 type [pass-fail, interactive] with output_validator/', async () => {
    const legacy = await loadKattisPackage(path.join(FIXTURES, 'interactive-guess'));
    const draft = await loadKattisPackage(path.join(FIXTURES, 'interactive-guess-2023'));
    expect(draft.checker).toEqual(legacy.checker);
    expect(draft.samples).toEqual(legacy.samples);
    expect(draft.groups).toEqual(legacy.groups);
  });
  it('even-split: legacy pass-fail with a Python output validator', async () => {
    const challenge = await loadKattisPackage(path.join(FIXTURES, 'even-split'));
    expect(challenge.checker).toMatchObject({ kind: 'custom', language: 'python', entry: 'validate.py', args: [] });
    expect(challenge.groups.every((g) => g.points === 1 && g.tests.length === 1 && g.tests[0]?.id === g.id)).toBe(true);
    expect(challenge.groups).toHaveLength(10);
    expect(challenge.solutions.map((s) => s.expect).sort()).toEqual(['accepted', 'accepted', 'wrong_answer']);
  });
});
