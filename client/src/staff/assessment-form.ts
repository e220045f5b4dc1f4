import { runningRefusalSchema, type AssessmentSettingName } from '@kodbro/server/contracts';
import type { ApiError } from '../api/http.ts';

/** Pure helpers of the assessment form. */

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a `datetime-local` value in the browser's time zone, to the minute. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (the browser's time zone) as an ISO time in UTC. */
export function fromLocalInput(value: string): string {
  return new Date(value).toISOString();
}

/** The settings a 409 `assessment_running` names, or undefined for any other error. */
export function runningRefusal(error: ApiError): AssessmentSettingName[] | undefined {
  if (error.code !== 'assessment_running') return undefined;
  const parsed = runningRefusalSchema.safeParse(error.details);
  return parsed.success ? parsed.data.fields : [];
}
