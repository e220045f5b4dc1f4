import type { LanguageId } from '../../contracts/index.ts';
import { asAttemptId, asOrgId } from '../ids.ts';
import type {
  Attempt,
  AttemptEvent,
  AttemptEventKind,
  ChallengeRecord,
  ChallengeVersionInfo,
  Draft,
  Invite,
  Organisation,
  ResultsVisibility,
  StaffCredentials,
  StaffUser,
  Submission,
  SubmissionKind,
  SubmissionOrigin,
  SubmissionStatus,
} from '../model.ts';

/** Rows as either driver returns them (integers as numbers, booleans as 1/0), and their mapping to the model. */

const date = (ms: number): Date => new Date(ms);
const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** JSON text for a column; `undefined` is stored as null. */
export const toJson = (value: unknown): string => JSON.stringify(value ?? null);

export interface OrganisationRow {
  id: string;
  name: string;
  slug: string;
  created_at: number;
}
export const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: asOrgId(r.id),
  name: r.name,
  slug: r.slug,
  createdAt: date(r.created_at),
});

export interface StaffRow {
  id: string;
  org_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  is_author: number;
  is_recruiter: number;
  is_admin: number;
  created_at: number;
}
export const toStaffUser = (r: StaffRow): StaffUser => ({
  id: r.id,
  orgId: asOrgId(r.org_id),
  email: r.email,
  displayName: r.display_name,
  roles: { author: r.is_author === 1, recruiter: r.is_recruiter === 1, admin: r.is_admin === 1 },
  createdAt: date(r.created_at),
});
export const toStaffCredentials = (r: StaffRow): StaffCredentials => ({ ...toStaffUser(r), passwordHash: r.password_hash });

export interface ChallengeRow {
  id: string;
  org_id: string;
  slug: string;
  title: string;
  latest_version: number;
  latest_version_id: string;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}
/** Selects a ChallengeRow from `challenges c`. */
export const CHALLENGE_COLUMNS = `c.id, c.org_id, c.slug, c.title, c.latest_version, c.archived_at, c.created_at, c.updated_at,
  (SELECT v.id FROM challenge_versions v WHERE v.challenge_id = c.id AND v.version = c.latest_version) AS latest_version_id`;
export const toChallenge = (r: ChallengeRow): ChallengeRecord => ({
  id: r.id,
  orgId: asOrgId(r.org_id),
  slug: r.slug,
  title: r.title,
  latestVersion: r.latest_version,
  latestVersionId: r.latest_version_id,
  archivedAt: r.archived_at === null ? null : date(r.archived_at),
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});

export interface VersionRow {
  id: string;
  org_id: string;
  challenge_id: string;
  version: number;
  title: string;
  content_hash: string;
  meta: string;
  created_at: number;
}
export const VERSION_INFO_COLUMNS = 'v.id, v.org_id, v.challenge_id, v.version, v.title, v.content_hash, v.meta, v.created_at';
export const toVersionInfo = (r: VersionRow): ChallengeVersionInfo => ({
  id: r.id,
  orgId: asOrgId(r.org_id),
  challengeId: r.challenge_id,
  version: r.version,
  contentHash: r.content_hash,
  meta: json(r.meta),
  createdAt: date(r.created_at),
});

export interface AssessmentRow {
  id: string;
  org_id: string;
  title: string;
  time_limit_minutes: number;
  opens_at: number;
  closes_at: number;
  results_visibility: ResultsVisibility;
  interface_languages: string | null;
  second_language_percent: number;
  anonymous_review: number;
  created_at: number;
}

export interface InviteRow {
  id: string;
  org_id: string;
  assessment_id: string;
  short_code: string;
  candidate_name: string | null;
  contact: string | null;
  preferred_language: string | null;
  extra_minutes: number;
  expires_at: number | null;
  link_available: number;
  created_at: number;
  revoked_at: number | null;
  attempt_id: string | null;
}
/** Selects an InviteRow from `invites i`; never the token hash nor the sealed token. */
export const INVITE_COLUMNS = `i.id, i.org_id, i.assessment_id, i.short_code, i.candidate_name, i.contact,
  i.preferred_language, i.extra_minutes, i.expires_at, (CASE WHEN i.token_sealed IS NULL THEN 0 ELSE 1 END) AS link_available,
  i.created_at, i.revoked_at, (SELECT a.id FROM attempts a WHERE a.invite_id = i.id) AS attempt_id`;
export const toInvite = (r: InviteRow): Invite => ({
  id: r.id,
  orgId: asOrgId(r.org_id),
  assessmentId: r.assessment_id,
  shortCode: r.short_code,
  candidateName: r.candidate_name,
  contact: r.contact,
  preferredLanguage: r.preferred_language,
  extraMinutes: r.extra_minutes,
  expiresAt: dateOrNull(r.expires_at),
  linkAvailable: r.link_available === 1,
  createdAt: date(r.created_at),
  revokedAt: dateOrNull(r.revoked_at),
  attemptId: r.attempt_id === null ? null : asAttemptId(r.attempt_id),
});

export interface AttemptRow {
  id: string;
  org_id: string;
  invite_id: string;
  assessment_id: string;
  started_at: number;
  deadline_at: number;
  finished_at: number | null;
}
export const ATTEMPT_COLUMNS = 'a.id, a.org_id, a.invite_id, a.assessment_id, a.started_at, a.deadline_at, a.finished_at';
export const toAttempt = (r: AttemptRow): Attempt => ({
  id: asAttemptId(r.id),
  orgId: asOrgId(r.org_id),
  inviteId: r.invite_id,
  assessmentId: r.assessment_id,
  startedAt: date(r.started_at),
  deadlineAt: date(r.deadline_at),
  finishedAt: dateOrNull(r.finished_at),
});

export interface DraftRow {
  attempt_id: string;
  challenge_version_id: string;
  language: LanguageId;
  source: string;
  revision: number;
  updated_at: number;
}
export const toDraft = (r: DraftRow): Draft => ({
  attemptId: asAttemptId(r.attempt_id),
  challengeVersionId: r.challenge_version_id,
  language: r.language,
  source: r.source,
  revision: r.revision,
  updatedAt: date(r.updated_at),
});

export interface SubmissionRow {
  id: string;
  org_id: string;
  attempt_id: string;
  challenge_version_id: string;
  kind: SubmissionKind;
  origin: SubmissionOrigin;
  language: LanguageId;
  source: string;
  custom_input: string | null;
  status: SubmissionStatus;
  result: string | null;
  differences: string | null;
  error: string | null;
  tries: number;
  queue_seq: number;
  available_at: number;
  worker_id: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
  /** Bytes of source, custom input and result (for the run budget and pages). */
  stored_bytes: number;
}
export const toSubmission = (r: SubmissionRow): Submission => ({
  id: r.id,
  orgId: asOrgId(r.org_id),
  attemptId: asAttemptId(r.attempt_id),
  challengeVersionId: r.challenge_version_id,
  kind: r.kind,
  origin: r.origin,
  language: r.language,
  source: r.source,
  customInput: r.custom_input,
  status: r.status,
  result: json(r.result),
  differences: json(r.differences),
  error: r.error,
  tries: r.tries,
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
  startedAt: dateOrNull(r.started_at),
  finishedAt: dateOrNull(r.finished_at),
});

export interface EventRow {
  attempt_id: string;
  seq: number;
  kind: AttemptEventKind;
  data: string | null;
  created_at: number;
}
export const toEvent = (r: EventRow): AttemptEvent => ({
  attemptId: asAttemptId(r.attempt_id),
  seq: r.seq,
  kind: r.kind,
  data: json(r.data),
  at: date(r.created_at),
});
