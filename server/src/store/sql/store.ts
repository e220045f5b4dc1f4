import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { KodbroError } from '../../errors.ts';
import type { AttemptId, AttemptScope, OrgId } from '../ids.ts';
import { loadLinkKey } from '../link-key.ts';
import { loadMigrations, POSTGRES_MIGRATIONS_DIR, type Migration } from '../migrations.ts';
import type { ClaimedJob, ConnectionEventKind, ExplanationInput, JobLease, StaffRoles, ValidationLease } from '../model.ts';
import type { ReviewActor, ReviewInput } from '../reviews.ts';
import { DEFAULT_STORE_QUOTAS, type StoreQuotas } from '../quotas.ts';
import type {
  AssessmentChanges,
  AssessmentCopy,
  ChangeActor,
  Clock,
  DraftCaps,
  DraftInput,
  NewAssessment,
  NewChallengeVersion,
  ImportedInvite,
  NewInvite,
  NewSharedResult,
  NewSession,
  NewStaffUser,
  NewStaffWelcome,
  NewValidation,
  PageRequest,
  RunRate,
  Store,
  SubmissionInput,
} from '../store.ts';
import * as assessments from './assessments.ts';
import * as attempts from './attempts.ts';
import * as challenges from './challenges.ts';
import * as drafts from './drafts.ts';
import { Sql, type Driver } from './db.ts';
import * as events from './events.ts';
import * as expired from './expired.ts';
import * as explanations from './explanations.ts';
import * as limits from './limits.ts';
import { listFinalSubmissions } from './final-code.ts';
import { migrate } from './migrate.ts';
import { migratePostgres } from './migrate-postgres.ts';
import { postgresPackageIo } from './package-io-postgres.ts';
import { postgresDriver, postgresPool } from './postgres-driver.ts';
import { sqliteDriver } from './sqlite-driver.ts';
import { packageIo, type PackageIo } from './package-io.ts';
import * as orgs from './orgs.ts';
import * as queue from './queue.ts';
import * as reviews from './reviews.ts';
import * as results from './results.ts';
import * as validations from './validations.ts';
import * as sessions from './sessions.ts';
import * as submissions from './submissions.ts';

export const SQLITE_FILE_NAME = 'kodbro.sqlite';
const DEFAULT_LEASE_MS = 60_000;

interface CommonOptions {
  clock?: Clock;
  /** Tries a job gets before it is marked failed; default 3. */
  maxTries?: number;
  /** How long a claimed job stays its worker's without a renewal; default 60 s. */
  leaseMs?: number;
  /** The schema steps; defaults to the dialect's files (../migrations/, ../migrations-postgres/). */
  migrations?: readonly Migration[];
  /** What one attempt or invite may write; each omitted one has its default. */
  quotas?: Partial<StoreQuotas>;
}

export interface SqliteStoreOptions extends CommonOptions {
  /** The folder that holds the database file (KODBRO_DATA_DIR); made if missing. */
  dataDir: string;
  /** Defaults to kodbro.sqlite. */
  fileName?: string;
  /** How long a connection waits for another's write lock; default 5 s. */
  busyTimeoutMs?: number;
  /** The key that seals invite link tokens; default: the key file in dataDir (made on first open, link-key.ts). */
  linkKey?: Uint8Array;
}

export interface PostgresStoreOptions extends CommonOptions {
  /** postgres://user@host:port/database (KODBRO_DATABASE_URL). */
  url: string;
  /** Connections this process keeps at most; default 10. */
  poolSize?: number;
  /** Shows in pg_stat_activity: which process holds a connection. */
  applicationName?: string;
  /**
   * The key that seals invite link tokens. Every process of one deployment
   * must hold the same one: default, the key file in `dataDir`.
   */
  linkKey?: Uint8Array;
  dataDir?: string;
}

interface Parts {
  driver: Driver;
  packageIo: PackageIo;
  linkKey: Uint8Array;
  applied: readonly number[];
}

function checkedOptions(options: CommonOptions): { clock: Clock; maxTries: number; leaseMs: number; quotas: StoreQuotas } {
  const clock = options.clock ?? (() => new Date());
  const maxTries = options.maxTries ?? 3;
  if (!Number.isInteger(maxTries) || maxTries < 1) throw new KodbroError('invalid_argument', 'maxTries is a positive integer');
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  if (!Number.isInteger(leaseMs) || leaseMs < 1000) throw new KodbroError('invalid_argument', 'leaseMs is a whole number of milliseconds, at least 1000');
  const quotas = { ...DEFAULT_STORE_QUOTAS, ...options.quotas };
  for (const [name, value] of Object.entries(quotas)) {
    if (!(Number.isFinite(value) && value > 0)) throw new KodbroError('invalid_argument', `Quota ${name} must be a positive number`);
  }
  return { clock, maxTries, leaseMs, quotas };
}

/**
 * The store on SQL: one set of query modules for SQLite and PostgreSQL (see
 * db.ts), opened as `SqliteStore` or `PostgresStore`.
 */
export class SqlStore implements Store {
  /** Migration versions this open applied (empty when the database was up to date). */
  readonly applied: readonly number[];
  readonly quotas: StoreQuotas;
  readonly leaseMs: number;
  readonly dialect: Driver['dialect'];
  readonly #sql: Sql;
  readonly #packageIo: PackageIo;
  readonly #linkKey: Uint8Array;

  protected constructor(options: CommonOptions, parts: Parts) {
    const { clock, maxTries, leaseMs, quotas } = checkedOptions(options);
    this.quotas = quotas;
    this.leaseMs = leaseMs;
    this.applied = parts.applied;
    this.dialect = parts.driver.dialect;
    this.#linkKey = parts.linkKey;
    this.#sql = new Sql(parts.driver, clock, maxTries, leaseMs);
    this.#packageIo = parts.packageIo;
  }

  /** Statements this store has run and their time (for benchmarks). */
  get stats(): Readonly<{ statements: number; transactions: number; ms: number }> {
    return this.#sql.stats;
  }

  async ping() {
    return (await this.#sql.get<{ one: number }>('SELECT 1 AS one'))?.one === 1;
  }
  async close() {
    await this.#packageIo.close();
    await this.#sql.driver.close();
  }

  // Organisations and staff
  async createOrganisation(input: { name: string; slug: string }) {
    return orgs.createOrganisation(this.#sql, input);
  }
  async getOrganisation(orgId: OrgId) {
    return orgs.getOrganisation(this.#sql, orgId);
  }
  async findOrganisationBySlug(slug: string) {
    return orgs.findOrganisationBySlug(this.#sql, slug);
  }
  async createStaffUser(orgId: OrgId, input: NewStaffUser) {
    return orgs.createStaffUser(this.#sql, orgId, input);
  }
  async inviteStaffUser(orgId: OrgId, input: NewStaffUser, welcome: NewStaffWelcome) {
    return orgs.inviteStaffUser(this.#sql, orgId, input, welcome);
  }
  async pendingStaffWelcomes(orgId: OrgId) {
    return orgs.pendingStaffWelcomes(this.#sql, orgId);
  }
  async staffWelcomeIsOpen(tokenHash: string) {
    return orgs.staffWelcomeIsOpen(this.#sql, tokenHash);
  }
  async redeemStaffWelcome(tokenHash: string, passwordHash: string) {
    return orgs.redeemStaffWelcome(this.#sql, tokenHash, passwordHash);
  }
  async removeStaffUser(orgId: OrgId, userId: string) {
    return orgs.removeStaffUser(this.#sql, orgId, userId);
  }
  async getStaffUser(orgId: OrgId, userId: string) {
    return orgs.getStaffUser(this.#sql, orgId, userId);
  }
  async listStaffUsers(orgId: OrgId) {
    return orgs.listStaffUsers(this.#sql, orgId);
  }
  async updateStaffRoles(orgId: OrgId, userId: string, roles: StaffRoles) {
    return orgs.updateStaffRoles(this.#sql, orgId, userId, roles);
  }
  async setStaffPasswordHash(orgId: OrgId, userId: string, passwordHash: string) {
    return orgs.setStaffPasswordHash(this.#sql, orgId, userId, passwordHash);
  }
  async findStaffForSignIn(email: string, options: { limit: number; organisationSlug?: string }) {
    return orgs.findStaffForSignIn(this.#sql, email, options);
  }

  // Challenges
  async publishChallengeVersion(orgId: OrgId, input: NewChallengeVersion) {
    return challenges.publishChallengeVersion(this.#sql, this.#packageIo, orgId, input);
  }
  async getChallenge(orgId: OrgId, challengeId: string) {
    return challenges.getChallenge(this.#sql, orgId, challengeId);
  }
  async findChallengeBySlug(orgId: OrgId, slug: string) {
    return challenges.findChallengeBySlug(this.#sql, orgId, slug);
  }
  async listChallenges(orgId: OrgId) {
    return challenges.listChallenges(this.#sql, orgId);
  }
  async listChallengeVersions(orgId: OrgId, challengeId: string) {
    return challenges.listChallengeVersions(this.#sql, orgId, challengeId);
  }
  async getChallengeVersion(orgId: OrgId, versionId: string) {
    return challenges.getChallengeVersion(this.#sql, orgId, versionId);
  }
  async getAttemptChallengeVersion(attemptId: AttemptId, versionId: string) {
    return challenges.getAttemptChallengeVersion(this.#sql, attemptId, versionId);
  }
  async exportChallengePackage(orgId: OrgId, versionId: string, file: string) {
    return challenges.exportChallengePackage(this.#sql, this.#packageIo, orgId, versionId, file);
  }
  async setChallengeArchived(orgId: OrgId, challengeId: string, archived: boolean) {
    return challenges.setChallengeArchived(this.#sql, orgId, challengeId, archived);
  }
  // Shared results
  async getSharedResult(scope: AttemptScope) {
    return results.getSharedResult(this.#sql, scope);
  }
  async setResultShareable(attemptId: AttemptId, shareable: boolean, fresh?: NewSharedResult) {
    return results.setResultShareable(this.#sql, attemptId, shareable, fresh);
  }
  async findShareableResult(resultId: string) {
    return results.findShareableResult(this.#sql, resultId);
  }
  async setResultRevoked(orgId: OrgId, attemptId: string, revoke: { by: string; reason: string | null } | null) {
    return results.setResultRevoked(this.#sql, orgId, attemptId, revoke);
  }

  // Challenge drafts
  async createChallengeDraft(orgId: OrgId, input: { slug: string; document: unknown }, caps: DraftCaps) {
    return drafts.createChallengeDraft(this.#sql, orgId, input, caps);
  }
  async getChallengeDraft(orgId: OrgId, draftId: string) {
    return drafts.getChallengeDraft(this.#sql, orgId, draftId);
  }
  async listChallengeDrafts(orgId: OrgId) {
    return drafts.listChallengeDrafts(this.#sql, orgId);
  }
  async saveChallengeDraft(orgId: OrgId, draftId: string, document: unknown, revision: number, caps: DraftCaps) {
    return drafts.saveChallengeDraft(this.#sql, orgId, draftId, document, revision, caps);
  }
  async deleteChallengeDraft(orgId: OrgId, draftId: string) {
    return drafts.deleteChallengeDraft(this.#sql, orgId, draftId);
  }
  async setDraftValidation(orgId: OrgId, draftId: string, validation: unknown, onlyIf?: { startedAt: string }) {
    return drafts.setDraftValidation(this.#sql, orgId, draftId, validation, onlyIf);
  }
  async listVersionUsage(orgId: OrgId) {
    return challenges.listVersionUsage(this.#sql, orgId);
  }
  async storedPackageBytes(orgId: OrgId) {
    return challenges.storedPackageBytes(this.#sql, orgId);
  }
  async removeUnfinishedPackages(before: Date) {
    return challenges.removeUnfinishedPackages(this.#sql, this.#packageIo, before);
  }

  // Assessments and invites
  async createAssessment(orgId: OrgId, input: NewAssessment, actor?: ChangeActor) {
    return assessments.createAssessment(this.#sql, orgId, input, actor);
  }
  async getAssessment(orgId: OrgId, assessmentId: string) {
    return assessments.getAssessment(this.#sql, orgId, assessmentId);
  }
  async listAssessments(orgId: OrgId) {
    return assessments.listAssessments(this.#sql, orgId);
  }
  async updateAssessment(orgId: OrgId, assessmentId: string, changes: AssessmentChanges, actor?: ChangeActor) {
    return assessments.updateAssessment(this.#sql, orgId, assessmentId, changes, actor);
  }
  async duplicateAssessment(orgId: OrgId, assessmentId: string, copy: AssessmentCopy, actor?: ChangeActor) {
    return assessments.duplicateAssessment(this.#sql, orgId, assessmentId, copy, actor);
  }
  async listAssessmentChanges(orgId: OrgId, assessmentId: string) {
    return assessments.listAssessmentChanges(this.#sql, orgId, assessmentId);
  }
  async getAttemptAssessment(attemptId: AttemptId) {
    return assessments.getAttemptAssessment(this.#sql, attemptId);
  }
  async createInvite(orgId: OrgId, assessmentId: string, input?: NewInvite) {
    return assessments.createInvite(this.#sql, this.#linkKey, orgId, assessmentId, input ?? {}, this.quotas.invitesPerAssessment);
  }
  async getInviteToken(orgId: OrgId, inviteId: string) {
    return assessments.getInviteToken(this.#sql, this.#linkKey, orgId, inviteId);
  }
  async listInviteTokens(orgId: OrgId, assessmentId: string) {
    return assessments.listInviteTokens(this.#sql, this.#linkKey, orgId, assessmentId);
  }
  async listCandidateReviews(orgId: OrgId, assessmentId: string) {
    return reviews.listCandidateReviews(this.#sql, orgId, assessmentId);
  }
  async getCandidateReview(orgId: OrgId, inviteId: string) {
    return reviews.getCandidateReview(this.#sql, orgId, inviteId);
  }
  async saveCandidateReview(orgId: OrgId, inviteId: string, input: ReviewInput, actor: ReviewActor) {
    return reviews.saveCandidateReview(this.#sql, orgId, inviteId, input, actor);
  }
  async revealCandidate(orgId: OrgId, inviteId: string, actor: ReviewActor) {
    return reviews.revealCandidate(this.#sql, orgId, inviteId, actor);
  }
  async candidateNumber(orgId: OrgId, inviteId: string) {
    return reviews.candidateNumber(this.#sql, orgId, inviteId);
  }
  async listSubmitScores(orgId: OrgId, assessmentId: string, attemptId?: AttemptId) {
    return reviews.listSubmitScores(this.#sql, orgId, assessmentId, attemptId);
  }
  async reissueInvite(orgId: OrgId, inviteId: string) {
    return assessments.reissueInvite(this.#sql, this.#linkKey, orgId, inviteId);
  }
  async extendInvite(orgId: OrgId, inviteId: string, expiresAt: Date) {
    return assessments.extendInvite(this.#sql, orgId, inviteId, expiresAt);
  }
  async listInviteImportKeys(orgId: OrgId, assessmentId: string) {
    return assessments.listInviteImportKeys(this.#sql, orgId, assessmentId);
  }
  async importInvites(orgId: OrgId, assessmentId: string, rows: readonly ImportedInvite[]) {
    return assessments.importInvites(this.#sql, this.#linkKey, orgId, assessmentId, rows, this.quotas.invitesPerAssessment);
  }
  async getInvite(orgId: OrgId, inviteId: string) {
    return assessments.getInvite(this.#sql, orgId, inviteId);
  }
  async listInvites(orgId: OrgId, assessmentId: string) {
    return assessments.listInvites(this.#sql, orgId, assessmentId);
  }
  async revokeInvite(orgId: OrgId, inviteId: string) {
    return assessments.revokeInvite(this.#sql, orgId, inviteId);
  }
  async findInviteByToken(token: string) {
    return assessments.findInviteByToken(this.#sql, token);
  }
  async findInviteByShortCode(code: string) {
    return assessments.findInviteByShortCode(this.#sql, code);
  }

  // Attempts, drafts, submissions, events
  async startAttempt(orgId: OrgId, inviteId: string) {
    return attempts.startAttempt(this.#sql, orgId, inviteId);
  }
  async getAttempt(scope: AttemptScope) {
    return attempts.getAttempt(this.#sql, scope);
  }
  async listAttempts(orgId: OrgId, assessmentId: string) {
    return attempts.listAttempts(this.#sql, orgId, assessmentId);
  }
  async finishAttempt(attemptId: AttemptId, reason?: string) {
    return attempts.finishAttempt(this.#sql, attemptId, reason);
  }
  async finishExpiredAttempts(limit: number) {
    return expired.finishExpiredAttempts(this.#sql, limit);
  }
  async saveDraft(attemptId: AttemptId, input: DraftInput) {
    return attempts.saveDraft(this.#sql, this.quotas, attemptId, input);
  }
  async listDrafts(scope: AttemptScope) {
    return attempts.listDrafts(this.#sql, scope);
  }
  async saveExplanation(attemptId: AttemptId, input: ExplanationInput) {
    return explanations.saveExplanation(this.#sql, attemptId, input);
  }
  async listExplanations(scope: AttemptScope) {
    return explanations.listExplanations(this.#sql, scope);
  }
  async createSubmission(attemptId: AttemptId, input: SubmissionInput, rate?: RunRate) {
    return submissions.createSubmission(this.#sql, this.quotas, attemptId, input, rate);
  }
  async getSubmission(scope: AttemptScope, submissionId: string) {
    return submissions.getSubmission(this.#sql, scope, submissionId);
  }
  async listSubmissions(scope: AttemptScope) {
    return submissions.listSubmissions(this.#sql, scope);
  }
  async listSubmissionsPage(scope: AttemptScope, page: PageRequest) {
    return submissions.listSubmissionsPage(this.#sql, scope, page);
  }
  async listFinalSubmissions(orgId: OrgId, assessmentId: string, sourceChars: number) {
    return listFinalSubmissions(this.#sql, orgId, assessmentId, sourceChars);
  }
  async appendEvent(attemptId: AttemptId, kind: ConnectionEventKind, data?: unknown) {
    if (kind !== 'disconnected' && kind !== 'reconnected' && kind !== 'pasted') throw new KodbroError('invalid_argument', `Event ${String(kind)} is written by the store itself`);
    return this.#sql.write(() => events.appendHistoryIn(this.#sql, this.quotas.historyBytesPerAttempt, attemptId, kind, data, this.#sql.nowMs()));
  }
  async listEvents(scope: AttemptScope, afterSeq?: number) {
    return events.listEvents(this.#sql, scope, afterSeq);
  }
  async listEventsPage(scope: AttemptScope, page: PageRequest) {
    return events.listEventsPage(this.#sql, scope, page);
  }

  // Sessions
  async createSession(input: NewSession) {
    return sessions.createSession(this.#sql, this.quotas.sessionsPerInvite, input);
  }
  async findSession(idHash: string) {
    return sessions.findSession(this.#sql, idHash);
  }
  async deleteSession(idHash: string) {
    return sessions.deleteSession(this.#sql, idHash);
  }

  // Queue
  async claimNext(workerId: string, now: Date): Promise<ClaimedJob | undefined> {
    return queue.claimNext(this.#sql, workerId, now);
  }
  async complete(lease: JobLease, result: unknown, differences: unknown[] = []) {
    return queue.complete(this.#sql, lease, result, differences);
  }
  async fail(lease: JobLease, error: string, retryAt: Date | null) {
    return queue.fail(this.#sql, lease, error, retryAt);
  }
  async release(lease: JobLease) {
    return queue.release(this.#sql, lease);
  }
  async requeueRunning(options?: { workerIdPrefix?: string }) {
    return queue.requeueRunning(this.#sql, options);
  }
  async queuePosition(attemptId: AttemptId, submissionId: string) {
    return queue.queuePosition(this.#sql, attemptId, submissionId);
  }
  async queueDepth() {
    return queue.queueDepth(this.#sql);
  }

  // Drafts' validations in the queue
  async startDraftValidation(orgId: OrgId, draftId: string, input: NewValidation) {
    return validations.startDraftValidation(this.#sql, orgId, draftId, input);
  }
  async claimNextValidation(workerId: string, now: Date) {
    return validations.claimNextValidation(this.#sql, workerId, now);
  }
  async completeValidation(lease: ValidationLease, validation: unknown) {
    return validations.completeValidation(this.#sql, lease, validation);
  }
  async failValidation(lease: ValidationLease, error: string, retryAt: Date | null, finalValidation: unknown) {
    return validations.failValidation(this.#sql, lease, error, retryAt, finalValidation);
  }
  async releaseValidation(lease: ValidationLease) {
    return validations.releaseValidation(this.#sql, lease);
  }
  async renewValidationLease(lease: ValidationLease, now: Date) {
    return validations.renewValidationLease(this.#sql, lease, now);
  }
  async renewLease(lease: JobLease, now: Date) {
    return queue.renewLease(this.#sql, lease, now);
  }

  // Shared rate limits and locks
  async hitLimit(key: string, windowMs: number, now: Date) {
    return limits.hitLimit(this.#sql, key, windowMs, now);
  }
  async unhitLimit(key: string) {
    return limits.unhitLimit(this.#sql, key);
  }
  async resetLimit(key: string) {
    return limits.resetLimit(this.#sql, key);
  }
  async tryLock(key: string, ttlMs: number, now: Date) {
    return limits.tryLock(this.#sql, key, ttlMs, now);
  }
  async unlock(key: string, token: string) {
    return limits.unlock(this.#sql, key, token);
  }
  async sweepLimits(now: Date, max: number) {
    return limits.sweepLimits(this.#sql, now, max);
  }
}

/**
 * The store on one SQLite file (better-sqlite3): WAL mode so readers never
 * wait for the writer, foreign keys on, synchronous=FULL so an acknowledged
 * write survives a power cut, and a busy timeout for other connections to the
 * same file (a second process, a second instance in tests). Opening migrates.
 *
 * @example
 * const store = new SqliteStore({ dataDir: config.dataDir });
 * await store.requeueRunning();
 */
export class SqliteStore extends SqlStore {
  readonly file: string;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    const file = path.join(options.dataDir, options.fileName ?? SQLITE_FILE_NAME);
    const { clock } = checkedOptions(options);
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    // `timeout` is SQLite's busy_timeout.
    const db = new Database(file, { timeout: busyTimeoutMs });
    let applied: number[];
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new KodbroError('internal', `SQLite would not use WAL mode for ${file} (got ${String(mode)})`);
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = FULL');
      applied = migrate(db, options.migrations ?? loadMigrations(), () => clock().getTime());
    } catch (error) {
      db.close();
      throw error;
    }
    super(options, {
      driver: sqliteDriver(db),
      packageIo: packageIo(file, busyTimeoutMs, challenges.PACKAGE_CHUNK_BYTES),
      linkKey: options.linkKey ?? loadLinkKey(options.dataDir),
      applied,
    });
    this.file = file;
  }
}

/**
 * The store on PostgreSQL (node-postgres pool): write transactions are
 * SERIALIZABLE and run again after a serialisation failure, so the queries
 * keep the meaning they have on SQLite, where writers take turns. Opening
 * migrates, under an advisory lock.
 *
 * @example
 * const store = await PostgresStore.open({ url: config.databaseUrl, dataDir: config.dataDir });
 */
export class PostgresStore extends SqlStore {
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const { clock } = checkedOptions(options);
    if (!options.linkKey && !options.dataDir) throw new KodbroError('invalid_argument', 'PostgresStore needs linkKey or dataDir');
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const linkKey = options.linkKey ?? loadLinkKey(options.dataDir!);
    const pool = postgresPool(options.url, { max: options.poolSize, applicationName: options.applicationName });
    try {
      const applied = await migratePostgres(pool, options.migrations ?? loadMigrations(POSTGRES_MIGRATIONS_DIR), () => clock().getTime());
      return new PostgresStore(options, {
        driver: postgresDriver(pool),
        packageIo: postgresPackageIo(pool, challenges.PACKAGE_CHUNK_BYTES),
        linkKey,
        applied,
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
}

/** The store a deployment is configured for: PostgreSQL when a database URL is given, else the SQLite file in dataDir. */
export async function openStore(options: CommonOptions & { dataDir: string; databaseUrl?: string | undefined; applicationName?: string }): Promise<SqlStore> {
  const { databaseUrl, ...rest } = options;
  return databaseUrl ? PostgresStore.open({ ...rest, url: databaseUrl }) : new SqliteStore(rest);
}
