import type { Invite } from '../store/index.ts';

/**
 * Anonymous review: while an assessment has it on, staff see "Candidate 7"
 * (the invite's stable number in its assessment) instead of a candidate's
 * name, and no contact, until a recruiter reveals that one candidate. Every
 * staff response that carries a name is built from an invite passed through
 * `shownInvite` first — one function, so a new view cannot forget a field.
 */
export interface CandidateMask {
  /** The assessment's anonymousReview setting. */
  anonymous: boolean;
  /** 1, 2, 3… by the invite's creation in its assessment. */
  number: number;
  /** A recruiter revealed this candidate. */
  revealed: boolean;
}

/** The alias staff see for a hidden candidate (the client words it in the reader's language from the number). */
export const candidateAlias = (number: number): string => `Candidate ${number}`;

export const isHidden = (mask: CandidateMask): boolean => mask.anonymous && !mask.revealed;

/**
 * The invite as staff may see it: name replaced by the alias and contact
 * removed while hidden, unchanged otherwise.
 *
 * @example shownInvite({ ...invite, candidateName: 'Amira' }, { anonymous: true, number: 7, revealed: false }).candidateName // 'Candidate 7'
 */
export function shownInvite<T extends Pick<Invite, 'candidateName' | 'contact'>>(invite: T, mask: CandidateMask): T {
  return isHidden(mask) ? { ...invite, candidateName: candidateAlias(mask.number), contact: null } : invite;
}
