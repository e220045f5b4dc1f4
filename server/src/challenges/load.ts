import { access, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { StatementDoc } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { statementParsers } from '../statements/index.ts';
import { isDirectory } from './files.ts';
import { isKattisPackage, loadKattisPackage } from './kattis/index.ts';
import { loadKodbroPackage, MANIFEST_FILE } from './kodbro-package.ts';
import type { Challenge, PackageContent, StatementIssue } from './model.ts';

export interface LoadOptions {
  /** `skip`: leave the statements unparsed (`statementDocs` empty), for a caller that shows none. */
  statements?: 'parse' | 'skip';
}

/** Loads a Kodbro package, or a Kattis / ICPC package, from a folder, with its statements parsed. */
export async function loadChallenge(dir: string, options: LoadOptions = {}): Promise<Challenge> {
  // The root may itself be reached through a link; nothing inside it may.
  const root = await realpath(dir).catch(() => null);
  if (root === null || !(await isDirectory(root))) throw new KodbroError('not_found', `Not a folder: ${dir}`);
  const hasManifest = await access(path.join(root, MANIFEST_FILE)).then(() => true, () => false);
  const finish = (content: PackageContent): Promise<Challenge> =>
    options.statements === 'skip' ? Promise.resolve({ ...content, statementDocs: {}, statementIssues: [...content.statementIssues] }) : withStatementDocs(content);
  if (hasManifest) return finish(await loadKodbroPackage(root));
  if (await isKattisPackage(root)) return finish(await loadKattisPackage(root));
  // Not the folder's path: for an upload it is the server's scratch folder, which is nobody else's business.
  throw new KodbroError('package_invalid', `The package holds neither ${MANIFEST_FILE} (Kodbro) nor problem.yaml (Kattis), at its top or in its one folder`);
}

/**
 * Parses every statement into the tree candidates' pages render — once, here,
 * so the work happens wherever packages are loaded (off the event loop once
 * loading runs in a worker) and never per request.
 */
export async function withStatementDocs(content: PackageContent): Promise<Challenge> {
  const { parseStatement } = await statementParsers();
  const files = content.statementFiles.map((file) => file.path);
  const statementDocs: Record<string, StatementDoc> = {};
  const statementIssues: StatementIssue[] = [...content.statementIssues];
  for (const [locale, markdown] of Object.entries(content.statements)) {
    const parsed = parseStatement(markdown, files);
    statementDocs[locale] = parsed.doc;
    statementIssues.push(...parsed.issues.map((issue) => ({ locale, ...issue })));
  }
  return { ...content, statementDocs, statementIssues };
}
