import type { SimilarityReport, StaffSubmission } from '@kodbro/server/contracts';
import { request } from './http.ts';

/** The similarity screen's reads (the staff pages only). */
export const similarityApi = {
  // A first comparison of a large assessment takes seconds of the server's CPU: wait for it.
  report: (assessmentId: string) => request<SimilarityReport>(`/api/assessments/${encodeURIComponent(assessmentId)}/similarity`, { timeoutMs: 120_000 }),
  submission: (attemptId: string, submissionId: string) =>
    request<StaffSubmission>(`/api/attempts/${encodeURIComponent(attemptId)}/submissions/${encodeURIComponent(submissionId)}`),
};
