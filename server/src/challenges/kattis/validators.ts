import path from 'node:path';
import type { LanguageId } from '../../contracts/index.ts';
import { languageForFile } from '../../languages/index.ts';
import { isDirectory, listDir, readFlatFolder, readPackageFile, type ReadBudget } from '../files.ts';
import type { CheckerSpec, PackageFile } from '../model.ts';
import { PROBLEM_FILE, type ProblemKind, type ProblemYaml } from './problem-yaml.ts';
import { invalid } from './shared.ts';

/** Output validation: the default validator's flags as a checker, or the package's own validator program (an interactor in interactive problems). */

export async function checkerFactory(
  root: string,
  problem: ProblemYaml,
  kind: ProblemKind,
  budget: ReadBudget,
): Promise<(flags: string[]) => CheckerSpec> {
  if (kind.interactive) {
    // The output validator is the interactor (Kattis runs it with the submission's streams joined to its own).
    const program = await readOutputValidator(root, budget, `${PROBLEM_FILE}: ${kind.interactive} needs an output validator in output_validator(s)/`);
    return (flags) => ({ kind: 'interactor', ...program, args: flags });
  }
  // The 2023-07 draft has no `validation` key: an output_validator/ folder means custom.
  const custom = kind.customValidation || (problem.validation === undefined && (await isDirectory(path.join(root, 'output_validator'), root)));
  if (!custom) return defaultValidatorChecker;
  const program = await readOutputValidator(root, budget, 'validation is custom, but there is no output_validators/<name>/ (legacy) or output_validator/ (2023-07)');
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
async function readOutputValidator(root: string, budget: ReadBudget, missing: string): Promise<{ language: LanguageId; entry: string; files: PackageFile[] }> {
  const draftDir = path.join(root, 'output_validator');
  if (await isDirectory(draftDir, root)) return readValidatorFolder(draftDir, 'output_validator', budget, root);

  const legacyDir = path.join(root, 'output_validators');
  const listing = await listDir(legacyDir, root);
  const programs = [...listing.dirs, ...listing.files];
  if (programs.length === 0) throw invalid(missing);
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
  const { dirs } = await listDir(dir, root);
  if (dirs.length) throw invalid(`${where} has sub-folders (${dirs.join(', ')}); a validator must be a flat folder`);
  const files = await readFlatFolder(dir, budget, root);
  const { language, entry } = validatorEntry(files.map((f) => f.path), where);
  return { language, entry, files };
}

/** Every language Kodbro runs, compiled ones first (a C++ validator may ship helper scripts); the entry is the obvious file. */
const VALIDATOR_LANGUAGES: LanguageId[] = ['cpp', 'c', 'rust', 'go', 'java', 'kotlin', 'csharp', 'haskell', 'python', 'javascript', 'typescript', 'ruby', 'php'];

export function validatorEntry(names: string[], where: string): { language: LanguageId; entry: string } {
  if (names.includes('build') || names.includes('run')) throw invalid(`${where}: build/run scripts are not supported`);
  for (const language of VALIDATOR_LANGUAGES) {
    const sources = names.filter((name) => languageForFile(name)?.id === language);
    if (sources.length === 0) continue;
    const entry =
      sources.length === 1
        ? sources[0]
        : (sources.find((n) => /^(?:__main__|validator|validate|checker|check|interactor|interact)\.[^.]+$/i.test(n)) ?? onlyOne(sources.filter((n) => /validat/i.test(n))));
    if (!entry) throw invalid(`${where}: cannot tell which of ${sources.join(', ')} is the validator's entry`);
    return { language, entry };
  }
  throw invalid(`${where} holds no source file Kodbro can run (${names.join(', ') || 'it is empty'})`);
}

function onlyOne<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
