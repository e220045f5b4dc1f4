/**
 * Persistence: organisations, staff, challenges, assessments, invites,
 * attempts, drafts, submissions, the attempt event log and the durable job
 * queue, behind one `Store` interface. Every organisation-side method takes
 * an `OrgId` and every candidate-side method an `AttemptId`, and puts it in
 * the query. SQLite now; PostgreSQL implements the same interface later.
 */
export type { Store, SessionStore, OrgStore, ChallengeStore, AssessmentStore, AttemptStore, JobQueue, Clock, Outcome, Done, Refused, FailOutcome, Page, PageRequest } from './store.ts';
export type {
  AssessmentChanges,
  CreatedInvite,
  DraftInput,
  NewAssessment,
  NewChallengeVersion,
  NewInvite,
  NewSession,
  NewStaffUser,
  PackageFile,
  PublishedVersion,
  QuotaRefusal,
  SubmissionInput,
} from './store.ts';
export type { AttemptId, AttemptScope, OrgId } from './ids.ts';
export { asAttemptId, asOrgId } from './ids.ts';
export type {
  Assessment,
  AssessmentChallenge,
  Attempt,
  AttemptEvent,
  AttemptEventKind,
  ChallengeRecord,
  ChallengeVersionInfo,
  ClaimedJob,
  ConnectionEventKind,
  Draft,
  Invite,
  JobLease,
  Organisation,
  QueueDepth,
  ResultsVisibility,
  Session,
  StaffCredentials,
  StaffRoles,
  StaffUser,
  Submission,
  SubmissionKind,
  SubmissionStatus,
} from './model.ts';
export { ATTEMPT_EVENT_KINDS, RESULTS_VISIBILITY, SUBMISSION_KINDS, SUBMISSION_STATUSES } from './model.ts';
export { SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH, contentHash, hashInviteToken, newInviteToken, newShortCode, normalizeShortCode } from './secrets.ts';
export { retryAt, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
export { DEFAULT_STORE_QUOTAS, RUNS_SHARE, type StoreQuotas } from './quotas.ts';
export { loadMigrations, MIGRATIONS_DIR, type Migration } from './migrations.ts';
export { SqliteStore, SQLITE_FILE_NAME, type SqliteStoreOptions } from './sqlite/store.ts';
