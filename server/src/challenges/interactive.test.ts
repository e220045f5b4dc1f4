import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGE_IDS } from '../contracts/index.ts';
import { DEFAULT_JUDGE_LIMITS } from '../config/index.ts';
import { isKodbroError } from '../errors.ts';
import { challengeMeta } from './bundle.ts';
import { draftToPackage, packageToDraft } from './draft.ts';
import { loadKattisPackage } from './kattis/index.ts';
import { loadKodbroPackage } from './kodbro-package.ts';
import { lintChallenge } from './lint.ts';
import { loadChallenge, withStatementDocs } from './load.ts';
import { isInteractive, isTranscriptOnly, type PackageContent } from './model.ts';
import { withTestDataInFiles } from './test-data.ts';
import { writeKodbroPackage } from './write-package.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const GUESS = path.join(REPO, 'challenges', 'guess-the-number');
const KATTIS_GUESS = path.join(REPO, 'tests', 'fixtures', 'kattis', 'interactive-guess');

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kodbro-interactive-'));
  temporary.push(dir);
  return dir;
}

async function writePackage(files: Record<string, string>): Promise<string> {
  const root = await tempDir();
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

const TRANSCRIPT = '<3\n>guess 2\n<higher\n>guess 3\n<correct\n';

/** A small interactive Kodbro package; `manifestTail` is appended to the manifest, `extra` adds or replaces files. */
function interactivePackage(manifestTail = '', extra: Record<string, string> = {}): Record<string, string> {
  return {
    'kodbro.yaml': `format: kodbro/1\nid: guess\ntitle: { en: Guess }\nchecker: { type: interactor, source: interactor/interactor.py, args: [--strict] }\n${manifestTail}`,
    'statement.en.md': '# Guess\n',
    'interactor/interactor.py': 'import sys\n',
    'interactor/helper.py': 'X = 1\n',
    'tests/sample/1.in': '3 3\n',
    'tests/sample/1.ans': '3\n',
    'tests/sample/1.interaction': TRANSCRIPT,
    'tests/sample/2.interaction': '<1\n>guess 1\n<correct\n',
    'tests/hidden/1.in': '10 7\n',
    'tests/hidden/1.ans': '7\n',
    ...extra,
  };
}

async function loadError(files: Record<string, string>): Promise<string> {
  try {
    await loadKodbroPackage(await writePackage(files));
  } catch (error) {
    if (isKodbroError(error, 'package_invalid')) return error.message;
    throw error;
  }
  throw new Error('expected the package to be refused');
}

describe('Kodbro format: checker type interactor', () => {
  it('loads the interactor like a custom checker (language from the extension, every file of its folder) and the sample transcripts', async () => {
    const challenge = await loadKodbroPackage(await writePackage(interactivePackage()));
    expect(isInteractive(challenge)).toBe(true);
    expect(challenge.checker).toMatchObject({ kind: 'interactor', language: 'python', entry: 'interactor.py', args: ['--strict'] });
    expect(challenge.checker.kind === 'interactor' && challenge.checker.files.map((f) => f.path)).toEqual(['helper.py', 'interactor.py']);
    expect(challenge.samples).toEqual([
      { id: '1', input: Buffer.from('3 3\n'), answer: Buffer.from('3\n'), interaction: Buffer.from(TRANSCRIPT) },
      { id: '2', input: Buffer.alloc(0), answer: Buffer.alloc(0), interaction: Buffer.from('<1\n>guess 1\n<correct\n') },
    ]);
    expect(challenge.samples.map(isTranscriptOnly)).toEqual([false, true]);
  });

  it('refuses a group checker in an interactive package, and an interactor as a group checker, naming the manifest and the group', async () => {
    const groups = (checker: string) => `groups:\n  - { id: g, points: 1${checker} }\n`;
    const grouped = { 'tests/hidden/g/1.in': '1 1\n', 'tests/hidden/g/1.ans': '1\n' };
    const { 'tests/hidden/1.in': _in, 'tests/hidden/1.ans': _ans, ...flat } = interactivePackage();
    expect(await loadError({ ...flat, ...grouped, 'kodbro.yaml': `${flat['kodbro.yaml'] as string}${groups(', checker: { type: tokens }')}` })).toMatch(
      /^kodbro\.yaml: group g has a checker of its own, but the package's checker is an interactor/,
    );
    expect(
      await loadError({
        ...flat,
        ...grouped,
        'tests/sample/1.interaction': '',
        'kodbro.yaml': `format: kodbro/1\nid: guess\ntitle: { en: Guess }\n${groups(', checker: { type: interactor, source: interactor/interactor.py }')}`,
      }),
    ).toMatch(/^kodbro\.yaml: group g: checker type interactor is only allowed as the package's checker/);
  });

  it('refuses a transcript in a package that is not interactive, naming the file', async () => {
    const files = interactivePackage();
    files['kodbro.yaml'] = 'format: kodbro/1\nid: guess\ntitle: { en: Guess }\n';
    expect(await loadError(files)).toMatch(/^tests\/sample\/1\.interaction: a sample transcript \(\.interaction\) is only for interactive challenges/);
  });

  it('refuses an interactor whose source is missing or in no known language', async () => {
    expect(await loadError(interactivePackage('', { 'kodbro.yaml': 'format: kodbro/1\nid: g\ntitle: { en: G }\nchecker: { type: interactor, source: interactor/nope.py }\n' }))).toMatch(
      /Missing interactor source interactor\/nope\.py/,
    );
    expect(await loadError(interactivePackage('', { 'kodbro.yaml': 'format: kodbro/1\nid: g\ntitle: { en: G }\nchecker: { type: interactor, source: interactor/run.sh }\n' }))).toMatch(
      /no language uses this extension/,
    );
  });
});

describe('the sample challenge guess-the-number', () => {
  it('loads as an interactive challenge with transcripts, three groups, every language with a starter, and the declared solutions', async () => {
    const challenge = await loadChallenge(GUESS);
    expect(challenge.format).toBe('kodbro');
    expect(challenge.checker).toMatchObject({ kind: 'interactor', language: 'python', entry: 'interactor.py', args: [] });
    expect(Object.keys(challenge.statements).sort()).toEqual(['ar', 'en', 'sv']);
    expect(challenge.languages).toEqual([...LANGUAGE_IDS]);
    expect(Object.keys(challenge.starters).sort()).toEqual([...LANGUAGE_IDS].sort());
    expect(challenge.samples.every((s) => s.interaction !== undefined && !isTranscriptOnly(s))).toBe(true);
    expect(challenge.groups.map((g) => [g.id, g.points, g.checker])).toEqual([
      ['small', 30, undefined],
      ['edge', 30, undefined],
      ['large', 40, undefined],
    ]);
    expect(challenge.solutions.map((s) => [s.file, s.expect])).toEqual([
      ['solutions/accepted.py', 'accepted'],
      ['solutions/accepted.cpp', 'accepted'],
      ['solutions/wrong.py', 'wrong_answer'],
      ['solutions/slow.py', 'time_limit'],
      ['solutions/noflush.py', 'time_limit'],
    ]);
    const lint = lintChallenge(challenge, DEFAULT_JUDGE_LIMITS);
    expect(lint).toEqual({ errors: [], warnings: [] });
  });

  it('every sample transcript is the exchange its input gives, in the Kattis convention (< read by the program, > written by it)', async () => {
    const challenge = await loadChallenge(GUESS);
    for (const sample of challenge.samples) {
      const [n, secret] = sample.input.toString('utf8').split(/\s+/).map(Number) as [number, number];
      const lines = (sample.interaction as Buffer).toString('utf8').trimEnd().split('\n');
      expect(lines[0]).toBe(`<${n}`);
      expect(lines.at(-2)).toBe(`>guess ${secret}`);
      expect(lines.at(-1)).toBe('<correct');
      expect(lines.slice(1).every((line, i) => (i % 2 === 0 ? /^>guess \d+$/.test(line) : /^<(lower|higher|correct)$/.test(line)))).toBe(true);
    }
  });
});

describe('interactive challenges elsewhere in the package code', () => {
  it('write and load back the same (Kattis fixture → Kodbro package), transcript-only samples included', async () => {
    const imported = await loadKattisPackage(KATTIS_GUESS);
    const out = path.join(await tempDir(), 'out');
    await writeKodbroPackage(imported, KATTIS_GUESS, out);
    const manifest = parseYaml(await readFile(path.join(out, 'kodbro.yaml'), 'utf8')) as Record<string, unknown>;
    expect(manifest.checker).toEqual({ type: 'interactor', source: 'checker/interactor.py' });
    const again = await loadKodbroPackage(out);
    expect(again.checker).toEqual(imported.checker);
    expect(again.samples).toEqual(imported.samples);
    expect(again.groups.map((g) => g.tests)).toEqual(imported.groups.map((g) => g.tests));
  });

  it('a draft cannot hold an interactor or a transcript', async () => {
    const challenge = await loadKodbroPackage(await writePackage(interactivePackage()));
    expect(() => packageToDraft(challenge, {})).toThrow(/interactive \(its checker is an interactor\)/);
    const { content } = draftToPackage('x', { title: { en: 'X' }, statements: { en: '# X\n' }, languages: [], starters: {}, limits: {}, checker: { type: 'tokens' }, samples: [], groups: [], solutions: [] });
    const withTranscript: PackageContent = { ...content, samples: [{ id: 's', input: Buffer.from('1'), answer: Buffer.from('1'), interaction: Buffer.from('<1\n') }] };
    expect(() => packageToDraft(withTranscript, {})).toThrow(/Sample s has a transcript/);
  });

  it('lint: an interactive sample without a transcript warns, a transcript in a challenge that is not interactive is an error', async () => {
    const challenge = await loadKodbroPackage(await writePackage(interactivePackage()));
    const bare = await withStatementDocs({ ...challenge, samples: [{ id: '1', input: Buffer.from('1 1\n'), answer: Buffer.from('1\n') }] });
    expect(lintChallenge(bare, DEFAULT_JUDGE_LIMITS).warnings).toContain('sample 1 has no transcript (.interaction): candidates see no example exchange for it');
    const plain = await withStatementDocs({ ...challenge, checker: { kind: 'tokens', caseSensitive: true } });
    expect(lintChallenge(plain, DEFAULT_JUDGE_LIMITS).errors).toEqual(['sample 1 has a transcript (.interaction), but the challenge is not interactive', 'sample 2 has a transcript (.interaction), but the challenge is not interactive']);
  });

  it('the catalog form keeps the transcript in its file with a head to show, and the listing names the interactor', async () => {
    const challenge = await loadChallenge(await writePackage(interactivePackage()));
    const stored = withTestDataInFiles(challenge, { sampleHeadBytes: 4 });
    const transcript = stored.samples[0]?.interaction;
    expect(transcript && !Buffer.isBuffer(transcript) && { bytes: transcript.bytes, head: transcript.head?.toString('utf8'), file: path.basename(transcript.file) }).toEqual({ bytes: TRANSCRIPT.length, head: '<3\n>', file: '1.interaction' });
    expect(isTranscriptOnly(stored.samples[1]!)).toBe(true);
    expect(challengeMeta(challenge).checker).toBe('interactor');
  });
});
