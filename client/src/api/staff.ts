import {
  assessmentListSchema,
  assessmentViewSchema,
  attemptDetailSchema,
  attemptListSchema,
  attemptSubmissionPageSchema,
  challengeListSchema,
  createdInviteSchema,
  inviteListSchema,
  okSchema,
  staffSessionSchema,
  type CreateInviteBody,
  type LoginBody,
} from '@kodbro/server/contracts';
import { request } from './http.ts';

/** The staff HTTP API. Imported only by the lazily loaded staff pages. */
export const staffApi = {
  login: (body: LoginBody) => request(staffSessionSchema, '/api/auth/login', { method: 'POST', body }),
  session: () => request(staffSessionSchema, '/api/auth/session'),
  logout: (csrf: string) => request(okSchema, '/api/auth/logout', { method: 'POST', csrf, idempotent: true }),
  assessments: () => request(assessmentListSchema, '/api/assessments'),
  assessment: (id: string) => request(assessmentViewSchema, `/api/assessments/${encodeURIComponent(id)}`),
  attempts: (assessmentId: string) => request(attemptListSchema, `/api/assessments/${encodeURIComponent(assessmentId)}/attempts`),
  invites: (assessmentId: string) => request(inviteListSchema, `/api/assessments/${encodeURIComponent(assessmentId)}/invites`),
  createInvite: (csrf: string, assessmentId: string, body: CreateInviteBody) =>
    request(createdInviteSchema, `/api/assessments/${encodeURIComponent(assessmentId)}/invites`, { method: 'POST', body, csrf }),
  attempt: (id: string) => request(attemptDetailSchema, `/api/attempts/${encodeURIComponent(id)}`),
  /** The submissions after the cursor a previous page gave (`submissionsNext`, then `next`). */
  attemptSubmissions: (id: string, after: number) => request(attemptSubmissionPageSchema, `/api/attempts/${encodeURIComponent(id)}/submissions?after=${after}`),
  challenges: () => request(challengeListSchema, '/api/challenges'),
};
