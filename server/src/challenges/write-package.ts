import { lstat, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { stringify as stringifyYaml } from 'yaml';
import type { LanguageId } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { LANGUAGES, sourceFileName } from '../languages/index.ts';
import { newReadBudget, readPackageFile, resolveInside, toPackageId, TRANSCRIPT_EXT } from './files.ts';
import { MANIFEST_FILE } from './kodbro-package.ts';
import { formatIssues, localeSchema, manifestSchema, type Manifest, type ManifestChecker } from './manifest.ts';
import { isTranscriptOnly, type CheckerSpec, type PackageContent as Challenge, type PackageFile, type TestCase, type TestGroup } from './model.ts';

/*
 * Writes any loaded challenge (a Kattis package, usually) as a Kodbro package
 * (docs/package-format.md). Everything is planned and checked in memory first,
 * the manifest against the same schema the loader uses, so a refused package
 * leaves nothing half-written behind.
 */

/** One file of the package to write, relative to the output folder. */
interface OutFile {
  path: string;
  content: Buffer;
}

export async function writeKodbroPackage(
  challenge: Challenge,
  sourceRoot: string,
  outDir: string,
): Promise<void> {
  const files: OutFile[] = [];

  const hidden = planHidden(challenge.groups);
  files.push(...hidden.files);
  const sampleNames = uniqueNames(challenge.samples.map((test) => fileNameFor(test.id)));
  files.push(...challenge.samples.flatMap((test, i) => testFiles('tests/sample', sampleNames[i] as string, test)));

  const checker = planChecker(challenge.checker, 'checker');
  files.push(...checker.files);
  const groupEntries = hidden.groups.map((planned) => {
    const { group } = planned;
    if (!group.checker) return { id: planned.id, points: group.points };
    const dir = sameFiles(group.checker, challenge.checker) ? 'checker' : `checker/${planned.id}`;
    const groupChecker = planChecker(group.checker, dir);
    if (dir !== 'checker') files.push(...groupChecker.files);
    return { id: planned.id, points: group.points, checker: groupChecker.manifest };
  });

  const solutions = await readSolutions(challenge, sourceRoot);
  files.push(...solutions.files);
  // A signature challenge's starters are generated from its signature when it is loaded.
  files.push(...statementFiles(challenge), ...(challenge.signature ? [] : starterFiles(challenge.starters)));

  const manifest = validManifest({
    format: 'kodbro/1',
    id: challenge.id,
    title: challenge.title,
    languages: [...challenge.languages],
    ...(Object.keys(challenge.limits).length ? { limits: definedLimits(challenge.limits) } : {}),
    checker: checker.manifest,
    ...(challenge.signature ? { signature: challenge.signature } : {}),
    ...(hidden.flat ? {} : { groups: groupEntries }),
    ...(solutions.entries.length ? { solutions: solutions.entries } : {}),
    ...(challenge.explain && Object.keys(challenge.explain).length ? { explain: challenge.explain } : {}),
  });
  files.unshift({ path: MANIFEST_FILE, content: Buffer.from(stringifyYaml(manifest, { lineWidth: 0 }), 'utf8') });

  await prepareOutDir(outDir);
  for (const file of files) await writeNewFile(outDir, file);
}

// ---------------------------------------------------------------------------
// Hidden tests

interface PlannedGroup {
  /** The group's id made valid and unique for the manifest. */
  id: string;
  group: TestGroup;
}

/**
 * Per-test groups of 1 point named after their test are how the loader reads
 * an ungrouped package, so they are written flat under tests/hidden/; anything
 * else needs `groups` and a folder per group.
 */
function planHidden(groups: TestGroup[]): { flat: boolean; groups: PlannedGroup[]; files: OutFile[] } {
  if (groups.length === 0) throw new KodbroError('invalid_argument', 'The challenge has no hidden tests');
  const flat = groups.every((g) => g.tests.length === 1 && g.points === 1 && g.id === g.tests[0]?.id && !g.checker);
  if (flat) {
    const names = uniqueNames(groups.map((g) => fileNameFor((g.tests[0] as TestCase).id)));
    const files = groups.flatMap((g, i) => testFiles('tests/hidden', names[i] as string, g.tests[0] as TestCase));
    return { flat, groups: [], files };
  }
  if (groups.length > 100) throw new KodbroError('invalid_argument', `${groups.length} groups; a Kodbro package holds at most 100`);

  const ids = uniqueIds(groups.map((g) => toPackageId(g.id, 'group')));
  const planned = groups.map((group, i) => ({ id: ids[i] as string, group }));
  const files = planned.flatMap(({ id, group }) => {
    const names = uniqueNames(group.tests.map((test) => fileNameFor(nameInGroup(test.id, group.id))));
    return group.tests.flatMap((test, i) => testFiles(`tests/hidden/${id}`, names[i] as string, test));
  });
  return { flat, groups: planned, files };
}

/** `g/sub/001` in group `g` is `sub/001`; a one-test group named after its test keeps the test's last name. */
function nameInGroup(testId: string, groupId: string): string {
  if (testId.startsWith(`${groupId}/`)) return testId.slice(groupId.length + 1);
  if (testId === groupId) return testId.split('/').at(-1) ?? testId;
  return testId;
}

/** A nested test id becomes one file name: `sub/001` → `sub--001`. */
function fileNameFor(testId: string): string {
  const name = testId.split('/').join('--').replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[.-]+/, '');
  return name || 'test';
}

function testFiles(dir: string, name: string, test: TestCase): OutFile[] {
  const transcript = test.interaction ? [{ path: `${dir}/${name}${TRANSCRIPT_EXT}`, content: test.interaction }] : [];
  // Written alone, a transcript-only sample reads back as one, not as a sample with an empty input to run.
  if (isTranscriptOnly(test)) return transcript;
  return [{ path: `${dir}/${name}.in`, content: test.input }, { path: `${dir}/${name}.ans`, content: test.answer }, ...transcript];
}

// ---------------------------------------------------------------------------
// Checkers

type ProgramChecker = Extract<CheckerSpec, { kind: 'custom' | 'interactor' }>;

function isProgram(spec: CheckerSpec): spec is ProgramChecker {
  return spec.kind === 'custom' || spec.kind === 'interactor';
}

/** The manifest's form of a checker, and the files a custom checker or an interactor needs under `dir`. */
function planChecker(spec: CheckerSpec, dir: string): { manifest: ManifestChecker; files: OutFile[] } {
  if (isProgram(spec)) {
    for (const file of spec.files) {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file.path)) {
        throw new KodbroError('invalid_argument', `Checker file ${JSON.stringify(file.path)} must be a plain file name`);
      }
    }
    if (!spec.files.some((f) => f.path === spec.entry)) throw new KodbroError('invalid_argument', `The checker's entry ${spec.entry} is not among its files`);
    return {
      manifest: { type: spec.kind, source: `${dir}/${spec.entry}`, ...(spec.args.length ? { args: [...spec.args] } : {}) },
      files: spec.files.map((f) => ({ path: `${dir}/${f.path}`, content: f.content })),
    };
  }
  return { manifest: builtinChecker(spec), files: [] };
}

function builtinChecker(spec: Exclude<CheckerSpec, ProgramChecker>): ManifestChecker {
  if (spec.kind === 'value') return { type: 'value', ...spec.comparison };
  if (spec.kind === 'tokens' && !spec.float) return spec.caseSensitive ? { type: 'tokens' } : { type: 'case-insensitive' };
  // caseSensitive is written only where it differs from the default.
  const cased = spec.caseSensitive ? {} : { caseSensitive: false };
  if (spec.kind === 'exact') return { type: 'exact', ...cased } as ManifestChecker;
  return { type: 'float', absolute: spec.float?.absolute ?? 0, relative: spec.float?.relative ?? 0, ...cased } as ManifestChecker;
}

function sameFiles(a: CheckerSpec, b: CheckerSpec): boolean {
  return isProgram(a) && isProgram(b) && a.kind === b.kind && a.entry === b.entry && a.language === b.language && isDeepStrictEqual(a.files, b.files);
}

// ---------------------------------------------------------------------------
// Solutions, statements, starters

/** Solutions are copied from the source package (links refused) to solutions/<expect>/<name>. */
async function readSolutions(challenge: Challenge, sourceRoot: string): Promise<{ entries: NonNullable<Manifest['solutions']>; files: OutFile[] }> {
  const budget = newReadBudget();
  const entries: NonNullable<Manifest['solutions']> = [];
  const files: OutFile[] = [];
  const taken = new Set<string>();
  for (const solution of challenge.solutions) {
    if (solution.expect === 'system_error') throw new KodbroError('invalid_argument', `${solution.file}: system_error is not a verdict a solution can expect`);
    const content = await readPackageFile(resolveInside(sourceRoot, solution.file), budget, sourceRoot);
    const name = uniqueName(path.basename(solution.file).replace(/[^A-Za-z0-9._-]/g, '-'), [...taken]);
    const file = `solutions/${solution.expect}/${name}`;
    taken.add(name);
    entries.push({ file, expect: solution.expect });
    files.push({ path: file, content });
  }
  return { entries, files };
}

function statementFiles(challenge: Challenge): OutFile[] {
  const files: OutFile[] = [];
  for (const [locale, markdown] of Object.entries(challenge.statements)) {
    if (!localeSchema.safeParse(locale).success) throw new KodbroError('invalid_argument', `Statement locale ${JSON.stringify(locale)} is not a BCP 47 tag`);
    files.push({ path: `statement.${locale}.md`, content: Buffer.from(markdown, 'utf8') });
  }
  if (files.length === 0) throw new KodbroError('invalid_argument', 'The challenge has no statement');
  files.push(...challenge.statementFiles.map((f: PackageFile) => ({ path: `statement-files/${f.path}`, content: f.content })));
  return files;
}

/** Starters are saved under the name the language table gives their source. */
function starterFiles(starters: Challenge['starters']): OutFile[] {
  return Object.entries(starters).flatMap(([language, source]) => {
    if (source === undefined) return [];
    const spec = LANGUAGES[language as LanguageId];
    return [{ path: `starter/${sourceFileName(spec, source)}`, content: Buffer.from(source, 'utf8') }];
  });
}

// ---------------------------------------------------------------------------
// Manifest and disk

function definedLimits(limits: Challenge['limits']): NonNullable<Manifest['limits']> {
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}

/** Checks the manifest against the loader's schema, and returns it as written (without the schema's defaults filled in). */
function validManifest<T>(manifest: T): T {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) {
    const problems = formatIssues(parsed.error);
    throw new KodbroError('invalid_argument', `The challenge does not make a valid ${MANIFEST_FILE}:\n  ${problems.join('\n  ')}`, { details: problems });
  }
  return manifest;
}

/** The output folder must be new or empty, and a real folder, never a link. */
async function prepareOutDir(outDir: string): Promise<void> {
  const stat = await lstat(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!stat) {
    await mkdir(outDir, { recursive: true });
    return;
  }
  if (stat.isSymbolicLink() || !stat.isDirectory()) throw new KodbroError('invalid_argument', `${outDir} is not a folder (links are refused)`);
  if ((await readdir(outDir)).length > 0) throw new KodbroError('invalid_argument', `${outDir} is not empty; write into a new or empty folder`);
}

/** `wx` refuses to replace anything, a link included, so no write lands outside the new package. */
async function writeNewFile(outDir: string, file: OutFile): Promise<void> {
  const target = resolveInside(outDir, file.path);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, file.content, { flag: 'wx' });
}

function uniqueName(name: string, taken: string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(name.toLowerCase())) return name;
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${ext}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** File names unique in one folder, even on a case-insensitive disk. */
function uniqueNames(names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) out.push(uniqueName(name, out));
  return out;
}

function uniqueIds(ids: string[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    let candidate = id;
    for (let n = 2; out.includes(candidate); n++) candidate = `${id.slice(0, 64 - String(n).length - 1).replace(/-+$/, '')}-${n}`;
    out.push(candidate);
  }
  return out;
}
