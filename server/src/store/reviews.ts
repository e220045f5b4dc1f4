import type { AttemptId } from './ids.ts';
import type { LanguageId } from '../contracts/index.ts';

/**
 * The recruiter's side of one candidate (an invite): a review any colleague
 * who reads attempts may change, and, for an anonymous assessment, whether
 * and by whom the candidate's name was revealed. Kept per invite, so a
 * candidate who never started can be noted too.
 */
export interface CandidateReview {
  inviteId: string;
  /** Empty when nobody wrote one. */
  note: string;
  /** 1–5, or null when not rated. */
  rating: number | null;
  shortlisted: boolean;
  /** The colleague who saved last (their name as it was then); null when never saved. */
  updatedByName: string | null;
  updatedAt: Date | null;
  /** Who revealed the candidate's name in anonymous review, and when; null while hidden (or never hidden). */
  revealedByName: string | null;
  revealedAt: Date | null;
}

export interface ReviewInput {
  note: string;
  rating: number | null;
  shortlisted: boolean;
}

/** Who saves a review or reveals a candidate (a staff user, named as they are now). */
export interface ReviewActor {
  staffUserId: string;
  staffName: string;
}

/**
 * One judged (or waiting) `submit` of an assessment, without its source or
 * result: what a dashboard row needs. `score` is the judge's score once done.
 */
export interface SubmitScore {
  attemptId: AttemptId;
  challengeVersionId: string;
  language: LanguageId;
  score: number | undefined;
}

export const NOTE_MAX_CHARS = 4000;
