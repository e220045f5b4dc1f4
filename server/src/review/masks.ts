import type { Assessment, CandidateReview, Invite, OrgId, Store } from '../store/index.ts';
import { shownInvite, type CandidateMask } from './anonymity.ts';

/**
 * Each invite's mask from what a list read already holds: the invites in the
 * store's order (creation, so the index is the candidate's number) and the
 * assessment's reviews (which carry the reveals).
 */
export function masksOf(assessment: Pick<Assessment, 'anonymousReview'>, invites: readonly Invite[], reviews: ReadonlyMap<string, CandidateReview>): Map<string, CandidateMask> {
  return new Map(invites.map((invite, index) => [invite.id, { anonymous: assessment.anonymousReview, number: index + 1, revealed: reviews.get(invite.id)?.revealedAt != null }]));
}

/** The masks of an assessment's invites: two reads whatever the number of candidates. */
export async function loadMasks(store: Store, orgId: OrgId, assessment: Pick<Assessment, 'id' | 'anonymousReview'>, invites: readonly Invite[]): Promise<Map<string, CandidateMask>> {
  const reviews = assessment.anonymousReview ? await store.listCandidateReviews(orgId, assessment.id) : new Map<string, CandidateReview>();
  return masksOf(assessment, invites, reviews);
}

/** One invite's mask (an attempt's page, a socket event, a single invite). */
export async function loadMask(store: Store, orgId: OrgId, invite: Pick<Invite, 'id' | 'assessmentId'>): Promise<CandidateMask> {
  const [assessment, number] = await Promise.all([store.getAssessment(orgId, invite.assessmentId), store.candidateNumber(orgId, invite.id)]);
  const anonymous = assessment?.anonymousReview ?? false;
  const review = anonymous ? await store.getCandidateReview(orgId, invite.id) : undefined;
  return { anonymous, number: number ?? 1, revealed: review?.revealedAt != null };
}

/** The invite as this organisation's staff may see it now (anonymous review applied). */
export async function staffInvite(store: Store, orgId: OrgId, invite: Invite): Promise<Invite> {
  return shownInvite(invite, await loadMask(store, orgId, invite));
}
