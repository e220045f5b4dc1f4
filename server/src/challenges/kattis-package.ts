import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { LanguageId, Verdict } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { ALL_LANGUAGE_IDS, languageForFile } from '../languages/index.ts';
import {
  isDirectory,
  listDir,
  naturalCompare,
  newReadBudget,
  PACKAGE_CAPS,
  readFlatFolder,
  readPackageFile,
  readTestPairs,
  toPackageId,
  type ReadBudget,
} from './files.ts';
import { MANIFEST_FILE } from './kodbro-package.ts';
import { formatIssues, localeSchema } from './manifest.ts';
import type { Challenge, CheckerSpec, PackageFile, SolutionRef, TestCase, TestGroup } from './model.ts';

/*
 * Kattis / ICPC problem packages, legacy format and the 2023-07 draft, read
 * into the same plain `Challenge` a Kodbro package becomes. Only what Kodbro can
 * judge faithfully is accepted; anything that would change verdicts or scores
 * without saying so (interactive validators, custom graders, score-producing
 * validators, …) is refused with `package_invalid`.
 */

export const PROBLEM_FILE = 'problem.yaml';
const TIMELIMIT_FILE = '.timelimit';
const SETTINGS_FILES = ['testdata.yaml', 'test_group.yaml'] as const;
const MAX_GROUP_DEPTH = 8;

/** A folder is a Kattis package when it has `problem.yaml` and no `kodbro.yaml` (that one wins). */
export async function isKattisPackage(root: string): Promise<boolean> {
  return (await exists(path.join(root, PROBLEM_FILE))) && !(await exists(path.join(root, MANIFEST_FILE)));
}

/** Loads a Kattis problem package folder, or throws a KodbroError saying what Kodbro cannot judge. */
export async function loadKattisPackage(dir: string): Promise<Challenge> {
  // Resolved once: any link met below the root is then refused.
  const root = await realpath(dir);
  const budget = newReadBudget();
  const problem = parseProblemYaml(await readPackageFile(path.join(root, PROBLEM_FILE), budget, root));
  const kind = problemKind(problem);
  // Code added to every submission (a grader's main) is part of the problem; without it nothing compiles.
  if (await isDirectory(path.join(root, 'include'))) throw invalid('include/ (code added to every submission) is not supported');
  const statement = await readStatements(root, budget);
  const checkerFor = await checkerFactory(root, problem, kind, budget);

  const secret = await readSecretTree(root, budget);
  const planned = kind.scoring ? scoringGroups(secret, kind.draft2023 ? 100 : undefined) : passFailGroups(secret);
  if (planned.length === 0) throw invalid('The package has no secret tests (data/secret/**/*.in)');
  if (kind.scoring && planned.every((g) => g.points === 0)) throw invalid('Every secret test group is worth 0 points');

  const rootFlags = [...kind.problemFlags, ...validatorFlagsOf(secret.settings)];
  const checker = checkerFor(rootFlags);
  const folderName = path.basename(path.resolve(root));
  const title = titlesFor(problem, statement.statements, folderName);
  return {
    format: 'kattis',
    id: toPackageId(folderName),
    title,
    statements: statementMarkdown(statement.statements, title),
    statementFiles: statement.files,
    languages: [...ALL_LANGUAGE_IDS],
    limits: await readLimits(root, problem, budget),
    checker,
    samples: await readTestPairs(path.join(root, 'data', 'sample'), budget, root),
    groups: planned.map((group) => finishGroup(group, kind.problemFlags, rootFlags, checker, checkerFor)),
    starters: {},
    solutions: await readSubmissions(root),
  };
}

// ---------------------------------------------------------------------------
// problem.yaml

/** Flags come as one space-separated string or as a YAML list (numbers included). */
const flagList = z.union([
  z.string().transform((s) => s.split(/\s+/).filter(Boolean)),
  z.array(z.union([z.string(), z.number()]).transform(String)).max(100),
]);

/** A score: YAML gives numbers, but the 2023-07 draft types it as a string. */
const scoreNumber = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/, 'must be a number')
    .transform(Number),
]);

const PROBLEM_TYPES = ['pass-fail', 'scoring', 'interactive', 'multi-pass', 'submit-answer'] as const;
const problemTypes = z.union([z.enum(PROBLEM_TYPES).transform((t) => [t]), z.array(z.enum(PROBLEM_TYPES)).min(1)]);

/** Only the keys Kodbro uses; the Kattis format has many more, and they are ignored. */
const problemSchema = z.object({
  problem_format_version: z.union([z.string(), z.number()]).transform(String).optional(),
  name: z.union([z.string().min(1).max(200), z.record(z.string(), z.string().min(1).max(200))]).optional(),
  type: problemTypes.optional(),
  problem_type: problemTypes.optional(),
  validation: z.string().optional(),
  validator_flags: flagList.optional(),
  limits: z
    .object({
      time_limit: z.number().positive().max(1e6).optional(),
      memory: z.number().positive().max(1e9).optional(),
      output: z.number().positive().max(1e9).optional(),
    })
    .optional(),
});
type ProblemYaml = z.output<typeof problemSchema>;

function parseProblemYaml(bytes: Buffer): ProblemYaml {
  const raw = parseYamlFile(bytes, PROBLEM_FILE) ?? {};
  const parsed = problemSchema.safeParse(raw);
  if (!parsed.success) throw zodFailure(PROBLEM_FILE, parsed.error);
  return parsed.data;
}

function parseYamlFile(bytes: Buffer, name: string): unknown {
  if (bytes.length > PACKAGE_CAPS.maxManifestBytes) {
    throw new KodbroError('package_too_large', `${name} is larger than ${PACKAGE_CAPS.maxManifestBytes} bytes`);
  }
  try {
    return parseYaml(bytes.toString('utf8'), { maxAliasCount: 50 });
  } catch (error) {
    throw invalid(`${name} is not valid YAML: ${(error as Error).message}`);
  }
}

interface ProblemKind {
  scoring: boolean;
  /** The output validator is the package's own program, not the default one. */
  customValidation: boolean;
  /** `validator_flags` of problem.yaml (legacy), passed before every folder's flags. */
  problemFlags: string[];
  /** The 2023-07 draft (or later) rather than the legacy format. */
  draft2023: boolean;
}

function problemKind(problem: ProblemYaml): ProblemKind {
  const types = problem.type ?? problem.problem_type ?? ['pass-fail'];
  if (types.includes('interactive')) throw invalid('interactive problems are not supported yet');
  if (types.includes('multi-pass')) throw invalid('multi-pass problems are not supported');
  if (types.includes('submit-answer')) throw invalid('submit-answer problems are not supported');
  if (types.includes('scoring') && types.includes('pass-fail')) throw invalid(`${PROBLEM_FILE}: type cannot be both pass-fail and scoring`);

  const version = problem.problem_format_version;
  return {
    scoring: types.includes('scoring'),
    customValidation: parseValidation(problem.validation),
    problemFlags: problem.validator_flags ?? [],
    draft2023: version !== undefined && !version.startsWith('legacy'),
  };
}

/** Legacy `validation`: `default`, or `custom` followed by `interactive` and/or `score`. */
function parseValidation(validation: string | undefined): boolean {
  if (validation === undefined) return false;
  const [mode, ...modifiers] = validation.trim().split(/\s+/);
  if (mode !== 'default' && mode !== 'custom') {
    throw invalid(`${PROBLEM_FILE}: validation must start with default or custom, not ${JSON.stringify(validation)}`);
  }
  if (modifiers.includes('interactive')) throw invalid('interactive problems are not supported yet');
  if (modifiers.includes('score')) throw invalid('validators that award scores (validation: custom score) are not supported');
  if (modifiers.length) throw invalid(`${PROBLEM_FILE}: unknown validation ${JSON.stringify(validation)}`);
  return mode === 'custom';
}

async function readLimits(root: string, problem: ProblemYaml, budget: ReadBudget): Promise<Challenge['limits']> {
  const limits: Challenge['limits'] = {};
  const seconds = problem.limits?.time_limit ?? (await readTimelimitFile(root, budget));
  if (seconds !== undefined) limits.timeMs = Math.max(1, Math.round(seconds * 1000));
  if (problem.limits?.memory !== undefined) limits.memoryMb = Math.max(1, Math.round(problem.limits.memory));
  if (problem.limits?.output !== undefined) limits.outputKb = Math.max(1, Math.round(problem.limits.output * 1024));
  return limits;
}

/** Legacy packages have no time limit in problem.yaml; tools write it to `.timelimit` in seconds. */
async function readTimelimitFile(root: string, budget: ReadBudget): Promise<number | undefined> {
  const file = path.join(root, TIMELIMIT_FILE);
  if (!(await exists(file))) return undefined;
  const text = (await readPackageFile(file, budget, root)).toString('utf8').trim();
  const seconds = Number(text);
  if (!/^\d+(?:\.\d+)?$/.test(text) || !(seconds > 0) || seconds > 1e6) {
    throw invalid(`${TIMELIMIT_FILE} must hold a positive number of seconds, not ${JSON.stringify(text.slice(0, 40))}`);
  }
  return seconds;
}

// ---------------------------------------------------------------------------
// Statements

interface KattisStatement {
  markdown: string;
  fromLatex: boolean;
  /** The plain-text name a LaTeX statement gives (`%% plainproblemname:` or `\problemname{}`). */
  texTitle?: string;
}

const STATEMENT_FILE = /^problem(?:\.([A-Za-z0-9-]+))?\.(tex|md|pdf)$/;

/** `statement/` (2023-07) or `problem_statement/` (legacy); Markdown preferred over LaTeX per locale. */
async function readStatements(root: string, budget: ReadBudget): Promise<{ statements: Record<string, KattisStatement>; files: PackageFile[] }> {
  const folder = (await isDirectory(path.join(root, 'statement'))) ? 'statement' : 'problem_statement';
  const dir = path.join(root, folder);
  const { files: names } = await listDir(dir);

  const sources = new Map<string, { name: string; type: string }>();
  const others: string[] = [];
  for (const name of names) {
    const match = STATEMENT_FILE.exec(name);
    if (!match) {
      others.push(name);
      continue;
    }
    const type = match[2] as string;
    if (type === 'pdf') continue; // A PDF cannot become Markdown; a .tex or .md beside it can.
    const locale = localeSchema.safeParse(match[1] ?? 'en');
    if (!locale.success) throw invalid(`${folder}/${name}: the language is not a BCP 47 tag`);
    const previous = sources.get(locale.data);
    if (!previous || type === 'md') sources.set(locale.data, { name, type });
  }
  if (sources.size === 0) {
    throw invalid(`The package has no statement (${folder}/problem.<language>.tex or .md); PDF statements are not supported`);
  }

  const files: PackageFile[] = [];
  for (const name of others) files.push({ path: name, content: await readPackageFile(path.join(dir, name), budget, root) });

  const statements: Record<string, KattisStatement> = {};
  for (const [locale, source] of [...sources].sort(([a], [b]) => naturalCompare(a, b))) {
    const text = (await readPackageFile(path.join(dir, source.name), budget, root)).toString('utf8');
    statements[locale] = source.type === 'md' ? { markdown: text, fromLatex: false } : fromLatex(text, others);
  }
  return { statements, files };
}

function fromLatex(tex: string, fileNames: string[]): KattisStatement {
  const converted = latexToMarkdown(tex, fileNames);
  return { markdown: converted.markdown, fromLatex: true, ...(converted.title ? { texTitle: converted.title } : {}) };
}

/**
 * Markdown is kept as it is; a LaTeX statement opens with its title as Kodbro
 * statements do, taken from problem.yaml when `\problemname{}` gave none.
 */
function statementMarkdown(statements: Record<string, KattisStatement>, titles: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(statements).map(([locale, s]) => {
      const needsHeading = s.fromLatex && s.texTitle === undefined;
      return [locale, needsHeading ? `# ${titles[locale]}\n\n${s.markdown}` : s.markdown];
    }),
  );
}

/** One title per statement locale: problem.yaml's name, else the LaTeX name, else the folder's name. */
function titlesFor(problem: ProblemYaml, statements: Record<string, KattisStatement>, folderName: string): Record<string, string> {
  const names: Record<string, string> = typeof problem.name === 'string' ? { en: problem.name } : { ...(problem.name ?? {}) };
  for (const locale of Object.keys(names)) {
    if (!localeSchema.safeParse(locale).success) throw invalid(`${PROBLEM_FILE}: name language ${JSON.stringify(locale)} is not a BCP 47 tag`);
  }
  const anyName = names.en ?? Object.values(names)[0];
  const titles: Record<string, string> = {};
  for (const [locale, statement] of Object.entries(statements)) {
    titles[locale] = (names[locale] ?? statement.texTitle ?? anyName ?? folderName).trim().slice(0, 200) || folderName;
  }
  return titles;
}

// ---------------------------------------------------------------------------
// Test data: data/secret as a tree of folders with inherited settings

/** The testdata.yaml keys Kodbro uses, legacy and 2023-07; other keys are ignored. */
const settingsSchema = z.object({
  accept_score: scoreNumber.optional(),
  reject_score: scoreNumber.optional(),
  grader_flags: flagList.optional(),
  grading: z.enum(['default', 'custom']).optional(),
  on_reject: z.enum(['break', 'continue']).optional(),
  output_validator_flags: z
    .union([flagList, z.object({ name: z.string().optional(), flags: flagList.optional() }).transform((v) => v.flags ?? [])])
    .optional(),
  output_validator_args: flagList.optional(),
  scoring: z
    .object({
      score: z.union([scoreNumber, z.literal('unbounded')]).optional(),
      aggregation: z.enum(['pass-fail', 'sum', 'min']).optional(),
      require_pass: z.unknown().optional(),
    })
    .optional(),
  // Read only to refuse them: Kodbro passes no arguments and has no static validator.
  args: flagList.optional(),
  static_validation: z.unknown().optional(),
});
type FolderSettings = z.output<typeof settingsSchema>;

/** What applies in a folder: every key inherited from the closest ancestor that sets it, except `scoring`. */
type Settings = Omit<FolderSettings, 'scoring'>;

interface DataNode {
  /** Path relative to data/secret, '' for data/secret itself. */
  rel: string;
  settings: Settings;
  /** The folder's own 2023-07 `scoring`; never inherited (a group's score is its own). */
  scoring: FolderSettings['scoring'];
  entries: DataEntry[];
}

type DataEntry = { kind: 'test'; name: string; test: TestCase; settings: Settings } | { kind: 'group'; name: string; node: DataNode };
type TestEntry = Extract<DataEntry, { kind: 'test' }>;

async function readSecretTree(root: string, budget: ReadBudget): Promise<DataNode> {
  const dataDir = path.join(root, 'data');
  const secretDir = path.join(dataDir, 'secret');
  if (!(await isDirectory(secretDir))) throw invalid('The package has no data/secret folder');
  const { scoring: _ignored, ...dataSettings } = await readFolderSettings(dataDir, budget, root);
  return readDataNode(secretDir, '', dataSettings, budget, root, 0);
}

async function readDataNode(dir: string, rel: string, inherited: Settings, budget: ReadBudget, root: string, depth: number): Promise<DataNode> {
  if (depth > MAX_GROUP_DEPTH) throw invalid(`data/secret/${rel} is nested more than ${MAX_GROUP_DEPTH} folders deep`);
  const where = secretPath(rel);
  const own = await readFolderSettings(dir, budget, root);
  const { scoring, ...ownSettings } = own;
  const settings: Settings = { ...inherited, ...definedOnly(ownSettings) };
  refuseUnsupportedSettings(where, settings, own);
  const node: DataNode = { rel, settings, scoring, entries: [] };

  const { dirs, files } = await listDir(dir);
  const filesDirs = dirs.filter((d) => d.endsWith('.files'));
  if (filesDirs.length) throw invalid(`${where}/${filesDirs[0] as string}: test files for file I/O (.files) are not supported`);

  for (const test of await readTestPairs(dir, budget, root)) {
    if (files.includes(`${test.id}.yaml`)) await refuseTestSettings(path.join(dir, `${test.id}.yaml`), budget, root);
    node.entries.push({ kind: 'test', name: test.id, test: { ...test, id: join(rel, test.id) }, settings });
  }
  for (const name of dirs) {
    node.entries.push({ kind: 'group', name, node: await readDataNode(path.join(dir, name), join(rel, name), settings, budget, root, depth + 1) });
  }
  // Kattis judges test cases and groups together in lexicographic order of their names.
  node.entries.sort((a, b) => naturalCompare(a.name, b.name));
  return node;
}

/** Settings that would change how tests run or score, which Kodbro cannot do, are refused rather than ignored. */
function refuseUnsupportedSettings(where: string, settings: Settings, own: FolderSettings): void {
  if (settings.args?.length) throw invalid(`${where}: command-line arguments for submissions (args) are not supported`);
  if (own.static_validation !== undefined && own.static_validation !== false) throw invalid(`${where}: static validation is not supported`);
  if (own.scoring?.require_pass !== undefined) throw invalid(`${where}: scoring.require_pass is not supported`);
}

/** 2023-07 per-test `<name>.yaml`: hints and descriptions are harmless; arguments would change the verdict. */
const testCaseSchema = z.object({ args: flagList.optional(), output_validator_args: flagList.optional() });

async function refuseTestSettings(file: string, budget: ReadBudget, root: string): Promise<void> {
  const where = path.relative(root, file);
  const parsed = testCaseSchema.safeParse(parseYamlFile(await readPackageFile(file, budget, root), where) ?? {});
  if (!parsed.success) throw zodFailure(where, parsed.error);
  if (parsed.data.args?.length || parsed.data.output_validator_args?.length) {
    throw invalid(`${where}: per-test args and output_validator_args are not supported`);
  }
}

async function readFolderSettings(dir: string, budget: ReadBudget, root: string): Promise<FolderSettings> {
  const { files } = await listDir(dir);
  const present = SETTINGS_FILES.filter((name) => files.includes(name));
  if (present.length > 1) throw invalid(`${path.relative(root, dir)} has both ${present.join(' and ')}; keep one`);
  const name = present[0];
  if (!name) return {};
  const where = path.relative(root, path.join(dir, name));
  const parsed = settingsSchema.safeParse(parseYamlFile(await readPackageFile(path.join(dir, name), budget, root), where) ?? {});
  if (!parsed.success) throw zodFailure(where, parsed.error);
  return parsed.data;
}

/** Spreading `{ key: undefined }` would erase an inherited value; only set keys override. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function allTests(node: DataNode): TestEntry[] {
  return node.entries.flatMap((entry) => (entry.kind === 'test' ? [entry] : allTests(entry.node)));
}

// ---------------------------------------------------------------------------
// Test groups

/** A group before its checker is decided: tests keep their folder's settings. */
interface PlannedGroup {
  id: string;
  points: number;
  members: TestEntry[];
}

/** Pass-fail: every secret test is its own group of 1 point, as in an ungrouped Kodbro package. */
function passFailGroups(secret: DataNode): PlannedGroup[] {
  return allTests(secret).map((entry) => ({ id: entry.test.id, points: 1, members: [entry] }));
}

/**
 * Scoring: data/secret sums its children. A child folder that aggregates by
 * min or pass-fail (or names no aggregation) is one all-or-nothing group; a
 * folder that sums becomes one group per test (and per all-or-nothing
 * sub-folder). `defaultMax` is the secret group's score when the format gives
 * it one by default (100 in the 2023-07 draft), to share among unscored children.
 */
function scoringGroups(secret: DataNode, defaultMax: number | undefined): PlannedGroup[] {
  for (const entry of allTests(secret)) {
    if ((entry.settings.reject_score ?? 0) !== 0) {
      throw invalid(`data/secret/${entry.test.id}: reject_score other than 0 is not supported (a rejected test earns nothing in Kodbro)`);
    }
  }
  const max = explicitScore(secret) ?? defaultMax;
  if (aggregationOf(secret, 'sum') === 'all') {
    const tests = allTests(secret);
    return tests.length ? [{ id: 'secret', points: round(max ?? acceptScore(secret.settings)), members: tests }] : [];
  }
  return sumGroups(secret, max);
}

function sumGroups(node: DataNode, max: number | undefined): PlannedGroup[] {
  const children = node.entries.filter((e) => e.kind === 'test' || allTests(e.node).length > 0);
  const share = shareOf(node, children, max);
  return children.flatMap((child): PlannedGroup[] => {
    if (child.kind === 'test') {
      return [{ id: child.test.id, points: round(share ?? acceptScore(child.settings)), members: [child] }];
    }
    const points = explicitScore(child.node) ?? share;
    if (aggregationOf(child.node, 'all') === 'sum') return sumGroups(child.node, points);
    return [{ id: child.node.rel, points: round(points ?? acceptScore(child.node.settings)), members: allTests(child.node) }];
  });
}

/** 2023-07 score inference: the group's maximum minus the scores given, shared evenly among the rest. */
function shareOf(node: DataNode, children: DataEntry[], max: number | undefined): number | undefined {
  if (max === undefined) return undefined;
  let given = 0;
  let unscored = 0;
  for (const child of children) {
    const score = child.kind === 'group' ? explicitScore(child.node) : undefined;
    if (score === undefined) unscored += 1;
    else given += score;
  }
  if (given > max + 1e-9) throw invalid(`${secretPath(node.rel)}: the scores of its groups (${given}) exceed its own score (${max})`);
  return unscored ? (max - given) / unscored : undefined;
}

function explicitScore(node: DataNode): number | undefined {
  const score = node.scoring?.score;
  if (score === 'unbounded') throw invalid(`${secretPath(node.rel)}: unbounded scores are not supported`);
  if (score !== undefined && score < 0) throw invalid(`${secretPath(node.rel)}: a score cannot be negative`);
  return score;
}

function acceptScore(settings: Settings): number {
  const score = settings.accept_score ?? 1;
  if (score < 0) throw invalid('accept_score cannot be negative');
  return score;
}

/**
 * 'all': the folder earns its points only when every test passes (2023-07
 * `min` / `pass-fail`, legacy `grader_flags: min`); 'sum': every test counts
 * on its own. Legacy flags are inherited; the last score mode given wins.
 */
function aggregationOf(node: DataNode, fallback: 'all' | 'sum'): 'all' | 'sum' {
  const where = secretPath(node.rel);
  if (node.settings.grading === 'custom') throw invalid(`${where}: custom graders (grading: custom) are not supported`);
  const aggregation = node.scoring?.aggregation;
  if (aggregation) return aggregation === 'sum' ? 'sum' : 'all';
  const mode = (node.settings.grader_flags ?? []).filter((flag) => ['sum', 'min', 'avg', 'max'].includes(flag)).at(-1);
  if (mode === 'avg' || mode === 'max') throw invalid(`${where}: grader_flags ${mode} is not supported (only min and sum)`);
  if (mode === 'min') return 'all';
  if (mode === 'sum') return 'sum';
  return fallback;
}

/** Gives a planned group its tests and, when its validator flags differ from the root's, its own checker. */
function finishGroup(
  group: PlannedGroup,
  problemFlags: string[],
  rootFlags: string[],
  rootChecker: CheckerSpec,
  checkerFor: (flags: string[]) => CheckerSpec,
): TestGroup {
  const flagSets = group.members.map((m) => [...problemFlags, ...validatorFlagsOf(m.settings)]);
  const flags = flagSets[0] ?? rootFlags;
  if (flagSets.some((f) => !isDeepStrictEqual(f, flags))) {
    throw invalid(`data/secret/${group.id}: its tests pass different output validator flags, but Kodbro compares a group's tests one way`);
  }
  const result: TestGroup = { id: group.id, points: group.points, tests: group.members.map((m) => m.test) };
  if (!isDeepStrictEqual(flags, rootFlags)) {
    const checker = checkerFor(flags);
    if (!isDeepStrictEqual(checker, rootChecker)) result.checker = checker;
  }
  return result;
}

function validatorFlagsOf(settings: Settings): string[] {
  return [...(settings.output_validator_flags ?? []), ...(settings.output_validator_args ?? [])];
}

// ---------------------------------------------------------------------------
// Output validation

async function checkerFactory(
  root: string,
  problem: ProblemYaml,
  kind: ProblemKind,
  budget: ReadBudget,
): Promise<(flags: string[]) => CheckerSpec> {
  // The 2023-07 draft has no `validation` key: an output_validator/ folder means custom.
  const custom = kind.customValidation || (problem.validation === undefined && (await isDirectory(path.join(root, 'output_validator'))));
  if (!custom) return defaultValidatorChecker;
  const program = await readOutputValidator(root, budget);
  return (flags) => ({ kind: 'custom', ...program, args: flags });
}

/**
 * The default Kattis validator compares tokens, ignoring case and the amount
 * of whitespace, unless its flags say otherwise.
 */
export function defaultValidatorChecker(flags: string[]): CheckerSpec {
  let caseSensitive = false;
  let spaceSensitive = false;
  let absolute: number | undefined;
  let relative: number | undefined;
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i] as string;
    const number = () => {
      const text = flags[++i];
      const value = Number(text);
      if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value < 0) {
        throw invalid(`validator flag ${flag} needs a non-negative number, got ${JSON.stringify(text ?? '')}`);
      }
      return value;
    };
    if (flag === 'case_sensitive') caseSensitive = true;
    else if (flag === 'space_change_sensitive') spaceSensitive = true;
    else if (flag === 'float_tolerance') absolute = relative = number();
    else if (flag === 'float_absolute_tolerance') absolute = number();
    else if (flag === 'float_relative_tolerance') relative = number();
    else throw invalid(`unknown flag for the default output validator: ${JSON.stringify(flag)}`);
  }
  const float = absolute !== undefined || relative !== undefined;
  if (spaceSensitive) {
    if (float) throw invalid('space_change_sensitive together with a float tolerance is not supported');
    return { kind: 'exact', caseSensitive };
  }
  return float ? { kind: 'tokens', caseSensitive, float: { absolute: absolute ?? 0, relative: relative ?? 0 } } : { kind: 'tokens', caseSensitive };
}

/** `output_validator/` (2023-07) or the one program in `output_validators/` (legacy: a folder or a single file). */
async function readOutputValidator(root: string, budget: ReadBudget): Promise<{ language: LanguageId; entry: string; files: PackageFile[] }> {
  const draftDir = path.join(root, 'output_validator');
  if (await isDirectory(draftDir)) return readValidatorFolder(draftDir, 'output_validator', budget, root);

  const legacyDir = path.join(root, 'output_validators');
  const listing = await listDir(legacyDir);
  const programs = [...listing.dirs, ...listing.files];
  if (programs.length === 0) {
    throw invalid('validation is custom, but there is no output_validators/<name>/ (legacy) or output_validator/ (2023-07)');
  }
  if (programs.length > 1) throw invalid(`output_validators/ holds ${programs.length} programs (${programs.join(', ')}); Kodbro runs one`);
  const [dirName] = listing.dirs;
  if (dirName) return readValidatorFolder(path.join(legacyDir, dirName), `output_validators/${dirName}`, budget, root);
  const fileName = listing.files[0] as string;
  const language = languageForFile(fileName);
  if (!language) throw invalid(`output_validators/${fileName}: no language uses this extension`);
  const content = await readPackageFile(path.join(legacyDir, fileName), budget, root);
  return { language: language.id, entry: fileName, files: [{ path: fileName, content }] };
}

async function readValidatorFolder(dir: string, where: string, budget: ReadBudget, root: string) {
  const { dirs } = await listDir(dir);
  if (dirs.length) throw invalid(`${where} has sub-folders (${dirs.join(', ')}); a validator must be a flat folder`);
  const files = await readFlatFolder(dir, budget, root);
  const { language, entry } = validatorEntry(files.map((f) => f.path), where);
  return { language, entry, files };
}

/** Compiled languages first (a C++ validator may ship helper scripts); the entry is the obvious file. */
const VALIDATOR_LANGUAGES: LanguageId[] = ['cpp', 'c', 'python', 'java', 'javascript', 'go'];

function validatorEntry(names: string[], where: string): { language: LanguageId; entry: string } {
  if (names.includes('build') || names.includes('run')) throw invalid(`${where}: build/run scripts are not supported`);
  for (const language of VALIDATOR_LANGUAGES) {
    const sources = names.filter((name) => languageForFile(name)?.id === language);
    if (sources.length === 0) continue;
    const entry =
      sources.length === 1
        ? sources[0]
        : (sources.find((n) => /^(?:__main__|validator|validate|checker|check)\.[^.]+$/i.test(n)) ?? onlyOne(sources.filter((n) => /validat/i.test(n))));
    if (!entry) throw invalid(`${where}: cannot tell which of ${sources.join(', ')} is the validator's entry`);
    return { language, entry };
  }
  throw invalid(`${where} holds no source file Kodbro can run (${names.join(', ') || 'it is empty'})`);
}

function onlyOne<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

// ---------------------------------------------------------------------------
// Submissions

const SUBMISSION_VERDICTS: Readonly<Record<string, Exclude<Verdict, 'system_error'>>> = {
  accepted: 'accepted',
  wrong_answer: 'wrong_answer',
  time_limit_exceeded: 'time_limit',
  run_time_error: 'runtime_error',
  memory_limit_exceeded: 'memory_limit',
  output_limit_exceeded: 'output_limit',
  compile_error: 'compile_error',
};

/**
 * Single-file submissions in the folders whose verdict Kodbro can check;
 * partially_accepted, rejected, brute_force … promise something else and are skipped.
 */
async function readSubmissions(root: string): Promise<SolutionRef[]> {
  const solutions: SolutionRef[] = [];
  for (const folder of (await listDir(path.join(root, 'submissions'))).dirs) {
    const expect = SUBMISSION_VERDICTS[folder];
    if (!expect) continue;
    for (const name of (await listDir(path.join(root, 'submissions', folder))).files) {
      if (languageForFile(name)) solutions.push({ file: `submissions/${folder}/${name}`, expect });
    }
  }
  return solutions;
}

// ---------------------------------------------------------------------------
// LaTeX → Markdown

/**
 * A small, honest LaTeX-to-Markdown mapping for problem statements: titles,
 * sections, emphasis, lists, verbatim blocks, images and simple tables.
 * Math stays TeX source in code spans (Kodbro renders no TeX), and any other
 * command is reduced to the text of its arguments, so nothing is invented.
 */
export function latexToMarkdown(tex: string, fileNames: string[] = []): { title?: string; markdown: string } {
  const stash: string[] = [];
  const keep = (markdown: string) => `\u0000${stash.push(markdown) - 1}\u0000`;

  let text = tex.replace(/\r\n?/g, '\n');
  const plainName = /^%%\s*plainproblemname:\s*(.+)$/m.exec(text)?.[1]?.trim();
  text = stashVerbatim(text, keep);
  text = stripComments(text);
  text = escapeSpecials(text);
  text = stashMath(text, keep);

  let title = plainName;
  text = replaceCommand(text, 'problemname', 1, ([name]) => {
    title ??= toPlain(name ?? '') || undefined;
    return '';
  });

  text = convertStructure(text, keep, fileNames);
  text = convertTables(text, keep);
  text = convertLists(text, keep);
  text = text
    .replace(/\\begin\{(?:minipage|wrapfigure)\}(?:\[[^\]]*\])?(?:\{[^{}]*\})*/g, '\n')
    .replace(/\\(?:begin|end)\{[A-Za-z*]+\}(?:\[[^\]]*\])?/g, '\n');
  text = stripCommands(typography(text));
  text = cleanLines(text);
  const body = restore(unescapeSpecials(text, 'markdown'), stash);
  const heading = title ? `# ${title}\n\n` : '';
  return { ...(title ? { title } : {}), markdown: `${heading}${body}\n` };
}

const SENTINEL = {
  linebreak: '\uE000',
  '$': '\uE001',
  '%': '\uE002',
  '&': '\uE003',
  '#': '\uE004',
  _: '\uE005',
  '{': '\uE006',
  '}': '\uE007',
  backslash: '\uE008',
} as const;

/** How each escaped character reads in Markdown text (`raw` is for code spans and math). */
const MARKDOWN_ESCAPES: Record<string, string> = {
  [SENTINEL.linebreak]: '\n',
  [SENTINEL.$]: '\\$',
  [SENTINEL['%']]: '%',
  [SENTINEL['&']]: '&',
  [SENTINEL['#']]: '\\#',
  [SENTINEL._]: '\\_',
  [SENTINEL['{']]: '{',
  [SENTINEL['}']]: '}',
  [SENTINEL.backslash]: '\\\\',
};
const RAW_ESCAPES: Record<string, string> = {
  [SENTINEL.linebreak]: ' ',
  [SENTINEL.$]: '$',
  [SENTINEL['%']]: '%',
  [SENTINEL['&']]: '&',
  [SENTINEL['#']]: '#',
  [SENTINEL._]: '_',
  [SENTINEL['{']]: '{',
  [SENTINEL['}']]: '}',
  [SENTINEL.backslash]: '\\',
};
/** Inside math the TeX escapes mean something; they go back as they were. */
const TEX_ESCAPES: Record<string, string> = {
  [SENTINEL.linebreak]: '\\\\',
  [SENTINEL.$]: '\\$',
  [SENTINEL['%']]: '\\%',
  [SENTINEL['&']]: '\\&',
  [SENTINEL['#']]: '\\#',
  [SENTINEL._]: '\\_',
  [SENTINEL['{']]: '\\{',
  [SENTINEL['}']]: '\\}',
  [SENTINEL.backslash]: '\\textbackslash ',
};

function escapeSpecials(text: string): string {
  return text
    .replace(/\\\\(?:\[[^\]]*\])?/g, SENTINEL.linebreak)
    .replace(/\\textbackslash(?![A-Za-z])(?:\{\})?/g, SENTINEL.backslash)
    .replace(/\\([$%&#_{}])/g, (_, c: keyof typeof SENTINEL) => SENTINEL[c]);
}

function unescapeSpecials(text: string, mode: 'markdown' | 'raw' | 'tex'): string {
  const table = mode === 'markdown' ? MARKDOWN_ESCAPES : mode === 'raw' ? RAW_ESCAPES : TEX_ESCAPES;
  return text.replace(/[\uE000-\uE008]/g, (c) => table[c] ?? c);
}

function restore(text: string, stash: string[]): string {
  // Stashed pieces may hold other stashed pieces (a list indent before a code span).
  for (let round = 0; round < 5 && text.includes('\u0000'); round++) {
    text = text.replace(/\u0000(\d+)\u0000/g, (_, i: string) => stash[Number(i)] ?? '');
  }
  return text;
}

function stashVerbatim(text: string, keep: (md: string) => string): string {
  return text
    .replace(/\\begin\{(verbatim|lstlisting)\}(?:\[[^\]\n]*\])?\n?([\s\S]*?)\\end\{\1\}/g, (_, _env: string, body: string) =>
      `\n\n${keep(fence(body.replace(/\n$/, ''), ''))}\n\n`,
    )
    .replace(/\\verb\*?([^A-Za-z\s])(.*?)\1/g, (_, _d: string, body: string) => keep(codeSpan(body)));
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*%/.test(line)) // a comment line vanishes with its newline, as in LaTeX
    .map((line) => line.replace(/(^|[^\\])%.*$/, '$1'))
    .join('\n');
}

function stashMath(text: string, keep: (md: string) => string): string {
  const display = (_: string, body: string) => `\n\n${keep(fence(unescapeSpecials(body.trim(), 'tex'), 'tex'))}\n\n`;
  const inline = (_: string, body: string) => keep(codeSpan(unescapeSpecials(body, 'tex').replace(/\s+/g, ' ').trim()));
  return text
    .replace(/\$\$([\s\S]+?)\$\$/g, display)
    .replace(/\\\[([\s\S]+?)\\\]/g, display)
    .replace(/\\begin\{(equation|align|displaymath)\*?\}([\s\S]*?)\\end\{\1\*?\}/g, (m, _env: string, body: string) => display(m, body))
    .replace(/\\\(([\s\S]+?)\\\)/g, inline)
    .replace(/\$([^$]+?)\$/g, inline);
}

function fence(body: string, info: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${info}\n${body}\n${marks}`;
}

function codeSpan(body: string): string {
  if (!body) return '';
  const marks = body.includes('`') ? '``' : '`';
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${marks}${pad}${body}${pad}${marks}`;
}

/** Sections, the 2023-07 Input/Output environments, emphasis, code, links and images. */
function convertStructure(text: string, keep: (md: string) => string, fileNames: string[]): string {
  const heading = (level: number) => ([title]: string[]) => `\n\n${'#'.repeat(level)} ${oneLine(title ?? '')}\n\n`;
  text = replaceCommand(text, 'section', 1, heading(2));
  text = replaceCommand(text, 'subsection', 1, heading(3));
  text = replaceCommand(text, 'subsubsection', 1, heading(4));
  text = replaceCommand(text, 'paragraph', 1, ([title]) => `\n\n**${oneLine(title ?? '')}** `);
  text = text.replace(/\\begin\{(Input|Output|Interaction)\}/g, (_, name: string) => `\n\n## ${name}\n\n`).replace(/\\end\{(Input|Output|Interaction)\}/g, '\n\n');

  text = replaceFontGroups(text);
  const wrap = (marks: string) => ([body]: string[]) => (body?.trim() ? `${marks}${body.trim()}${marks}` : '');
  for (const name of ['emph', 'textit', 'textsl']) text = replaceCommand(text, name, 1, wrap('*'));
  text = replaceCommand(text, 'textbf', 1, wrap('**'));
  for (const name of ['texttt', 'code']) text = replaceCommand(text, name, 1, ([body]) => keep(codeSpan(toPlain(body ?? ''))));

  text = replaceCommand(text, 'url', 1, ([url]) => keep(`<${unescapeSpecials(url ?? '', 'raw').trim()}>`));
  text = replaceCommand(text, 'href', 2, ([url, label]) => `[${label ?? ''}](${keep(unescapeSpecials(url ?? '', 'raw').trim())})`);
  const image = (file: string, caption: string) => `\n\n![${oneLine(caption)}](${keep(imageFile(unescapeSpecials(file, 'raw').trim(), fileNames))})\n\n`;
  text = replaceCommand(text, 'includegraphics', 1, ([file]) => image(file ?? '', ''));
  text = replaceCommand(text, 'illustration', 3, ([, file, caption]) => image(file ?? '', caption ?? ''));
  return text;
}

/** `{\bf text}` and friends, the old declaration forms. */
function replaceFontGroups(text: string): string {
  const marks: Record<string, string> = { bf: '**', bfseries: '**', it: '*', itshape: '*', em: '*', sl: '*' };
  let out = '';
  let i = 0;
  for (;;) {
    const match = /\{\\(bf|bfseries|it|itshape|em|sl|tt|ttfamily|sc|rm)(?![A-Za-z])\s*/g;
    match.lastIndex = i;
    const found = match.exec(text);
    if (!found) break;
    const end = groupEnd(text, found.index);
    if (end < 0) break;
    const body = text.slice(found.index + found[0].length, end).trim();
    const mark = marks[found[1] as string] ?? '';
    out += text.slice(i, found.index) + (body ? `${mark}${body}${mark}` : '');
    i = end + 1;
  }
  return out + text.slice(i);
}

/** Images are often named without their extension; point at the file that exists. */
function imageFile(name: string, fileNames: string[]): string {
  if (fileNames.includes(name) || path.extname(name)) return name;
  return ['.png', '.jpg', '.jpeg', '.svg', '.pdf'].map((ext) => name + ext).find((n) => fileNames.includes(n)) ?? name;
}

/** `tabular` becomes a Markdown table whose first row is the header. */
function convertTables(text: string, keep: (md: string) => string): string {
  return text.replace(/\\begin\{tabular\}\s*(?:\[[^\]]*\])?/g, '\u0001').replace(/\u0001([\s\S]*?)\\end\{tabular\}/g, (_, body: string) => {
    const specEnd = body.startsWith('{') ? groupEnd(body, 0) : -1;
    const rows = body
      .slice(specEnd + 1)
      .replace(/\\hline|\\cline\{[^}]*\}|\\toprule|\\midrule|\\bottomrule/g, '')
      .split(SENTINEL.linebreak)
      .map((row) => row.split('&').map((cell) => oneLine(cell)))
      .filter((cells) => cells.some((c) => c !== ''));
    const [header, ...rest] = rows;
    if (!header) return '';
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const lines = [line(header), line(header.map(() => '---')), ...rest.map(line)];
    // Table lines must stay where they are; the cleanup below must not merge them.
    return `\n\n${lines.map((l) => keep(l)).join('\n')}\n\n`;
  });
}

/** itemize → `-`, enumerate → `1.`, description → `- **term**`; nested lists indent under their parent. */
function convertLists(text: string, keep: (md: string) => string): string {
  const token = /\\begin\{(itemize|enumerate|description)\}|\\end\{(itemize|enumerate|description)\}|\\item(?![A-Za-z])\s*(?:\[([^\]]*)\])?/g;
  const stack: { numbered: boolean; count: number; indent: number; width: number }[] = [];
  let out = '';
  let last = 0;
  for (const match of text.matchAll(token)) {
    const between = text.slice(last, match.index);
    out += stack.length ? between.replace(/\s+/g, ' ') : between;
    last = match.index + match[0].length;
    const top = stack.at(-1);
    if (match[1]) {
      stack.push({ numbered: match[1] === 'enumerate', count: 0, indent: top ? top.indent + top.width : 0, width: 0 });
      if (!top) out += '\n\n'; // a nested list starts at its first item's new line
    } else if (match[2]) {
      stack.pop();
      if (stack.length === 0) out += '\n\n';
    } else if (top) {
      top.count += 1;
      const marker = top.numbered ? `${top.count}.` : '-';
      top.width = marker.length + 1;
      const term = match[3] ? `**${match[3].trim()}** ` : '';
      out += `\n${top.indent ? keep(' '.repeat(top.indent)) : ''}${marker} ${term}`;
    }
  }
  return out + text.slice(last);
}

function typography(text: string): string {
  const accents: Record<string, string> = {
    '"': '\u0308',
    "'": '\u0301',
    '`': '\u0300',
    '^': '\u0302',
    '~': '\u0303',
    '=': '\u0304',
    '.': '\u0307',
    u: '\u0306',
    v: '\u030C',
    H: '\u030B',
    c: '\u0327',
    r: '\u030A',
    k: '\u0328',
  };
  const letters: Record<string, string> = { aa: 'å', AA: 'Å', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', ss: 'ß', i: 'ı', l: 'ł', L: 'Ł' };
  return text
    .replace(/\\(["'`^~=.])\s*(?:\{([A-Za-z])\}|([A-Za-z]))/g, (_, a: string, b?: string, c?: string) => `${b ?? c}${accents[a]}`.normalize('NFC'))
    .replace(/\\([uvHcrk])\{([A-Za-z])\}/g, (_, a: string, b: string) => `${b}${accents[a]}`.normalize('NFC'))
    .replace(/\\(aa|AA|ae|AE|oe|OE|ss|o|O|i|l|L)(?![A-Za-z])(?:\{\}| )?/g, (_, name: string) => letters[name] ?? '')
    .replace(/\\(?:ldots|dots|textellipsis)(?![A-Za-z])(?:\{\})?/g, '…')
    .replace(/\\LaTeX(?![A-Za-z])(?:\{\})?/g, 'LaTeX')
    .replace(/\\TeX(?![A-Za-z])(?:\{\})?/g, 'TeX')
    .replace(/\\(?:quad|qquad)(?![A-Za-z])|\\[,;: ]/g, ' ')
    .replace(/\\[!/\-@]/g, '')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .replace(/`/g, '‘')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/~/g, ' ');
}

/** Commands whose arguments are not text: dropped with them. */
const DROPPED_COMMANDS = new Set([
  'label', 'ref', 'cite', 'vspace', 'hspace', 'setlength', 'newcommand', 'renewcommand', 'input', 'include',
  'sample', 'nextsample', 'remainingsamples', 'constant', 'footnotemark', 'addtolength', 'pagestyle', 'thispagestyle',
]);

/** Any command left: its arguments' text stays, the command goes. Then stray braces go. */
function stripCommands(text: string): string {
  const command = /\\([A-Za-z]+)\*?/;
  let done = '';
  let rest = text;
  for (let found = command.exec(rest); found; found = command.exec(rest)) {
    let j = skipOptional(rest, found.index + found[0].length);
    const args: string[] = [];
    for (let k = skipSpaces(rest, j); rest[k] === '{'; k = skipSpaces(rest, j)) {
      const end = groupEnd(rest, k);
      if (end < 0) break;
      args.push(rest.slice(k + 1, end));
      j = end + 1;
    }
    done += rest.slice(0, found.index);
    // The arguments are scanned again: they may hold commands of their own.
    rest = (DROPPED_COMMANDS.has(found[1] as string) ? '' : args.join(' ')) + rest.slice(j);
  }
  return (done + rest).replace(/[{}]/g, '');
}

function cleanLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text with every command reduced to its arguments: titles and code spans. */
function toPlain(tex: string): string {
  return oneLine(unescapeSpecials(stripCommands(typography(tex)), 'raw'));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Replaces `\name[opt]{a}{b}…` (exactly `count` brace arguments) using
 * `render`; balanced braces, so arguments may nest.
 */
function replaceCommand(text: string, name: string, count: number, render: (args: string[]) => string): string {
  const pattern = new RegExp(`\\\\${name}(?![A-Za-z])\\*?`, 'g');
  let out = '';
  let i = 0;
  for (;;) {
    pattern.lastIndex = i;
    const found = pattern.exec(text);
    if (!found) break;
    let j = skipOptional(text, found.index + found[0].length);
    const args: string[] = [];
    while (args.length < count) {
      const k = skipSpaces(text, j);
      if (text[k] !== '{') break;
      const end = groupEnd(text, k);
      if (end < 0) break;
      args.push(text.slice(k + 1, end));
      j = end + 1;
    }
    if (args.length < count) {
      out += text.slice(i, found.index + found[0].length);
      i = found.index + found[0].length;
      continue;
    }
    out += text.slice(i, found.index) + render(args);
    i = j;
  }
  return out + text.slice(i);
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t' || (text[i] === '\n' && text[i + 1] !== '\n')) i++;
  return i;
}

function skipOptional(text: string, i: number): number {
  const k = skipSpaces(text, i);
  if (text[k] !== '[') return i;
  const end = text.indexOf(']', k);
  return end < 0 ? i : end + 1;
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Small helpers

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

function join(rel: string, name: string): string {
  return rel ? `${rel}/${name}` : name;
}

/** `data/secret/<rel>` for messages, `data/secret` for the secret folder itself. */
function secretPath(rel: string): string {
  return rel ? `data/secret/${rel}` : 'data/secret';
}

function round(points: number): number {
  return Math.round(points * 1e6) / 1e6;
}

function invalid(message: string): KodbroError {
  return new KodbroError('package_invalid', message);
}

function zodFailure(file: string, error: z.ZodError): KodbroError {
  const problems = formatIssues(error);
  return new KodbroError('package_invalid', `${file} is invalid:\n  ${problems.join('\n  ')}`, { details: problems });
}
