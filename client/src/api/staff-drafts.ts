import type { ChallengeDraft, ChallengeDraftView, draftListSchema, draftValidationReplySchema, StatementPreview } from '@kodbro/server/contracts';
import type { z } from 'zod';
import type { PublishedChallenge } from './staff-library.ts';
import { request } from './http.ts';

const draftPath = (id: string) => `/api/challenge-drafts/${encodeURIComponent(id)}`;
type ValidationReply = z.infer<typeof draftValidationReplySchema>;

/** Challenge drafts written in the browser: create, save, validate, publish (staff authors only). */
export const draftsApi = {
  list: () => request<z.infer<typeof draftListSchema>>('/api/challenge-drafts'),
  create: (csrf: string, body: { slug: string; draft?: ChallengeDraft } | { fromVersionId: string }) =>
    request<ChallengeDraftView>('/api/challenge-drafts', { method: 'POST', body, csrf }),
  get: (id: string) => request<ChallengeDraftView>(draftPath(id)),
  // Not retried by the wrapper: a repeat after a lost answer would meet its own revision as a conflict.
  save: (csrf: string, id: string, revision: number, draft: ChallengeDraft) => request<ChallengeDraftView>(draftPath(id), { method: 'PUT', body: { revision, draft }, csrf }),
  validate: (csrf: string, id: string) => request<ValidationReply>(`${draftPath(id)}/validate`, { method: 'POST', csrf }),
  validation: (id: string) => request<ValidationReply>(`${draftPath(id)}/validation`),
  publish: (csrf: string, id: string) => request<PublishedChallenge>(`${draftPath(id)}/publish`, { method: 'POST', csrf }),
  remove: (csrf: string, id: string) => request<{ deleted: true }>(draftPath(id), { method: 'DELETE', csrf }),
  preview: (csrf: string, markdown: string) => request<StatementPreview>('/api/statement-preview', { method: 'POST', body: { markdown }, csrf, idempotent: true }),
};
