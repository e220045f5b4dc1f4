import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replayDrafts } from '../../server/src/history/index.ts';
import type { Attempt, AttemptId, Clock, OrgId, PackageFile, Store, StoreQuotas, SubmissionKind } from '../../server/src/store/index.ts';
import { RUNS_SHARE, SHORT_CODE_ALPHABET, retryAt, timeUpSubmissionId } from '../../server/src/store/index.ts';

/**
 * One behavioural suite every Store implementation runs (SQLite now,
 * PostgreSQL later), like Hono's common.case.test.ts: the implementation
 * only says how to open a store on a fresh database.
 */

export interface FakeClock extends Clock {
  advance(ms: number): void;
}

export interface StoreHarness {
  /** Opens a new connection to this harness's database; every call sees the same data. */
  open(): Promise<Store>;
  /** Whether the stored bytes contain `text` anywhere (proves what is, and is not, stored). */
  holdsText(text: string): Promise<boolean>;
  /** Removes the database. Stores opened are closed by the suite first. */
  destroy(): Promise<void>;
}

export type MakeStore = (options: { clock: Clock; maxTries: number; quotas?: Partial<StoreQuotas> }) => Promise<StoreHarness>;

export const MAX_TRIES = 3;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function fakeClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): FakeClock {
  let now = start;
  const clock = (() => new Date(now)) as FakeClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/** A version's package bytes, as the store exports them to a file. */
export async function packageBytes(store: Store, orgId: OrgId, versionId: string): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kodbro-export-'));
  try {
    await store.exportChallengePackage(orgId, versionId, path.join(dir, 'package.tar'));
    return readFileSync(path.join(dir, 'package.tar'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes written to a fresh temporary file, as a package file for publishing (length and hash may be announced wrong on purpose). */
function packageFile(bytes: Buffer, announced: { contentHash?: string; bytes?: number } = {}): PackageFile {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kodbro-package-')), 'package.tar');
  writeFileSync(file, bytes);
  return { file, contentHash: announced.contentHash ?? createHash('sha256').update(bytes).digest('hex'), bytes: announced.bytes ?? bytes.length };
}

/** The value of an outcome that must have succeeded. */
export function ok<T>(outcome: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome.value;
}

const staff = (email: string, roles: Partial<{ author: boolean; recruiter: boolean; admin: boolean }> = {}) => ({
  email,
  displayName: email.split('@')[0] ?? email,
  passwordHash: `$argon2id$fake$${email}`,
  roles: { author: false, recruiter: false, admin: false, ...roles },
});

/** Two organisations; X has two challenges, an assessment and two started attempts (A, B); Y has one of each. */
async function world(store: Store, clock: FakeClock) {
  const x = ok(await store.createOrganisation({ name: 'X Corp', slug: 'x-corp' }));
  const y = ok(await store.createOrganisation({ name: 'Y AB', slug: 'y-ab' }));
  const xSum = ok(await store.publishChallengeVersion(x.id, { slug: 'sum', title: 'Sum', data: Buffer.from('sum v1'), meta: { languages: ['python'] } }));
  const xPairs = ok(await store.publishChallengeVersion(x.id, { slug: 'pairs', title: 'Pairs', data: Buffer.from('pairs v1') }));
  const ySum = ok(await store.publishChallengeVersion(y.id, { slug: 'sum', title: 'Sum at Y', data: Buffer.from('y sum v1') }));
  const window = { opensAt: new Date(clock().getTime() - HOUR), closesAt: new Date(clock().getTime() + DAY) };
  const xTest = ok(
    await store.createAssessment(x.id, {
      title: 'X backend test',
      challengeIds: [xSum.challenge.id, xPairs.challenge.id],
      timeLimitMinutes: 90,
      ...window,
      resultsVisibility: 'samples',
    }),
  );
  const yTest = ok(
    await store.createAssessment(y.id, { title: 'Y test', challengeIds: [ySum.challenge.id], timeLimitMinutes: 60, ...window, resultsVisibility: 'none' }),
  );
  const inviteA = ok(await store.createInvite(x.id, xTest.id, { candidateName: 'Amina', contact: 'amina@example.org' }));
  const inviteB = ok(await store.createInvite(x.id, xTest.id, { candidateName: 'Bohdan' }));
  const inviteC = ok(await store.createInvite(y.id, yTest.id));
  const a = ok(await store.startAttempt(x.id, inviteA.invite.id)).attempt;
  const b = ok(await store.startAttempt(x.id, inviteB.invite.id)).attempt;
  const c = ok(await store.startAttempt(y.id, inviteC.invite.id)).attempt;
  return {
    x,
    y,
    xSum,
    xPairs,
    ySum,
    xTest,
    yTest,
    inviteA,
    inviteB,
    inviteC,
    a,
    b,
    c,
    v1: xSum.version.id,
    v2: xPairs.version.id,
    yv: ySum.version.id,
  };
}

function submission(challengeVersionId: string, kind: SubmissionKind = 'submit', source = 'print(input())') {
  return {
    id: randomUUID(),
    challengeVersionId,
    kind,
    language: 'python' as const,
    source,
    customInput: kind === 'custom' ? '1 2\n' : null,
  };
}

async function submit(store: Store, attemptId: AttemptId, versionId: string, kind: SubmissionKind = 'submit') {
  return ok(await store.createSubmission(attemptId, submission(versionId, kind))).submission;
}

export function runStoreSuite(name: string, makeStore: MakeStore): void {
  describe(`Store: ${name}`, () => {
    let clock: FakeClock;
    let harness: StoreHarness;
    let others: StoreHarness[];
    let opened: Store[];
    let store: Store;

    /** A store on a database of its own with these quotas (this test's `store` keeps the defaults). */
    const withQuotas = async (quotas: Partial<StoreQuotas>) => {
      const other = await makeStore({ clock, maxTries: MAX_TRIES, quotas });
      others.push(other);
      const opened1 = await other.open();
      opened.push(opened1);
      return { store: opened1, harness: other, open: async () => { const s = await other.open(); opened.push(s); return s; } };
    };

    /** Another connection to the same database. */
    const open = async () => {
      const s = await harness.open();
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      clock = fakeClock();
      opened = [];
      others = [];
      harness = await makeStore({ clock, maxTries: MAX_TRIES });
      store = await open();
    });

    afterEach(async () => {
      for (const s of opened) await s.close();
      await harness.destroy();
      for (const other of others) await other.destroy();
    });

    describe('organisations and staff', () => {
      it('creates, reads and finds organisations; slugs are unique', async () => {
        const org = ok(await store.createOrganisation({ name: 'Acme', slug: 'acme' }));
        expect(org).toMatchObject({ name: 'Acme', slug: 'acme', createdAt: clock() });
        expect(await store.getOrganisation(org.id)).toEqual(org);
        expect(await store.findOrganisationBySlug('acme')).toEqual(org);
        expect(await store.findOrganisationBySlug('nope')).toBeUndefined();
        expect(await store.createOrganisation({ name: 'Acme 2', slug: 'acme' })).toEqual({ ok: false, reason: 'slug_taken' });
        await expect(store.createOrganisation({ name: 'Bad', slug: 'Not A Slug' })).rejects.toMatchObject({ code: 'invalid_argument' });
        expect(await store.ping()).toBe(true);
      });

      it('keeps staff with roles and an e-mail unique in the organisation; several admins, but never none', async () => {
        const { x, y } = await world(store, clock);
        const admin = ok(await store.createStaffUser(x.id, staff('  Boss@X.example ', { admin: true, author: true })));
        expect(admin).toMatchObject({ orgId: x.id, email: 'boss@x.example', roles: { admin: true, author: true, recruiter: false } });
        expect(admin).not.toHaveProperty('passwordHash');
        const recruiter = ok(await store.createStaffUser(x.id, staff('rec@x.example', { recruiter: true, author: true })));
        expect(recruiter.roles).toEqual({ author: true, recruiter: true, admin: false });

        expect(await store.createStaffUser(x.id, staff('BOSS@x.example'))).toEqual({ ok: false, reason: 'email_taken' });
        ok(await store.createStaffUser(y.id, staff('boss@y.example', { admin: true })));

        // The last admin keeps the role; with a second admin the first may give it up.
        expect(await store.updateStaffRoles(x.id, admin.id, { author: true, recruiter: false, admin: false })).toEqual({ ok: false, reason: 'last_admin' });
        const promoted = ok(await store.updateStaffRoles(x.id, recruiter.id, { author: false, recruiter: true, admin: true }));
        expect(promoted.roles).toEqual({ author: false, recruiter: true, admin: true });
        ok(await store.updateStaffRoles(x.id, admin.id, { author: true, recruiter: false, admin: false }));
        expect(await store.updateStaffRoles(x.id, recruiter.id, { author: false, recruiter: true, admin: false })).toEqual({ ok: false, reason: 'last_admin' });

        expect((await store.listStaffUsers(x.id)).map((u) => u.email)).toEqual(['boss@x.example', 'rec@x.example']);
        expect(await store.getStaffUser(x.id, admin.id)).toMatchObject({ id: admin.id, roles: { admin: false } });
      });

      it('invites a colleague with a welcome link that sets the password once, until it expires', async () => {
        const { x, y } = await world(store, clock);
        const expiresAt = new Date(clock().getTime() + 7 * DAY);
        const invited = ok(await store.inviteStaffUser(x.id, staff('new@x.example', { author: true }), { tokenHash: 'welcome-hash', expiresAt }));
        expect(await store.inviteStaffUser(x.id, staff('NEW@x.example'), { tokenHash: 'other-hash', expiresAt })).toEqual({ ok: false, reason: 'email_taken' });
        expect(await store.pendingStaffWelcomes(x.id)).toEqual(new Map([[invited.id, expiresAt]]));
        expect(await store.pendingStaffWelcomes(y.id)).toEqual(new Map());

        expect(await store.redeemStaffWelcome('unknown-hash', '$argon2id$set')).toEqual({ ok: false, reason: 'not_found' });
        expect(ok(await store.redeemStaffWelcome('welcome-hash', '$argon2id$set')).id).toBe(invited.id);
        expect((await store.findStaffForSignIn('new@x.example', { limit: 5 }))[0]?.passwordHash).toBe('$argon2id$set');
        // Once only.
        expect(await store.redeemStaffWelcome('welcome-hash', '$argon2id$again')).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.pendingStaffWelcomes(x.id)).toEqual(new Map());

        const late = ok(await store.inviteStaffUser(x.id, staff('late@x.example'), { tokenHash: 'late-hash', expiresAt }));
        clock.advance(7 * DAY + 1);
        expect(await store.pendingStaffWelcomes(x.id)).toEqual(new Map());
        expect(await store.redeemStaffWelcome('late-hash', '$argon2id$late')).toEqual({ ok: false, reason: 'not_found' });
        expect((await store.findStaffForSignIn('late@x.example', { limit: 5 }))[0]?.passwordHash).toBe('$argon2id$fake$late@x.example');
        expect(late.roles.admin).toBe(false);
      });

      it('removes a colleague with their sessions and welcome links, never the last admin, never across organisations', async () => {
        const { x, y } = await world(store, clock);
        const admin = ok(await store.createStaffUser(x.id, staff('boss@x.example', { admin: true })));
        const colleague = ok(await store.inviteStaffUser(x.id, staff('col@x.example', { recruiter: true }), { tokenHash: 'col-welcome', expiresAt: new Date(clock().getTime() + DAY) }));
        const session = await store.createSession({ kind: 'staff', idHash: 'col-session', orgId: x.id, userId: colleague.id, csrfToken: 't', expiresAt: new Date(clock().getTime() + DAY) });
        const yAdmin = ok(await store.createStaffUser(y.id, staff('boss@y.example', { admin: true })));

        expect(await store.removeStaffUser(y.id, colleague.id)).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.removeStaffUser(x.id, admin.id)).toEqual({ ok: false, reason: 'last_admin' });
        expect(await store.removeStaffUser(y.id, yAdmin.id)).toEqual({ ok: false, reason: 'last_admin' });
        const removed = ok(await store.removeStaffUser(x.id, colleague.id));
        expect(removed).toEqual({ user: colleague, endedSessions: [session.idHash] });
        expect(await store.findSession('col-session')).toBeUndefined();
        expect(await store.getStaffUser(x.id, colleague.id)).toBeUndefined();
        expect(await store.redeemStaffWelcome('col-welcome', '$argon2id$x')).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.removeStaffUser(x.id, colleague.id)).toEqual({ ok: false, reason: 'not_found' });
        // The address may be invited again.
        ok(await store.createStaffUser(x.id, staff('col@x.example')));
      });

      it('returns the password hash only to sign-in, by any case of the e-mail', async () => {
        const { x } = await world(store, clock);
        const user = ok(await store.createStaffUser(x.id, staff('author@x.example', { author: true })));
        expect(await store.findStaffForSignIn('AUTHOR@x.example ', { limit: 5 })).toEqual([expect.objectContaining({ id: user.id, orgId: x.id, passwordHash: '$argon2id$fake$author@x.example' })]);
        expect(await store.setStaffPasswordHash(x.id, user.id, '$argon2id$new')).toBe(true);
        expect((await store.findStaffForSignIn('author@x.example', { limit: 5 }))[0]?.passwordHash).toBe('$argon2id$new');
        expect(await store.findStaffForSignIn('nobody@x.example', { limit: 5 })).toEqual([]);
      });

      it('lets one e-mail address have an account in each of several organisations; sign-in finds them, oldest first, bounded', async () => {
        const { x, y } = await world(store, clock);
        const inX = ok(await store.createStaffUser(x.id, staff('Shared@Both.example', { author: true })));
        clock.advance(1000);
        const inY = ok(await store.createStaffUser(y.id, staff('shared@both.example', { recruiter: true })));
        expect(inY).toMatchObject({ orgId: y.id, email: 'shared@both.example', roles: { recruiter: true, author: false } });
        expect(await store.createStaffUser(y.id, staff('SHARED@both.example'))).toEqual({ ok: false, reason: 'email_taken' });

        expect((await store.findStaffForSignIn('shared@both.example', { limit: 5 })).map((u) => u.id)).toEqual([inX.id, inY.id]);
        expect((await store.findStaffForSignIn('shared@both.example', { limit: 1 })).map((u) => u.id)).toEqual([inX.id]);
        expect((await store.findStaffForSignIn('shared@both.example', { limit: 5, organisationSlug: y.slug })).map((u) => u.id)).toEqual([inY.id]);
        expect(await store.findStaffForSignIn('shared@both.example', { limit: 5, organisationSlug: 'no-such-org' })).toEqual([]);
        // Each organisation sees its own colleague only.
        expect((await store.listStaffUsers(x.id)).map((u) => u.id)).toEqual([inX.id]);
        expect((await store.listStaffUsers(y.id)).map((u) => u.id)).toEqual([inY.id]);
      });

      it('scopes staff to their organisation', async () => {
        const { x, y } = await world(store, clock);
        const user = ok(await store.createStaffUser(x.id, staff('author@x.example', { author: true })));
        expect(await store.getStaffUser(y.id, user.id)).toBeUndefined();
        expect(await store.listStaffUsers(y.id)).toEqual([]);
        expect(await store.updateStaffRoles(y.id, user.id, { author: true, recruiter: true, admin: true })).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.setStaffPasswordHash(y.id, user.id, 'stolen')).toBe(false);
        expect(await store.getStaffUser(x.id, user.id)).toMatchObject({ roles: { author: true, recruiter: false, admin: false } });
        expect((await store.findStaffForSignIn('author@x.example', { limit: 5 }))[0]?.passwordHash).toBe('$argon2id$fake$author@x.example');
      });
    });

    describe('challenges', () => {
      it('versions a challenge by content; new assessments pick the newest, old ones keep theirs', async () => {
        const { x, xSum, xTest } = await world(store, clock);
        expect(xSum.version).toMatchObject({ version: 1, contentHash: createHash('sha256').update('sum v1').digest('hex'), meta: { languages: ['python'] } });

        const same = ok(await store.publishChallengeVersion(x.id, { slug: 'sum', title: 'Sum', data: Buffer.from('sum v1') }));
        expect(same.created).toBe(false);
        expect(same.version.id).toBe(xSum.version.id);

        clock.advance(MINUTE);
        const v2 = ok(await store.publishChallengeVersion(x.id, { slug: 'sum', title: 'Sum, revised', data: Buffer.from('sum v2') }));
        expect(v2).toMatchObject({ created: true, version: { version: 2, challengeId: xSum.challenge.id } });
        expect(v2.challenge).toMatchObject({ latestVersion: 2, latestVersionId: v2.version.id, title: 'Sum, revised' });

        expect((await store.listChallengeVersions(x.id, xSum.challenge.id)).map((v) => v.version)).toEqual([1, 2]);
        const stored = await store.getChallengeVersion(x.id, xSum.version.id);
        expect(stored).not.toHaveProperty('data');
        expect(stored?.contentHash).toBe(xSum.version.contentHash);
        expect((await packageBytes(store, x.id, xSum.version.id)).toString()).toBe('sum v1');
        expect((await store.findChallengeBySlug(x.id, 'sum'))?.id).toBe(xSum.challenge.id);
        expect((await store.listChallenges(x.id)).map((c) => c.slug)).toEqual(['pairs', 'sum']);
        expect(await store.getChallenge(x.id, xSum.challenge.id)).toMatchObject({ latestVersion: 2 });

        const later = ok(
          await store.createAssessment(x.id, {
            title: 'Later',
            challengeIds: [xSum.challenge.id],
            timeLimitMinutes: 30,
            opensAt: clock(),
            closesAt: new Date(clock().getTime() + DAY),
            resultsVisibility: 'aggregate',
          }),
        );
        expect(later.challenges).toEqual([{ position: 0, challengeId: xSum.challenge.id, challengeVersionId: v2.version.id, version: 2, title: 'Sum, revised', meta: v2.version.meta }]);
        expect((await store.getAssessment(x.id, xTest.id))?.challenges[0]).toMatchObject({ challengeVersionId: xSum.version.id, version: 1, title: 'Sum' });
      });

      it('scopes challenges and versions to their organisation', async () => {
        const { x, y, xSum, ySum } = await world(store, clock);
        expect(await store.getChallenge(y.id, xSum.challenge.id)).toBeUndefined();
        expect(await store.findChallengeBySlug(y.id, 'sum')).toMatchObject({ id: ySum.challenge.id });
        expect(await store.getChallengeVersion(y.id, xSum.version.id)).toBeUndefined();
        expect(await store.listChallengeVersions(y.id, xSum.challenge.id)).toEqual([]);
        expect((await store.listChallenges(y.id)).map((c) => c.id)).toEqual([ySum.challenge.id]);
        const window = { opensAt: clock(), closesAt: new Date(clock().getTime() + DAY) };
        expect(
          await store.createAssessment(y.id, { title: 'Theft', challengeIds: [xSum.challenge.id], timeLimitMinutes: 10, ...window, resultsVisibility: 'none' }),
        ).toEqual({ ok: false, reason: 'challenge_not_found' });
        // Publishing Y's own "sum" never touches X's.
        ok(await store.publishChallengeVersion(y.id, { slug: 'sum', title: 'Y v2', data: Buffer.from('y sum v2') }));
        expect(await store.getChallenge(x.id, xSum.challenge.id)).toMatchObject({ latestVersion: 1, title: 'Sum' });
      });

      it('archives and brings back a challenge, once in time, only in its organisation; its versions stay readable for attempts', async () => {
        const { x, y, xSum, a } = await world(store, clock);
        expect(xSum.challenge.archivedAt).toBeNull();
        const archivedAt = clock();
        expect(await store.setChallengeArchived(x.id, xSum.challenge.id, true)).toMatchObject({ id: xSum.challenge.id, archivedAt });
        clock.advance(MINUTE);
        // Archiving again keeps the first time.
        expect((await store.setChallengeArchived(x.id, xSum.challenge.id, true))?.archivedAt).toEqual(archivedAt);
        expect((await store.listChallenges(x.id)).find((c) => c.id === xSum.challenge.id)?.archivedAt).toEqual(archivedAt);
        expect(await store.getAttemptChallengeVersion(a.id, xSum.version.id)).toMatchObject({ id: xSum.version.id });
        expect(await store.setChallengeArchived(y.id, xSum.challenge.id, false)).toBeUndefined();
        expect((await store.getChallenge(x.id, xSum.challenge.id))?.archivedAt).toEqual(archivedAt);
        expect((await store.setChallengeArchived(x.id, xSum.challenge.id, false))?.archivedAt).toBeNull();
      });

      it('lists which assessments use which version, per organisation', async () => {
        const { x, y, xTest, yTest, v1, v2, yv } = await world(store, clock);
        expect(await store.listVersionUsage(x.id)).toEqual([
          { challengeVersionId: v1, assessmentId: xTest.id, assessmentTitle: 'X backend test' },
          { challengeVersionId: v2, assessmentId: xTest.id, assessmentTitle: 'X backend test' },
        ]);
        expect(await store.listVersionUsage(y.id)).toEqual([{ challengeVersionId: yv, assessmentId: yTest.id, assessmentTitle: 'Y test' }]);
      });

      it('streams a package of several chunks back byte for byte, and only to its organisation', async () => {
        const { x, y } = await world(store, clock);
        const bytes = randomBytes(2 * 1024 * 1024 + 12345);
        const big = ok(await store.publishChallengeVersion(x.id, { slug: 'big', title: 'Big', data: bytes }));
        expect(big.version.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect((await packageBytes(store, x.id, big.version.id)).equals(bytes)).toBe(true);
        // From a file, which the store reads itself.
        const other = randomBytes(1024 * 1024 + 1);
        const streamed = ok(await store.publishChallengeVersion(x.id, { slug: 'from-file', title: 'From a file', data: packageFile(other) }));
        expect(streamed.version.contentHash).toBe(createHash('sha256').update(other).digest('hex'));
        expect((await packageBytes(store, x.id, streamed.version.id)).equals(other)).toBe(true);
        await expect(packageBytes(store, y.id, big.version.id)).rejects.toMatchObject({ code: 'not_found' });
      });

      it('refuses a package past the quota and stores nothing of it; bytes the organisation already has cost nothing', async () => {
        const { x, y } = await world(store, clock);
        const used = await store.storedPackageBytes(x.id);
        expect(used).toBe('sum v1'.length + 'pairs v1'.length);
        const first = Buffer.alloc(1000, 1);
        ok(await store.publishChallengeVersion(x.id, { slug: 'one', title: 'One', data: first, quotaBytes: used + 1500 }));
        const refused = await store.publishChallengeVersion(x.id, { slug: 'two', title: 'Two', data: Buffer.alloc(1000, 2), quotaBytes: used + 1500 });
        expect(refused).toEqual({ ok: false, reason: 'quota_exceeded', usedBytes: used + 1000, quotaBytes: used + 1500 });
        expect(await store.findChallengeBySlug(x.id, 'two')).toBeUndefined();
        expect(await store.storedPackageBytes(x.id)).toBe(used + 1000);

        // The same bytes under another name: a new challenge, no new bytes, even at the quota's edge.
        const again = ok(await store.publishChallengeVersion(x.id, { slug: 'one-copy', title: 'Copy', data: first, quotaBytes: used + 1000 }));
        expect(again.created).toBe(true);
        expect(await store.storedPackageBytes(x.id)).toBe(used + 1000);
        // Another organisation's quota is its own.
        ok(await store.publishChallengeVersion(y.id, { slug: 'two', title: 'Two', data: Buffer.alloc(1000, 2), quotaBytes: 2000 }));
      });

      it('stores nothing of a stream that does not match its announced hash or length', async () => {
        const { x } = await world(store, clock);
        const before = await store.storedPackageBytes(x.id);
        const bytes = randomBytes(1024 * 1024 + 7);
        for (const source of [
          packageFile(bytes, { contentHash: createHash('sha256').update('something else').digest('hex') }),
          packageFile(bytes, { bytes: bytes.length - 1 }),
          packageFile(bytes, { bytes: bytes.length + 1 }),
        ]) {
          await expect(store.publishChallengeVersion(x.id, { slug: 'forged', title: 'Forged', data: source })).rejects.toMatchObject({ code: 'internal' });
        }
        expect(await store.findChallengeBySlug(x.id, 'forged')).toBeUndefined();
        expect(await store.storedPackageBytes(x.id)).toBe(before);
        expect(await store.removeUnfinishedPackages(new Date(clock().getTime() + DAY))).toBe(0);
      });

      it('gives a candidate only the versions of their own assessment', async () => {
        const { a, c, v1, yv } = await world(store, clock);
        expect(await store.getAttemptChallengeVersion(a.id, v1)).toMatchObject({ id: v1, contentHash: createHash('sha256').update('sum v1').digest('hex') });
        expect(await store.getAttemptChallengeVersion(a.id, yv)).toBeUndefined();
        expect(await store.getAttemptChallengeVersion(c.id, v1)).toBeUndefined();
      });
    });

    describe('assessments', () => {
      it('creates, lists and updates assessments with ordered challenge versions', async () => {
        const { x, xTest, v1, v2 } = await world(store, clock);
        expect(xTest).toMatchObject({ title: 'X backend test', timeLimitMinutes: 90, resultsVisibility: 'samples' });
        expect(xTest.challenges.map((c) => [c.position, c.challengeVersionId])).toEqual([
          [0, v1],
          [1, v2],
        ]);
        // A and B started after xTest was made.
        expect(await store.getAssessment(x.id, xTest.id)).toEqual({ ...xTest, hasAttempts: true });
        expect(xTest).toMatchObject({ hasAttempts: false, secondLanguagePercent: 25, interfaceLanguages: ['en', 'sv', 'ar', 'prs', 'ti', 'uk'] });
        expect((await store.listAssessments(x.id)).map((s) => s.id)).toEqual([xTest.id]);

        // Running: a new title and a later close are taken; an unsafe field refuses the whole update.
        const closesAt = new Date(clock().getTime() + 2 * DAY);
        const updated = ok(await store.updateAssessment(x.id, xTest.id, { title: 'Renamed', closesAt }));
        expect(updated).toMatchObject({ title: 'Renamed', closesAt, resultsVisibility: 'samples', timeLimitMinutes: 90, opensAt: xTest.opensAt });
        expect(updated.challenges).toEqual(xTest.challenges);
        expect(await store.updateAssessment(x.id, xTest.id, { title: 'Again', resultsVisibility: 'aggregate', timeLimitMinutes: 45 })).toEqual({
          ok: false,
          reason: 'running',
          fields: ['timeLimitMinutes', 'resultsVisibility'],
        });
        expect(await store.updateAssessment(x.id, xTest.id, { challengeVersionIds: [v1] })).toMatchObject({ reason: 'running', fields: ['challengeVersionIds'] });
        expect(await store.updateAssessment(x.id, xTest.id, { closesAt: new Date(clock().getTime() + DAY) })).toMatchObject({ reason: 'running', fields: ['closesAt'] });
        expect((await store.getAssessment(x.id, xTest.id))?.title).toBe('Renamed');
        await expect(store.updateAssessment(x.id, xTest.id, { closesAt: new Date(0) })).rejects.toMatchObject({ code: 'invalid_argument' });
        await expect(
          store.createAssessment(x.id, { ...xTest, challengeIds: [], timeLimitMinutes: 10 }),
        ).rejects.toMatchObject({ code: 'invalid_argument' });
      });

      it('pins the versions it is given; before anyone starts, every setting and the tasks may change; each change is recorded', async () => {
        const { x, y, xSum, xPairs, v1, v2, yv } = await world(store, clock);
        const window = { opensAt: new Date(clock().getTime() - HOUR), closesAt: new Date(clock().getTime() + DAY) };
        const sumV2 = ok(await store.publishChallengeVersion(x.id, { slug: 'sum', title: 'Sum', data: Buffer.from('sum v2') }));
        const base = { title: 'Pinned', timeLimitMinutes: 30, ...window, resultsVisibility: 'none' as const };
        const actor = { staffUserId: 'u1', staffName: 'Ada Author' };
        const pinned = ok(await store.createAssessment(x.id, { ...base, challengeVersionIds: [v2, v1], interfaceLanguages: ['sv', 'en'], secondLanguagePercent: 40 }, actor));
        expect(pinned.challenges.map((c) => [c.challengeVersionId, c.version])).toEqual([
          [v2, 1],
          [v1, 1],
        ]);
        expect(pinned).toMatchObject({ interfaceLanguages: ['en', 'sv'], secondLanguagePercent: 40, hasAttempts: false });
        // The challenge's newest is v2 now; the assessment keeps v1. The older form still takes the newest.
        expect(ok(await store.createAssessment(x.id, { ...base, challengeIds: [xSum.challenge.id] })).challenges[0]?.challengeVersionId).toBe(sumV2.version.id);
        expect(await store.createAssessment(x.id, { ...base, challengeVersionIds: [yv] })).toEqual({ ok: false, reason: 'challenge_not_found' });
        expect(await store.createAssessment(x.id, { ...base, challengeVersionIds: [v1, sumV2.version.id] })).toEqual({ ok: false, reason: 'challenge_repeated' });

        const changed = ok(await store.updateAssessment(x.id, pinned.id, { challengeVersionIds: [sumV2.version.id], timeLimitMinutes: 45, resultsVisibility: 'aggregate' }, actor));
        expect(changed.challenges.map((c) => c.challengeVersionId)).toEqual([sumV2.version.id]);
        expect(changed).toMatchObject({ timeLimitMinutes: 45, resultsVisibility: 'aggregate' });
        // Nothing differs: nothing is recorded.
        ok(await store.updateAssessment(x.id, pinned.id, { timeLimitMinutes: 45 }, actor));
        const record = (await store.listAssessmentChanges(x.id, pinned.id))!;
        expect(record.map((c) => [c.kind, c.staffName, c.changes.map((f) => f.field)])).toEqual([
          ['created', 'Ada Author', ['title', 'challengeVersionIds', 'timeLimitMinutes', 'opensAt', 'closesAt', 'resultsVisibility', 'interfaceLanguages', 'secondLanguagePercent', 'anonymousReview']],
          ['updated', 'Ada Author', ['challengeVersionIds', 'timeLimitMinutes', 'resultsVisibility']],
        ]);
        expect(record[1]?.changes[0]).toEqual({ field: 'challengeVersionIds', from: [v2, v1], to: [sumV2.version.id] });
        expect(await store.listAssessmentChanges(y.id, pinned.id)).toBeUndefined();
        void xPairs;
      });

      it('duplicates an assessment with its versions and settings, a new title and window, and no invites', async () => {
        const { x, y, xTest, v1, v2 } = await world(store, clock);
        const opensAt = new Date(clock().getTime() + 30 * DAY);
        const closesAt = new Date(clock().getTime() + 37 * DAY);
        const copy = (await store.duplicateAssessment(x.id, xTest.id, { title: 'X backend, next month', opensAt, closesAt }, { staffUserId: 'u', staffName: 'Ada' }))!;
        expect(copy).toMatchObject({ title: 'X backend, next month', opensAt, closesAt, timeLimitMinutes: 90, resultsVisibility: 'samples', hasAttempts: false });
        expect(copy.challenges.map((c) => c.challengeVersionId)).toEqual([v1, v2]);
        expect(await store.listInvites(x.id, copy.id)).toEqual([]);
        expect((await store.listAssessmentChanges(x.id, copy.id))?.[0]).toMatchObject({ kind: 'created', copiedFrom: xTest.id, staffName: 'Ada' });
        expect(await store.duplicateAssessment(y.id, xTest.id, { title: 'Theft', opensAt, closesAt })).toBeUndefined();
        expect((await store.listAssessments(y.id)).map((a) => a.title)).toEqual(['Y test']);
      });

      it('scopes assessments to their organisation', async () => {
        const { x, y, xTest, yTest, a, c } = await world(store, clock);
        expect(await store.getAssessment(y.id, xTest.id)).toBeUndefined();
        expect((await store.listAssessments(y.id)).map((s) => s.id)).toEqual([yTest.id]);
        expect(await store.updateAssessment(y.id, xTest.id, { title: 'Hijacked' })).toEqual({ ok: false, reason: 'not_found' });
        expect((await store.getAssessment(x.id, xTest.id))?.title).toBe('X backend test');
        expect((await store.getAttemptAssessment(a.id))?.id).toBe(xTest.id);
        expect((await store.getAttemptAssessment(c.id))?.id).toBe(yTest.id);
      });
    });

    describe('invites', () => {
      it('keeps only the hash of the link token and finds the invite by it', async () => {
        const { x, xTest, inviteA } = await world(store, clock);
        expect(inviteA.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        const hash = createHash('sha256').update(inviteA.token).digest('hex');
        expect(await harness.holdsText(hash)).toBe(true);
        expect(await harness.holdsText(inviteA.token)).toBe(false);
        expect(inviteA.invite).not.toHaveProperty('token');
        expect(inviteA.invite).not.toHaveProperty('tokenHash');

        expect(await store.findInviteByToken(inviteA.token)).toMatchObject({ id: inviteA.invite.id, orgId: x.id, assessmentId: xTest.id });
        expect(await store.findInviteByToken(hash)).toBeUndefined();
        expect(await store.findInviteByToken(inviteA.token.slice(0, -1))).toBeUndefined();
      });

      it('gives unique short codes from the unambiguous alphabet and forgives case, spaces and dashes', async () => {
        const { x, xTest, inviteA } = await world(store, clock);
        expect(SHORT_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
        const codes = [inviteA.invite.shortCode];
        for (let i = 0; i < 200; i++) codes.push(ok(await store.createInvite(x.id, xTest.id)).invite.shortCode);
        expect(new Set(codes).size).toBe(codes.length);
        for (const code of codes) {
          expect(code).toHaveLength(8);
          for (const ch of code) expect(SHORT_CODE_ALPHABET).toContain(ch);
        }
        const code = inviteA.invite.shortCode;
        const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `;
        expect((await store.findInviteByShortCode(typed))?.id).toBe(inviteA.invite.id);
        expect(await store.findInviteByShortCode(`O${code.slice(1)}`)).toBeUndefined();
        expect(await store.findInviteByShortCode(code.slice(1))).toBeUndefined();
      });

      it('lists, revokes, and records the attempt an invite opened', async () => {
        const { x, xTest, inviteA, inviteB, a } = await world(store, clock);
        clock.advance(1000);
        const fresh = ok(await store.createInvite(x.id, xTest.id));
        expect(fresh.invite).toMatchObject({ attemptId: null, revokedAt: null, candidateName: null, contact: null });
        expect(await store.getInvite(x.id, inviteA.invite.id)).toMatchObject({ attemptId: a.id, candidateName: 'Amina', contact: 'amina@example.org' });
        // Creation order; invites made in the same millisecond (world() makes A and B together) in id order.
        const listed = (await store.listInvites(x.id, xTest.id)).map((i) => i.id);
        expect(listed.slice(0, 2).sort()).toEqual([inviteA.invite.id, inviteB.invite.id].sort());
        expect(listed[2]).toBe(fresh.invite.id);
        clock.advance(MINUTE);
        expect((await store.revokeInvite(x.id, fresh.invite.id))?.revokedAt).toEqual(clock());
        expect(await store.startAttempt(x.id, fresh.invite.id)).toEqual({ ok: false, reason: 'revoked' });
      });

      it('scopes invites to their organisation', async () => {
        const { x, y, xTest, inviteA } = await world(store, clock);
        expect(await store.getInvite(y.id, inviteA.invite.id)).toBeUndefined();
        expect(await store.listInvites(y.id, xTest.id)).toEqual([]);
        expect(await store.revokeInvite(y.id, inviteA.invite.id)).toBeUndefined();
        expect((await store.getInvite(x.id, inviteA.invite.id))?.revokedAt).toBeNull();
        expect(await store.createInvite(y.id, xTest.id)).toEqual({ ok: false, reason: 'assessment_not_found' });
        expect(await store.startAttempt(y.id, inviteA.invite.id)).toEqual({ ok: false, reason: 'not_found' });
      });
    });

    describe('attempts', () => {
      it('starts once per invite, with a deadline from the time limit, and logs it', async () => {
        const { x, xTest, inviteA, a } = await world(store, clock);
        expect(a).toMatchObject({ orgId: x.id, inviteId: inviteA.invite.id, assessmentId: xTest.id, startedAt: clock(), finishedAt: null });
        expect(a.deadlineAt.getTime() - a.startedAt.getTime()).toBe(90 * MINUTE);
        clock.advance(5 * MINUTE);
        const again = ok(await store.startAttempt(x.id, inviteA.invite.id));
        expect(again).toEqual({ attempt: a, created: false });
        expect(await store.listEvents({ attemptId: a.id })).toEqual([expect.objectContaining({ seq: 1, kind: 'started', at: a.startedAt })]);
      });

      it('refuses to start outside the window and caps the deadline at closing time', async () => {
        const { x } = await world(store, clock);
        const challengeId = (await store.listChallenges(x.id))[0]!.id;
        const later = ok(
          await store.createAssessment(x.id, {
            title: 'Tomorrow',
            challengeIds: [challengeId],
            timeLimitMinutes: 120,
            opensAt: new Date(clock().getTime() + DAY),
            closesAt: new Date(clock().getTime() + DAY + HOUR),
            resultsVisibility: 'none',
          }),
        );
        const early = ok(await store.createInvite(x.id, later.id));
        const late = ok(await store.createInvite(x.id, later.id));
        expect(await store.startAttempt(x.id, early.invite.id)).toEqual({ ok: false, reason: 'not_open' });
        clock.advance(DAY + 30 * MINUTE);
        const started = ok(await store.startAttempt(x.id, early.invite.id)).attempt;
        expect(started.deadlineAt).toEqual(later.closesAt);
        clock.advance(HOUR);
        expect(await store.startAttempt(x.id, late.invite.id)).toEqual({ ok: false, reason: 'closed' });
        // The started attempt can still be reopened after closing (to see results).
        expect(ok(await store.startAttempt(x.id, early.invite.id)).created).toBe(false);
      });

      it('reads attempts by the candidate scope or the organisation scope, and lists them', async () => {
        const { x, y, xTest, a, b } = await world(store, clock);
        expect(await store.getAttempt({ attemptId: a.id })).toEqual(a);
        expect(await store.getAttempt({ orgId: x.id, attemptId: a.id })).toEqual(a);
        expect(await store.getAttempt({ orgId: y.id, attemptId: a.id })).toBeUndefined();
        expect((await store.listAttempts(x.id, xTest.id)).map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
        expect(await store.listAttempts(y.id, xTest.id)).toEqual([]);
      });

      it('finishes once', async () => {
        const { a } = await world(store, clock);
        clock.advance(10 * MINUTE);
        const finished = await store.finishAttempt(a.id, 'candidate');
        expect(finished?.finishedAt).toEqual(clock());
        clock.advance(MINUTE);
        expect((await store.finishAttempt(a.id, 'time_up'))?.finishedAt).toEqual(finished?.finishedAt);
        const events = await store.listEvents({ attemptId: a.id });
        expect(events.map((e) => e.kind)).toEqual(['started', 'finished']);
        expect(events[1]?.data).toEqual({ reason: 'candidate' });
      });

      it('finishes attempts whose time ran out, at their deadline, once', async () => {
        const { a, b, c } = await world(store, clock);
        await store.finishAttempt(b.id, 'candidate');
        expect(await store.finishExpiredAttempts(10)).toEqual([]);
        clock.advance(2 * DAY);
        const finished = await store.finishExpiredAttempts(10);
        expect(finished.map((t) => t.attempt.id).sort()).toEqual([a.id, c.id].sort());
        for (const { attempt, timeUp } of finished) {
          expect(attempt.finishedAt).toEqual(attempt.deadlineAt);
          // No drafts: nothing to judge.
          expect(timeUp).toEqual([]);
        }
        expect(await store.finishExpiredAttempts(10)).toEqual([]);
        const events = await store.listEvents({ attemptId: a.id });
        expect(events.at(-1)).toMatchObject({ kind: 'finished', data: { reason: 'time_up' } });
      });
    });

    describe('time up: typed work counts', () => {
      const save = (s: Store, attemptId: AttemptId, challengeVersionId: string, language: 'python' | 'cpp', source: string, revision: number) =>
        s.saveDraft(attemptId, { challengeVersionId, language, source, revision }).then(ok);

      it('submits, as the attempt finishes, each task’s newest draft that differs from its last submission', async () => {
        const { a, v1, v2 } = await world(store, clock);
        // Task 1: submitted, then changed. Its older draft in another language is not the newest.
        await save(store, a.id, v1, 'python', 'print("old")', 1);
        clock.advance(1000);
        const sent = ok(await store.createSubmission(a.id, { ...submission(v1), source: 'print(1)' })).submission;
        clock.advance(1000);
        await save(store, a.id, v1, 'python', 'print(2)', 2);
        // Task 2: the newest draft is exactly what was submitted — nothing to add.
        await save(store, a.id, v2, 'cpp', 'int main() {}', 1);
        clock.advance(1000);
        ok(await store.createSubmission(a.id, { ...submission(v2), language: 'cpp', source: 'int main() {}' }));
        clock.advance(90 * MINUTE);

        const finished = (await store.finishExpiredAttempts(10)).find((f) => f.attempt.id === a.id);
        expect(finished?.timeUp).toEqual([
          expect.objectContaining({
            id: timeUpSubmissionId(a.id, v1),
            attemptId: a.id,
            challengeVersionId: v1,
            kind: 'submit',
            origin: 'time_up',
            language: 'python',
            source: 'print(2)',
            status: 'queued',
          }),
        ]);
        // Stored, queued behind nothing it should not be, and judged like any submission.
        const all = await store.listSubmissions({ attemptId: a.id });
        expect(all.map((s) => [s.origin, s.source])).toEqual([
          ['candidate', 'print(1)'],
          ['candidate', 'int main() {}'],
          ['time_up', 'print(2)'],
        ]);
        expect(all[0]).toMatchObject({ id: sent.id, origin: 'candidate' });
        const events = await store.listEvents({ attemptId: a.id });
        expect(events.slice(-2)).toMatchObject([
          { kind: 'submitted', data: { submissionId: timeUpSubmissionId(a.id, v1), challengeVersionId: v1, language: 'python', origin: 'time_up' } },
          { kind: 'finished', data: { reason: 'time_up' } },
        ]);
        const claimed = [await store.claimNext('w1', clock()), await store.claimNext('w1', clock()), await store.claimNext('w1', clock())];
        expect(claimed.map((job) => job?.submissionId)).toContain(timeUpSubmissionId(a.id, v1));
      });

      it('judges a draft in another language than the last submission, and a task never submitted', async () => {
        const { a, v1, v2 } = await world(store, clock);
        ok(await store.createSubmission(a.id, { ...submission(v1), source: 'same text' }));
        clock.advance(1000);
        await save(store, a.id, v1, 'python', 'same text', 1);
        // xSum allows only python (its listing says so): a newer cpp draft cannot be judged, the python one is the last submission.
        clock.advance(1000);
        await save(store, a.id, v1, 'cpp', 'int main() { return 0; }', 1);
        await save(store, a.id, v2, 'cpp', 'pairs in cpp', 1);
        clock.advance(2 * HOUR);
        const finished = (await store.finishExpiredAttempts(10)).find((f) => f.attempt.id === a.id);
        expect(finished?.timeUp.map((s) => [s.challengeVersionId, s.language, s.source])).toEqual([[v2, 'cpp', 'pairs in cpp']]);
      });

      it('creates each time-up submission once: a second sweep, from another connection, adds nothing', async () => {
        const { a, v1 } = await world(store, clock);
        await save(store, a.id, v1, 'python', 'print(3)', 1);
        clock.advance(2 * HOUR);
        const secondServer = await open();
        const [first, second] = await Promise.all([store.finishExpiredAttempts(10), secondServer.finishExpiredAttempts(10)]);
        const made = [...first, ...second].filter((f) => f.attempt.id === a.id);
        expect(made).toHaveLength(1);
        expect(await store.finishExpiredAttempts(10)).toEqual([]);
        const mine = await store.listSubmissions({ attemptId: a.id });
        expect(mine).toHaveLength(1);
        expect((await store.listEvents({ attemptId: a.id })).filter((e) => e.kind === 'submitted' || e.kind === 'finished')).toHaveLength(2);
      });

      it('finishes at most `limit` attempts per call, so one sweep step stays small', async () => {
        const { a, b, c, v1, yv } = await world(store, clock);
        await save(store, a.id, v1, 'python', 'print("a")', 1);
        await save(store, b.id, v1, 'python', 'print("b")', 1);
        await save(store, c.id, yv, 'python', 'print("c")', 1);
        clock.advance(2 * HOUR);
        const steps = [await store.finishExpiredAttempts(1), await store.finishExpiredAttempts(1), await store.finishExpiredAttempts(1), await store.finishExpiredAttempts(1)];
        expect(steps.map((step) => step.length)).toEqual([1, 1, 1, 0]);
        expect(steps.flat().map((f) => f.attempt.id).sort()).toEqual([a.id, b.id, c.id].sort());
        expect(steps.flat().every((f) => f.timeUp.length === 1)).toBe(true);
      });

      it('gives nothing of the kind to an attempt finished early, or one without a changed draft', async () => {
        const { a, b, v1 } = await world(store, clock);
        await save(store, a.id, v1, 'python', 'print(4)', 1);
        await store.finishAttempt(a.id, 'candidate');
        await save(store, b.id, v1, 'python', ' \n', 1);
        clock.advance(2 * HOUR);
        const finished = await store.finishExpiredAttempts(10);
        expect(finished.map((f) => f.attempt.id)).not.toContain(a.id);
        expect(finished.find((f) => f.attempt.id === b.id)?.timeUp).toEqual([]);
        expect(await store.listSubmissions({ attemptId: a.id })).toEqual([]);
        expect(await store.listSubmissions({ attemptId: b.id })).toEqual([]);
      });

      it('submits even when the run budget is spent, and moves past an id someone else took', async () => {
        const { store: s } = await withQuotas({ runBytesPerAttempt: 1000 });
        const { a, b, v1 } = await world(s, clock);
        ok(await s.createSubmission(a.id, { ...submission(v1), source: 'x'.repeat(990) }));
        expect(await s.createSubmission(a.id, { ...submission(v1), source: 'x'.repeat(20) })).toMatchObject({ ok: false, reason: 'quota_exceeded' });
        await save(s, a.id, v1, 'python', 'y'.repeat(500), 1);
        // Another attempt holds the id A's time-up submission would have first.
        ok(await s.createSubmission(b.id, { ...submission(v1), id: timeUpSubmissionId(a.id, v1) }));
        clock.advance(2 * HOUR);
        const finished = (await s.finishExpiredAttempts(10)).find((f) => f.attempt.id === a.id);
        expect(finished?.timeUp).toEqual([expect.objectContaining({ id: timeUpSubmissionId(a.id, v1, 1), origin: 'time_up', source: 'y'.repeat(500) })]);
        expect((await s.getSubmission({ attemptId: b.id }, timeUpSubmissionId(a.id, v1)))?.origin).toBe('candidate');
      });
    });

    describe('drafts', () => {
      it('saves drafts per (challenge version, language) and refuses stale revisions', async () => {
        const { a, v1, v2 } = await world(store, clock);
        const first = ok(await store.saveDraft(a.id, { challengeVersionId: v1, language: 'python', source: 'v1', revision: 1 }));
        expect(first).toMatchObject({ attemptId: a.id, revision: 1, source: 'v1', updatedAt: clock() });
        clock.advance(2000);
        ok(await store.saveDraft(a.id, { challengeVersionId: v1, language: 'python', source: 'v3', revision: 3 }));
        // A late-arriving older save, and a repeat of the same revision, are refused with what is stored.
        for (const revision of [2, 3]) {
          const stale = await store.saveDraft(a.id, { challengeVersionId: v1, language: 'python', source: 'old', revision });
          expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { source: 'v3', revision: 3 } });
        }
        ok(await store.saveDraft(a.id, { challengeVersionId: v1, language: 'cpp', source: 'int main(){}', revision: 1 }));
        ok(await store.saveDraft(a.id, { challengeVersionId: v2, language: 'python', source: 'pairs', revision: 7 }));
        const drafts = await store.listDrafts({ attemptId: a.id });
        expect(drafts).toHaveLength(3);
        expect(drafts.find((d) => d.challengeVersionId === v1 && d.language === 'python')).toMatchObject({ source: 'v3', revision: 3 });
        const saved = (await store.listEvents({ attemptId: a.id })).filter((e) => e.kind === 'draft_saved');
        expect(saved.map((e) => (e.data as { revision: number }).revision)).toEqual([1, 3, 1, 7]);
        await expect(store.saveDraft(a.id, { challengeVersionId: v1, language: 'python', source: 'x', revision: 0 })).rejects.toMatchObject({
          code: 'invalid_argument',
        });
      });

      it('refuses drafts after the deadline, after finishing, and for challenges outside the attempt', async () => {
        const { a, b, v1, yv } = await world(store, clock);
        expect(await store.saveDraft(a.id, { challengeVersionId: yv, language: 'python', source: 'x', revision: 1 })).toEqual({
          ok: false,
          reason: 'challenge_not_in_attempt',
        });
        await store.finishAttempt(b.id);
        expect(await store.saveDraft(b.id, { challengeVersionId: v1, language: 'python', source: 'x', revision: 1 })).toEqual({ ok: false, reason: 'attempt_closed' });
        clock.advance(90 * MINUTE);
        expect(await store.saveDraft(a.id, { challengeVersionId: v1, language: 'python', source: 'x', revision: 1 })).toEqual({ ok: false, reason: 'attempt_closed' });
      });

      it('scopes drafts to their attempt (and, for staff, organisation)', async () => {
        const { x, y, a, b, v1 } = await world(store, clock);
        ok(await store.saveDraft(a.id, { challengeVersionId: v1, language: 'python', source: 'mine', revision: 1 }));
        expect(await store.listDrafts({ attemptId: b.id })).toEqual([]);
        expect(await store.listDrafts({ orgId: y.id, attemptId: a.id })).toEqual([]);
        expect(await store.listDrafts({ orgId: x.id, attemptId: a.id })).toHaveLength(1);
        // B's draft for the same key is B's own; it neither reads nor overwrites A's.
        ok(await store.saveDraft(b.id, { challengeVersionId: v1, language: 'python', source: 'theirs', revision: 5 }));
        expect((await store.listDrafts({ attemptId: a.id }))[0]).toMatchObject({ source: 'mine', revision: 1 });
      });
    });

    describe('drafts: rate limit and replay history', () => {
      const draft = (versionId: string, source: string, revision: number, language: 'python' | 'javascript' = 'python') => ({ challengeVersionId: versionId, language, source, revision });

      it('lets an attempt save a burst, then one save per refill interval, for every connection together', async () => {
        const { store: limited, open: another } = await withQuotas({ draftBurst: 3, draftSavesPerMinute: 60 });
        const { a, b, v1 } = await world(limited, clock);
        const secondDevice = await another();
        ok(await limited.saveDraft(a.id, draft(v1, 'one', 1)));
        ok(await secondDevice.saveDraft(a.id, draft(v1, 'two', 2)));
        // A stale save costs a token too: it reads and compares like any other.
        expect(await limited.saveDraft(a.id, draft(v1, 'old', 1))).toMatchObject({ ok: false, reason: 'stale' });
        expect(await secondDevice.saveDraft(a.id, draft(v1, 'four', 4))).toEqual({ ok: false, reason: 'rate_limited', retryAfterMs: 1000 });
        // Refused means untouched: no draft change, no event.
        expect((await limited.listDrafts({ attemptId: a.id }))[0]).toMatchObject({ source: 'two', revision: 2 });
        expect((await limited.listEvents({ attemptId: a.id })).filter((e) => e.kind === 'draft_saved')).toHaveLength(2);
        // Another attempt has a bucket of its own.
        ok(await limited.saveDraft(b.id, draft(v1, 'b', 1)));
        clock.advance(400);
        expect(await limited.saveDraft(a.id, draft(v1, 'four', 4))).toEqual({ ok: false, reason: 'rate_limited', retryAfterMs: 600 });
        clock.advance(600);
        ok(await limited.saveDraft(a.id, draft(v1, 'four', 4)));
        expect(await limited.saveDraft(a.id, draft(v1, 'five', 5))).toMatchObject({ ok: false, reason: 'rate_limited' });
        clock.advance(60_000);
        for (let revision = 6; revision < 9; revision++) ok(await limited.saveDraft(a.id, draft(v1, `r${revision}`, revision)));
        expect(await limited.saveDraft(a.id, draft(v1, 'r9', 9))).toMatchObject({ ok: false, reason: 'rate_limited' });
      });

      it('records a snapshot, then small edits, and replays every saved revision exactly', async () => {
        const { store: s } = await withQuotas({ snapshotEveryEdits: 4, snapshotEveryMs: 60_000 });
        const { a, v1, v2 } = await world(s, clock);
        const big = Array.from({ length: 400 }, (_, i) => `line ${i}: print(${i} * ${i})`).join('\n');
        const saved: string[] = [];
        let text = big;
        for (let revision = 1; revision <= 12; revision++) {
          text = revision === 1 ? big : revision === 7 ? `${text}\n# pasted 😀 ب\n` : text.replace(`print(${revision}`, `print(${revision}0`);
          clock.advance(1500);
          ok(await s.saveDraft(a.id, draft(v1, text, revision)));
          saved.push(text);
          if (revision % 5 === 0) ok(await s.saveDraft(a.id, draft(v2, `other ${revision}`, revision, 'javascript')));
        }
        const events = await s.listEvents({ attemptId: a.id });
        const mine = events.filter((e) => e.kind === 'draft_saved' && (e.data as { challengeVersionId: string }).challengeVersionId === v1);
        expect(mine.map((e) => ('source' in (e.data as object) ? 'snapshot' : 'edit'))).toEqual(['snapshot', 'edit', 'edit', 'edit', 'snapshot', 'edit', 'edit', 'edit', 'snapshot', 'edit', 'edit', 'edit']);
        // An edit stores the change, not the 10 KB text.
        for (const event of mine.filter((e) => !('source' in (e.data as object)))) expect(JSON.stringify(event.data).length).toBeLessThan(300);
        const replay = replayDrafts(events);
        expect(replay.skipped).toBe(0);
        expect(replay.revisions.filter((r) => r.challengeVersionId === v1).map((r) => r.source)).toEqual(saved);
        expect(replay.revisions.filter((r) => r.challengeVersionId === v2).map((r) => r.source)).toEqual(['other 5', 'other 10']);
      });

      it('stops the history at its cap with one history_capped event; drafts are still saved, connection changes no longer recorded', async () => {
        const { store: s } = await withQuotas({ historyBytesPerAttempt: 4096 });
        const { a, b, v1 } = await world(s, clock);
        let revision = 0;
        for (let i = 0; i < 8; i++) {
          clock.advance(2000);
          ok(await s.saveDraft(a.id, draft(v1, `${i}`.repeat(1000), ++revision)));
        }
        expect(await s.appendEvent(a.id, 'disconnected')).toBeUndefined();
        const events = await s.listEvents({ attemptId: a.id });
        expect(events.filter((e) => e.kind === 'history_capped')).toEqual([expect.objectContaining({ data: { limitBytes: 4096, keptBytes: expect.any(Number) } })]);
        const kept = events.filter((e) => e.kind === 'draft_saved');
        expect(kept.length).toBeGreaterThan(0);
        expect(kept.length).toBeLessThan(8);
        expect(kept.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e.data)), 0)).toBeLessThanOrEqual(4096);
        expect(events.at(-1)!.kind).toBe('history_capped');
        expect((await s.listDrafts({ attemptId: a.id }))[0]).toMatchObject({ source: '7'.repeat(1000), revision: 8 });
        // Runs are still logged (they are bounded by the run limits); another attempt keeps its history.
        await submit(s, a.id, v1);
        expect((await s.listEvents({ attemptId: a.id })).at(-1)!.kind).toBe('submitted');
        expect(await s.appendEvent(b.id, 'disconnected')).toMatchObject({ kind: 'disconnected' });
      });
    });

    describe('run storage budget', () => {
      const sized = (versionId: string, kind: SubmissionKind, bytes: number) => ({
        id: randomUUID(),
        challengeVersionId: versionId,
        kind,
        language: 'python' as const,
        source: 'x'.repeat(bytes),
        customInput: kind === 'custom' ? '' : null,
      });

      it('refuses sample and custom runs past their share of the budget, submissions past all of it; retries of stored ones still answer', async () => {
        const budget = 100_000;
        const { store: s } = await withQuotas({ runBytesPerAttempt: budget });
        const { a, b, v1 } = await world(s, clock);
        const first = sized(v1, 'custom', 30_000);
        ok(await s.createSubmission(a.id, first));
        ok(await s.createSubmission(a.id, sized(v1, 'samples', 30_000)));
        const share = Math.floor(budget * RUNS_SHARE);
        expect(await s.createSubmission(a.id, sized(v1, 'custom', 30_000))).toEqual({ ok: false, reason: 'quota_exceeded', limitBytes: share });
        expect(ok(await s.createSubmission(a.id, sized(v1, 'submit', 30_000))).created).toBe(true);
        expect(await s.createSubmission(a.id, sized(v1, 'submit', 30_000))).toEqual({ ok: false, reason: 'quota_exceeded', limitBytes: budget });
        expect(ok(await s.createSubmission(a.id, first)).created).toBe(false);
        // Nothing of the refused ones was written; another attempt has a budget of its own.
        expect(await s.listSubmissions({ attemptId: a.id })).toHaveLength(3);
        expect(ok(await s.createSubmission(b.id, sized(v1, 'custom', 60_000))).created).toBe(true);
      });

      it('counts each stored result towards the budget', async () => {
        const { store: s } = await withQuotas({ runBytesPerAttempt: 100_000 });
        const { a, v1 } = await world(s, clock);
        ok(await s.createSubmission(a.id, sized(v1, 'custom', 1_000)));
        const claim = (await s.claimNext('w1', clock()))!;
        expect(await s.complete(claim, { verdict: 'accepted', output: 'y'.repeat(70_000) })).toBe(true);
        expect(await s.createSubmission(a.id, sized(v1, 'custom', 10_000))).toMatchObject({ ok: false, reason: 'quota_exceeded' });
        expect(await s.createSubmission(a.id, sized(v1, 'custom', 1_000))).toMatchObject({ ok: true });
      });
    });

    describe('pages of an attempt', () => {
      it('reads submissions and events a page at a time, bounded by count and bytes, through their cursors', async () => {
        const { x, a, v1 } = await world(store, clock);
        const sizes = [1_000, 50_000, 2_000, 3_000, 120_000, 10];
        const ids: string[] = [];
        for (const bytes of sizes) {
          const input = { ...submission(v1, 'custom', 's'.repeat(bytes)) };
          ok(await store.createSubmission(a.id, input));
          ids.push(input.id);
        }
        const scope = { orgId: x.id, attemptId: a.id };
        const read = async (limit: number, maxBytes: number) => {
          const pages: string[][] = [];
          let after: number | undefined;
          for (;;) {
            const page = await store.listSubmissionsPage(scope, { after, limit, maxBytes });
            pages.push(page.items.map((s) => s.id));
            if (page.next === null) return pages;
            after = page.next;
          }
        };
        expect((await read(4, 1_000_000)).map((p) => p.length)).toEqual([4, 2]);
        // 53 KB a page: the 120 KB one comes alone (a page holds at least one), the others pack around it.
        expect((await read(10, 53_000)).map((p) => p.length)).toEqual([2, 2, 1, 1]);
        expect((await read(10, 53_000)).flat()).toEqual(ids);
        expect(await store.listSubmissionsPage({ attemptId: a.id }, { limit: 10, maxBytes: 1_000_000 })).toMatchObject({ next: null });
        expect(await store.listSubmissionsPage({ orgId: x.id, attemptId: randomUUID() }, { limit: 10, maxBytes: 1_000_000 })).toEqual({ items: [], next: null });

        const events = await store.listEvents(scope);
        const first = await store.listEventsPage(scope, { limit: 3, maxBytes: 1_000_000 });
        expect(first).toEqual({ items: events.slice(0, 3), next: 3 });
        expect(await store.listEventsPage(scope, { after: 3, limit: 100, maxBytes: 1_000_000 })).toEqual({ items: events.slice(3), next: null });
      });
    });

    describe('sessions', () => {
      const candidateSession = (orgId: OrgId, inviteId: string, n: number) => ({
        kind: 'candidate' as const,
        idHash: createHash('sha256').update(`${inviteId}-${n}`).digest('hex'),
        orgId,
        inviteId,
        csrfToken: `csrf-${n}`,
        expiresAt: new Date(clock().getTime() + DAY),
      });

      it('keeps at most sessionsPerInvite candidate sessions per invite: a new one ends the oldest', async () => {
        const { store: s } = await withQuotas({ sessionsPerInvite: 3 });
        const { x, inviteA, inviteB } = await world(s, clock);
        const made = [];
        for (let n = 0; n < 7; n++) {
          // Some in the same millisecond: the newest is never the one ended.
          if (n % 2) clock.advance(1000);
          made.push(await s.createSession(candidateSession(x.id, inviteA.invite.id, n)));
          expect(await s.findSession(made.at(-1)!.idHash)).toBeDefined();
        }
        const alive = [];
        for (const session of made) if (await s.findSession(session.idHash)) alive.push(session.csrfToken);
        expect(alive).toHaveLength(3);
        expect(alive).toContain('csrf-6');
        expect(alive).not.toContain('csrf-0');
        // Another invite's sessions are its own.
        const other = await s.createSession(candidateSession(x.id, inviteB.invite.id, 0));
        await s.createSession(candidateSession(x.id, inviteA.invite.id, 99));
        expect(await s.findSession(other.idHash)).toBeDefined();
      });
    });

    describe('candidate reviews', () => {
      const rana = { staffUserId: 'rana-id', staffName: 'Rana' };
      it('saves a review per invite (the latest save wins), lists them per assessment, and scopes them to the organisation', async () => {
        const { x, y, xTest, inviteA, inviteB, inviteC } = await world(store, clock);
        expect(await store.getCandidateReview(x.id, inviteA.invite.id)).toMatchObject({ note: '', rating: null, shortlisted: false, updatedByName: null, revealedAt: null });
        expect(await store.listCandidateReviews(x.id, xTest.id)).toEqual(new Map());
        await store.saveCandidateReview(x.id, inviteA.invite.id, { note: 'first', rating: 2, shortlisted: false }, rana);
        clock.advance(MINUTE);
        const saved = await store.saveCandidateReview(x.id, inviteA.invite.id, { note: 'Clear tests', rating: 5, shortlisted: true }, { staffUserId: 'o', staffName: 'Olle' });
        expect(saved).toMatchObject({ inviteId: inviteA.invite.id, note: 'Clear tests', rating: 5, shortlisted: true, updatedByName: 'Olle', updatedAt: clock() });
        expect([...(await store.listCandidateReviews(x.id, xTest.id)).keys()]).toEqual([inviteA.invite.id]);
        // Another organisation neither writes nor reads it.
        expect(await store.saveCandidateReview(y.id, inviteB.invite.id, { note: 'x', rating: null, shortlisted: false }, rana)).toBeUndefined();
        expect(await store.getCandidateReview(y.id, inviteA.invite.id)).toBeUndefined();
        expect(await store.listCandidateReviews(y.id, xTest.id)).toEqual(new Map());
        expect(await store.revealCandidate(x.id, inviteC.invite.id, rana)).toBeUndefined();
        await expect(store.saveCandidateReview(x.id, inviteB.invite.id, { note: 'n'.repeat(4001), rating: null, shortlisted: false }, rana)).rejects.toThrow();
        await expect(store.saveCandidateReview(x.id, inviteB.invite.id, { note: '', rating: 6, shortlisted: false }, rana)).rejects.toThrow();
      });

      it('keeps the first reveal, numbers invites by creation, and reads every submit score of an assessment at once', async () => {
        const { x, y, xTest, inviteA, inviteB, a, b, v1, v2 } = await world(store, clock);
        clock.advance(MINUTE);
        const first = await store.revealCandidate(x.id, inviteA.invite.id, rana);
        expect(first).toMatchObject({ revealedByName: 'Rana', revealedAt: clock() });
        clock.advance(MINUTE);
        expect(await store.revealCandidate(x.id, inviteA.invite.id, { staffUserId: 'o', staffName: 'Olle' })).toMatchObject({ revealedByName: 'Rana', revealedAt: first!.revealedAt });
        const listed = await store.listInvites(x.id, xTest.id);
        for (const [index, invite] of listed.entries()) expect(await store.candidateNumber(x.id, invite.id)).toBe(index + 1);
        expect(await store.candidateNumber(y.id, inviteB.invite.id)).toBeUndefined();

        const judged = await submit(store, a.id, v1);
        await submit(store, a.id, v1, 'samples');
        await submit(store, b.id, v2);
        const claim = await store.claimNext('w1', clock());
        expect(claim?.submissionId).toBe(judged.id);
        expect(await store.complete(claim!, { verdict: 'accepted', score: 80 })).toBe(true);
        const scores = await store.listSubmitScores(x.id, xTest.id);
        expect(scores.map((s) => [s.attemptId, s.challengeVersionId, s.score])).toEqual([
          [a.id, v1, 80],
          [b.id, v2, undefined],
        ]);
        expect((await store.listSubmitScores(x.id, xTest.id, b.id)).map((s) => [s.attemptId, s.score])).toEqual([[b.id, undefined]]);
        expect(await store.listSubmitScores(y.id, xTest.id)).toEqual([]);
      });
    });

    describe('submissions', () => {
      it('writes a submission queued, with its event, and reads it back', async () => {
        const { x, a, v1 } = await world(store, clock);
        const input = submission(v1, 'custom');
        const created = ok(await store.createSubmission(a.id, input));
        expect(created.created).toBe(true);
        expect(created.submission).toMatchObject({
          id: input.id,
          orgId: x.id,
          attemptId: a.id,
          kind: 'custom',
          customInput: '1 2\n',
          status: 'queued',
          result: null,
          tries: 0,
          createdAt: clock(),
          startedAt: null,
          finishedAt: null,
        });
        expect(await store.getSubmission({ attemptId: a.id }, input.id)).toEqual(created.submission);
        const samples = await submit(store, a.id, v1, 'samples');
        const scored = await submit(store, a.id, v1, 'submit');
        expect((await store.listSubmissions({ attemptId: a.id })).map((s) => s.id)).toEqual([input.id, samples.id, scored.id]);
        const kinds = (await store.listEvents({ attemptId: a.id })).map((e) => e.kind);
        expect(kinds).toEqual(['started', 'ran_custom', 'ran_samples', 'submitted']);
      });

      it('keeps to a run rate even when the requests come all at once, and a retry of an accepted one still answers', async () => {
        const { a, v1 } = await world(store, clock);
        const rate = { runs: 3, windowMs: 60_000 };
        const inputs = Array.from({ length: 8 }, () => submission(v1));
        const outcomes = await Promise.all(inputs.map((input) => store.createSubmission(a.id, input, rate)));
        expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
        expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(Array(5).fill('rate_limited'));
        const first = inputs[outcomes.findIndex((o) => o.ok)]!;
        expect(ok(await store.createSubmission(a.id, first, rate)).created).toBe(false);
        clock.advance(60_000);
        expect(await store.createSubmission(a.id, submission(v1), rate)).toEqual({ ok: false, reason: 'rate_limited' });
        clock.advance(1);
        expect(ok(await store.createSubmission(a.id, submission(v1), rate)).created).toBe(true);
      });

      it('is idempotent on the client id: the same id returns the first and writes nothing', async () => {
        const { a, v1 } = await world(store, clock);
        const input = submission(v1);
        const first = ok(await store.createSubmission(a.id, input));
        clock.advance(1000);
        const retry = await store.createSubmission(a.id, { ...input, id: input.id.toUpperCase(), source: 'something else' });
        expect(retry).toEqual({ ok: true, value: { submission: first.submission, created: false } });
        expect(await store.listSubmissions({ attemptId: a.id })).toHaveLength(1);
        expect((await store.listEvents({ attemptId: a.id })).filter((e) => e.kind === 'submitted')).toHaveLength(1);
        expect((await store.queueDepth()).queued).toBe(1);
        // A retry after the deadline still finds the accepted submission; a new one is refused.
        clock.advance(2 * HOUR);
        expect(ok(await store.createSubmission(a.id, input)).created).toBe(false);
        expect(await store.createSubmission(a.id, submission(v1))).toEqual({ ok: false, reason: 'attempt_closed' });
      });

      it('never hands one attempt another attempt’s submission through a reused id', async () => {
        const { a, b, c, v1, yv } = await world(store, clock);
        const input = submission(v1);
        ok(await store.createSubmission(a.id, input));
        expect(await store.createSubmission(b.id, input)).toEqual({ ok: false, reason: 'id_taken' });
        expect(await store.createSubmission(c.id, { ...input, challengeVersionId: yv })).toEqual({ ok: false, reason: 'id_taken' });
        expect(await store.listSubmissions({ attemptId: b.id })).toEqual([]);
        expect((await store.getSubmission({ attemptId: a.id }, input.id))?.source).toBe(input.source);
      });

      it('refuses malformed submissions and challenges outside the attempt', async () => {
        const { a, v1, yv } = await world(store, clock);
        await expect(store.createSubmission(a.id, { ...submission(v1), id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'invalid_argument' });
        await expect(store.createSubmission(a.id, { ...submission(v1, 'custom'), customInput: null })).rejects.toMatchObject({ code: 'invalid_argument' });
        await expect(store.createSubmission(a.id, { ...submission(v1, 'submit'), customInput: 'x' })).rejects.toMatchObject({ code: 'invalid_argument' });
        expect(await store.createSubmission(a.id, submission(yv))).toEqual({ ok: false, reason: 'challenge_not_in_attempt' });
        await store.finishAttempt(a.id);
        expect(await store.createSubmission(a.id, submission(v1))).toEqual({ ok: false, reason: 'attempt_closed' });
      });

      it('scopes submissions to their attempt (and, for staff, organisation)', async () => {
        const { x, y, a, b, v1 } = await world(store, clock);
        const mine = await submit(store, a.id, v1);
        expect(await store.getSubmission({ attemptId: b.id }, mine.id)).toBeUndefined();
        expect(await store.listSubmissions({ attemptId: b.id })).toEqual([]);
        expect(await store.getSubmission({ orgId: y.id, attemptId: a.id }, mine.id)).toBeUndefined();
        expect(await store.listSubmissions({ orgId: y.id, attemptId: a.id })).toEqual([]);
        expect((await store.getSubmission({ orgId: x.id, attemptId: a.id }, mine.id))?.id).toBe(mine.id);
        // Staff of X, asking through attempt B's scope, cannot reach A's submission either.
        expect(await store.getSubmission({ orgId: x.id, attemptId: b.id }, mine.id)).toBeUndefined();
        expect(await store.queuePosition(b.id, mine.id)).toBeUndefined();
        expect(await store.queuePosition(a.id, mine.id)).toBe(0);
      });

      it("lists each attempt's final code per challenge: the last submit, never a sample or custom run, within the organisation", async () => {
        const { x, y, a, b, c, v1, v2, yv, xTest, yTest, inviteA } = await world(store, clock);
        const send = async (attemptId: AttemptId, versionId: string, kind: SubmissionKind, source: string) =>
          ok(await store.createSubmission(attemptId, submission(versionId, kind, source))).submission;
        await send(a.id, v1, 'submit', 'first');
        clock.advance(1000);
        const aLast = await send(a.id, v1, 'submit', 'last of A on sum');
        clock.advance(1000);
        await send(a.id, v1, 'samples', 'a later sample run');
        await send(a.id, v1, 'custom', 'a later custom run');
        const aPairs = await send(a.id, v2, 'submit', 'A on pairs');
        await send(b.id, v1, 'samples', 'B only ran the samples');
        await send(c.id, yv, 'submit', 'C at Y');

        const finals = await store.listFinalSubmissions(x.id, xTest.id, 1000);
        expect(finals.map((f) => [f.submissionId, f.challengeVersionId, f.source]).sort()).toEqual(
          [
            [aLast.id, v1, 'last of A on sum'],
            [aPairs.id, v2, 'A on pairs'],
          ].sort(),
        );
        expect(finals[0]).toMatchObject({ attemptId: a.id, inviteId: inviteA.invite.id, language: 'python' });
        // Sources are cut to the length asked for; 0 gives the ids alone.
        expect((await store.listFinalSubmissions(x.id, xTest.id, 4)).map((f) => f.source).sort()).toEqual(['A on', 'last']);
        expect((await store.listFinalSubmissions(x.id, xTest.id, 0)).map((f) => f.source)).toEqual(['', '']);
        // Another organisation's assessment, or this one named by the other organisation: nothing.
        expect(await store.listFinalSubmissions(x.id, yTest.id, 1000)).toEqual([]);
        expect(await store.listFinalSubmissions(y.id, xTest.id, 1000)).toEqual([]);
        expect((await store.listFinalSubmissions(y.id, yTest.id, 1000)).map((f) => f.source)).toEqual(['C at Y']);
      });
    });

    describe('event log', () => {
      it('numbers events 1, 2, 3… per attempt, resumes after a sequence number, and scopes them', async () => {
        const { x, y, a, b, v1 } = await world(store, clock);
        clock.advance(1000);
        await store.appendEvent(a.id, 'disconnected', { reason: 'transport close' });
        clock.advance(30_000);
        await store.appendEvent(a.id, 'reconnected');
        await submit(store, a.id, v1);
        await store.appendEvent(b.id, 'disconnected');
        const events = await store.listEvents({ attemptId: a.id });
        expect(events.map((e) => [e.seq, e.kind])).toEqual([
          [1, 'started'],
          [2, 'disconnected'],
          [3, 'reconnected'],
          [4, 'submitted'],
        ]);
        expect(events[1]).toMatchObject({ attemptId: a.id, data: { reason: 'transport close' } });
        expect((await store.listEvents({ attemptId: a.id }, 2)).map((e) => e.seq)).toEqual([3, 4]);
        expect((await store.listEvents({ attemptId: b.id })).map((e) => [e.seq, e.kind])).toEqual([
          [1, 'started'],
          [2, 'disconnected'],
        ]);
        expect(await store.listEvents({ orgId: y.id, attemptId: a.id })).toEqual([]);
        expect(await store.listEvents({ orgId: x.id, attemptId: a.id })).toEqual(events);
        await expect(store.appendEvent(a.id, 'started' as 'disconnected')).rejects.toMatchObject({ code: 'invalid_argument' });
      });
    });

    describe('queue', () => {
      it('hands out jobs first come, first served within an attempt and completes them once', async () => {
        const { a, v1 } = await world(store, clock);
        const jobs = [await submit(store, a.id, v1), await submit(store, a.id, v1, 'samples'), await submit(store, a.id, v1, 'custom')];
        const first = await store.claimNext('w1', clock());
        expect(first).toMatchObject({ submissionId: jobs[0]!.id, attemptId: a.id, kind: 'submit', language: 'python', workerId: 'w1', tries: 1 });
        expect((await store.getSubmission({ attemptId: a.id }, jobs[0]!.id))?.status).toBe('running');
        expect(await store.complete(first!, { verdict: 'accepted', score: 100 })).toBe(true);
        expect(await store.complete(first!, { verdict: 'wrong_answer', score: 0 })).toBe(false);
        const done = await store.getSubmission({ attemptId: a.id }, jobs[0]!.id);
        expect(done).toMatchObject({ status: 'done', result: { verdict: 'accepted', score: 100 }, finishedAt: clock() });
        expect((await store.claimNext('w1', clock()))?.submissionId).toBe(jobs[1]!.id);
        expect(await store.claimNext('w2', clock())).toMatchObject({ submissionId: jobs[2]!.id, customInput: '1 2\n' });
        expect(await store.claimNext('w3', clock())).toBeUndefined();
      });

      it('prefers the attempt with the fewest running jobs, so one candidate cannot starve another', async () => {
        const { a, b, c, v1, yv } = await world(store, clock);
        const a1 = await submit(store, a.id, v1);
        const a2 = await submit(store, a.id, v1);
        const a3 = await submit(store, a.id, v1);
        const b1 = await submit(store, b.id, v1);
        const c1 = await submit(store, c.id, yv);
        const order: string[] = [];
        for (let i = 0; i < 5; i++) order.push((await store.claimNext(`w${i}`, clock()))!.submissionId);
        // a1 (oldest); then b1 and c1 (their attempts run nothing) before a2, a3.
        expect(order).toEqual([a1.id, b1.id, c1.id, a2.id, a3.id]);
      });

      it('holds a retried job back until its retry time and fails it after the last try', async () => {
        const { a, v1 } = await world(store, clock);
        const job = await submit(store, a.id, v1);
        let claim = (await store.claimNext('w1', clock()))!;
        const later = retryAt(clock(), claim.tries);
        expect(await store.fail(claim, 'docker went away', later)).toBe('requeued');
        expect(await store.getSubmission({ attemptId: a.id }, job.id)).toMatchObject({ status: 'queued', error: 'docker went away', tries: 1 });
        expect(await store.queueDepth()).toEqual({ queued: 1, delayed: 1, running: 0 });
        expect(await store.claimNext('w1', clock())).toBeUndefined();
        expect(await store.claimNext('w1', new Date(later.getTime() - 1))).toBeUndefined();
        claim = (await store.claimNext('w1', later))!;
        expect(claim.tries).toBe(2);
        expect(await store.fail({ submissionId: job.id, tries: 1 }, 'stale report', later)).toBe('lost');
        expect(await store.fail(claim, 'again', retryAt(later, 2))).toBe('requeued');
        clock.advance(HOUR);
        claim = (await store.claimNext('w1', clock()))!;
        expect(claim.tries).toBe(MAX_TRIES);
        expect(await store.fail(claim, 'and again', retryAt(clock(), 3))).toBe('failed');
        expect(await store.getSubmission({ attemptId: a.id }, job.id)).toMatchObject({ status: 'failed', error: 'and again', finishedAt: clock() });
        expect(await store.claimNext('w1', new Date(clock().getTime() + DAY))).toBeUndefined();

        const other = await submit(store, a.id, v1);
        const once = (await store.claimNext('w1', clock()))!;
        expect(await store.fail(once, 'not retryable', null)).toBe('failed');
        expect((await store.getSubmission({ attemptId: a.id }, other.id))?.status).toBe('failed');
      });

      it('releases a stopped claim back to its place in the queue at once, without charging the try', async () => {
        const { a, v1 } = await world(store, clock);
        const job = await submit(store, a.id, v1);
        const later = await submit(store, a.id, v1);
        const claim = (await store.claimNext('w1', clock()))!;
        expect(claim).toMatchObject({ submissionId: job.id, tries: 1 });
        expect(await store.release(claim)).toBe(true);
        expect(await store.getSubmission({ attemptId: a.id }, job.id)).toMatchObject({ status: 'queued', tries: 0, error: null });
        expect(await store.queueDepth()).toEqual({ queued: 2, delayed: 0, running: 0 });
        expect(await store.queuePosition(a.id, job.id)).toBe(0);
        // The lease is spent: releasing or completing it again does nothing.
        expect(await store.release(claim)).toBe(false);
        expect(await store.complete(claim, { verdict: 'accepted' })).toBe(false);

        // Claimed again, it is its first try; a try charged by a failure stays charged.
        const again = (await store.claimNext('w2', clock()))!;
        expect(again).toMatchObject({ submissionId: job.id, tries: 1 });
        expect(await store.fail(again, 'docker went away', clock())).toBe('requeued');
        const second = (await store.claimNext('w2', clock()))!;
        expect(second).toMatchObject({ submissionId: job.id, tries: 2 });
        expect(await store.release({ submissionId: job.id, tries: 1 })).toBe(false);
        expect(await store.release(second)).toBe(true);
        expect(await store.getSubmission({ attemptId: a.id }, job.id)).toMatchObject({ status: 'queued', tries: 1, error: 'docker went away' });

        // Released on what would be its last try, it still gets that try.
        for (let tries = 2; tries < MAX_TRIES; tries++) {
          const claimed = (await store.claimNext('w3', clock()))!;
          expect(claimed).toMatchObject({ submissionId: job.id, tries });
          expect(await store.fail(claimed, 'again', clock())).toBe('requeued');
        }
        const last = (await store.claimNext('w3', clock()))!;
        expect(last).toMatchObject({ submissionId: job.id, tries: MAX_TRIES });
        expect(await store.release(last)).toBe(true);
        const final = (await store.claimNext('w3', clock()))!;
        expect(final).toMatchObject({ submissionId: job.id, tries: MAX_TRIES });
        expect(await store.complete(final, { verdict: 'accepted' })).toBe(true);
        expect((await store.claimNext('w3', clock()))?.submissionId).toBe(later.id);
      });

      it('re-queues jobs left running by a crashed process, and a stale claim cannot complete them', async () => {
        const { a, v1 } = await world(store, clock);
        const j1 = await submit(store, a.id, v1);
        const j2 = await submit(store, a.id, v1);
        const j3 = await submit(store, a.id, v1);
        const c1 = (await store.claimNext('proc1:w1', clock()))!;
        const c2 = (await store.claimNext('proc1:w2', clock()))!;
        expect(await store.complete(c2, { verdict: 'accepted' })).toBe(true);
        await store.close(); // the process dies: c1 is left running, j3 still queued

        const after = await open();
        expect(await after.queueDepth()).toEqual({ queued: 1, delayed: 0, running: 1 });
        expect(await after.requeueRunning()).toEqual({ requeued: 1, failed: 0 });
        expect(await after.queueDepth()).toEqual({ queued: 2, delayed: 0, running: 0 });
        const again = (await after.claimNext('proc2:w1', clock()))!;
        expect(again).toMatchObject({ submissionId: j1.id, tries: 2 });
        expect(await after.complete(c1, { verdict: 'stale' })).toBe(false);
        expect(await after.complete(again, { verdict: 'accepted' })).toBe(true);
        expect((await after.getSubmission({ attemptId: a.id }, j1.id))?.result).toEqual({ verdict: 'accepted' });
        expect((await after.getSubmission({ attemptId: a.id }, j2.id))?.status).toBe('done');
        expect((await after.claimNext('proc2:w1', clock()))?.submissionId).toBe(j3.id);
      });

      it('refuses text with a NUL character on both stores (PostgreSQL cannot hold one), as bad input, and writes nothing', async () => {
        const { a, v1 } = await world(store, clock);
        await expect(store.createSubmission(a.id, { ...submission(v1), source: 'print(1)\u0000' })).rejects.toMatchObject({ code: 'invalid_argument' });
        expect(await store.listSubmissions({ attemptId: a.id })).toEqual([]);
      });

      it('takes a class submitting at the same moment through several connections: every submission queued once, in distinct places', async () => {
        const { x, xTest, v1 } = await world(store, clock);
        const connections = [store, await open(), await open(), await open()];
        const attempts: Attempt[] = [];
        for (let i = 0; i < 8; i++) {
          const invite = ok(await store.createInvite(x.id, xTest.id)).invite;
          attempts.push(ok(await store.startAttempt(x.id, invite.id)).attempt);
        }
        const made = await Promise.all(
          attempts.flatMap((attempt, i) => Array.from({ length: 5 }, () => connections[i % connections.length]!.createSubmission(attempt.id, submission(v1)))),
        );
        const ids = made.map((outcome) => ok(outcome).submission.id);
        expect(new Set(ids).size).toBe(40);
        expect(await store.queueDepth()).toEqual({ queued: 40, delayed: 0, running: 0 });
        const positions = await Promise.all(ids.map((id, n) => store.queuePosition(attempts[Math.floor(n / 5)]!.id, id)));
        expect(new Set(positions).size).toBe(40);
      });

      it('claims a job again once its lease runs out (its worker died), as a new try; the old claim can neither renew nor complete it', async () => {
        const { a, v1 } = await world(store, clock);
        const job = await submit(store, a.id, v1);
        const first = (await store.claimNext('host1:w1', clock()))!;
        expect(store.leaseMs).toBe(60_000);
        // Renewed while judging: the job stays this worker's past the first lease.
        clock.advance(50_000);
        expect(await store.renewLease(first, clock())).toBe(true);
        clock.advance(50_000);
        expect(await store.claimNext('host2:w1', clock())).toBeUndefined();
        // The worker dies: no more renewals. One millisecond short of the lease, the job is still its.
        clock.advance(9_999);
        expect(await store.claimNext('host2:w1', clock())).toBeUndefined();
        clock.advance(1);
        const second = (await store.claimNext('host2:w1', clock()))!;
        expect(second).toMatchObject({ submissionId: job.id, workerId: 'host2:w1', tries: 2 });
        expect(await store.renewLease(first, clock())).toBe(false);
        expect(await store.complete(first, { verdict: 'stale' })).toBe(false);
        expect(await store.fail(first, 'stale', null)).toBe('lost');
        expect(await store.complete(second, { verdict: 'accepted' })).toBe(true);
        expect(await store.getSubmission({ attemptId: a.id }, job.id)).toMatchObject({ status: 'done', result: { verdict: 'accepted' }, tries: 2 });
      });

      it('fails a job whose lease ran out on its last try, with the reason', async () => {
        const { a, v1 } = await world(store, clock);
        const job = await submit(store, a.id, v1);
        for (let i = 1; i <= MAX_TRIES; i++) {
          expect((await store.claimNext(`dead${i}:w`, clock()))?.submissionId).toBe(job.id);
          clock.advance(store.leaseMs);
        }
        expect(await store.claimNext('alive:w', clock())).toBeUndefined();
        expect(await store.getSubmission({ attemptId: a.id }, job.id)).toMatchObject({ status: 'failed', tries: MAX_TRIES, error: expect.stringMatching(/stopped answering/) });
        expect(await store.queueDepth()).toEqual({ queued: 0, delayed: 0, running: 0 });
      });

      it('fails a job that was running at every crash once it is out of tries, and re-queues only the named process’s jobs', async () => {
        const { a, b, v1 } = await world(store, clock);
        const poison = await submit(store, a.id, v1);
        for (let i = 1; i <= MAX_TRIES; i++) {
          expect((await store.claimNext(`p${i}:w`, clock()))?.submissionId).toBe(poison.id);
          const result = await store.requeueRunning();
          expect(result).toEqual(i < MAX_TRIES ? { requeued: 1, failed: 0 } : { requeued: 0, failed: 1 });
        }
        expect(await store.getSubmission({ attemptId: a.id }, poison.id)).toMatchObject({ status: 'failed', tries: MAX_TRIES });

        const mine = await submit(store, a.id, v1);
        const theirs = await submit(store, b.id, v1);
        await store.claimNext('alpha:1', clock());
        await store.claimNext('beta:1', clock());
        expect(await store.requeueRunning({ workerIdPrefix: 'alpha:' })).toEqual({ requeued: 1, failed: 0 });
        expect((await store.getSubmission({ attemptId: a.id }, mine.id))?.status).toBe('queued');
        expect((await store.getSubmission({ attemptId: b.id }, theirs.id))?.status).toBe('running');
      });

      it('gives distinct jobs to concurrent claims from two connections, and completes each once', async () => {
        const { a, b, v1 } = await world(store, clock);
        const other = await open();
        const ids = new Set<string>();
        for (let i = 0; i < 30; i++) ids.add((await submit(store, i % 2 ? a.id : b.id, v1)).id);
        const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? store : other).claimNext(`w${i}`, clock())));
        const claimed = claims.filter((c) => c !== undefined);
        expect(claimed).toHaveLength(30);
        expect(new Set(claimed.map((c) => c.submissionId))).toEqual(ids);
        const completions = await Promise.all(claimed.flatMap((c) => [store.complete(c, { by: 'store' }), other.complete(c, { by: 'other' })]));
        expect(completions.filter(Boolean)).toHaveLength(30);
        expect(await other.queueDepth()).toEqual({ queued: 0, delayed: 0, running: 0 });
      });

      it('reports queue positions and depth', async () => {
        const { a, b, v1 } = await world(store, clock);
        const s1 = await submit(store, a.id, v1);
        const s2 = await submit(store, b.id, v1);
        const s3 = await submit(store, a.id, v1);
        expect([await store.queuePosition(a.id, s1.id), await store.queuePosition(b.id, s2.id), await store.queuePosition(a.id, s3.id)]).toEqual([0, 1, 2]);
        expect(await store.queueDepth()).toEqual({ queued: 3, delayed: 0, running: 0 });
        await store.claimNext('w1', clock());
        expect(await store.queuePosition(a.id, s1.id)).toBeUndefined();
        expect([await store.queuePosition(b.id, s2.id), await store.queuePosition(a.id, s3.id)]).toEqual([0, 1]);
        expect(await store.queueDepth()).toEqual({ queued: 2, delayed: 0, running: 1 });
        expect(await store.queuePosition(a.id, randomUUID())).toBeUndefined();
      });
    });

    describe('validation queue', () => {
      const CAPS = { count: 10, bytes: 1_000_000 };
      /** A draft of the organisation and its first (running) validation record, keyed by the time it started. */
      const draftOf = async (orgId: OrgId, slug: string) => ok(await store.createChallengeDraft(orgId, { slug, document: { title: { en: slug }, solutions: [] } }, CAPS));
      const running = (startedAt: string) => ({ revision: 1, status: 'running', startedAt, solutions: [] });
      const start = (orgId: OrgId, draftId: string, startedAt: string) =>
        store.startDraftValidation(orgId, draftId, { revision: 1, document: { title: { en: 'as validated' } }, validation: running(startedAt) });

      it('queues one validation per organisation with its running record, refuses a second while it waits or runs, and another organisation’s draft', async () => {
        const { x, y } = await world(store, clock);
        const d1 = await draftOf(x.id, 'one');
        const d2 = await draftOf(x.id, 'two');
        const dy = await draftOf(y.id, 'theirs');
        const started = ok(await start(x.id, d1.id, 'T1'));
        expect((await store.getChallengeDraft(x.id, d1.id))?.validation).toEqual(running('T1'));
        expect(await start(x.id, d2.id, 'T2')).toEqual({ ok: false, reason: 'busy' });
        expect((await store.getChallengeDraft(x.id, d2.id))?.validation).toBeNull();
        expect(await start(x.id, dy.id, 'T2')).toEqual({ ok: false, reason: 'not_found' });
        clock.advance(1000);
        ok(await start(y.id, dy.id, 'T3'));

        const claim = (await store.claimNextValidation('w1', clock()))!;
        expect(claim).toMatchObject({ jobId: started.jobId, orgId: x.id, draftId: d1.id, slug: 'one', revision: 1, startedAt: 'T1', workerId: 'w1', tries: 1, document: { title: { en: 'as validated' } } });
        expect(await start(x.id, d2.id, 'T2')).toEqual({ ok: false, reason: 'busy' });
        expect(await store.completeValidation(claim, { ...running('T1'), status: 'passed' })).toBe(true);
        expect((await store.getChallengeDraft(x.id, d1.id))?.validation).toMatchObject({ status: 'passed', startedAt: 'T1' });
        ok(await start(x.id, d2.id, 'T2'));
        // Submissions' depth is unchanged by validations.
        expect(await store.queueDepth()).toEqual({ queued: 0, delayed: 0, running: 0 });
      });

      it('hands out validations oldest first, once each; a spent or stale lease changes nothing, and an old run never replaces a newer record', async () => {
        const { x, y } = await world(store, clock);
        const dx = await draftOf(x.id, 'sum');
        const dy = await draftOf(y.id, 'sum');
        const first = ok(await start(x.id, dx.id, 'X1'));
        clock.advance(1000);
        const second = ok(await start(y.id, dy.id, 'Y1'));
        const other = await open();
        const [c1, c2, none] = [await store.claimNextValidation('w1', clock()), await other.claimNextValidation('w2', clock()), await store.claimNextValidation('w3', clock())];
        expect([c1?.jobId, c2?.jobId, none]).toEqual([first.jobId, second.jobId, undefined]);
        expect(await store.completeValidation({ jobId: c1!.jobId, tries: 2 }, running('X1'))).toBe(false);
        expect(await store.completeValidation(c1!, { ...running('X1'), status: 'failed' })).toBe(true);
        expect(await other.completeValidation(c1!, { ...running('X1'), status: 'passed' })).toBe(false);
        expect(await store.releaseValidation(c1!)).toBe(false);
        expect((await store.getChallengeDraft(x.id, dx.id))?.validation).toMatchObject({ status: 'failed' });

        // Y's draft was validated again meanwhile (as if its first record were replaced): the old run's finish is not stored.
        await store.setDraftValidation(y.id, dy.id, { ...running('Y2'), status: 'passed' });
        expect(await store.completeValidation(c2!, { ...running('Y1'), status: 'failed' })).toBe(true);
        expect((await store.getChallengeDraft(y.id, dy.id))?.validation).toMatchObject({ startedAt: 'Y2', status: 'passed' });
      });

      it('retries a validation our system failed after its backoff, stores the final record after the last try, and releases without charging a try', async () => {
        const { x } = await world(store, clock);
        const d = await draftOf(x.id, 'sum');
        ok(await start(x.id, d.id, 'T1'));
        let claim = (await store.claimNextValidation('w1', clock()))!;
        expect(await store.releaseValidation(claim)).toBe(true);
        claim = (await store.claimNextValidation('w1', clock()))!;
        expect(claim.tries).toBe(1);
        const final = { ...running('T1'), status: 'error', error: 'Docker went away' };
        for (let tries = 1; tries < MAX_TRIES; tries++) {
          const later = retryAt(clock(), tries);
          expect(await store.failValidation(claim, 'docker went away', later, final)).toBe('requeued');
          expect(await store.claimNextValidation('w1', new Date(later.getTime() - 1))).toBeUndefined();
          expect((await store.getChallengeDraft(x.id, d.id))?.validation).toEqual(running('T1'));
          claim = (await store.claimNextValidation('w1', later))!;
          expect(claim.tries).toBe(tries + 1);
        }
        expect(await store.failValidation({ jobId: claim.jobId, tries: 1 }, 'stale', null, final)).toBe('lost');
        expect(await store.failValidation(claim, 'docker went away', retryAt(clock(), MAX_TRIES), final)).toBe('failed');
        expect((await store.getChallengeDraft(x.id, d.id))?.validation).toEqual(final);
        expect(await store.claimNextValidation('w1', new Date(clock().getTime() + DAY))).toBeUndefined();
        // Failed for good, it no longer holds the organisation's place.
        ok(await start(x.id, d.id, 'T2'));
      });

      it('re-queues validations left running by a dead process (only the named process’s), fails one out of tries with an error record, and drops a deleted draft’s waiting one', async () => {
        const { x, y } = await world(store, clock);
        const dx = await draftOf(x.id, 'sum');
        const dy = await draftOf(y.id, 'sum');
        ok(await start(x.id, dx.id, 'X1'));
        clock.advance(1000);
        ok(await start(y.id, dy.id, 'Y1'));
        const mine = (await store.claimNextValidation('alpha:1', clock()))!;
        const theirs = (await store.claimNextValidation('beta:1', clock()))!;
        expect(await store.requeueRunning({ workerIdPrefix: 'alpha:' })).toEqual({ requeued: 1, failed: 0 });
        expect(await store.completeValidation(mine, running('X1'))).toBe(false);
        expect(await store.completeValidation(theirs, { ...running('Y1'), status: 'passed' })).toBe(true);

        for (let i = 2; i <= MAX_TRIES; i++) {
          expect((await store.claimNextValidation(`p${i}:w`, clock()))).toMatchObject({ jobId: mine.jobId, tries: i });
          expect(await store.requeueRunning()).toEqual(i < MAX_TRIES ? { requeued: 1, failed: 0 } : { requeued: 0, failed: 1 });
        }
        expect((await store.getChallengeDraft(x.id, dx.id))?.validation).toMatchObject({ startedAt: 'X1', status: 'error', error: expect.stringContaining('validate again') });
        expect(await store.claimNextValidation('w', clock())).toBeUndefined();

        ok(await start(x.id, dx.id, 'X2'));
        expect(await store.deleteChallengeDraft(x.id, dx.id)).toBe(true);
        expect(await store.claimNextValidation('w', clock())).toBeUndefined();
        const again = await draftOf(x.id, 'sum');
        ok(await start(x.id, again.id, 'X3'));
      });
    });

    describe('shared results', () => {
      const fresh = (id: string, document = `{"resultId":"${id}"}`) => ({ id, document, signature: `sig-${id}`, keyId: 'key-1' });

      it('stores the first share frozen; later shares only switch it, keeping the id and the document', async () => {
        const { x, a } = await world(store, clock);
        expect(await store.getSharedResult({ attemptId: a.id })).toBeUndefined();
        expect(await store.setResultShareable(a.id, false)).toBeUndefined();
        const first = await store.setResultShareable(a.id, true, fresh('R'.repeat(22)));
        expect(first).toMatchObject({ id: 'R'.repeat(22), orgId: x.id, attemptId: a.id, document: `{"resultId":"${'R'.repeat(22)}"}`, signature: `sig-${'R'.repeat(22)}`, keyId: 'key-1', shareable: true, createdAt: clock(), revoked: null });
        expect(await store.findShareableResult('R'.repeat(22))).toEqual(first);

        clock.advance(MINUTE);
        const off = await store.setResultShareable(a.id, false, fresh('S'.repeat(22), 'other'));
        expect(off).toEqual({ ...first, shareable: false });
        expect(await store.findShareableResult('R'.repeat(22))).toBeUndefined();
        // A second "first" share (a race) keeps the stored document.
        expect(await store.setResultShareable(a.id, true, fresh('S'.repeat(22), 'other'))).toEqual(first);
        expect(await store.findShareableResult('S'.repeat(22))).toBeUndefined();
        expect(await store.setResultShareable('no-such-attempt' as AttemptId, true, fresh('T'.repeat(22)))).toBeUndefined();
      });

      it('revokes only in its own organisation, keeps the first revocation, and withdraws it', async () => {
        const { x, y, a, b } = await world(store, clock);
        ok(await store.createStaffUser(x.id, staff('rec@x.example', { recruiter: true })));
        await store.setResultShareable(a.id, true, fresh('R'.repeat(22)));
        expect(await store.setResultRevoked(y.id, a.id, { by: 'Y', reason: null })).toBeUndefined();
        expect(await store.getSharedResult({ orgId: y.id, attemptId: a.id })).toBeUndefined();
        expect(await store.setResultRevoked(x.id, b.id, { by: 'X', reason: null })).toBeUndefined();

        const revoked = await store.setResultRevoked(x.id, a.id, { by: 'Rita', reason: 'Someone else took it' });
        expect(revoked?.revoked).toEqual({ at: clock(), by: 'Rita', reason: 'Someone else took it' });
        clock.advance(MINUTE);
        expect((await store.setResultRevoked(x.id, a.id, { by: 'Other', reason: 'later' }))?.revoked).toEqual(revoked?.revoked);
        expect((await store.findShareableResult('R'.repeat(22)))?.revoked).toEqual(revoked?.revoked);
        expect((await store.getSharedResult({ orgId: x.id, attemptId: a.id }))?.revoked).toEqual(revoked?.revoked);

        expect((await store.setResultRevoked(x.id, a.id, null))?.revoked).toBeNull();
        expect((await store.getSharedResult({ attemptId: a.id }))?.revoked).toBeNull();
      });
    });

    describe('shared limits: counters and locks', () => {
      const WINDOW = 15 * MINUTE;

      it('counts hits in a fixed window that opens at the first hit, and opens a new one after it ends', async () => {
        const t0 = clock();
        expect(await store.hitLimit('login:a', WINDOW, t0)).toEqual({ count: 1, resetAt: new Date(t0.getTime() + WINDOW) });
        expect(await store.hitLimit('login:a', WINDOW, new Date(t0.getTime() + MINUTE))).toEqual({ count: 2, resetAt: new Date(t0.getTime() + WINDOW) });
        // Another key counts on its own.
        expect((await store.hitLimit('login:b', WINDOW, t0)).count).toBe(1);
        const later = new Date(t0.getTime() + WINDOW);
        expect(await store.hitLimit('login:a', WINDOW, later)).toEqual({ count: 1, resetAt: new Date(later.getTime() + WINDOW) });
      });

      it('takes a hit back (never below zero) and resets a counter', async () => {
        const t0 = clock();
        await store.hitLimit('code:a', WINDOW, t0);
        await store.hitLimit('code:a', WINDOW, t0);
        await store.unhitLimit('code:a');
        expect((await store.hitLimit('code:a', WINDOW, t0)).count).toBe(2);
        for (let i = 0; i < 4; i++) await store.unhitLimit('code:a');
        expect((await store.hitLimit('code:a', WINDOW, t0)).count).toBe(1);
        await store.unhitLimit('code:missing');
        await store.resetLimit('code:a');
        const later = new Date(t0.getTime() + MINUTE);
        expect(await store.hitLimit('code:a', WINDOW, later)).toEqual({ count: 1, resetAt: new Date(later.getTime() + WINDOW) });
      });

      it('loses no hit when two connections count the same key at once', async () => {
        const other = await open();
        const t0 = clock();
        const hits = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? store : other).hitLimit('results:x', WINDOW, t0)));
        expect(hits.map((h) => h.count).sort((p, q) => p - q)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        expect(new Set(hits.map((h) => h.resetAt.getTime()))).toEqual(new Set([t0.getTime() + WINDOW]));
        expect((await other.hitLimit('results:x', WINDOW, t0)).count).toBe(41);
      });

      it('gives a lock to one holder at a time across connections; only its token releases it', async () => {
        const other = await open();
        const t0 = clock();
        const tries = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? store : other).tryLock('preview:x', MINUTE, t0)));
        const holders = tries.filter((t): t is string => t !== undefined);
        expect(holders).toHaveLength(1);
        const token = holders[0]!;
        expect(await other.tryLock('preview:x', MINUTE, t0)).toBeUndefined();
        // Another key is another lock.
        expect(await other.tryLock('preview:y', MINUTE, t0)).toBeDefined();
        expect(await other.unlock('preview:x', 'not-the-token')).toBe(false);
        expect(await store.tryLock('preview:x', MINUTE, t0)).toBeUndefined();
        expect(await other.unlock('preview:x', token)).toBe(true);
        expect(await other.unlock('preview:x', token)).toBe(false);
        expect(await store.tryLock('preview:x', MINUTE, t0)).toBeDefined();
      });

      it('lets an expired lock be taken over; the old holder can no longer release the new one', async () => {
        const other = await open();
        const t0 = clock();
        const crashed = (await store.tryLock('upload:x', MINUTE, t0))!;
        expect(crashed).toBeDefined();
        expect(await other.tryLock('upload:x', MINUTE, new Date(t0.getTime() + MINUTE - 1))).toBeUndefined();
        const taken = await other.tryLock('upload:x', MINUTE, new Date(t0.getTime() + MINUTE));
        expect(taken).toBeDefined();
        expect(taken).not.toBe(crashed);
        expect(await store.unlock('upload:x', crashed)).toBe(false);
        expect(await store.tryLock('upload:x', MINUTE, new Date(t0.getTime() + MINUTE + 1))).toBeUndefined();
        expect(await other.unlock('upload:x', taken!)).toBe(true);
      });

      it('sweeps expired counters and locks, a bounded number at a time, and keeps live ones', async () => {
        const t0 = clock();
        for (let i = 0; i < 5; i++) await store.tryLock(`export:old${i}`, MINUTE, t0);
        await store.hitLimit('login:old', MINUTE, t0);
        const live = (await store.tryLock('export:live', HOUR, t0))!;
        await store.hitLimit('login:live', HOUR, t0);
        const later = new Date(t0.getTime() + 2 * MINUTE);
        const other = await open();
        expect(await other.sweepLimits(later, 4)).toBe(4);
        expect(await store.sweepLimits(later, 4)).toBe(2);
        expect(await store.sweepLimits(later, 4)).toBe(0);
        // What lives was kept: the lock still refuses, the counter still counts.
        expect(await other.tryLock('export:live', HOUR, later)).toBeUndefined();
        expect((await other.hitLimit('login:live', HOUR, later)).count).toBe(2);
        expect(await store.unlock('export:live', live)).toBe(true);
        // The hits and locks themselves sweep now and then: the table does not keep what expired.
        for (let i = 0; i < 150; i++) await store.tryLock(`preview:many${i}`, MINUTE, later);
        const muchLater = new Date(later.getTime() + 2 * MINUTE);
        for (let i = 0; i < 150; i++) await store.hitLimit(`login:other${i}`, MINUTE, muchLater);
        expect(await store.sweepLimits(muchLater, 1000)).toBeLessThan(150);
      });
    });
  });
}

/**
 * Compile-time checks (tsc -p tests): the scope cannot be left out or
 * replaced by a plain string. Never called.
 */
export async function scopeTypeChecks(store: Store, orgId: OrgId, attemptId: AttemptId, plain: string): Promise<void> {
  // @ts-expect-error an organisation read needs the OrgId
  await store.getAssessment(plain);
  // @ts-expect-error a plain string is not an OrgId
  await store.getAssessment(plain, plain);
  // @ts-expect-error an AttemptId is not an OrgId
  await store.listChallenges(attemptId);
  // @ts-expect-error a plain string is not an AttemptId
  await store.saveDraft(plain, { challengeVersionId: plain, language: 'python', source: '', revision: 1 });
  // @ts-expect-error a candidate scope needs an AttemptId
  await store.listSubmissions({ attemptId: plain });
  // @ts-expect-error an OrgId is not an AttemptId
  await store.createSubmission(orgId, { id: plain, challengeVersionId: plain, kind: 'submit', language: 'python', source: '' });
  // @ts-expect-error only connection events are appended from outside
  await store.appendEvent(attemptId, 'submitted');
  await store.getAssessment(orgId, plain);
  await store.listSubmissions({ orgId, attemptId: plain });
  await store.listSubmissions({ attemptId });
}
