import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ALL_LANGUAGE_IDS } from '../../languages/index.ts';
import { isDirectory, newReadBudget, readPackageFile, readSamples, toPackageId } from '../files.ts';
import { MANIFEST_FILE } from '../kodbro-package.ts';
import type { PackageContent } from '../model.ts';
import { finishGroup, passFailGroups, scoringGroups, validatorFlagsOf } from './groups.ts';
import { parseProblemYaml, problemKind, PROBLEM_FILE, readLimits } from './problem-yaml.ts';
import { exists, invalid } from './shared.ts';
import { readStatements, statementMarkdown, titlesFor } from './statements.ts';
import { readSubmissions } from './submissions.ts';
import { readSecretTree } from './test-data.ts';
import { checkerFactory } from './validators.ts';

/*
 * Kattis / ICPC problem packages, legacy format and the 2023-07 draft, read
 * into the same plain data a Kodbro package becomes. Only what Kodbro can
 * judge faithfully is accepted; anything that would change verdicts or scores
 * without saying so (multi-pass problems, custom graders, score-producing
 * validators, …) is refused with `package_invalid`.
 */

/** A folder is a Kattis package when it has `problem.yaml` and no `kodbro.yaml` (that one wins). */
export async function isKattisPackage(root: string): Promise<boolean> {
  return (await exists(path.join(root, PROBLEM_FILE))) && !(await exists(path.join(root, MANIFEST_FILE)));
}

/** Loads a Kattis problem package folder, or throws a KodbroError saying what Kodbro cannot judge. */
export async function loadKattisPackage(dir: string): Promise<PackageContent> {
  // Resolved once: any link met below the root is then refused.
  const root = await realpath(dir);
  const budget = newReadBudget();
  const problem = parseProblemYaml(await readPackageFile(path.join(root, PROBLEM_FILE), budget, root));
  const kind = problemKind(problem);
  // Code added to every submission (a grader's main) is part of the problem; without it nothing compiles.
  if (await isDirectory(path.join(root, 'include'), root)) throw invalid('include/ (code added to every submission) is not supported');
  const statement = await readStatements(root, budget);
  const checkerFor = await checkerFactory(root, problem, kind, budget);

  const secret = await readSecretTree(root, budget);
  const planned = kind.scoring ? scoringGroups(secret, kind.draft2023 ? 100 : undefined) : passFailGroups(secret);
  if (planned.length === 0) throw invalid('The package has no secret tests (data/secret/**/*.in)');
  if (kind.scoring && planned.every((g) => g.points === 0)) throw invalid('Every secret test group is worth 0 points');

  const rootFlags = [...kind.problemFlags, ...validatorFlagsOf(secret.settings)];
  const checker = checkerFor(rootFlags);
  const groups = planned.map((group) => finishGroup(group, kind.problemFlags, rootFlags, checker, checkerFor));
  // Kodbro runs an interactive challenge's interactor one way on every test (docs/package-format.md).
  const differing = kind.interactive ? groups.find((group) => group.checker) : undefined;
  if (differing) {
    throw invalid(`data/secret/${differing.id}: its output validator flags (testdata.yaml) differ from data/secret's, but Kodbro runs an interactor the same way on every test`);
  }
  const folderName = path.basename(path.resolve(root));
  const title = titlesFor(problem, statement.statements, folderName);
  return {
    format: 'kattis',
    id: toPackageId(folderName),
    title,
    statements: await statementMarkdown(statement.statements, title),
    statementIssues: Object.entries(statement.statements).flatMap(([locale, s]) => s.issues.map((issue) => ({ locale, ...issue }))),
    statementFiles: statement.files,
    languages: [...ALL_LANGUAGE_IDS],
    limits: await readLimits(root, problem, budget),
    checker,
    samples: await readSamples(path.join(root, 'data', 'sample'), budget, root, kind.interactive ? 'interactive' : 'ignore'),
    groups,
    starters: {},
    solutions: await readSubmissions(root),
  };
}
