import type { CandidateAttempt, CandidateSubmission, LanguageId } from '@kodbro/server/contracts';

/** What the pages read of the attempt, in one place: titles, languages, the scoring rule, origins. */
type Task = CandidateAttempt['assessment']['challenges'][number];

/** A task's title in the reader's language when the package has it, else its primary title. */
export function taskTitle(task: Task, locale: string): string {
  return task.titles[locale] ?? task.titles[locale.split('-')[0] ?? ''] ?? task.title;
}

/** The programming languages a task allows. */
export function taskLanguages(task: Task): LanguageId[] {
  return task.languages;
}

/** Which submission of a task counts (the rule the server and staff totals use). */
export function scoringRule(attempt: CandidateAttempt): CandidateAttempt['assessment']['scoring'] {
  return attempt.assessment.scoring;
}

/** `time_up`: the server submitted the last saved draft when the time ran out. */
export function submissionOrigin(submission: CandidateSubmission): CandidateSubmission['origin'] {
  return submission.origin;
}

/** Tasks in the order the assessment gives them. */
export function tasksInOrder(attempt: CandidateAttempt): CandidateAttempt['assessment']['challenges'] {
  return [...attempt.assessment.challenges].sort((a, b) => a.position - b.position);
}

/** Display names of programming languages: the same in every interface language. */
export const LANGUAGE_NAMES: Record<LanguageId, string> = {
  python: 'Python',
  javascript: 'JavaScript',
  java: 'Java',
  c: 'C',
  cpp: 'C++',
  go: 'Go',
  csharp: 'C#',
  kotlin: 'Kotlin',
  rust: 'Rust',
  ruby: 'Ruby',
  php: 'PHP',
  typescript: 'TypeScript',
  haskell: 'Haskell',
};
