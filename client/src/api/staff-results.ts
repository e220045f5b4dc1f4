import type { RevokeResultBody, StaffResultState } from '@kodbro/server/contracts';
import { request } from './http.ts';

/** An attempt's shared result for staff, and its revocation (staff pages only, lazily loaded). */
export const staffResultsApi = {
  state: (attemptId: string) => request<StaffResultState>(`/api/attempts/${encodeURIComponent(attemptId)}/result`),
  setRevoked: (csrf: string, attemptId: string, body: RevokeResultBody) =>
    request<StaffResultState>(`/api/attempts/${encodeURIComponent(attemptId)}/result/revoke`, { method: 'POST', body, csrf, idempotent: true }),
};
