import {
  candidateAttemptSchema,
  candidateChallengeSchema,
  candidateSessionSchema,
  candidateSubmissionListSchema,
  candidateSubmissionSchema,
  draftAckSchema,
  okSchema,
  type CandidateSessionBody,
  type CreateSubmissionBody,
  type SaveDraftBody,
} from '@kodbro/server/contracts';
import { request } from './http.ts';

/** The candidate's HTTP API; `csrf` comes from the session response. */
export const candidateApi = {
  openSession: (body: CandidateSessionBody) => request(candidateSessionSchema, '/api/candidate/session', { method: 'POST', body }),
  session: () => request(candidateSessionSchema, '/api/candidate/session'),
  leave: (csrf: string) => request(okSchema, '/api/candidate/session', { method: 'DELETE', csrf, idempotent: true }),
  start: (csrf: string) => request(candidateAttemptSchema, '/api/candidate/attempt/start', { method: 'POST', csrf }),
  finish: (csrf: string) => request(candidateAttemptSchema, '/api/candidate/attempt/finish', { method: 'POST', csrf }),
  challenge: (challengeVersionId: string) =>
    request(candidateChallengeSchema, `/api/candidate/challenges/${encodeURIComponent(challengeVersionId)}`),
  /** Where a statement image of the challenge is served (an <img> loads it with the session cookie). */
  fileUrl: (challengeVersionId: string, file: string) =>
    `/api/candidate/challenges/${encodeURIComponent(challengeVersionId)}/files/${encodeURIComponent(file)}`,
  // The same revision sent twice stores once, so a retry is harmless.
  saveDraft: (csrf: string, body: SaveDraftBody) => request(draftAckSchema, '/api/candidate/drafts', { method: 'PUT', body, csrf, idempotent: true }),
  // The client-chosen id makes a repeated POST return the first submission.
  submit: (csrf: string, body: CreateSubmissionBody) =>
    request(candidateSubmissionSchema, '/api/candidate/submissions', { method: 'POST', body, csrf, idempotent: true, timeoutMs: 20_000 }),
  submissions: () => request(candidateSubmissionListSchema, '/api/candidate/submissions'),
  submission: (id: string) => request(candidateSubmissionSchema, `/api/candidate/submissions/${encodeURIComponent(id)}`),
};
