import type {
  CandidateAttempt,
  CandidateChallenge,
  CandidateSession,
  CandidateSessionBody,
  CandidateSubmission,
  candidateSubmissionListSchema,
  CreateSubmissionBody,
  DraftAck,
  ExplanationList,
  ExplanationView,
  Health,
  okSchema,
  SaveDraftBody,
  SaveExplanation,
} from '@kodbro/server/contracts';
import type { z } from 'zod';
import { deviceStore, isLinkFailure } from '../offline/index.ts';
import { ApiError, request } from './http.ts';

/**
 * The candidate's HTTP API; `csrf` comes from the session response. Each
 * answer has its schema's type (the server parsed it with that schema).
 */
export const candidateApi = {
  openSession: async (body: CandidateSessionBody) => keep('session', await request<CandidateSession>('/api/candidate/session', { method: 'POST', body })),
  /** Offline, the last answer this device had, its server clock moved on by the time passed since. */
  session: async (): Promise<CandidateSession> => {
    const { value, keptAt } = await kept<CandidateSession>('session', '/api/candidate/session');
    if (keptAt === undefined) return value;
    const serverNow = new Date(Date.parse(value.attempt.serverNow) + Math.max(0, Date.now() - keptAt)).toISOString();
    return { ...value, attempt: { ...value.attempt, serverNow } };
  },
  /** The drafts the server holds now, never an offline copy (the draft store checks them before saving after a lost save). */
  drafts: async () => (await request<CandidateSession>('/api/candidate/session')).attempt.drafts,
  leave: (csrf: string) => request<z.infer<typeof okSchema>>('/api/candidate/session', { method: 'DELETE', csrf, idempotent: true }),
  start: async (csrf: string) => keepAttempt(csrf, await request<CandidateAttempt>('/api/candidate/attempt/start', { method: 'POST', csrf })),
  finish: async (csrf: string) => keepAttempt(csrf, await request<CandidateAttempt>('/api/candidate/attempt/finish', { method: 'POST', csrf })),
  challenge: async (challengeVersionId: string) => {
    const path = `/api/candidate/challenges/${encodeURIComponent(challengeVersionId)}`;
    return (await kept<CandidateChallenge>(`challenge/${challengeVersionId}`, path)).value;
  },
  /** Where a statement image of the challenge is served (an <img> loads it with the session cookie). */
  fileUrl: (challengeVersionId: string, file: string) =>
    `/api/candidate/challenges/${encodeURIComponent(challengeVersionId)}/files/${encodeURIComponent(file)}`,
  // The same revision sent twice stores once, so a retry is harmless.
  saveDraft: (csrf: string, body: SaveDraftBody) => request<DraftAck>('/api/candidate/drafts', { method: 'PUT', body, csrf, idempotent: true }),
  // The client-chosen id makes a repeated POST return the first submission.
  submit: (csrf: string, body: CreateSubmissionBody) =>
    request<CandidateSubmission>('/api/candidate/submissions', { method: 'POST', body, csrf, idempotent: true, timeoutMs: 20_000 }),
  submissions: async () => (await kept<z.infer<typeof candidateSubmissionListSchema>>('submissions', '/api/candidate/submissions')).value,
  submission: (id: string) => request<CandidateSubmission>(`/api/candidate/submissions/${encodeURIComponent(id)}`),
  explanations: () => request<ExplanationList>('/api/candidate/explanations'),
  // The whole answer each time: a repeat stores the same.
  saveExplanation: (csrf: string, body: SaveExplanation) => request<ExplanationView>('/api/candidate/explanations', { method: 'PUT', body, csrf, idempotent: true }),
  /** One quick try, no retries: the connection check measures this round trip. */
  health: (timeoutMs: number) => request<Health>('/api/health', { timeoutMs, retries: 0 }),
};

/** Keeps an answer on this device for `kept` to fall back on offline. */
function keep<T>(key: string, value: T): T {
  void deviceStore().set(`api/${key}`, { value, keptAt: Date.now() });
  return value;
}

/** The attempt changed (started, finished): so does the session kept for offline use. */
function keepAttempt(csrfToken: string, attempt: CandidateAttempt): CandidateAttempt {
  keep('session', { csrfToken, attempt });
  return attempt;
}

/**
 * A GET the page needs to open without a connection: each answer is kept on
 * this device, and when the server cannot be reached the last one is used
 * (`keptAt` says when it was kept). Any answer of the server itself, a
 * refusal included, goes to the caller as it is. A copy is an answer as the
 * server sent it (parsed there with the contract), replaced by each answer
 * read online.
 */
async function kept<T extends object>(key: string, path: string): Promise<{ value: T; keptAt?: number }> {
  const store = deviceStore();
  try {
    return { value: keep(key, await request<T>(path)) };
  } catch (caught) {
    if (!(caught instanceof ApiError) || !isLinkFailure(caught)) throw caught;
    const copy = await store.get<{ value: T; keptAt: number }>(`api/${key}`);
    if (typeof copy?.value !== 'object' || copy.value === null) throw caught;
    return { value: copy.value, keptAt: copy.keptAt };
  }
}
