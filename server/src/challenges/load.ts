import { access, realpath } from 'node:fs/promises';
import path from 'node:path';
import { KodbroError } from '../errors.ts';
import { isDirectory } from './files.ts';
import { isKattisPackage, loadKattisPackage } from './kattis/index.ts';
import { loadKodbroPackage, MANIFEST_FILE } from './kodbro-package.ts';
import type { Challenge } from './model.ts';

/** Loads a Kodbro package, or a Kattis / ICPC package, from a folder. */
export async function loadChallenge(dir: string): Promise<Challenge> {
  // The root may itself be reached through a link; nothing inside it may.
  const root = await realpath(dir).catch(() => null);
  if (root === null || !(await isDirectory(root))) throw new KodbroError('not_found', `Not a folder: ${dir}`);
  const hasManifest = await access(path.join(root, MANIFEST_FILE)).then(() => true, () => false);
  if (hasManifest) return loadKodbroPackage(root);
  if (await isKattisPackage(root)) return loadKattisPackage(root);
  throw new KodbroError('package_invalid', `${dir} holds neither ${MANIFEST_FILE} (Kodbro) nor problem.yaml (Kattis)`);
}
