import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { challengeDraftSchema, LANGUAGE_IDS, type ChallengeDraft } from '../contracts/index.ts';
import { isKodbroError } from '../errors.ts';
import { draftToPackage, emptyDraft, packageToDraft } from './draft.ts';
import { readPackageDraft, writeDraftPackage } from './draft-io.ts';
import { lintChallenge } from './lint.ts';
import { loadChallenge } from './load.ts';

const SUM_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/packages/sum');

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kodbro-draft-'));
  temporary.push(dir);
  return dir;
}

const DRAFT: ChallengeDraft = challengeDraftSchema.parse({
  title: { en: 'Add two', sv: 'Addera två' },
  statements: { en: '# Add two\n\nPrint $a + b$.\n', sv: '# Addera två\n\nSkriv $a + b$.\n' },
  languages: ['python', 'javascript'],
  starters: { python: 'a, b = map(int, input().split())\n' },
  limits: { timeMs: 1500, memoryMb: 128 },
  checker: { type: 'float', absolute: 1e-4, relative: 1e-6 },
  samples: [{ name: '1', input: '1 2\n', answer: '3\n' }],
  groups: [
    { id: 'small', points: 40, tests: [{ name: '1', input: '2 2\n', answer: '4\n' }, { name: '2', input: '0 0\n', answer: '0\n' }] },
    { id: 'large', points: 60, tests: [{ name: 'big', input: '1000000 1\n', answer: '1000001\n' }] },
  ],
  solutions: [
    { name: 'accepted.py', source: 'a, b = map(int, input().split())\nprint(a + b)\n', expect: 'accepted' },
    { name: 'wrong.py', source: 'print(0)\n', expect: 'wrong_answer' },
  ],
});

describe('draft → package', () => {
  it('gives the model the loader would give: checker, groups in order, tests, solutions as files', () => {
    const { content, sourceFiles } = draftToPackage('add-two', DRAFT);
    expect(content.id).toBe('add-two');
    expect(content.checker).toEqual({ kind: 'tokens', caseSensitive: true, float: { absolute: 1e-4, relative: 1e-6 } });
    expect(content.groups.map((g) => [g.id, g.points, g.tests.map((t) => t.id)])).toEqual([
      ['small', 40, ['1', '2']],
      ['large', 60, ['big']],
    ]);
    expect(content.solutions).toEqual([
      { file: 'solutions/accepted.py', expect: 'accepted' },
      { file: 'solutions/wrong.py', expect: 'wrong_answer' },
    ]);
    expect(sourceFiles.map((f) => [f.path, f.content.toString()])).toEqual([
      ['solutions/accepted.py', DRAFT.solutions[0]!.source],
      ['solutions/wrong.py', 'print(0)\n'],
    ]);
  });

  it('maps every checker form, a custom one under its language’s file name', () => {
    const spec = (checker: ChallengeDraft['checker']) => draftToPackage('x', { ...DRAFT, checker }).content.checker;
    expect(spec({ type: 'tokens' })).toEqual({ kind: 'tokens', caseSensitive: true });
    expect(spec({ type: 'case-insensitive' })).toEqual({ kind: 'tokens', caseSensitive: false });
    expect(spec({ type: 'exact' })).toEqual({ kind: 'exact', caseSensitive: true });
    expect(spec({ type: 'exact', caseSensitive: false })).toEqual({ kind: 'exact', caseSensitive: false });
    const custom = spec({ type: 'custom', language: 'python', source: 'import sys\n' });
    expect(custom).toMatchObject({ kind: 'custom', language: 'python', entry: 'main.py', args: [] });
  });

  it('no languages named means every language; solutions need a known extension and distinct names', () => {
    expect(draftToPackage('x', { ...DRAFT, languages: [] }).content.languages).toEqual([...LANGUAGE_IDS]);
    const refused = (draft: ChallengeDraft) => {
      try {
        draftToPackage('x', draft);
        return undefined;
      } catch (error) {
        return isKodbroError(error, 'invalid_argument') ? error.message : String(error);
      }
    };
    expect(refused({ ...DRAFT, solutions: [{ name: 'a.txt', source: 'x', expect: 'accepted' }] })).toMatch(/a\.txt: no language/);
    expect(refused({ ...DRAFT, solutions: [DRAFT.solutions[0]!, { ...DRAFT.solutions[1]!, name: 'ACCEPTED.py' }] })).toMatch(/Two solutions/);
  });

  it('round-trips through the package writer and loader: the draft read back is the draft written', async () => {
    const dir = await writeDraftPackage('add-two', DRAFT, await tempDir());
    const loaded = await loadChallenge(dir);
    expect(lintChallenge(loaded, { maxTimeMs: 10_000, maxMemoryMb: 1024, maxOutputKb: 65_536 } as never).errors).toEqual([]);
    expect(loaded.id).toBe('add-two');
    const back = await readPackageDraft(dir);
    expect(back.warnings).toEqual([]);
    expect(back.draft).toEqual(DRAFT);
  });

  it('a new challenge’s empty draft is a valid draft', () => {
    expect(challengeDraftSchema.safeParse(emptyDraft('new-one')).success).toBe(true);
  });
});

describe('package → draft', () => {
  it('reads an uploaded package (the sum fixture) as a draft that writes back as the same package', async () => {
    const first = await readPackageDraft(SUM_DIR);
    expect(challengeDraftSchema.safeParse(first.draft).success).toBe(true);
    expect(first.draft.solutions.length).toBeGreaterThan(0);
    const dir = await writeDraftPackage('sum', first.draft, await tempDir());
    const second = await readPackageDraft(dir);
    expect(second.draft).toEqual(first.draft);
  });

  it('refuses what a draft cannot hold (binary test data, a multi-file checker) with package_invalid', () => {
    const { content } = draftToPackage('x', DRAFT);
    const sources = { 'solutions/accepted.py': Buffer.from('print(1)\n'), 'solutions/wrong.py': Buffer.from('print(0)\n') };
    const binary = { ...content, samples: [{ id: 's', input: Buffer.from([0xff, 0xfe]), answer: Buffer.from('1') }] };
    expect(() => packageToDraft(binary, sources)).toThrow(/Test s is not UTF-8 text/);
    const checker = { kind: 'custom' as const, language: 'python' as const, entry: 'a.py', files: [{ path: 'a.py', content: Buffer.from('') }, { path: 'b.py', content: Buffer.from('') }], args: [] };
    expect(() => packageToDraft({ ...content, checker }, sources)).toThrow(/several files/);
  });
});

describe('function-signature drafts', () => {
  const BUSY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../challenges/busy-periods');

  it('a published signature challenge becomes a draft with its signature and value checker, and writes back as the same package', async () => {
    const loaded = await readPackageDraft(BUSY);
    expect(loaded.draft.signature?.name).toBe('busy_periods');
    expect(loaded.draft.checker).toEqual({ type: 'value' });
    expect(loaded.draft.starters).toEqual({});
    const back = await loadChallenge(await writeDraftPackage('busy-periods', loaded.draft, await tempDir()));
    const original = await loadChallenge(BUSY);
    expect(back.signature).toEqual(original.signature);
    expect(back.checker).toEqual({ kind: 'value', comparison: {} });
    expect(back.starters.python).toBe(original.starters.python);
    expect(back.groups.map((g) => g.tests.length)).toEqual(original.groups.map((g) => g.tests.length));
  });

  it('refuses a signature that is not one, naming where', () => {
    const parsed = challengeDraftSchema.safeParse({ ...DRAFT, signature: { name: 'f', params: [{ name: 'x', type: { kind: 'int', min: 3, max: 1 } }], returns: { kind: 'bool' } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['signature', 'params', 0, 'type', 'max'], message: 'min must not be above max' });
  });
});
