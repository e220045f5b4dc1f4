import type { ResultShare, ResultsKey, SignedResult } from '@kodbro/server/contracts';
import { request } from './http.ts';

/** The candidate's share switch, and the public reads the verification page makes. */
export const resultsApi = {
  share: () => request<ResultShare>('/api/candidate/result'),
  setShareable: (csrf: string, shareable: boolean) => request<ResultShare>('/api/candidate/result/share', { method: 'POST', body: { shareable }, csrf, idempotent: true }),
  result: (resultId: string) => request<SignedResult>(`/api/results/${encodeURIComponent(resultId)}`),
  key: () => request<ResultsKey>('/.well-known/kodbro-results-key'),
};
