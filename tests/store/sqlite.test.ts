import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asOrgId, loadMigrations, SqliteStore, type AttemptId, type Migration } from '../../server/src/store/index.ts';
import { expectExactlyOnceAcrossProcesses } from './exactly-once.ts';
import { ok, packageBytes, runStoreSuite } from './store.suite.ts';


const tempDir = () => mkdtempSync(path.join(tmpdir(), 'kodbro-store-'));

runStoreSuite('SQLite', async ({ clock, maxTries, quotas }) => {
  const dataDir = tempDir();
  return {
    open: async () => new SqliteStore({ dataDir, clock, maxTries, ...(quotas ? { quotas } : {}) }),
    holdsText: async (text) =>
      ['kodbro.sqlite', 'kodbro.sqlite-wal']
        .map((name) => path.join(dataDir, name))
        .filter((file) => existsSync(file))
        .some((file) => readFileSync(file).includes(text)),
    destroy: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});

describe('SQLite store: opening and migrations', () => {
  let dataDir: string;
  const opened: SqliteStore[] = [];
  const open = (options: { migrations?: Migration[] } = {}) => {
    const store = new SqliteStore({ dataDir, ...options });
    opened.push(store);
    return store;
  };
  /** A plain connection for looking under the store. */
  const raw = () => new Database(path.join(dataDir, 'kodbro.sqlite'));

  beforeEach(() => {
    dataDir = path.join(tempDir(), 'nested', 'data');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
  });

  it('makes the data folder, migrates a fresh file in WAL mode with foreign keys on, and records the migration', () => {
    const store = open();
    expect(store.file).toBe(path.join(dataDir, 'kodbro.sqlite'));
    expect(store.applied).toEqual(loadMigrations().map((m) => m.version));
    const db = raw();
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const rows = db.prepare('SELECT version, name, checksum FROM schema_migrations').all();
      expect(rows).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(
        expect.arrayContaining(['organisations', 'staff_users', 'challenges', 'challenge_versions', 'assessments', 'invites', 'attempts', 'drafts', 'submissions', 'attempt_events']),
      );
    } finally {
      db.close();
    }
  });

  it('does nothing on a second open', async () => {
    const first = open();
    const org = ok(await first.createOrganisation({ name: 'Keep', slug: 'keep' }));
    await first.close();
    const second = open();
    expect(second.applied).toEqual([]);
    expect(await second.getOrganisation(org.id)).toEqual(org);
  });

  it('refuses a database newer than the code, and one whose applied migration changed', async () => {
    await open().close();
    const db = raw();
    db.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, 'from_the_future', 'x', 0)").run();
    db.close();
    expect(() => open()).toThrow(/schema version 999, newer than this code/);

    const other = path.join(dataDir, 'changed');
    await new SqliteStore({ dataDir: other }).close();
    const edited = loadMigrations().map((m) => (m.version === 1 ? { ...m, checksum: 'edited' } : m));
    expect(() => new SqliteStore({ dataDir: other, migrations: edited })).toThrow(/has changed since it was applied/);
  });

  it('applies a new migration on top, and rolls back one that fails as a whole', async () => {
    const base = loadMigrations();
    await open().close();
    const step = (version: number, name: string, sql: string): Migration => ({ version, name, sql, checksum: `${name}-checksum` });
    const next = step(base.length + 1, 'add_notes', 'CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL);');
    const store = open({ migrations: [...base, next] });
    expect(store.applied).toEqual([next.version]);
    await store.close();

    const broken = step(base.length + 2, 'broken', 'CREATE TABLE half (id TEXT); INSERT INTO no_such_table VALUES (1);');
    expect(() => open({ migrations: [...base, next, broken] })).toThrow(/no_such_table/);
    const db = raw();
    try {
      expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: next.version });
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    } finally {
      db.close();
    }
  });
  it('runs a `foreign_keys off` migration with foreign keys off, checks them before it commits, and turns them back on', async () => {
    const base = loadMigrations();
    await open().close();
    const step = (version: number, name: string, sql: string): Migration => ({ version, name, sql, checksum: `${name}-checksum` });
    const store = open();
    const org = ok(await store.createOrganisation({ name: 'Keep', slug: 'keep' }));
    await store.close();
    const dangling = step(base.length + 1, 'dangling', "-- kodbro: foreign_keys off\nCREATE TABLE half (id TEXT);\nINSERT INTO challenges (id, org_id, slug, title, latest_version, created_at, updated_at) VALUES ('c', 'no-such-org', 's', 't', 1, 0, 0);");
    expect(() => open({ migrations: [...base, dangling] })).toThrow(/leaves 1 broken foreign key/);
    const rebuild = step(
      base.length + 1,
      'rebuild_organisations',
      '-- kodbro: foreign_keys off\nCREATE TABLE organisations_new (id TEXT PRIMARY KEY, name TEXT NOT NULL, slug TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL);\n' +
        'INSERT INTO organisations_new SELECT * FROM organisations;\nDROP TABLE organisations;\nALTER TABLE organisations_new RENAME TO organisations;',
    );
    const rebuilt = open({ migrations: [...base, rebuild] });
    expect(rebuilt.applied).toEqual([rebuild.version]);
    expect(await rebuilt.getOrganisation(org.id)).toEqual(org);
    await rebuilt.close();
    const db = raw();
    try {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    // The store's own connection has foreign keys on again: a session of an organisation that does not exist is refused.
    const again = open({ migrations: [...base, rebuild] });
    await expect(again.createSession({ kind: 'candidate', idHash: 'h', orgId: asOrgId('no-such-org'), inviteId: 'no-invite', csrfToken: 't', expiresAt: new Date(Date.now() + 60_000) })).rejects.toThrow(/FOREIGN KEY/);
  });

  it('0005 moves existing staff and their sessions over to e-mails unique per organisation', async () => {
    const upTo2 = loadMigrations().filter((m) => m.version <= 2);
    const old = open({ migrations: upTo2 });
    const x = ok(await old.createOrganisation({ name: 'X', slug: 'x' }));
    const y = ok(await old.createOrganisation({ name: 'Y', slug: 'y' }));
    const user = ok(await old.createStaffUser(x.id, { email: 'same@person.example', displayName: 'Sam', passwordHash: 'h', roles: { author: true, recruiter: false, admin: true } }));
    await old.createSession({ kind: 'staff', idHash: 'session-hash', orgId: x.id, userId: user.id, csrfToken: 't', expiresAt: new Date(Date.now() + 3_600_000) });
    await old.close();

    const store = open();
    expect(store.applied).toContain(5);
    expect(await store.getStaffUser(x.id, user.id)).toEqual(user);
    expect(await store.findSession('session-hash')).toMatchObject({ kind: 'staff', userId: user.id });
    const atY = ok(await store.createStaffUser(y.id, { email: 'same@person.example', displayName: 'Sam at Y', passwordHash: 'h2', roles: { author: false, recruiter: true, admin: false } }));
    expect((await store.findStaffForSignIn('same@person.example', { limit: 5 })).map((u) => u.id)).toEqual([user.id, atY.id]);
    // 0010 lets an organisation have a second admin (the store keeps at least one).
    expect((await store.createStaffUser(x.id, { email: 'second@x.example', displayName: 'Two', passwordHash: 'h', roles: { author: false, recruiter: false, admin: true } })).ok).toBe(true);
  });
});

describe('SQLite store: migrations 0003 (quotas) and 0004 (package chunks) on a database with data', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every event, counts what attempts already store, and the log stays append-only with the new kind', async () => {
    const all = loadMigrations();
    const before = all.filter((m) => m.version < 3);
    const old = new SqliteStore({ dataDir, migrations: before });
    const org = ok(await old.createOrganisation({ name: 'Old', slug: 'old' }));
    // A version as the schema of that time kept it (the package in one BLOB; migration 0004 moves it into chunks).
    const version = { challenge: { id: randomUUID() }, version: { id: randomUUID() } };
    const raw = new Database(path.join(dataDir, 'kodbro.sqlite'));
    raw.prepare("INSERT INTO challenges (id, org_id, slug, title, latest_version, created_at, updated_at) VALUES (?, ?, 'sum', 'Sum', 1, 0, 0)").run(version.challenge.id, org.id);
    raw
      .prepare("INSERT INTO challenge_versions (id, org_id, challenge_id, version, title, content_hash, meta, data, created_at) VALUES (?, ?, ?, 1, 'Sum', ?, '{}', ?, 0)")
      .run(version.version.id, org.id, version.challenge.id, createHash('sha256').update('sum').digest('hex'), Buffer.from('sum'));
    // The assessment, invite and started attempt as the schema of that time kept them (later migrations add columns the code now writes).
    const assessment = { id: randomUUID() };
    const invite = { id: randomUUID() };
    const attempt = { id: randomUUID() as AttemptId };
    const now = Date.now();
    raw
      .prepare("INSERT INTO assessments (id, org_id, title, time_limit_minutes, opens_at, closes_at, results_visibility, created_at) VALUES (?, ?, 'Old', 600, ?, ?, 'none', ?)")
      .run(assessment.id, org.id, now - 60_000, now + 86_400_000, now);
    raw.prepare('INSERT INTO assessment_challenges (org_id, assessment_id, position, challenge_version_id) VALUES (?, ?, 0, ?)').run(org.id, assessment.id, version.version.id);
    raw
      .prepare("INSERT INTO invites (id, org_id, assessment_id, token_hash, short_code, created_at) VALUES (?, ?, ?, ?, 'OLDCODE2', ?)")
      .run(invite.id, org.id, assessment.id, createHash('sha256').update('old-token').digest('hex'), now);
    raw
      .prepare('INSERT INTO attempts (id, org_id, invite_id, assessment_id, started_at, deadline_at, event_seq) VALUES (?, ?, ?, ?, ?, ?, 1)')
      .run(attempt.id, org.id, invite.id, assessment.id, now, now + 600 * 60_000);
    raw.prepare("INSERT INTO attempt_events (org_id, attempt_id, seq, kind, data, created_at) VALUES (?, ?, 1, 'started', '{}', ?)").run(org.id, attempt.id, now);
    raw.close();
    await old.close();

    // What the code before this migration wrote: full-text draft events, a submission with a result.
    const db = new Database(path.join(dataDir, 'kodbro.sqlite'));
    const draftEvent = JSON.stringify({ challengeVersionId: version.version.id, language: 'python', revision: 1, source: 'print("å")' });
    db.prepare('INSERT INTO drafts (org_id, attempt_id, challenge_version_id, language, source, revision, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0)').run(org.id, attempt.id, version.version.id, 'python', 'print("å")');
    db.prepare("INSERT INTO attempt_events (org_id, attempt_id, seq, kind, data, created_at) VALUES (?, ?, 2, 'draft_saved', ?, 0)").run(org.id, attempt.id, draftEvent);
    db.prepare("INSERT INTO attempt_events (org_id, attempt_id, seq, kind, data, created_at) VALUES (?, ?, 3, 'disconnected', 'null', 0)").run(org.id, attempt.id);
    db.prepare('UPDATE attempts SET event_seq = 3 WHERE id = ?').run(attempt.id);
    const submissionId = randomUUID();
    db.prepare(
      `INSERT INTO submissions (id, org_id, attempt_id, challenge_version_id, kind, language, source, custom_input, status, result, tries, queue_seq, available_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'custom', 'python', 'print(1)', '7', 'done', '{"verdict":"accepted"}', 1, 1, 0, 0, 0)`,
    ).run(submissionId, org.id, attempt.id, version.version.id);
    const eventsBefore = db.prepare('SELECT * FROM attempt_events ORDER BY attempt_id, seq').all();
    db.close();

    const store = new SqliteStore({ dataDir });
    try {
      expect(store.applied).toEqual(all.filter((m) => m.version >= 3).map((m) => m.version));
      const check = new Database(path.join(dataDir, 'kodbro.sqlite'));
      try {
        expect(check.prepare('SELECT * FROM attempt_events ORDER BY attempt_id, seq').all()).toEqual(eventsBefore);
        expect(check.prepare('SELECT history_bytes, run_bytes FROM attempts WHERE id = ?').get(attempt.id)).toEqual({
          history_bytes: Buffer.byteLength(draftEvent) + 'null'.length,
          run_bytes: 'print(1)'.length + 1 + '{"verdict":"accepted"}'.length,
        });
        expect(() => check.prepare('DELETE FROM attempt_events WHERE attempt_id = ?').run(attempt.id)).toThrow(/append-only/);
        expect(() => check.prepare("UPDATE attempt_events SET kind = 'finished'").run()).toThrow(/append-only/);
        expect(() => check.prepare("INSERT INTO attempt_events (org_id, attempt_id, seq, kind, data, created_at) VALUES (?, ?, 99, 'forged', 'null', 0)").run(org.id, attempt.id)).toThrow(/CHECK/);
      } finally {
        check.close();
      }
      // The old draft continues with a snapshot (its history has no edit base), after the old events.
      ok(await store.saveDraft(attempt.id, { challengeVersionId: version.version.id, language: 'python', source: 'print("åäö")', revision: 2 }));
      const events = await store.listEvents({ attemptId: attempt.id });
      expect(events.map((e) => [e.seq, e.kind])).toEqual([
        [1, 'started'],
        [2, 'draft_saved'],
        [3, 'disconnected'],
        [4, 'draft_saved'],
      ]);
      expect(events[3]!.data).toMatchObject({ revision: 2, source: 'print("åäö")' });
      expect((await store.listSubmissionsPage({ attemptId: attempt.id }, { limit: 5, maxBytes: 1000 })).items.map((x) => x.id)).toEqual([submissionId]);
    } finally {
      await store.close();
    }
  });
});

describe('SQLite store: package bytes in chunks', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('moves the packages of a database made before chunks into chunks of at most 1 MB, one copy per organisation and content', async () => {
    const before = loadMigrations().filter((m) => m.version <= 2);
    await new SqliteStore({ dataDir, migrations: before }).close();
    const db = new Database(path.join(dataDir, 'kodbro.sqlite'));
    const big = randomBytes(2 * 1024 * 1024 + 100);
    const small = Buffer.from('small package');
    const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const orgId = randomUUID();
    const challengeId = randomUUID();
    db.prepare("INSERT INTO organisations (id, name, slug, created_at) VALUES (?, 'Old', 'old', 0)").run(orgId);
    db.prepare("INSERT INTO challenges (id, org_id, slug, title, latest_version, created_at, updated_at) VALUES (?, ?, 'c', 'C', 3, 0, 0)").run(challengeId, orgId);
    const versions = [big, small, big].map((data, index) => {
      const id = randomUUID();
      db.prepare("INSERT INTO challenge_versions (id, org_id, challenge_id, version, title, content_hash, meta, data, created_at) VALUES (?, ?, ?, ?, 'C', ?, '{}', ?, ?)").run(
        id, orgId, challengeId, index + 1, hash(data), data, index,
      );
      return id;
    });
    db.close();

    const store = new SqliteStore({ dataDir });
    expect(store.applied).toEqual(loadMigrations().filter((m) => m.version > 2).map((m) => m.version));
    const read = (versionId: string) => packageBytes(store, asOrgId(orgId), versionId);
    expect((await read(versions[0]!)).equals(big)).toBe(true);
    expect((await read(versions[1]!)).equals(small)).toBe(true);
    expect((await read(versions[2]!)).equals(big)).toBe(true);
    expect(await store.storedPackageBytes(asOrgId(orgId))).toBe(big.length + small.length);
    await store.close();

    const check = new Database(path.join(dataDir, 'kodbro.sqlite'));
    try {
      expect(check.prepare('SELECT COUNT(*) AS n FROM challenge_packages').get()).toEqual({ n: 2 });
      expect(check.prepare('SELECT COUNT(*) AS n, MAX(length(data)) AS largest FROM challenge_package_chunks').get()).toEqual({ n: 4, largest: 1024 * 1024 });
      expect((check.prepare('PRAGMA table_info(challenge_versions)').all() as { name: string }[]).map((c) => c.name)).not.toContain('data');
    } finally {
      check.close();
    }
  });

  it('counts a package being written against the quota at once, and sweeps one whose writer died', async () => {
    let now = Date.UTC(2026, 0, 5);
    const store = new SqliteStore({ dataDir, clock: () => new Date(now) });
    const org = ok(await store.createOrganisation({ name: 'Sweep', slug: 'sweep' }));
    ok(await store.publishChallengeVersion(org.id, { slug: 'kept', title: 'Kept', data: randomBytes(1000) }));
    // What a process that died after writing two chunks of a 3 MB package leaves behind.
    const db = new Database(path.join(dataDir, 'kodbro.sqlite'));
    db.prepare('INSERT INTO challenge_packages (id, org_id, content_hash, bytes, stored_at, created_at) VALUES (?, ?, ?, ?, NULL, ?)').run('dead', org.id, 'f'.repeat(64), 3 * 1024 * 1024, now);
    for (const seq of [0, 1]) db.prepare('INSERT INTO challenge_package_chunks (package_id, seq, data) VALUES (?, ?, ?)').run('dead', seq, randomBytes(1024 * 1024));
    expect(await store.storedPackageBytes(org.id)).toBe(1000 + 3 * 1024 * 1024);
    expect(await store.publishChallengeVersion(org.id, { slug: 'new', title: 'New', data: randomBytes(1000), quotaBytes: 3 * 1024 * 1024 + 1500 })).toMatchObject({ ok: false, reason: 'quota_exceeded' });

    now += 30 * 60_000;
    expect(await store.removeUnfinishedPackages(new Date(now - 60 * 60_000))).toBe(0);
    now += 60 * 60_000;
    expect(await store.removeUnfinishedPackages(new Date(now - 60 * 60_000))).toBe(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM challenge_package_chunks WHERE package_id = ?').get('dead')).toEqual({ n: 0 });
    db.close();
    expect(await store.storedPackageBytes(org.id)).toBe(1000);
    ok(await store.publishChallengeVersion(org.id, { slug: 'new', title: 'New', data: randomBytes(1000), quotaBytes: 3 * 1024 * 1024 + 1500 }));
    await store.close();
  });

  it('writes a new package as chunks of at most 1 MB', async () => {
    const store = new SqliteStore({ dataDir });
    const org = ok(await store.createOrganisation({ name: 'Chunks', slug: 'chunks' }));
    ok(await store.publishChallengeVersion(org.id, { slug: 'c', title: 'C', data: randomBytes(3 * 1024 * 1024 + 1) }));
    await store.close();
    const db = new Database(path.join(dataDir, 'kodbro.sqlite'));
    try {
      expect(db.prepare('SELECT COUNT(*) AS n, MAX(length(data)) AS largest, MIN(length(data)) AS smallest FROM challenge_package_chunks').get()).toEqual({
        n: 4,
        largest: 1024 * 1024,
        smallest: 1,
      });
    } finally {
      db.close();
    }
  });
});

describe('SQLite store: what the schema itself refuses', () => {
  let dataDir: string;
  let store: SqliteStore;
  let db: Database.Database;

  beforeEach(() => {
    dataDir = tempDir();
    store = new SqliteStore({ dataDir });
    db = new Database(path.join(dataDir, 'kodbro.sqlite'));
    db.pragma('foreign_keys = ON');
  });
  afterEach(async () => {
    db.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function twoOrgs() {
    const x = ok(await store.createOrganisation({ name: 'X', slug: 'x' }));
    const y = ok(await store.createOrganisation({ name: 'Y', slug: 'y' }));
    const xv = ok(await store.publishChallengeVersion(x.id, { slug: 'sum', title: 'Sum', data: Buffer.from('x') }));
    const yv = ok(await store.publishChallengeVersion(y.id, { slug: 'sum', title: 'Sum', data: Buffer.from('y') }));
    const window = { opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 3_600_000) };
    const xa = ok(await store.createAssessment(x.id, { title: 'X', challengeIds: [xv.challenge.id], timeLimitMinutes: 30, ...window, resultsVisibility: 'none' }));
    const invite = ok(await store.createInvite(x.id, xa.id));
    const attempt = ok(await store.startAttempt(x.id, invite.invite.id)).attempt;
    const unstarted = ok(await store.createInvite(x.id, xa.id)).invite;
    return { x, y, xv, yv, xa, invite, attempt, unstarted };
  }

  it('refuses a row in one organisation that points at another organisation’s row', async () => {
    const { x, y, yv, xa, unstarted } = await twoOrgs();
    expect(() =>
      db.prepare('INSERT INTO assessment_challenges (org_id, assessment_id, position, challenge_version_id) VALUES (?, ?, 1, ?)').run(x.id, xa.id, yv.version.id),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare('INSERT INTO attempts (id, org_id, invite_id, assessment_id, started_at, deadline_at) VALUES (?, ?, ?, ?, 0, 1)')
        .run(randomUUID(), y.id, unstarted.id, xa.id),
    ).toThrow(/FOREIGN KEY/);
  });

  it('keeps the event log append-only and versions immutable', async () => {
    const { xv, attempt } = await twoOrgs();
    expect(() => db.prepare("UPDATE attempt_events SET kind = 'finished' WHERE attempt_id = ?").run(attempt.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM attempt_events WHERE attempt_id = ?').run(attempt.id)).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE challenge_versions SET title = 'changed' WHERE id = ?").run(xv.version.id)).toThrow(/immutable/);
  });

  it('refuses a second invite with the same short code and stores no plain token', async () => {
    const { invite } = await twoOrgs();
    const row = db.prepare('SELECT * FROM invites WHERE id = ?').get(invite.invite.id) as Record<string, unknown>;
    expect(Object.values(row)).not.toContain(invite.token);
    expect(() =>
      db
        .prepare('INSERT INTO invites (id, org_id, assessment_id, token_hash, short_code, created_at) VALUES (?, ?, ?, ?, ?, 0)')
        .run(randomUUID(), row.org_id, row.assessment_id, 'another-hash', row.short_code),
    ).toThrow(/UNIQUE/);
  });
});

describe('SQLite store: several processes on one file', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('gives every job to exactly one of four worker processes and completes it once', async () => {
    const store = new SqliteStore({ dataDir });
    try {
      await expectExactlyOnceAcrossProcesses(store, dataDir);
    } finally {
      await store.close();
    }
  }, 120_000);
});
