import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChallengeDraft } from '../contracts/index.ts';
import { draftToPackage, packageToDraft, type PackageDraft } from './draft.ts';
import { newReadBudget, readPackageFile, resolveInside } from './files.ts';
import { loadChallenge } from './load.ts';
import { writeKodbroPackage } from './write-package.ts';

/**
 * Writes a draft as a Kodbro package folder, `<workDir>/package`, with the
 * package writer (the solutions go through `<workDir>/source` first, where
 * the writer copies them from). Returns the package folder.
 */
export async function writeDraftPackage(slug: string, draft: ChallengeDraft, workDir: string): Promise<string> {
  const { content, sourceFiles } = draftToPackage(slug, draft);
  const source = path.join(workDir, 'source');
  await mkdir(source, { recursive: true });
  for (const file of sourceFiles) {
    const target = resolveInside(source, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content, { flag: 'wx' });
  }
  const dir = path.join(workDir, 'package');
  await writeKodbroPackage(content, source, dir);
  return dir;
}

/** A package folder (Kodbro or Kattis) as a draft; its solutions are read under the package caps, links refused. */
export async function readPackageDraft(dir: string): Promise<PackageDraft> {
  const challenge = await loadChallenge(dir);
  const budget = newReadBudget();
  const sources: Record<string, Buffer> = {};
  for (const solution of challenge.solutions) sources[solution.file] = await readPackageFile(resolveInside(dir, solution.file), budget, dir);
  return packageToDraft(challenge, sources);
}
