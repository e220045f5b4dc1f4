import type { LanguageId } from '../contracts/index.ts';
import type { AttemptId, AttemptScope, OrgId } from './ids.ts';
import type {
  Assessment,
  AssessmentChange,
  Attempt,
  AttemptEvent,
  ChallengeDraftRecord,
  ChallengeDraftSummaryRecord,
  ChallengeRecord,
  ChallengeVersionInfo,
  ClaimedJob,
  ClaimedValidation,
  ConnectionEventKind,
  Draft,
  Explanation,
  ExplanationInput,
  Invite,
  JobLease,
  Organisation,
  QueueDepth,
  Session,
  ResultsVisibility,
  SharedResult,
  StaffCredentials,
  StaffRoles,
  StaffUser,
  Submission,
  SubmissionKind,
  ValidationLease,
} from './model.ts';
import type { CandidateReview, ReviewActor, ReviewInput, SubmitScore } from './reviews.ts';

/**
 * A refusal the caller is expected to handle (a taken e-mail, a stale draft):
 * a value, not an exception. Exceptions from the store are bugs or an
 * unusable database.
 */
export type Refused<Reason extends string, Extra = unknown> = { ok: false; reason: Reason } & Extra;
export type Done<T> = { ok: true; value: T };
export type Outcome<T, Reason extends string, Extra = unknown> = Done<T> | Refused<Reason, Extra>;

export interface NewStaffUser {
  email: string;
  displayName: string;
  /** Already hashed by the auth module; the store never sees a password. */
  passwordHash: string;
  roles: StaffRoles;
}

/** A colleague's one-time welcome link (set-password), stored as the token's SHA-256 only. */
export interface NewStaffWelcome {
  tokenHash: string;
  expiresAt: Date;
}

export interface NewChallengeVersion {
  /** The package's own id; the challenge row is found or made by it. */
  slug: string;
  title: string;
  /** The serialised package, in memory or in a file. Its SHA-256 is the version's content hash. */
  data: Uint8Array | PackageFile;
  /** Small JSON for listings (titles, languages, limits). */
  meta?: unknown;
  /**
   * Package bytes the organisation may keep stored, this package included;
   * none when absent. A package the organisation already stores costs nothing.
   */
  quotaBytes?: number;
}

/**
 * Package bytes in a file, read only when they have to be stored (and where
 * the store can, off the caller's thread). Hash and length are known up
 * front, so an unchanged package, or one over the quota, is settled before a
 * byte is read; the store checks both while it reads.
 */
export interface PackageFile {
  file: string;
  /** SHA-256, hex. */
  contentHash: string;
  bytes: number;
}

/** Publishing would take the organisation past its storage quota. */
export type QuotaRefusal = Refused<'quota_exceeded', { usedBytes: number; quotaBytes: number }>;

export interface PublishedVersion {
  challenge: ChallengeRecord;
  version: ChallengeVersionInfo;
  /** False when the newest version already held the same bytes: nothing was written. */
  created: boolean;
}

/**
 * The tasks in the candidate's order, either as challenge versions (pinned
 * as given) or as challenges (each pinned to its newest version now).
 */
export type AssessmentTasks = { challengeVersionIds: string[]; challengeIds?: undefined } | { challengeIds: string[]; challengeVersionIds?: undefined };

export type NewAssessment = AssessmentTasks & {
  title: string;
  timeLimitMinutes: number;
  opensAt: Date;
  closesAt: Date;
  resultsVisibility: ResultsVisibility;
  /** Locale codes offered to candidates; every locale when absent. */
  interfaceLanguages?: string[];
  /** 25 when absent. */
  secondLanguagePercent?: number;
  /** Names and contacts hidden from staff until revealed; off when absent. */
  anonymousReview?: boolean;
};

export type AssessmentChanges = Partial<
  Pick<NewAssessment, 'title' | 'timeLimitMinutes' | 'opensAt' | 'closesAt' | 'resultsVisibility' | 'interfaceLanguages' | 'secondLanguagePercent' | 'anonymousReview'> & {
    challengeVersionIds: string[];
  }
>;

/** Who made a change, for the assessment's change record; null for the server itself (seeding). */
export type ChangeActor = { staffUserId: string; staffName: string } | null;

/** A copy of an assessment: same tasks (versions) and settings, a new title and window, no invites. */
export interface AssessmentCopy {
  title: string;
  opensAt: Date;
  closesAt: Date;
}

export interface NewInvite {
  candidateName?: string | null;
  contact?: string | null;
  preferredLanguage?: string | null;
  /** 0–600; default 0. */
  extraMinutes?: number;
}

/** A CSV row to invite: skipped (reported as existing) when its import key is already used in the assessment. */
export interface ImportedInvite extends NewInvite {
  importKey: string;
}

export interface CreatedInvite {
  invite: Invite;
  /** The link token. The store looks invites up by its SHA-256 and keeps it sealed under the link key to show it again. */
  token: string;
}

export interface DraftInput {
  challengeVersionId: string;
  language: LanguageId;
  source: string;
  /** The client's counter for this draft; must exceed the stored one. */
  revision: number;
}

export interface SubmissionInput {
  /** The client's UUID for this submission (idempotency key). */
  id: string;
  challengeVersionId: string;
  kind: SubmissionKind;
  language: LanguageId;
  source: string;
  /** Required for kind 'custom', refused otherwise. */
  customInput?: string | null;
}

/** At most `runs` new submissions an attempt in any `windowMs`. */
export interface RunRate {
  runs: number;
  windowMs: number;
}

/** A session to keep; the id itself is never stored, only its SHA-256. */
export type NewSession = { idHash: string; orgId: OrgId; csrfToken: string; expiresAt: Date } & (
  | { kind: 'staff'; userId: string }
  | { kind: 'candidate'; inviteId: string }
);

/** One page of a list read with a cursor: at most `limit` items and about `maxBytes` (never less than one item). */
export interface PageRequest {
  /** The `next` of the previous page; omitted for the first. */
  after?: number;
  limit: number;
  maxBytes: number;
}
export interface Page<T> {
  items: T[];
  /** Pass as `after` for the following page; null on the last one. */
  next: number | null;
}

/** Outcome of reporting a failed try. */
export type FailOutcome = 'requeued' | 'failed' | 'lost';

/** An attempt's final code for one challenge: its last `submit` submission of that version. */
export interface FinalSubmission {
  submissionId: string;
  attemptId: AttemptId;
  inviteId: string;
  challengeVersionId: string;
  language: LanguageId;
  /** Cut to the length the caller asked for. */
  source: string;
}

/** An attempt the deadline sweep finished, and the submissions it made from drafts. */
export interface ExpiredAttempt {
  attempt: Attempt;
  timeUp: Submission[];
}

/** Organisations and their staff. */
export interface OrgStore {
  createOrganisation(input: { name: string; slug: string }): Promise<Outcome<Organisation, 'slug_taken'>>;
  getOrganisation(orgId: OrgId): Promise<Organisation | undefined>;
  /** Unscoped by nature: how seeding and sign-in pages find an organisation. */
  findOrganisationBySlug(slug: string): Promise<Organisation | undefined>;

  createStaffUser(orgId: OrgId, input: NewStaffUser): Promise<Outcome<StaffUser, 'email_taken' | 'org_not_found'>>;
  /** A colleague and their welcome link in one transaction (the hash is of a password nobody knows). */
  inviteStaffUser(orgId: OrgId, input: NewStaffUser, welcome: NewStaffWelcome): Promise<Outcome<StaffUser, 'email_taken' | 'org_not_found'>>;
  /** Colleagues with an unused, unexpired welcome link: user id → when it expires. */
  pendingStaffWelcomes(orgId: OrgId): Promise<Map<string, Date>>;
  /**
   * Unscoped by nature (the token is the way in): sets the password of the
   * link's user and deletes all their welcome links. Expired or unknown
   * tokens are `not_found` alike.
   */
  /** Whether a welcome link still works: asked before the password is hashed, so a dead link costs no Argon2 work. */
  staffWelcomeIsOpen(tokenHash: string): Promise<boolean>;
  redeemStaffWelcome(tokenHash: string, passwordHash: string): Promise<Outcome<StaffUser, 'not_found'>>;
  getStaffUser(orgId: OrgId, userId: string): Promise<StaffUser | undefined>;
  listStaffUsers(orgId: OrgId): Promise<StaffUser[]>;
  /** Refuses to take the admin role from the organisation's last admin. */
  updateStaffRoles(orgId: OrgId, userId: string, roles: StaffRoles): Promise<Outcome<StaffUser, 'not_found' | 'last_admin'>>;
  /**
   * Deletes the user, their sessions and welcome links; refuses the last
   * admin. Returns the ended sessions' id hashes (live sockets close on them).
   */
  removeStaffUser(orgId: OrgId, userId: string): Promise<Outcome<{ user: StaffUser; endedSessions: string[] }, 'not_found' | 'last_admin'>>;
  setStaffPasswordHash(orgId: OrgId, userId: string, passwordHash: string): Promise<boolean>;
  /**
   * Unscoped by nature: sign-in happens before the organisation is known.
   * The only method that returns password hashes. An e-mail address may have
   * an account in several organisations: at most `limit` of them, oldest
   * first, or only the one in `organisationSlug`'s organisation.
   */
  findStaffForSignIn(email: string, options: { limit: number; organisationSlug?: string }): Promise<StaffCredentials[]>;
}

/** Challenges and their immutable versions, per organisation. */
export interface ChallengeStore {
  /**
   * Adds a version (and the challenge on first publish) unless the newest
   * already has these bytes. The bytes are stored in small pieces, never in
   * one statement, and once per organisation: a version whose bytes the
   * organisation already stores writes no bytes and costs no quota.
   */
  publishChallengeVersion(orgId: OrgId, input: NewChallengeVersion): Promise<Done<PublishedVersion> | QuotaRefusal>;
  getChallenge(orgId: OrgId, challengeId: string): Promise<ChallengeRecord | undefined>;
  findChallengeBySlug(orgId: OrgId, slug: string): Promise<ChallengeRecord | undefined>;
  listChallenges(orgId: OrgId): Promise<ChallengeRecord[]>;
  listChallengeVersions(orgId: OrgId, challengeId: string): Promise<ChallengeVersionInfo[]>;
  /** A version's record, never its bytes (see readChallengePackage). */
  getChallengeVersion(orgId: OrgId, versionId: string): Promise<ChallengeVersionInfo | undefined>;
  /** A version that is part of this attempt's assessment; its record, never its bytes. */
  getAttemptChallengeVersion(attemptId: AttemptId, versionId: string): Promise<ChallengeVersionInfo | undefined>;
  /**
   * Writes the version's package bytes (hidden tests included: never send
   * them to a candidate) into `file`, which must not exist; piece by piece,
   * never the whole package in memory. `not_found` when the organisation has
   * no such version.
   */
  exportChallengePackage(orgId: OrgId, versionId: string, file: string): Promise<void>;
  /** Archives the challenge (at the store's clock) or brings it back; undefined when the organisation has no such challenge. */
  setChallengeArchived(orgId: OrgId, challengeId: string, archived: boolean): Promise<ChallengeRecord | undefined>;
  /** Every version of the organisation's challenges that an assessment uses, with the assessment; by assessment creation, then position in it. */
  listVersionUsage(orgId: OrgId): Promise<VersionUsage[]>;
  /** Package bytes the organisation stores, including packages still being written. */
  storedPackageBytes(orgId: OrgId): Promise<number>;
  /**
   * Unscoped by nature (the server's own sweep): removes packages whose
   * bytes were being written before `before` and never got a version — left
   * by a process that died mid-publish. Returns how many.
   */
  removeUnfinishedPackages(before: Date): Promise<number>;
}

export interface VersionUsage {
  challengeVersionId: string;
  assessmentId: string;
  assessmentTitle: string;
}

/** Assessments and the invites to them. */
export interface AssessmentStore {
  /**
   * Pins the listed versions (or each challenge's newest) in the given order;
   * one version per challenge. Records a `created` change by `actor`.
   */
  createAssessment(orgId: OrgId, input: NewAssessment, actor?: ChangeActor): Promise<Outcome<Assessment, 'challenge_not_found' | 'challenge_repeated'>>;
  getAssessment(orgId: OrgId, assessmentId: string): Promise<Assessment | undefined>;
  listAssessments(orgId: OrgId): Promise<Assessment[]>;
  /**
   * Applies the changes and records what differed, in one transaction. Once a
   * candidate has started, only safe changes are taken (running-changes.ts):
   * anything else refuses the whole update `running`, naming the fields.
   * Started attempts keep their deadline.
   */
  updateAssessment(
    orgId: OrgId,
    assessmentId: string,
    changes: AssessmentChanges,
    actor?: ChangeActor,
  ): Promise<Outcome<Assessment, 'not_found' | 'challenge_not_found' | 'challenge_repeated'> | Refused<'running', { fields: string[] }>>;
  /** A copy with the same versions and settings, a new title and window, no invites; recorded as created from the original. */
  duplicateAssessment(orgId: OrgId, assessmentId: string, copy: AssessmentCopy, actor?: ChangeActor): Promise<Assessment | undefined>;
  /** The change record, oldest first; undefined when the organisation has no such assessment. */
  listAssessmentChanges(orgId: OrgId, assessmentId: string): Promise<AssessmentChange[] | undefined>;
  /** The assessment of the candidate's own attempt. */
  getAttemptAssessment(attemptId: AttemptId): Promise<Assessment | undefined>;

  /** `full` when the assessment holds StoreQuotas.invitesPerAssessment invites already. */
  createInvite(orgId: OrgId, assessmentId: string, input?: NewInvite): Promise<Outcome<CreatedInvite, 'assessment_not_found' | 'full'>>;
  getInvite(orgId: OrgId, inviteId: string): Promise<Invite | undefined>;
  listInvites(orgId: OrgId, assessmentId: string): Promise<Invite[]>;
  revokeInvite(orgId: OrgId, inviteId: string): Promise<Invite | undefined>;
  /** The invite's link token, unsealed; `unavailable` for an invite made before tokens were kept (or under another link key). */
  getInviteToken(orgId: OrgId, inviteId: string): Promise<Outcome<string, 'not_found' | 'unavailable'>>;
  /** Every kept link token of an assessment's invites, by invite id (the printable sheet). */
  listInviteTokens(orgId: OrgId, assessmentId: string): Promise<Map<string, string>>;
  /** A new link token and short code; the old ones stop working at once. A revoked invite stays revoked. */
  reissueInvite(orgId: OrgId, inviteId: string): Promise<Outcome<CreatedInvite, 'not_found' | 'revoked'>>;
  /** Lets the candidate start until `expiresAt` (which must be later than the invite's current end). */
  extendInvite(orgId: OrgId, inviteId: string, expiresAt: Date): Promise<Outcome<Invite, 'not_found' | 'revoked' | 'not_later'>>;
  /** The import keys already used in the assessment (the CSV preview). */
  listInviteImportKeys(orgId: OrgId, assessmentId: string): Promise<Set<string>>;
  /**
   * Creates every row whose import key is not used yet, all in one
   * transaction; `existing` lists the keys that were (an earlier import).
   * `full` (and nothing created) when they would take the assessment past
   * StoreQuotas.invitesPerAssessment.
   */
  importInvites(
    orgId: OrgId,
    assessmentId: string,
    rows: readonly ImportedInvite[],
  ): Promise<Outcome<{ created: Map<string, CreatedInvite>; existing: Set<string> }, 'assessment_not_found' | 'full'>>;
  /** Unscoped by nature (the candidate's way in): looked up by the token's SHA-256. */
  findInviteByToken(token: string): Promise<Invite | undefined>;
  /** Unscoped by nature: case, spaces and dashes are forgiven; ambiguous characters are not guessed. */
  findInviteByShortCode(code: string): Promise<Invite | undefined>;
}

/** A candidate's attempt: drafts, submissions and the event log. */
export interface AttemptStore {
  /**
   * Starts the invite's attempt, or returns the one already started
   * (`created: false`), so a second device lands in the same attempt.
   * Appends `started` when it creates one.
   */
  startAttempt(
    orgId: OrgId,
    inviteId: string,
  ): Promise<Outcome<{ attempt: Attempt; created: boolean }, 'not_found' | 'revoked' | 'not_open' | 'closed'>>;
  getAttempt(scope: AttemptScope): Promise<Attempt | undefined>;
  listAttempts(orgId: OrgId, assessmentId: string): Promise<Attempt[]>;
  /** Sets finishedAt once (later calls return the attempt unchanged) and appends `finished`. */
  finishAttempt(attemptId: AttemptId, reason?: string): Promise<Attempt | undefined>;
  /**
   * Unscoped by nature (the server's own sweep): finishes up to `limit`
   * attempts whose deadline passed unfinished, each at its deadline, with
   * `finished` reason `time_up`. In the same transaction, each task whose
   * newest saved draft (whatever its language) differs from the task's last
   * `submit` gets a `submit` of that draft with `origin: 'time_up'` and a
   * deterministic id, queued like any submission (see store/time-up.ts).
   * Returns the attempts it finished with the submissions it made.
   */
  finishExpiredAttempts(limit: number): Promise<ExpiredAttempt[]>;

  /**
   * Saves a draft if `revision` is higher than the stored one. A stale
   * revision is refused with the stored draft; so is any write once the
   * attempt is finished or its deadline has passed. Saves of one attempt
   * (all its devices, HTTP and socket alike) take a token from the attempt's
   * bucket (`draftBurst`, `draftSavesPerMinute`); without one the save is
   * refused `rate_limited` with when a token will be there.
   *
   * Each accepted save appends `draft_saved` for replay: a snapshot of the
   * text for a draft's first save and every few minutes or edits, otherwise
   * the one span that changed since the previous revision (see
   * DraftSavedData). Once the attempt's history reaches
   * `historyBytesPerAttempt`, one `history_capped` is appended and later
   * saves are stored without history.
   */
  saveDraft(
    attemptId: AttemptId,
    input: DraftInput,
  ): Promise<
    | Outcome<Draft, 'stale', { current: Draft }>
    | Refused<'not_found' | 'attempt_closed' | 'challenge_not_in_attempt'>
    | Refused<'rate_limited', { retryAfterMs: number }>
  >;
  listDrafts(scope: AttemptScope): Promise<Draft[]>;
  /** Saves (replacing) a candidate's answers to one challenge's "explain your solution" questions; undefined when there is no such attempt. */
  saveExplanation(attemptId: AttemptId, input: ExplanationInput): Promise<Explanation | undefined>;
  listExplanations(scope: AttemptScope): Promise<Explanation[]>;

  /**
   * Writes the submission and enqueues it in one transaction, appending
   * `submitted`, `ran_samples` or `ran_custom`. The same id again returns the
   * first submission (`created: false`) and writes nothing, even after the
   * deadline. An id another attempt used is refused without saying more.
   * The attempt's runs store at most `runBytesPerAttempt` (source, custom
   * input, and each result as it is completed); sample and custom runs stop
   * at RUNS_SHARE of it. Beyond, `quota_exceeded` with the limit that applied.
   * With `rate`, a new submission beyond it is `rate_limited` (counted in the
   * same transaction, so parallel requests cannot all slip under it).
   */
  createSubmission(
    attemptId: AttemptId,
    input: SubmissionInput,
    rate?: RunRate,
  ): Promise<
    | Outcome<{ submission: Submission; created: boolean }, 'id_taken' | 'not_found' | 'attempt_closed' | 'challenge_not_in_attempt' | 'rate_limited'>
    | Refused<'quota_exceeded', { limitBytes: number }>
  >;
  getSubmission(scope: AttemptScope, submissionId: string): Promise<Submission | undefined>;
  /** Oldest first. */
  listSubmissions(scope: AttemptScope): Promise<Submission[]>;
  /** Oldest first, a page at a time (a recruiter's read); sizes count source, custom input and result. */
  listSubmissionsPage(scope: AttemptScope, page: PageRequest): Promise<Page<Submission>>;
  /**
   * Every attempt's final code of an assessment: per attempt and challenge
   * version, the last `submit` submission (none when it never submitted),
   * each source cut to `sourceChars` characters (0: ids only).
   */
  listFinalSubmissions(orgId: OrgId, assessmentId: string, sourceChars: number): Promise<FinalSubmission[]>;

  /**
   * For the connection layer; the other kinds are written by the changes they
   * record. Connection changes count towards the history cap like draft
   * saves: undefined when the attempt does not exist or its history is full.
   */
  appendEvent(attemptId: AttemptId, kind: ConnectionEventKind, data?: unknown): Promise<AttemptEvent | undefined>;
  /** In sequence order; `afterSeq` resumes a reader. */
  listEvents(scope: AttemptScope, afterSeq?: number): Promise<AttemptEvent[]>;
  /** In sequence order, a page at a time; the cursor is the last sequence number read. */
  listEventsPage(scope: AttemptScope, page: PageRequest): Promise<Page<AttemptEvent>>;
}

/** Sign-in sessions. Looked up by the hash of the cookie: the way in, so unscoped by nature. */
export interface SessionStore {
  /**
   * Also removes expired sessions. A candidate session is one of at most
   * `sessionsPerInvite` per invite: making one more ends the oldest.
   */
  createSession(input: NewSession): Promise<Session>;
  /** Undefined when unknown or expired. */
  findSession(idHash: string): Promise<Session | undefined>;
  deleteSession(idHash: string): Promise<boolean>;
}

/**
 * The durable job queue: a submission row is the job. Fairness rule for
 * `claimNext`: among queued jobs whose `available_at` has come, take the one
 * whose attempt has the fewest jobs running; among those, the one queued
 * first. So a candidate with ten queued runs gets one worker while another
 * candidate's single run waits for the next free worker, not for all ten.
 * Every claim counts as a try; a job that reaches `maxTries` is failed
 * rather than retried (a job that keeps killing the process stops too).
 */
export interface JobQueue {
  claimNext(workerId: string, now: Date): Promise<ClaimedJob | undefined>;
  /** Stores the result; false when this claim no longer holds (already completed, re-queued). */
  complete(lease: JobLease, result: unknown, differences?: unknown[]): Promise<boolean>;
  /**
   * A try failed for the system's reasons. With `retryAt` and tries left, the
   * job waits until then; otherwise it is marked failed with `error`.
   */
  fail(lease: JobLease, error: string, retryAt: Date | null): Promise<FailOutcome>;
  /**
   * The worker stopped this claim on purpose (the process is shutting down):
   * the job goes back in the queue at once, in its old place, and the try is
   * not charged (`tries` drops back). False when the claim no longer holds.
   * The worker must not report on this lease again: a later claim may hold
   * the same `tries`.
   */
  release(lease: JobLease): Promise<boolean>;
  /**
   * A claim is a lease of `leaseMs`: the worker renews it while it judges
   * (every third of it). A job whose lease ran out — its worker died, on this
   * machine or another — is claimed again by the next claim, as a new try;
   * the old worker's late report no longer matches and is ignored. False when
   * the claim no longer holds: the worker should stop judging.
   */
  renewLease(lease: JobLease, now: Date): Promise<boolean>;
  readonly leaseMs: number;
  /**
   * At start-up: puts jobs left running by a dead process back in the queue
   * (or fails those out of tries), submissions and drafts' validations alike
   * (counted together; a validation failed this way gets an `error` record). With `workerIdPrefix`, only that process's
   * workers' jobs — for several processes sharing one store.
   */
  requeueRunning(options?: { workerIdPrefix?: string }): Promise<{ requeued: number; failed: number }>;
  /**
   * Queued jobs ahead of this one in arrival order (0 = next), an estimate
   * fairness may improve on; undefined once it is no longer queued.
   */
  queuePosition(attemptId: AttemptId, submissionId: string): Promise<number | undefined>;
  /** `delayed` counts queued jobs whose retry time is after the store's clock. */
  queueDepth(): Promise<QueueDepth>;
}

/**
 * Everything Kodbro keeps. Every method that touches an organisation's data
 * takes its `OrgId`, every candidate-side method its `AttemptId`, and the
 * scope is part of the query itself. The few unscoped methods are the ways
 * in (sign-in, invite lookup) and the workers' queue.
 */
/** How much of the server's disk one organisation's drafts may take. */
export interface DraftCaps {
  count: number;
  /** The documents' JSON, in bytes, together. */
  bytes: number;
}

/** Challenge drafts, one per slug and organisation; saved with the revision they were edited on. */
export interface DraftStore {
  /**
   * Refused with the existing draft's id when the organisation already has a
   * draft of that slug, and as `full` when it would hold more drafts or bytes
   * of drafts than `caps` allow.
   */
  createChallengeDraft(orgId: OrgId, input: { slug: string; document: unknown }, caps: DraftCaps): Promise<Outcome<ChallengeDraftRecord, 'exists', { id: string }> | { ok: false; reason: 'full' }>;
  getChallengeDraft(orgId: OrgId, draftId: string): Promise<ChallengeDraftRecord | undefined>;
  /** The organisation's drafts, the most recently changed first. */
  listChallengeDrafts(orgId: OrgId): Promise<ChallengeDraftSummaryRecord[]>;
  /** Saves when `revision` is still the draft's; `stale` when someone saved since; `full` past the organisation's bytes of drafts. */
  saveChallengeDraft(orgId: OrgId, draftId: string, document: unknown, revision: number, caps: DraftCaps): Promise<Outcome<ChallengeDraftRecord, 'not_found' | 'stale' | 'full'>>;
  deleteChallengeDraft(orgId: OrgId, draftId: string): Promise<boolean>;
  /** Replaces the latest validation; with `onlyIf`, only while the stored one is the run that started then. False when nothing changed. */
  setDraftValidation(orgId: OrgId, draftId: string, validation: unknown, onlyIf?: { startedAt: string }): Promise<boolean>;
}

/** What a new validation job is made of: the draft as validated, and its first (running) record. */
export interface NewValidation {
  revision: number;
  document: unknown;
  /** Stored on the draft as its latest validation; its `startedAt` keys the job. */
  validation: { startedAt: string };
}

/**
 * Drafts' validations as jobs of the durable queue, beside submissions (the
 * workers claim a submission first, and a validation only when none waits).
 * Same lease rules as JobQueue: every claim is a try quoted by later reports,
 * a job out of tries fails, a release gives the try back. The draft's
 * validation record is written under the run's `startedAt` (setDraftValidation's
 * `onlyIf`), so an old run never replaces a newer one.
 */
export interface ValidationQueue {
  /**
   * Stores `validation` as the draft's latest and queues its job, in one
   * transaction. `busy` when the organisation already has a validation queued
   * or running; `not_found` when the draft is not the organisation's.
   */
  startDraftValidation(orgId: OrgId, draftId: string, input: NewValidation): Promise<Outcome<{ jobId: string }, 'busy' | 'not_found'>>;
  claimNextValidation(workerId: string, now: Date): Promise<ClaimedValidation | undefined>;
  /** Stores the finished record on the draft (if still this run's) and the job as done; false when the claim no longer holds. */
  completeValidation(lease: ValidationLease, validation: unknown): Promise<boolean>;
  /**
   * A try failed for the system's reasons: with `retryAt` and tries left it
   * waits until then; otherwise it fails and `finalValidation` (an `error`
   * record in words) is stored on the draft.
   */
  failValidation(lease: ValidationLease, error: string, retryAt: Date | null, finalValidation: unknown): Promise<FailOutcome>;
  /** Stopped on purpose (shutdown): back in the queue at once, the try not charged. */
  releaseValidation(lease: ValidationLease): Promise<boolean>;
  /** As renewLease, for a draft's validation. */
  renewValidationLease(lease: ValidationLease, now: Date): Promise<boolean>;
}

/** What a new shared result holds: the signed bytes, made by the results module. */
export interface NewSharedResult {
  id: string;
  document: string;
  signature: string;
  keyId: string;
}

/** Results candidates share (a signed document per finished attempt) and organisations revoke. */
export interface ResultStore {
  /** The attempt's shared result, shared or not; undefined when it never was. */
  getSharedResult(scope: AttemptScope): Promise<SharedResult | undefined>;
  /**
   * Makes the attempt's result shareable (`true`) or not. The first share
   * stores `fresh` (built and signed by the caller), frozen from then on;
   * later calls only flip `shareable` and ignore `fresh`, so two racing first
   * shares keep one document. Undefined when the attempt does not exist, or
   * when there is no row yet and no `fresh` (an un-share of a result never shared).
   */
  setResultShareable(attemptId: AttemptId, shareable: boolean, fresh?: NewSharedResult): Promise<SharedResult | undefined>;
  /** Unscoped by nature (the id is the way in, 128 random bits): only a shareable result, else undefined. */
  findShareableResult(resultId: string): Promise<SharedResult | undefined>;
  /** Revokes (with who and why) or un-revokes the attempt's result; undefined when the organisation has no shared result for that attempt. */
  setResultRevoked(orgId: OrgId, attemptId: string, revoke: { by: string; reason: string | null } | null): Promise<SharedResult | undefined>;
}

/** The recruiter's review of candidates (reviews.ts): notes, ratings, shortlists, reveals in anonymous review, and the dashboard's scores. */
export interface ReviewStore {
  /** Every invite of the assessment that has a review or a reveal, by invite id. */
  listCandidateReviews(orgId: OrgId, assessmentId: string): Promise<Map<string, CandidateReview>>;
  /** The invite's review (empty when none); undefined when the organisation has no such invite. */
  getCandidateReview(orgId: OrgId, inviteId: string): Promise<CandidateReview | undefined>;
  /** Replaces the invite's note, rating and shortlist; undefined when the organisation has no such invite. */
  saveCandidateReview(orgId: OrgId, inviteId: string, input: ReviewInput, actor: ReviewActor): Promise<CandidateReview | undefined>;
  /** Records who revealed the candidate first, and when (later reveals change nothing); undefined when no such invite. */
  revealCandidate(orgId: OrgId, inviteId: string, actor: ReviewActor): Promise<CandidateReview | undefined>;
  /** The invite's stable number in its assessment (1, 2, 3… by creation): "Candidate 7". */
  candidateNumber(orgId: OrgId, inviteId: string): Promise<number | undefined>;
  /** Every `submit` of the assessment's attempts (or of one of them) with its judged score, in one read, without sources or results. */
  listSubmitScores(orgId: OrgId, assessmentId: string, attemptId?: AttemptId): Promise<SubmitScore[]>;
}

/**
 * Rate limits and one-at-a-time gates every server process shares (limits.ts):
 * what used to live in one process's memory. Keys are the callers' opaque
 * strings, prefixed by what they limit (`login:`, `code:`, `results:`,
 * `preview:<org>`…); a counter's key and a lock's key never coincide.
 */
export interface LimitStore {
  /**
   * One more hit on the fixed-window counter `key`: the window opens at the
   * first hit (or the first after the last window ended) and lasts
   * `windowMs`. Answers the hits in the window, this one included, and when
   * the window ends. Hits from several processes at once all count.
   */
  hitLimit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }>;
  /** Takes one hit back (express-rate-limit's skipSuccessfulRequests); never below zero. */
  unhitLimit(key: string): Promise<void>;
  /** Forgets the counter `key`: the next hit opens a new window. */
  resetLimit(key: string): Promise<void>;
  /**
   * Takes the lock `key` for `ttlMs` (a lease): a fresh token, or undefined
   * while another holder's lease has not run out. An expired lease is taken
   * over, so a crashed process cannot hold a lock for ever: callers pick a
   * TTL well above the work's own time limit.
   */
  tryLock(key: string, ttlMs: number, now: Date): Promise<string | undefined>;
  /** Releases the lock if `token` still holds it (not after a takeover); true when it did. */
  unlock(key: string, token: string): Promise<boolean>;
  /**
   * Removes at most `max` counters and locks that expired by `now` (oldest
   * first) and answers how many. hitLimit and tryLock also sweep now and
   * then, a bounded number of rows at a time, so the table cannot grow
   * without end; this is for tests and maintenance.
   */
  sweepLimits(now: Date, max: number): Promise<number>;
}

export interface Store extends OrgStore, ChallengeStore, DraftStore, AssessmentStore, AttemptStore, SessionStore, JobQueue, ValidationQueue, ReviewStore, ResultStore, LimitStore {
  /** Answers a trivial query; for /api/health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The store's clock, passed in from the composition root. */
export type Clock = () => Date;
