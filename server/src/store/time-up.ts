import { createHash } from 'node:crypto';
import type { LanguageId } from '../contracts/index.ts';

/**
 * When an attempt's time runs out, typed work counts: each task whose newest
 * saved draft differs from its last submission is submitted by the server
 * (`origin: 'time_up'`). These are the pure parts of that rule; the store
 * applies them inside the transaction that finishes the attempt.
 */

export interface DraftCandidate {
  language: LanguageId;
  source: string;
  /** When it was last saved (ms); the newest draft of a task is the one the candidate worked on last. */
  updatedAt: number;
}

/**
 * The draft the server submits for one task at time-up, or undefined:
 * the most recently saved draft of the task, whatever its language (among
 * the languages the task allows, when they are known), unless it is blank
 * or exactly the task's last submission (same language and source).
 */
export function draftToSubmit(
  drafts: readonly DraftCandidate[],
  lastSubmission: { language: LanguageId; source: string } | undefined,
  allowedLanguages: readonly string[] | undefined,
): DraftCandidate | undefined {
  const usable = drafts.filter((draft) => allowedLanguages === undefined || allowedLanguages.includes(draft.language));
  // Newest first; a tie (two languages saved in the same millisecond) goes to the language named first, so every server picks the same.
  const newest = [...usable].sort((a, b) => b.updatedAt - a.updatedAt || a.language.localeCompare(b.language))[0];
  if (!newest || newest.source.trim() === '') return undefined;
  if (lastSubmission && lastSubmission.language === newest.language && lastSubmission.source === newest.source) return undefined;
  return newest;
}

/**
 * The id of the server's time-up submission for one task: a UUID (version 8,
 * RFC 9562) from SHA-256 of the attempt and the task, so a retried sweep, or
 * a second server sweeping the same attempt, names the same submission and
 * writes it once. `n` moves on to another id in the unlikely case that the
 * first is already taken by a submission that is not this one.
 */
export function timeUpSubmissionId(attemptId: string, challengeVersionId: string, n = 0): string {
  const bytes = createHash('sha256').update(`kodbro:time_up\u0000${attemptId}\u0000${challengeVersionId}\u0000${n}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
