import type { LanguageId } from '../contracts/index.ts';
import { LANGUAGE_IDS } from '../contracts/index.ts';
import { c } from './c.ts';
import { cpp } from './cpp.ts';
import { go } from './go.ts';
import { java } from './java.ts';
import { javascript } from './javascript.ts';
import { python } from './python.ts';
import type { LanguageSpec } from './spec.ts';

export type { LanguageSpec } from './spec.ts';
export { expandArgv } from './spec.ts';

/** The one table of languages: compile/run commands never come from a package. */
export const LANGUAGES: Readonly<Record<LanguageId, LanguageSpec>> = {
  python,
  javascript,
  java,
  c,
  cpp,
  go,
};

export const ALL_LANGUAGE_IDS: readonly LanguageId[] = LANGUAGE_IDS;

/** The language a file name selects by its extension, or undefined. */
export function languageForFile(fileName: string): LanguageSpec | undefined {
  const lower = fileName.toLowerCase();
  return Object.values(LANGUAGES).find((spec) => spec.extensions.some((ext) => lower.endsWith(ext)));
}

/** The file name a source is saved as in the sandbox. */
export function sourceFileName(spec: LanguageSpec, source: string): string {
  return spec.sourceFileFor ? spec.sourceFileFor(source) : spec.sourceFile;
}
