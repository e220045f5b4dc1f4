// The value lists are the contracts' (one vocabulary for the API and the store).
import {
  ATTEMPT_EVENT_KIND_VALUES,
  RESULTS_VISIBILITIES,
  SUBMISSION_KIND_VALUES,
  SUBMISSION_ORIGIN_VALUES,
  SUBMISSION_STATUS_VALUES,
  type LanguageId,
} from '../contracts/index.ts';
import type { AttemptId, OrgId } from './ids.ts';

/**
 * What the store keeps, as plain data. Times are `Date`s (stored as UTC
 * milliseconds); JSON payloads are `unknown` and are parsed by the shared zod
 * contracts where they are used.
 */

export interface Organisation {
  id: OrgId;
  name: string;
  /** Unique, lower-case, URL-safe. */
  slug: string;
  createdAt: Date;
}

export interface StaffRoles {
  author: boolean;
  recruiter: boolean;
  /** The organisation's one admin, who invites staff. */
  admin: boolean;
}

export interface StaffUser {
  id: string;
  orgId: OrgId;
  /** Stored trimmed and lower-cased; unique within the organisation (the same person may work for two). */
  email: string;
  displayName: string;
  roles: StaffRoles;
  createdAt: Date;
}

/** Only the sign-in path sees the hash. */
export interface StaffCredentials extends StaffUser {
  passwordHash: string;
}

/** A challenge being written in the browser: its document is the contracts' ChallengeDraft, checked at the boundary. */
/** A draft as the library lists it: no document, just what names it. */
export interface ChallengeDraftSummaryRecord {
  id: string;
  slug: string;
  /** The document's titles per locale (as stored; the route picks one). */
  title: unknown;
  revision: number;
  updatedAt: Date;
  validation: { status: string; revision: number } | null;
}

export interface ChallengeDraftRecord {
  id: string;
  orgId: OrgId;
  slug: string;
  document: unknown;
  /** 1 when made, one more on each save. */
  revision: number;
  /** The latest validation (contracts' DraftValidation without `stale`), or null before the first. */
  validation: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChallengeRecord {
  id: string;
  orgId: OrgId;
  /** The package's own id, unique per organisation. */
  slug: string;
  title: string;
  /** Version number of the newest version; new assessments pick it. */
  latestVersion: number;
  latestVersionId: string;
  /** When it was archived (hidden from pickers, still judged for assessments that use it); null while in use. */
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An immutable version of a challenge package. */
export interface ChallengeVersionInfo {
  id: string;
  orgId: OrgId;
  challengeId: string;
  /** 1, 2, 3… per challenge. */
  version: number;
  /** SHA-256 (hex) of the serialised package (`readChallengePackage`). */
  contentHash: string;
  /** Small JSON for listings (titles, languages); never hidden tests. */
  meta: unknown;
  createdAt: Date;
}

export const RESULTS_VISIBILITY = RESULTS_VISIBILITIES;
/** What a candidate sees of their results: nothing, the aggregate score, or per-sample details too. */
export type ResultsVisibility = (typeof RESULTS_VISIBILITY)[number];

export interface AssessmentChallenge {
  /** 0, 1, 2… in the order the candidate sees them. */
  position: number;
  challengeId: string;
  challengeVersionId: string;
  version: number;
  title: string;
  /** The version's listing JSON (`ChallengeVersionInfo.meta`): every title and the languages, read by the views. */
  meta: unknown;
}

export interface Assessment {
  id: string;
  orgId: OrgId;
  title: string;
  challenges: AssessmentChallenge[];
  timeLimitMinutes: number;
  opensAt: Date;
  closesAt: Date;
  resultsVisibility: ResultsVisibility;
  /** Locale codes of the interface offered to candidates. */
  interfaceLanguages: string[];
  /** Extra time, in percent of the limit, for a candidate reading a task in a second language; 0 = off. */
  secondLanguagePercent: number;
  /** Names and contacts hidden from staff responses until a recruiter reveals one candidate. */
  anonymousReview: boolean;
  /** Whether a candidate has started: from then on only safe changes are taken (running-changes.ts). */
  hasAttempts: boolean;
  createdAt: Date;
}

/** One entry of an assessment's change record. */
export interface AssessmentChange {
  id: string;
  assessmentId: string;
  kind: 'created' | 'updated';
  staffUserId: string | null;
  staffName: string | null;
  /** For a duplicate: the assessment it was copied from. */
  copiedFrom: string | null;
  changes: { field: string; from: unknown; to: unknown }[];
  at: Date;
}

export interface Invite {
  id: string;
  orgId: OrgId;
  assessmentId: string;
  /** 8 characters of SHORT_CODE_ALPHABET, unique in the store. */
  shortCode: string;
  candidateName: string | null;
  /** Free text: an e-mail, a phone number, a coordinator. */
  contact: string | null;
  /** An interface language code (contracts' INVITE_LANGUAGES), or null. */
  preferredLanguage: string | null;
  /** Added to the candidate's time when the attempt starts (deadline.ts). */
  extraMinutes: number;
  /** Null: startable until the assessment closes; set: until then instead. */
  expiresAt: Date | null;
  /** Whether the link token is kept (sealed), so it can be shown again. */
  linkAvailable: boolean;
  createdAt: Date;
  revokedAt: Date | null;
  /** The attempt this invite opened, once the candidate started. */
  attemptId: AttemptId | null;
}

export interface Attempt {
  id: AttemptId;
  orgId: OrgId;
  inviteId: string;
  assessmentId: string;
  startedAt: Date;
  /** min(startedAt + time limit, the assessment's closesAt): the server's clock decides. */
  deadlineAt: Date;
  finishedAt: Date | null;
}

export interface Draft {
  attemptId: AttemptId;
  challengeVersionId: string;
  language: LanguageId;
  source: string;
  /** Strictly increasing per (attempt, challenge version, language); a lower or equal one is stale. */
  revision: number;
  updatedAt: Date;
}

export const SUBMISSION_KINDS = SUBMISSION_KIND_VALUES;
/** submit: hidden tests, scored; samples: the visible samples; custom: the candidate's own input. */
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export const SUBMISSION_ORIGINS = SUBMISSION_ORIGIN_VALUES;
/** candidate: sent by the candidate; time_up: made by the server from the newest draft when time ran out. */
export type SubmissionOrigin = (typeof SUBMISSION_ORIGINS)[number];

export const SUBMISSION_STATUSES = SUBMISSION_STATUS_VALUES;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export interface Submission {
  /** Chosen by the client (a UUID), so a retried request finds the first. */
  id: string;
  orgId: OrgId;
  attemptId: AttemptId;
  challengeVersionId: string;
  kind: SubmissionKind;
  origin: SubmissionOrigin;
  language: LanguageId;
  source: string;
  /** Only for kind 'custom'. */
  customInput: string | null;
  status: SubmissionStatus;
  /** The judge's result once done (JSON, parse it with the judging contract). */
  result: unknown;
  /** Staff only: where rejected hidden outputs first part from their answers (JSON, parse with the judging contract); null when none. */
  differences: unknown;
  /** The last system error of a try; operators' text, never shown to the candidate as theirs. */
  error: string | null;
  /** Tries so far: claims by a worker, including one cut short by a crash. */
  tries: number;
  createdAt: Date;
  updatedAt: Date;
  /** When a worker last took it. */
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** "Explain your solution": the questions as asked (in the candidate's language) and the answers, one per question. */
export interface ExplanationInput {
  challengeVersionId: string;
  language: string;
  questions: string[];
  answers: string[];
}
export interface Explanation extends ExplanationInput {
  updatedAt: Date;
}

export const ATTEMPT_EVENT_KINDS = ATTEMPT_EVENT_KIND_VALUES;
export type AttemptEventKind = (typeof ATTEMPT_EVENT_KINDS)[number];

/** Events that only the connection layer knows about. */
export type ConnectionEventKind = Extract<AttemptEventKind, 'disconnected' | 'reconnected' | 'pasted'>;

export interface AttemptEvent {
  attemptId: AttemptId;
  /** 1, 2, 3… per attempt, without gaps. */
  seq: number;
  kind: AttemptEventKind;
  data: unknown;
  at: Date;
}

/** A submission a worker has taken; `tries` identifies this claim. */
export interface ClaimedJob {
  submissionId: string;
  orgId: OrgId;
  attemptId: AttemptId;
  challengeVersionId: string;
  kind: SubmissionKind;
  language: LanguageId;
  source: string;
  customInput: string | null;
  workerId: string;
  /** 1 on the first claim; a later complete/fail must quote it. */
  tries: number;
}

/** Which claim a worker reports on: a claim that was re-queued meanwhile no longer counts. */
export type JobLease = Pick<ClaimedJob, 'submissionId' | 'tries'>;

/** A draft's validation a worker has taken; `tries` identifies this claim. */
export interface ClaimedValidation {
  jobId: string;
  orgId: OrgId;
  draftId: string;
  slug: string;
  /** The draft's revision validated, and its document as it was then. */
  revision: number;
  document: unknown;
  /** The validation's startedAt: its record on the draft is written only while it is still this run's. */
  startedAt: string;
  workerId: string;
  /** 1 on the first claim; a later complete/fail/release must quote it. */
  tries: number;
}

/** Which validation claim a worker reports on. */
export type ValidationLease = Pick<ClaimedValidation, 'jobId' | 'tries'>;

export interface QueueDepth {
  /** Waiting, including those held back for a retry. */
  queued: number;
  /** Of the waiting, those held back until a later `available_at`. */
  delayed: number;
  running: number;
}

/** A signed-in browser. The cookie holds the session id; the store keeps its SHA-256. */
export type Session = {
  idHash: string;
  orgId: OrgId;
  /** Sent back in X-CSRF-Token on every write made with this session's cookie. */
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
} & ({ kind: 'staff'; userId: string } | { kind: 'candidate'; inviteId: string });

/**
 * A finished attempt's signed result, frozen when its candidate first shared
 * it: `document` is the exact canonical JSON that was signed. `shareable`
 * false hides it from the public read (the row and its id stay, so sharing
 * again gives the same link); a revocation is the organisation's.
 */
export interface SharedResult {
  /** 128 random bits, base64url: the public link's id. */
  id: string;
  orgId: OrgId;
  attemptId: AttemptId;
  document: string;
  /** Ed25519 over the document's UTF-8 bytes, base64url. */
  signature: string;
  keyId: string;
  shareable: boolean;
  createdAt: Date;
  revoked: { at: Date; by: string; reason: string | null } | null;
}
