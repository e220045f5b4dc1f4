import type { DraftAck, DraftView, SaveDraftBody } from '../contracts/index.ts';
import type { Attempt, Store } from '../store/index.ts';
import { toDraftView } from '../views/index.ts';

export type DraftOutcome =
  | { ok: true; ack: DraftAck }
  | { ok: false; code: 'stale_draft'; message: string; current: DraftView }
  | { ok: false; code: 'rate_limited'; message: string; retryAfterMs: number }
  | { ok: false; code: 'attempt_closed' | 'not_found'; message: string };

/**
 * Saves a draft for the HTTP route and the socket event alike; refusals are
 * values. The rate limit is the store's, per attempt, so it is one limit
 * however many devices and transports the candidate uses.
 */
export async function saveCandidateDraft(store: Store, attempt: Attempt, body: SaveDraftBody): Promise<DraftOutcome> {
  const saved = await store.saveDraft(attempt.id, body);
  if (saved.ok) {
    return { ok: true, ack: { challengeVersionId: saved.value.challengeVersionId, language: saved.value.language, revision: saved.value.revision, savedAt: saved.value.updatedAt.toISOString() } };
  }
  switch (saved.reason) {
    case 'stale':
      return { ok: false, code: 'stale_draft', message: 'A newer version of this draft is already saved', current: toDraftView(saved.current) };
    case 'rate_limited':
      return { ok: false, code: 'rate_limited', message: 'Saving too often. Your text is kept; it is saved again in a moment.', retryAfterMs: saved.retryAfterMs };
    case 'attempt_closed':
      return { ok: false, code: 'attempt_closed', message: 'The time for this assessment is over' };
    default:
      return { ok: false, code: 'not_found', message: 'No such challenge in this assessment' };
  }
}
