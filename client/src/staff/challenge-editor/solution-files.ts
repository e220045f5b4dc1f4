import { LANGUAGE_IDS, MAX_SOURCE_BYTES, VERDICTS, type ChallengeDraft, type LanguageId } from '@kodbro/server/contracts';
import { plainName, utf8Bytes } from './test-files.ts';

/*
 * A draft's reference and known-wrong solutions as pure functions: the
 * language a file name's extension gives, a name for a language, and
 * solutions from uploaded files. The extensions are those of the server's
 * languages (server/src/languages/*.ts), which judge by the file name.
 */

export type DraftSolution = ChallengeDraft['solutions'][number];
export type ExpectedVerdict = DraftSolution['expect'];

export const MAX_SOLUTIONS = 20;
export { MAX_SOURCE_BYTES };

/** What a solution may be expected to get: every verdict but system_error, which is ours. */
export const EXPECTED_VERDICTS = VERDICTS.filter((verdict): verdict is ExpectedVerdict => verdict !== 'system_error');

/** Each language's extensions, the one a new file gets first (server/src/languages). */
export const LANGUAGE_EXTENSIONS: Record<LanguageId, readonly string[]> = {
  python: ['.py'],
  javascript: ['.js', '.cjs'],
  java: ['.java'],
  c: ['.c'],
  cpp: ['.cpp', '.cc', '.cxx', '.c++'],
  go: ['.go'],
  csharp: ['.cs'],
  kotlin: ['.kt'],
  rust: ['.rs'],
  ruby: ['.rb'],
  php: ['.php'],
  typescript: ['.ts'],
  haskell: ['.hs'],
};

/** The language a file name selects by its extension, or null (the server refuses such a solution). */
export function languageOfFile(name: string): LanguageId | null {
  const lower = name.toLowerCase();
  return LANGUAGE_IDS.find((id) => LANGUAGE_EXTENSIONS[id].some((ext) => lower.endsWith(ext))) ?? null;
}

/** The name with the language's extension in place of its own (or added when it has none we know). */
export function withLanguage(name: string, language: LanguageId): string {
  const current = languageOfFile(name);
  const ext = current ? LANGUAGE_EXTENSIONS[current].find((e) => name.toLowerCase().endsWith(e)) : undefined;
  const stem = ext ? name.slice(0, -ext.length) : name.replace(/\.[^.]*$/, '');
  return `${stem || 'solution'}${LANGUAGE_EXTENSIONS[language][0]}`;
}

/**
 * The verdict a solution's file name suggests, as packages name them
 * (`accepted.py`, `wrong_answer.cpp`, `tle.java`, `sol-wa.c`); accepted when
 * it says nothing. The author sees and can change it.
 */
export function verdictFromName(name: string): ExpectedVerdict {
  const words = name.toLowerCase().replace(/\.[^.]*$/, '').split(/[^a-z]+/).filter(Boolean);
  const has = (...any: string[]) => words.some((word) => any.includes(word));
  const joined = words.join('');
  if (has('wa', 'wrong') || joined.includes('wronganswer')) return 'wrong_answer';
  if (has('tle', 'slow', 'timeout') || joined.includes('timelimit')) return 'time_limit';
  if (has('mle', 'memory') || joined.includes('memorylimit')) return 'memory_limit';
  if (has('rte', 're', 'crash', 'runtime') || joined.includes('runtimeerror')) return 'runtime_error';
  if (has('ole') || joined.includes('outputlimit')) return 'output_limit';
  if (has('ce') || joined.includes('compileerror')) return 'compile_error';
  return 'accepted';
}

/** A name for a new solution: `accepted.py`, then `accepted-2.py`… (case-insensitively free, as the server compares). */
export function newSolutionName(solutions: readonly DraftSolution[], language: LanguageId, stem = 'accepted'): string {
  const taken = new Set(solutions.map((solution) => solution.name.toLowerCase()));
  const ext = LANGUAGE_EXTENSIONS[language][0] ?? '';
  for (let n = 1; ; n += 1) {
    const name = `${stem}${n === 1 ? '' : `-${n}`}${ext}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Why a solution's name cannot stay, or null. */
export function solutionNameProblem(solutions: readonly DraftSolution[], index: number, name: string): 'not_plain' | 'no_language' | 'duplicate' | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) return 'not_plain';
  if (!languageOfFile(name)) return 'no_language';
  const lower = name.toLowerCase();
  return solutions.some((solution, at) => at !== index && solution.name.toLowerCase() === lower) ? 'duplicate' : null;
}

export interface SolutionFile {
  name: string;
  size: number;
  /** Read only when it can fit. */
  text?: string;
}

export type SolutionUploadProblem =
  | { kind: 'no_language'; file: string }
  | { kind: 'too_large'; file: string; limit: number }
  | { kind: 'not_text'; file: string }
  | { kind: 'too_many'; file: string; limit: number }
  | { kind: 'renamed'; file: string; name: string };

/** Uploaded source files as solutions after the draft's own, each with the verdict its name suggests. */
export function solutionsFromFiles(files: readonly SolutionFile[], existing: readonly DraftSolution[]): { added: DraftSolution[]; problems: SolutionUploadProblem[] } {
  const problems: SolutionUploadProblem[] = [];
  const added: DraftSolution[] = [];
  for (const file of files) {
    if (!languageOfFile(file.name)) {
      problems.push({ kind: 'no_language', file: file.name });
      continue;
    }
    if (existing.length + added.length >= MAX_SOLUTIONS) {
      problems.push({ kind: 'too_many', file: file.name, limit: MAX_SOLUTIONS });
      continue;
    }
    if (file.text === undefined || utf8Bytes(file.text) > MAX_SOURCE_BYTES) {
      problems.push({ kind: 'too_large', file: file.name, limit: MAX_SOURCE_BYTES });
      continue;
    }
    if (file.text.includes('\uFFFD')) {
      problems.push({ kind: 'not_text', file: file.name });
      continue;
    }
    const plain = plainName(file.name, 'solution');
    const taken = new Set([...existing, ...added].map((solution) => solution.name.toLowerCase()));
    let name = plain;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = plain.replace(/(\.[^.]*)?$/, (ext) => `-${n}${ext}`);
    if (name !== file.name) problems.push({ kind: 'renamed', file: file.name, name });
    added.push({ name, source: file.text, expect: verdictFromName(file.name) });
  }
  return { added, problems };
}
