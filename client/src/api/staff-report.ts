import type { AttemptDetail, AttemptEventPage, AttemptEventView, AttemptSubmissionPage, ExplanationList, StaffSubmission } from '@kodbro/server/contracts';
import { request } from './http.ts';

const attemptPath = (id: string) => `/api/attempts/${encodeURIComponent(id)}`;

/** A candidate's whole record for the report: every run and the whole event log, read on from the attempt's first pages. */
export const reportApi = {
  submissions: (id: string, after: number) => request<AttemptSubmissionPage>(`${attemptPath(id)}/submissions?after=${after}&limit=100`),
  explanations: (id: string) => request<ExplanationList>(`${attemptPath(id)}/explanations`),
  events: (id: string, after: number) => request<AttemptEventPage>(`${attemptPath(id)}/events?after=${after}&limit=1000`),

  /** Reads every page after the attempt's first ones (each page is bounded in bytes by the server). */
  async rest(id: string, detail: AttemptDetail): Promise<{ submissions: StaffSubmission[]; events: AttemptEventView[] }> {
    const submissions = [...detail.submissions];
    for (let next = detail.submissionsNext; next !== null; ) {
      const page = await reportApi.submissions(id, next);
      submissions.push(...page.submissions);
      next = page.next;
    }
    const events = [...detail.events];
    for (let next = detail.eventsNext; next !== null; ) {
      const page = await reportApi.events(id, next);
      events.push(...page.events);
      next = page.next;
    }
    return { submissions, events };
  },
};
