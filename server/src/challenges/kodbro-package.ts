import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FunctionSignature, LanguageId } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { ALL_LANGUAGE_IDS, languageForFile } from '../languages/index.ts';
import {
  isDirectory,
  listDir,
  newReadBudget,
  PACKAGE_CAPS,
  readFlatFolder,
  readPackageFile,
  readSamples,
  readTestPairs,
  resolveInside,
  type ReadBudget,
} from './files.ts';
import { formatIssues, localeSchema, manifestSchema, type Manifest, type ManifestChecker } from './manifest.ts';
import { codegenFor, reservedNameProblems, signatureLanguages, testDataProblem } from '../signatures/index.ts';
import type { CheckerSpec, PackageContent, TestCase, TestGroup } from './model.ts';

export const MANIFEST_FILE = 'kodbro.yaml';
/** Images and other files the statements link to. */
export const STATEMENT_FILES_DIR = 'statement-files';

/** Loads a Kodbro package folder into plain data, or throws a KodbroError saying what is wrong. */
export async function loadKodbroPackage(dir: string): Promise<PackageContent> {
  // Resolved once: any link met below the root is then refused.
  const root = await realpath(dir);
  const budget = newReadBudget();
  const manifest = parseManifest(await readPackageFile(path.join(root, MANIFEST_FILE), budget, root));
  const interactive = manifest.checker?.type === 'interactor';
  refuseGroupCheckers(manifest, interactive);
  checkSignatureManifest(manifest);
  const statements = await readStatements(root, budget);
  const groups = await readHiddenGroups(root, manifest, budget);
  const samples = await readSamples(path.join(root, 'tests', 'sample'), budget, root, interactive ? 'interactive' : 'refuse');
  if (manifest.signature) checkSignatureTests(manifest.signature, samples, groups);

  for (const solution of manifest.solutions ?? []) {
    await readPackageFile(resolveInside(root, solution.file), budget, root);
  }

  return {
    format: 'kodbro',
    id: manifest.id,
    title: manifest.title,
    statements,
    statementIssues: [],
    statementFiles: await readFlatFolder(path.join(root, STATEMENT_FILES_DIR), budget, root),
    languages: manifest.languages ?? (manifest.signature ? signatureLanguages() : [...ALL_LANGUAGE_IDS]),
    limits: manifest.limits ?? {},
    checker: await toCheckerSpec(root, manifest.checker ?? { type: manifest.signature ? 'value' : 'tokens' }, budget),
    samples,
    groups,
    starters: manifest.signature ? await generatedStarters(root, manifest.signature, manifest.languages) : await readStarters(root, budget),
    ...(manifest.signature ? { signature: manifest.signature } : {}),
    solutions: manifest.solutions ?? [],
    ...(manifest.explain && Object.keys(manifest.explain).length ? { explain: manifest.explain } : {}),
  };
}

export function parseManifest(bytes: Buffer): Manifest {
  if (bytes.length > PACKAGE_CAPS.maxManifestBytes) {
    throw new KodbroError('package_too_large', `${MANIFEST_FILE} is larger than ${PACKAGE_CAPS.maxManifestBytes} bytes`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(bytes.toString('utf8'), { maxAliasCount: 50 });
  } catch (error) {
    throw new KodbroError('package_invalid', `${MANIFEST_FILE} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = formatIssues(parsed.error);
    throw new KodbroError('package_invalid', `${MANIFEST_FILE} is invalid:\n  ${problems.join('\n  ')}`, {
      details: problems,
    });
  }
  return parsed.data;
}

/**
 * An interactive challenge runs one interactor on every test: a group that
 * compared differently would have to be judged some other way, and an
 * interactor only for a group would make half a challenge interactive.
 */
function refuseGroupCheckers(manifest: Manifest, interactive: boolean): void {
  for (const group of manifest.groups ?? []) {
    if (interactive && group.checker) {
      throw new KodbroError('package_invalid', `${MANIFEST_FILE}: group ${group.id} has a checker of its own, but the package's checker is an interactor, which judges every test`);
    }
    if (group.checker?.type === 'interactor') {
      throw new KodbroError('package_invalid', `${MANIFEST_FILE}: group ${group.id}: checker type interactor is only allowed as the package's checker`);
    }
  }
}

/**
 * A function-signature challenge compares returned values, in every group,
 * and offers only languages Kodbro generates harnesses for; and a value
 * checker means nothing without a signature.
 */
function checkSignatureManifest(manifest: Manifest): void {
  const checkers = [manifest.checker, ...(manifest.groups ?? []).map((g) => g.checker)].filter((c) => c !== undefined);
  if (!manifest.signature) {
    if (checkers.some((c) => c.type === 'value')) throw new KodbroError('package_invalid', `${MANIFEST_FILE}: checker type value compares returned values, and needs a signature`);
    return;
  }
  const other = checkers.find((c) => c.type !== 'value');
  if (other) throw new KodbroError('package_invalid', `${MANIFEST_FILE}: a function-signature challenge compares the returned values (checker type value), not with checker type ${other.type}`);
  const names = reservedNameProblems(manifest.signature);
  if (names.length) throw new KodbroError('package_invalid', `${MANIFEST_FILE}: signature: ${names.join('; ')}`, { details: names });
  const missing = (manifest.languages ?? []).filter((id) => !signatureLanguages().includes(id));
  if (missing.length) throw new KodbroError('package_invalid', `${MANIFEST_FILE}: function-signature challenges are not available in ${missing.join(', ')}`);
}

/** Each test's input must be the arguments and its answer a value of the return type, as JSON: said here, not at the first run. */
function checkSignatureTests(signature: FunctionSignature, samples: TestCase[], groups: TestGroup[]): void {
  const tests = [...samples.map((test) => ({ test, dir: 'tests/sample' })), ...groups.flatMap((group) => group.tests.map((test) => ({ test, dir: 'tests/hidden' })))];
  for (const { test, dir } of tests) {
    const problem = testDataProblem(signature, test.input, test.answer);
    if (problem) throw new KodbroError('package_invalid', `${dir}/${test.id}: ${problem}`);
  }
}

/** The starters of a function-signature challenge are generated from its signature: a starter/ folder would be ignored, so it is refused. */
async function generatedStarters(root: string, signature: FunctionSignature, languages: LanguageId[] | undefined): Promise<Partial<Record<LanguageId, string>>> {
  if ((await listDir(path.join(root, 'starter'), root)).files.length) {
    throw new KodbroError('package_invalid', 'starter/: a function-signature challenge has its starters generated from the signature; remove the folder');
  }
  return Object.fromEntries((languages ?? signatureLanguages()).map((id) => [id, codegenFor(id).starter(signature)]));
}

async function readStatements(root: string, budget: ReadBudget): Promise<Record<string, string>> {
  const statements: Record<string, string> = {};
  for (const name of (await listDir(root, root)).files) {
    const match = /^statement\.(.+)\.md$/.exec(name);
    if (!match) continue;
    const locale = localeSchema.safeParse(match[1]);
    if (!locale.success) throw new KodbroError('package_invalid', `${name}: the locale is not a BCP 47 tag`);
    statements[locale.data] = (await readPackageFile(path.join(root, name), budget, root)).toString('utf8');
  }
  if (Object.keys(statements).length === 0) {
    throw new KodbroError('package_invalid', 'The package has no statement (statement.<locale>.md)');
  }
  return statements;
}

async function readHiddenGroups(root: string, manifest: Manifest, budget: ReadBudget): Promise<TestGroup[]> {
  const hiddenDir = path.join(root, 'tests', 'hidden');
  const listing = await listDir(hiddenDir, root);
  if (!manifest.groups) {
    if (listing.dirs.length) {
      throw new KodbroError('package_invalid', `tests/hidden has folders (${listing.dirs.join(', ')}) but the manifest lists no groups`);
    }
    const tests = await readTestPairs(hiddenDir, budget, root);
    if (tests.length === 0) throw new KodbroError('package_invalid', 'The package has no hidden tests (tests/hidden/*.in)');
    // Without groups every hidden test is worth the same: one group per test.
    return tests.map((test) => ({ id: test.id, points: 1, tests: [test] }));
  }

  const listed = new Set(manifest.groups.map((g) => g.id));
  const strays = [...listing.dirs.filter((d) => !listed.has(d)), ...listing.files];
  if (strays.length) {
    throw new KodbroError('package_invalid', `tests/hidden holds entries no group lists: ${strays.join(', ')}`);
  }
  const groups: TestGroup[] = [];
  for (const group of manifest.groups) {
    const dir = path.join(hiddenDir, group.id);
    if (!(await isDirectory(dir, root))) throw new KodbroError('package_invalid', `Group ${group.id} has no folder tests/hidden/${group.id}`);
    const tests = await readTestPairs(dir, budget, root);
    if (tests.length === 0) throw new KodbroError('package_invalid', `Group ${group.id} has no tests`);
    groups.push({
      id: group.id,
      points: group.points,
      tests: tests.map((t) => ({ ...t, id: `${group.id}/${t.id}` })),
      ...(group.checker ? { checker: await toCheckerSpec(root, group.checker, budget) } : {}),
    });
  }
  return groups;
}

async function readStarters(root: string, budget: ReadBudget): Promise<Partial<Record<LanguageId, string>>> {
  const starters: Partial<Record<LanguageId, string>> = {};
  for (const name of (await listDir(path.join(root, 'starter'), root)).files) {
    const language = languageForFile(name);
    if (!language) throw new KodbroError('package_invalid', `starter/${name}: no language uses this extension`);
    starters[language.id] = (await readPackageFile(path.join(root, 'starter', name), budget, root)).toString('utf8');
  }
  return starters;
}

async function toCheckerSpec(root: string, checker: ManifestChecker, budget: ReadBudget): Promise<CheckerSpec> {
  switch (checker.type) {
    case 'tokens':
      return { kind: 'tokens', caseSensitive: true };
    case 'case-insensitive':
      return { kind: 'tokens', caseSensitive: false };
    case 'exact':
      return { kind: 'exact', caseSensitive: checker.caseSensitive };
    case 'float':
      return { kind: 'tokens', caseSensitive: checker.caseSensitive, float: { absolute: checker.absolute, relative: checker.relative } };
    case 'value': {
      const { type: _type, ...comparison } = checker;
      return { kind: 'value', comparison };
    }
    case 'custom':
    case 'interactor': {
      const entryPath = resolveInside(root, checker.source);
      const language = languageForFile(entryPath);
      if (!language) throw new KodbroError('package_invalid', `checker.source ${checker.source}: no language uses this extension`);
      const files = await readFlatFolder(path.dirname(entryPath), budget, root);
      const entry = path.basename(entryPath);
      if (!files.some((f) => f.path === entry)) throw new KodbroError('package_invalid', `Missing ${checker.type} source ${checker.source}`);
      return { kind: checker.type, language: language.id, entry, files, args: checker.args ?? [] };
    }
  }
}
