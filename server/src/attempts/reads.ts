import type { Catalog } from '../catalog/index.ts';
import type { CandidateAttempt, CandidateSubmission } from '../contracts/index.ts';
import type { Attempt, AttemptId, Invite, Store, Submission } from '../store/index.ts';
import { toCandidateAttempt, toCandidateSubmission } from '../views/index.ts';

/**
 * Candidate-side reads shared by the HTTP routes and the socket layer: the
 * store's records through the candidate views, with the assessment's
 * visibility and the samples they need. Everything is read by the attempt's
 * own scope.
 */
export interface CandidateReads {
  attempt(invite: Invite, attempt: Attempt | undefined): Promise<CandidateAttempt>;
  /** `asOf`: the tick a hidden run's end is being told on (default: now). */
  submission(attemptId: AttemptId, submission: Submission, asOf?: Date): Promise<CandidateSubmission>;
  submissions(attemptId: AttemptId): Promise<CandidateSubmission[]>;
}

/** @param tickMs what candidates' times are rounded to (docs/security.md, "Timing"). */
export function candidateReads(store: Store, catalog: Catalog, clock: () => Date, tickMs: number): CandidateReads {
  const view = async (attemptId: AttemptId, submission: Submission, visibility: Parameters<typeof toCandidateSubmission>[1], now: Date) => {
    // Samples are shown with their input and answer; load the package only when a sample run has a result.
    const challenge = submission.kind === 'samples' && submission.status === 'done' ? await catalog.forAttempt(attemptId, submission.challengeVersionId) : undefined;
    const position = submission.status === 'queued' ? await store.queuePosition(attemptId, submission.id) : undefined;
    return toCandidateSubmission(submission, visibility, challenge, position, { now, tickMs });
  };
  const visibilityOf = async (attemptId: AttemptId) => (await store.getAttemptAssessment(attemptId))?.resultsVisibility ?? 'none';

  return {
    async attempt(invite, attempt) {
      const assessment = await store.getAssessment(invite.orgId, invite.assessmentId);
      if (!assessment) throw new Error(`Invite ${invite.id} has no assessment`);
      const drafts = attempt ? await store.listDrafts({ attemptId: attempt.id }) : [];
      return toCandidateAttempt(invite, assessment, attempt, drafts, clock());
    },
    async submission(attemptId, submission, asOf) {
      return view(attemptId, submission, await visibilityOf(attemptId), asOf ?? clock());
    },
    async submissions(attemptId) {
      const visibility = await visibilityOf(attemptId);
      const submissions = await store.listSubmissions({ attemptId });
      const now = clock();
      return Promise.all(submissions.map((s) => view(attemptId, s, visibility, now)));
    },
  };
}
