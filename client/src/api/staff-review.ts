import type { CandidateReviewView, DashboardRow, DashboardView, ReviewBody } from '@kodbro/server/contracts';
import { request } from './http.ts';

const assessmentPath = (id: string) => `/api/assessments/${encodeURIComponent(id)}`;
const invitePath = (id: string) => `/api/invites/${encodeURIComponent(id)}`;

/** The recruiter's dashboard: rows, one row again (live), the staff review and the reveal in anonymous review. */
export const reviewApi = {
  dashboard: (assessmentId: string) => request<DashboardView>(`${assessmentPath(assessmentId)}/dashboard`),
  row: (assessmentId: string, inviteId: string) => request<DashboardRow>(`${assessmentPath(assessmentId)}/dashboard/rows/${encodeURIComponent(inviteId)}`),
  csvUrl: (assessmentId: string) => `${assessmentPath(assessmentId)}/dashboard.csv`,
  saveReview: (csrf: string, inviteId: string, body: ReviewBody) => request<CandidateReviewView>(`${invitePath(inviteId)}/review`, { method: 'PUT', body, csrf, idempotent: true }),
  reveal: (csrf: string, inviteId: string) =>
    request<{ inviteId: string; revealedBy: string | null; revealedAt: string }>(`${invitePath(inviteId)}/reveal`, { method: 'POST', body: {}, csrf, idempotent: true }),
};
