import type {
  assessmentChangeListSchema,
  AssessmentView,
  ChallengeDetail,
  CreateAssessmentBody,
  DuplicateAssessmentBody,
  UpdateAssessmentBody,
} from '@kodbro/server/contracts';
import type { z } from 'zod';
import { request } from './http.ts';

const assessmentPath = (id: string) => `/api/assessments/${encodeURIComponent(id)}`;

/** Building, changing and copying assessments (the staff pages only). */
export const assessmentEditorApi = {
  challenge: (id: string) => request<ChallengeDetail>(`/api/challenges/${encodeURIComponent(id)}`),
  create: (csrf: string, body: CreateAssessmentBody) => request<AssessmentView>('/api/assessments', { method: 'POST', body, csrf }),
  update: (csrf: string, id: string, body: UpdateAssessmentBody) => request<AssessmentView>(assessmentPath(id), { method: 'PATCH', body, csrf }),
  duplicate: (csrf: string, id: string, body: DuplicateAssessmentBody) => request<AssessmentView>(`${assessmentPath(id)}/duplicate`, { method: 'POST', body, csrf }),
  changes: (id: string) => request<z.infer<typeof assessmentChangeListSchema>>(`${assessmentPath(id)}/changes`),
};
