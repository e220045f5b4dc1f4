import type { LanguageId } from '@kodbro/server/contracts';

/**
 * Before finishing early: which tasks would count for nothing or for less
 * than the code on screen. A task counts only through a submission; the
 * candidate is offered to submit these first.
 */
export interface TaskState {
  challengeVersionId: string;
  title: string;
  /** The text last edited for the task (its language), if the candidate wrote any. */
  current?: { language: LanguageId; source: string };
  /** The newest submission, with its code when this device knows it. */
  lastSubmit?: { language: LanguageId; source?: string };
}

export interface FinishWarning {
  challengeVersionId: string;
  title: string;
  /** `none`: nothing submitted; `changed`: the code changed since the last submission. */
  reason: 'none' | 'changed';
  /** What "submit first" would send; absent when there is no code to send. */
  submit?: { language: LanguageId; source: string };
}

export function finishWarnings(tasks: TaskState[]): FinishWarning[] {
  const warnings: FinishWarning[] = [];
  for (const task of tasks) {
    const { current, lastSubmit } = task;
    const base = { challengeVersionId: task.challengeVersionId, title: task.title };
    if (!lastSubmit) {
      warnings.push(current && current.source.trim() !== '' ? { ...base, reason: 'none', submit: current } : { ...base, reason: 'none' });
      continue;
    }
    // Code submitted from another device is not known here: nothing to compare with, so no warning.
    if (!current || lastSubmit.source === undefined) continue;
    if (current.language !== lastSubmit.language || current.source !== lastSubmit.source) warnings.push({ ...base, reason: 'changed', submit: current });
  }
  return warnings;
}
