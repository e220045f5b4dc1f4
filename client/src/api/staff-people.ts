import type { colleagueListSchema, InviteColleagueBody, InvitedColleague, removedColleagueSchema, StaffUserView, WelcomeBody, WelcomeDone } from '@kodbro/server/contracts';
import type { z } from 'zod';
import { request } from './http.ts';

type Roles = StaffUserView['roles'];

/** Colleagues and roles (admins), and a colleague's welcome link (staff pages only, lazily loaded). */
export const peopleApi = {
  list: () => request<z.infer<typeof colleagueListSchema>>('/api/staff'),
  invite: (csrf: string, body: InviteColleagueBody) => request<InvitedColleague>('/api/staff/invitations', { method: 'POST', body, csrf }),
  setRoles: (csrf: string, userId: string, roles: Roles) =>
    request<StaffUserView>(`/api/staff/${encodeURIComponent(userId)}`, { method: 'PATCH', body: { roles }, csrf, idempotent: true }),
  remove: (csrf: string, userId: string) => request<z.infer<typeof removedColleagueSchema>>(`/api/staff/${encodeURIComponent(userId)}`, { method: 'DELETE', csrf }),
  welcome: (body: WelcomeBody) => request<WelcomeDone>('/api/auth/welcome', { method: 'POST', body }),
};
