import path from 'node:path';
import { z } from 'zod';
import { isDirectory, listDir, naturalCompare, readPackageFile, readTestPairs, type ReadBudget } from '../files.ts';
import type { TestCase } from '../model.ts';
import { flagList, invalid, parseYamlFile, scoreNumber, zodFailure } from './shared.ts';

/** Test data: data/secret as a tree of folders with inherited settings. */

const SETTINGS_FILES = ['testdata.yaml', 'test_group.yaml'] as const;
const MAX_GROUP_DEPTH = 8;

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
export type Settings = Omit<FolderSettings, 'scoring'>;

export interface DataNode {
  /** Path relative to data/secret, '' for data/secret itself. */
  rel: string;
  settings: Settings;
  /** The folder's own 2023-07 `scoring`; never inherited (a group's score is its own). */
  scoring: FolderSettings['scoring'];
  entries: DataEntry[];
}

export type DataEntry = { kind: 'test'; name: string; test: TestCase; settings: Settings } | { kind: 'group'; name: string; node: DataNode };
export type TestEntry = Extract<DataEntry, { kind: 'test' }>;

export async function readSecretTree(root: string, budget: ReadBudget): Promise<DataNode> {
  const dataDir = path.join(root, 'data');
  const secretDir = path.join(dataDir, 'secret');
  if (!(await isDirectory(secretDir, root))) throw invalid('The package has no data/secret folder');
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

  const { dirs, files } = await listDir(dir, root);
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
  const { files } = await listDir(dir, root);
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

export function allTests(node: DataNode): TestEntry[] {
  return node.entries.flatMap((entry) => (entry.kind === 'test' ? [entry] : allTests(entry.node)));
}

function join(rel: string, name: string): string {
  return rel ? `${rel}/${name}` : name;
}

/** `data/secret/<rel>` for messages, `data/secret` for the secret folder itself. */
export function secretPath(rel: string): string {
  return rel ? `data/secret/${rel}` : 'data/secret';
}
