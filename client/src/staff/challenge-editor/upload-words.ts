import type { Say } from './section-t.ts';
import type { SolutionUploadProblem } from './solution-files.ts';
import { formatBytes, type UploadProblem, type UploadResult } from './test-files.ts';

/*
 * An upload's summary in words for the live region: what was added, then
 * one sentence per kind of problem naming its files ("Added 12 tests to
 * group-1. 1 file had no answer: 3.in.").
 */

type T = Say;
const SHOWN_NAMES = 10;

/** "1.in, 2.in" or, past ten, "1.in, …, 10.in and 5 more". */
export function nameList(t: T, names: readonly string[]): string {
  if (names.length <= SHOWN_NAMES) return names.join(', ');
  return t('tests.upload.andMore', { names: names.slice(0, SHOWN_NAMES).join(', '), count: names.length - SHOWN_NAMES });
}

const TEST_PROBLEM_KEYS: Record<UploadProblem['kind'], string> = {
  no_answer: 'noAnswer',
  no_input: 'noInput',
  not_test_file: 'notTestFile',
  second_answer: 'secondAnswer',
  duplicate: 'duplicate',
  renamed: 'renamed',
  not_text: 'notText',
  too_large: 'tooLarge',
  too_many: 'tooMany',
  crlf: 'crlf',
};

function problemName(problem: UploadProblem): string {
  switch (problem.kind) {
    case 'renamed':
      return `${problem.file} → ${problem.name}`;
    case 'duplicate':
    case 'too_large':
    case 'too_many':
    case 'crlf':
      return problem.name;
    default:
      return problem.file;
  }
}

function limitOf(problems: readonly (UploadProblem | SolutionUploadProblem)[]): number {
  const first = problems[0];
  return first && 'limit' in first ? first.limit : 0;
}

export function testUploadSummary(t: T, result: UploadResult, list: string): string {
  const sentences = result.added.length > 0 || result.problems.length === 0 ? [t('tests.upload.added', { count: result.added.length, list })] : [];
  for (const kind of Object.keys(TEST_PROBLEM_KEYS) as UploadProblem['kind'][]) {
    const problems = result.problems.filter((problem) => problem.kind === kind);
    if (problems.length === 0) continue;
    const limit = kind === 'too_large' ? formatBytes(limitOf(problems)) : limitOf(problems);
    sentences.push(t(`tests.upload.${TEST_PROBLEM_KEYS[kind]}`, { count: problems.length, files: nameList(t, problems.map(problemName)), limit }));
  }
  return sentences.join(' ');
}

const SOLUTION_PROBLEM_KEYS: Record<SolutionUploadProblem['kind'], string> = {
  no_language: 'noLanguage',
  too_large: 'tooLarge',
  not_text: 'notText',
  too_many: 'tooMany',
  renamed: 'renamed',
};

export function solutionUploadSummary(t: T, added: number, problems: readonly SolutionUploadProblem[]): string {
  const sentences = added > 0 || problems.length === 0 ? [t('solutions.upload.added', { count: added })] : [];
  for (const kind of Object.keys(SOLUTION_PROBLEM_KEYS) as SolutionUploadProblem['kind'][]) {
    const some = problems.filter((problem) => problem.kind === kind);
    if (some.length === 0) continue;
    const limit = kind === 'too_large' ? formatBytes(limitOf(some)) : limitOf(some);
    const names = some.map((problem) => (problem.kind === 'renamed' ? `${problem.file} → ${problem.name}` : problem.file));
    sentences.push(t(`solutions.upload.${SOLUTION_PROBLEM_KEYS[kind]}`, { count: some.length, files: nameList(t, names), limit }));
  }
  return sentences.join(' ');
}
