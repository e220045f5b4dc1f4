import type {
  assessmentListSchema,
  attemptListSchema,
  AssessmentView,
  AttemptDetail,
  challengeListSchema,
  CreatedInvite,
  CreateInviteBody,
  ImportResult,
  InviteLink,
  inviteListSchema,
  InviteView,
  LoginBody,
  okSchema,
  Sheet,
  StaffSession,
} from '@kodbro/server/contracts';
import type { z } from 'zod';
import { request } from './http.ts';

/**
 * The staff HTTP API. Imported only by the lazily loaded staff pages. Each
 * answer has its schema's type (the server parsed it with that schema).
 */
export const staffApi = {
  login: (body: LoginBody) => request<StaffSession>('/api/auth/login', { method: 'POST', body }),
  session: () => request<StaffSession>('/api/auth/session'),
  logout: (csrf: string) => request<z.infer<typeof okSchema>>('/api/auth/logout', { method: 'POST', csrf, idempotent: true }),
  assessments: () => request<z.infer<typeof assessmentListSchema>>('/api/assessments'),
  assessment: (id: string) => request<AssessmentView>(`/api/assessments/${encodeURIComponent(id)}`),
  attempts: (assessmentId: string) => request<z.infer<typeof attemptListSchema>>(`/api/assessments/${encodeURIComponent(assessmentId)}/attempts`),
  invites: (assessmentId: string) => request<z.infer<typeof inviteListSchema>>(`/api/assessments/${encodeURIComponent(assessmentId)}/invites`),
  createInvite: (csrf: string, assessmentId: string, body: CreateInviteBody) =>
    request<CreatedInvite>(`/api/assessments/${encodeURIComponent(assessmentId)}/invites`, { method: 'POST', body, csrf }),
  attempt: (id: string) => request<AttemptDetail>(`/api/attempts/${encodeURIComponent(id)}`),
  challenges: () => request<z.infer<typeof challengeListSchema>>('/api/challenges'),
  // Invites after creation (issue 12).
  inviteLink: (inviteId: string) => request<InviteLink>(`/api/invites/${encodeURIComponent(inviteId)}/link`),
  reissueInvite: (csrf: string, inviteId: string) => request<CreatedInvite>(`/api/invites/${encodeURIComponent(inviteId)}/reissue`, { method: 'POST', body: {}, csrf }),
  revokeInvite: (csrf: string, inviteId: string) => request<InviteView>(`/api/invites/${encodeURIComponent(inviteId)}/revoke`, { method: 'POST', body: {}, csrf }),
  extendInvite: (csrf: string, inviteId: string, expiresAt: string) =>
    request<InviteView>(`/api/invites/${encodeURIComponent(inviteId)}/extend`, { method: 'POST', body: { expiresAt }, csrf }),
  importInvites: (csrf: string, assessmentId: string, csv: string, dryRun: boolean) =>
    request<ImportResult>(`/api/assessments/${encodeURIComponent(assessmentId)}/invites/import`, { method: 'POST', body: { csv, dryRun }, csrf }),
  sheet: (assessmentId: string) => request<Sheet>(`/api/assessments/${encodeURIComponent(assessmentId)}/sheet`),
};
