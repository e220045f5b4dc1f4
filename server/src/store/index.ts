/**
 * Persistence: organisations, staff, challenges, assessments, invites,
 * attempts, drafts, submissions, the attempt event log and the durable job
 * queue, behind one `Store` interface. Every organisation-side method takes
 * an `OrgId` and every candidate-side method an `AttemptId`, and puts it in
 * the query. SQLite now; PostgreSQL implements the same interface later.
 */
export type { Store, Clock } from './store.ts';
export type {
  ChangeActor,
  CreatedInvite,
  FinalSubmission,
  LimitStore,
  PackageFile,
  NewSharedResult,
  PublishedVersion,
} from './store.ts';
export type { AttemptId, AttemptScope, OrgId } from './ids.ts';
export { asOrgId } from './ids.ts';
export type {
  Assessment,
  AssessmentChange,
  Attempt,
  AttemptEvent,
  ChallengeDraftRecord,
  ChallengeRecord,
  ChallengeVersionInfo,
  ClaimedJob,
  ClaimedValidation,
  Draft,
  Explanation,
  Invite,
  Organisation,
  ResultsVisibility,
  Session,
  SharedResult,
  StaffCredentials,
  StaffRoles,
  StaffUser,
  Submission,
  SubmissionKind,
} from './model.ts';
export { SHORT_CODE_ALPHABET } from './secrets.ts';
export { retryAt } from './backoff.ts';
export { timeUpSubmissionId } from './time-up.ts';
export { statementLanguagesOf, timeAllowedMinutes } from './time-allowed.ts';
export { RUNS_SHARE, type StoreQuotas } from './quotas.ts';
export { loadMigrations, POSTGRES_MIGRATIONS_DIR, type Migration } from './migrations.ts';
export { openStore, PostgresStore, SqliteStore, SQLITE_FILE_NAME } from './sql/store.ts';
export type { CandidateReview, ReviewActor, SubmitScore } from './reviews.ts';
