import type { CandidateAttempt, CandidateSubmission, LanguageId } from '@kodbro/server/contracts';

/**
 * Fields the issue-11 contract adds (server branch): translated task titles
 * and allowed languages per task, the scoring rule, and where a submission
 * came from. Read through these helpers so the page works before and after
 * that contract lands; until then the fallbacks apply.
 */
type Task = CandidateAttempt['assessment']['challenges'][number] & { titles?: Record<string, string>; languages?: LanguageId[] };

/** A task's title in the reader's language when the package has it, else its primary title. */
export function taskTitle(task: CandidateAttempt['assessment']['challenges'][number], locale: string): string {
  const titles = (task as Task).titles;
  return titles?.[locale] ?? titles?.[locale.split('-')[0] ?? ''] ?? task.title;
}

/** The programming languages a task allows, when the attempt says. */
export function taskLanguages(task: CandidateAttempt['assessment']['challenges'][number]): LanguageId[] {
  return (task as Task).languages ?? [];
}

/** Which submission of a task counts: the best (the rule the server and staff totals use). */
export function scoringRule(attempt: CandidateAttempt): 'best' | 'last' {
  const scoring = (attempt.assessment as { scoring?: string }).scoring;
  return scoring === 'last' ? 'last' : 'best';
}

/** `time_up`: the server submitted the last saved draft when the time ran out. */
export function submissionOrigin(submission: CandidateSubmission): 'candidate' | 'time_up' {
  return (submission as { origin?: string }).origin === 'time_up' ? 'time_up' : 'candidate';
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
};
