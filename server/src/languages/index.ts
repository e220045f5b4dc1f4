import type { LanguageId } from '../contracts/index.ts';
import { c } from './c.ts';
import { cpp } from './cpp.ts';
import { csharp } from './csharp.ts';
import { go } from './go.ts';
import { haskell } from './haskell.ts';
import { java } from './java.ts';
import { javascript } from './javascript.ts';
import { kotlin } from './kotlin.ts';
import { php } from './php.ts';
import { python } from './python.ts';
import { ruby } from './ruby.ts';
import { rust } from './rust.ts';
import type { LanguageSpec } from './spec.ts';
import { typescript } from './typescript.ts';

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
  csharp,
  kotlin,
  rust,
  ruby,
  php,
  typescript,
  haskell,
};

/**
 * Every language id, in the order of the contracts' LANGUAGE_IDS (a test
 * holds them equal). Taken from the table rather than the contracts, so
 * that the table loads without zod: the CLI asks for its box before zod.
 */
export const ALL_LANGUAGE_IDS = Object.keys(LANGUAGES) as readonly LanguageId[];

/** The language a file name selects by its extension, or undefined. */
export function languageForFile(fileName: string): LanguageSpec | undefined {
  const lower = fileName.toLowerCase();
  return Object.values(LANGUAGES).find((spec) => spec.extensions.some((ext) => lower.endsWith(ext)));
}

/**
 * A judgement's memory caps: the run's (the limit plus the language's own
 * overhead) and the box's while it compiles, which is the run's for a
 * syntax check that compiles within it (the box then keeps one cap for its
 * life, with no Docker update), else at least the judge's compile cap.
 */
export function memoryCaps(spec: LanguageSpec, limitMb: number, compileCapMb: number): { runMb: number; compileMb: number } {
  const runMb = limitMb + spec.memoryOverheadMb;
  return { runMb, compileMb: spec.compileWithinRunMemory ? runMb : Math.max(compileCapMb, runMb) };
}

/** The file name a source is saved as in the sandbox. */
export function sourceFileName(spec: LanguageSpec, source: string): string {
  return spec.sourceFileFor ? spec.sourceFileFor(source) : spec.sourceFile;
}
