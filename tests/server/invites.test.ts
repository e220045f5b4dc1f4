/**
 * Invites after creation (issue 12), against a real server and its SQLite
 * file: links shown again (kept sealed, never in clear in the database),
 * re-issued (the old link and code stop working), revoked, extended past the
 * assessment's close, per-invite extra time, and CSV import (a preview that
 * creates nothing, then one transaction; the same file twice invites nobody
 * twice).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, expectApiError, startTestServer, type TestServer } from '../support/server.ts';
import { openStoreFile } from './store-db.ts';

let server: TestServer;
let staff: ApiClient;
let challengeId: string;

const MINUTE = 60_000;

beforeAll(async () => {
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
  const list = await staff.get('/api/assessments');
  challengeId = list.body.assessments[0].challenges[0].challengeId;
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

/** A fresh assessment open from an hour ago until `closesInMs` from now. */
async function newAssessment(closesInMs = 24 * 60 * MINUTE, timeLimitMinutes = 60): Promise<string> {
  const now = Date.now();
  const created = await staff.post('/api/assessments', {
    title: `Invites ${now}`,
    challengeIds: [challengeId],
    timeLimitMinutes,
    opensAt: new Date(now - 60 * MINUTE).toISOString(),
    closesAt: new Date(now + closesInMs).toISOString(),
    resultsVisibility: 'aggregate',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

async function invite(assessmentId: string, body: Record<string, unknown> = {}) {
  const created = await staff.post(`/api/assessments/${assessmentId}/invites`, { candidateName: 'Amal', ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { invite: { id: string; shortCode: string }; token: string; url: string };
}

async function start(entry: { token: string } | { code: string }) {
  const candidate = new ApiClient(server.url);
  const opened = await candidate.openInvite(entry);
  const started = await candidate.post('/api/candidate/attempt/start', {});
  return { opened, started };
}

describe('links shown again', () => {
  it('shows the same link later, and the database holds it only sealed', async () => {
    const assessmentId = await newAssessment();
    const created = await invite(assessmentId);
    const shown = await staff.get(`/api/invites/${created.invite.id}/link`);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ token: created.token, url: created.url, shortCode: created.invite.shortCode });
    expect(shown.headers.get('cache-control')).toBe('no-store, no-transform');
    const db = await openStoreFile(server.dataDir);
    try {
      const row = (await db.get<{ token_sealed: string }>('SELECT token_sealed FROM invites WHERE id = ?', created.invite.id))!;
      expect(row.token_sealed).toMatch(/^v1\./);
      const everything = JSON.stringify(await db.all('SELECT * FROM invites'));
      expect(everything).not.toContain(created.token);
    } finally {
      await db.close();
    }
  });

  it('says in words that an invite made before links were kept must be re-issued', async () => {
    const assessmentId = await newAssessment();
    const created = await invite(assessmentId);
    const db = await openStoreFile(server.dataDir, { writable: true });
    await db.run('UPDATE invites SET token_sealed = NULL WHERE id = ?', created.invite.id);
    await db.close();
    const list = await staff.get(`/api/assessments/${assessmentId}/invites`);
    expect(list.body.invites.find((i: { id: string }) => i.id === created.invite.id).linkAvailable).toBe(false);
    const shown = await staff.get(`/api/invites/${created.invite.id}/link`);
    expectApiError(shown, 409, 'conflict');
    expect(shown.body.error.message).toMatch(/Re-issue/);
    const reissued = await staff.post(`/api/invites/${created.invite.id}/reissue`, {});
    expect(reissued.body.invite.linkAvailable).toBe(true);
    expect((await staff.get(`/api/invites/${created.invite.id}/link`)).body.token).toBe(reissued.body.token);
  });
});

describe('re-issue, revoke, extend', () => {
  it('re-issuing signs out every device that opened the old link; the new link opens the same attempt with the work kept', async () => {
    const assessmentId = await newAssessment();
    const created = await invite(assessmentId);
    const { opened, started } = await start({ token: created.token });
    expect(opened.status).toBe(200);
    expect(started.status).toBe(200);
    const holder = new ApiClient(server.url);
    expect((await holder.openInvite({ code: created.invite.shortCode })).status).toBe(200);
    const before = await holder.get('/api/candidate/session');
    expect(before.body.attempt.status).toBe('in_progress');

    const reissued = await staff.post(`/api/invites/${created.invite.id}/reissue`, {});
    expect(reissued.status).toBe(200);
    expectApiError(await holder.get('/api/candidate/session'), 401, 'unauthenticated');

    const again = new ApiClient(server.url);
    expect((await again.openInvite({ token: reissued.body.token })).status).toBe(200);
    const session = await again.get('/api/candidate/session');
    // The same attempt, still running: started at the same moment.
    expect(session.body.attempt.status).toBe('in_progress');
    expect(session.body.attempt.startedAt).toBe(before.body.attempt.startedAt);
  });

  it('re-issues: the old link and code stop working, the new ones work', async () => {
    const assessmentId = await newAssessment();
    const created = await invite(assessmentId);
    const reissued = await staff.post(`/api/invites/${created.invite.id}/reissue`, {});
    expect(reissued.status).toBe(200);
    expect(reissued.body.invite.id).toBe(created.invite.id);
    expect(reissued.body.token).not.toBe(created.token);
    expect(reissued.body.invite.shortCode).not.toBe(created.invite.shortCode);
    expect(reissued.body.url).toBe(`${server.url}/invite/${encodeURIComponent(reissued.body.token)}`);

    expectApiError(await new ApiClient(server.url).post('/api/candidate/session', { token: created.token }), 404, 'not_found');
    expectApiError(await new ApiClient(server.url).post('/api/candidate/session', { code: created.invite.shortCode }), 404, 'not_found');
    const { opened, started } = await start({ token: reissued.body.token });
    expect(opened.status).toBe(200);
    expect(started.status).toBe(200);
    expect((await new ApiClient(server.url).openInvite({ code: reissued.body.invite.shortCode })).status).toBe(200);
    expect((await staff.get(`/api/invites/${created.invite.id}/link`)).body.token).toBe(reissued.body.token);
  });

  it('revokes: the link fails, and a revoked invite is not re-issued or extended', async () => {
    const assessmentId = await newAssessment();
    const created = await invite(assessmentId);
    expect((await staff.post(`/api/invites/${created.invite.id}/revoke`, {})).body.status).toBe('revoked');
    expectApiError(await new ApiClient(server.url).post('/api/candidate/session', { token: created.token }), 404, 'not_found');
    expectApiError(await staff.post(`/api/invites/${created.invite.id}/reissue`, {}), 409, 'conflict');
    expectApiError(await staff.post(`/api/invites/${created.invite.id}/extend`, { expiresAt: new Date(Date.now() + 60 * MINUTE).toISOString() }), 409, 'conflict');
    const sheet = await staff.get(`/api/assessments/${assessmentId}/sheet`);
    expect(sheet.body.slips).toEqual([]);
  });

  it('extends: a candidate may start after the assessment closed, until the new time', async () => {
    const assessmentId = await newAssessment(-MINUTE);
    const created = await invite(assessmentId, { extraMinutes: 10 });
    const before = await start({ token: created.token });
    expectApiError(before.started, 409, 'attempt_closed');

    expectApiError(await staff.post(`/api/invites/${created.invite.id}/extend`, { expiresAt: new Date(Date.now() - 2 * MINUTE).toISOString() }), 409, 'conflict');
    const until = new Date(Date.now() + 30 * MINUTE);
    const extended = await staff.post(`/api/invites/${created.invite.id}/extend`, { expiresAt: until.toISOString() });
    expect(extended.status).toBe(200);
    expect(extended.body.expiresAt).toBe(until.toISOString());

    const after = await start({ token: created.token });
    expect(after.started.status).toBe(200);
    // The invite's end caps the 60-minute limit; its 10 extra minutes come on top.
    expect(Date.parse(after.started.body.deadlineAt)).toBe(until.getTime() + 10 * MINUTE);
  });

  it('adds an invite’s extra minutes to the time limit when the attempt starts', async () => {
    const assessmentId = await newAssessment(24 * 60 * MINUTE, 60);
    const created = await invite(assessmentId, { extraMinutes: 45 });
    const { started } = await start({ token: created.token });
    expect(started.status).toBe(200);
    expect(Date.parse(started.body.deadlineAt) - Date.parse(started.body.startedAt)).toBe(105 * MINUTE);
  });

  it('adds the second-language share (25 % by default) when the invite’s language has no statement, and the invite’s minutes on top; the overview says the same', async () => {
    const assessmentId = await newAssessment(24 * 60 * MINUTE, 60);
    // The demo task has statements in English, Swedish and Arabic, none in Tigrinya.
    const cases = [
      { preferredLanguage: 'ti', extraMinutes: 5, minutes: 80 },
      { preferredLanguage: 'sv', extraMinutes: 5, minutes: 65 },
    ];
    for (const { preferredLanguage, extraMinutes, minutes } of cases) {
      const created = await invite(assessmentId, { preferredLanguage, extraMinutes });
      const { opened, started } = await start({ token: created.token });
      expect(opened.status).toBe(200);
      expect(opened.body.attempt.assessment.timeLimitMinutes, preferredLanguage).toBe(minutes);
      expect(started.status).toBe(200);
      expect(Date.parse(started.body.deadlineAt) - Date.parse(started.body.startedAt), preferredLanguage).toBe(minutes * MINUTE);
    }
  });
});

describe('CSV import', () => {
  const csv = [
    'Name,Contact,Language,Extra minutes',
    'Amal Haddad,amal@example.org,ar,30',
    'Berhane Tesfay,+46 70 000 00 00,Tigrinya,',
    ',nobody@example.org,en,0',
    'Olena,,uk,900',
    'amal  haddad,AMAL@example.org,ar,30',
    'Zahra,,Dari,15',
  ].join('\n');

  it('previews with row-level problems and creates nothing; commits the valid rows; the same file again creates nothing', async () => {
    const assessmentId = await newAssessment();
    const path = `/api/assessments/${assessmentId}/invites/import`;
    const preview = await staff.post(path, { csv, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [2, 'new'],
      [3, 'new'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'duplicate'],
      [7, 'new'],
    ]);
    expect(preview.body.issues).toEqual([
      { row: 4, column: 'name', message: 'A name or an alias is required' },
      { row: 5, column: 'extraMinutes', message: 'Extra time is a whole number of minutes from 0 to 600' },
    ]);
    expect(preview.body.created).toBe(0);
    expect((await staff.get(`/api/assessments/${assessmentId}/invites`)).body.invites).toEqual([]);

    const committed = await staff.post(path, { csv, dryRun: false });
    expect(committed.status).toBe(200);
    expect(committed.body.created).toBe(3);
    expect(committed.body.rows.map((r: { status: string }) => r.status)).toEqual(['created', 'created', 'invalid', 'invalid', 'duplicate', 'created']);
    const invites = (await staff.get(`/api/assessments/${assessmentId}/invites`)).body.invites;
    expect(invites.map((i: Record<string, unknown>) => [i.candidateName, i.contact, i.preferredLanguage, i.extraMinutes]).sort()).toEqual(
      [
        ['Amal Haddad', 'amal@example.org', 'ar', 30],
        ['Berhane Tesfay', '+46 70 000 00 00', 'ti', 0],
        ['Zahra', null, 'prs', 15],
      ].sort(),
    );

    const again = await staff.post(path, { csv, dryRun: false });
    expect(again.body.created).toBe(0);
    expect(again.body.rows.map((r: { status: string }) => r.status)).toEqual(['already_invited', 'already_invited', 'invalid', 'invalid', 'already_invited', 'already_invited']);
    expect((await staff.get(`/api/assessments/${assessmentId}/invites`)).body.invites).toHaveLength(3);

    // Every imported invite's link works and is on the sheet.
    const sheet = await staff.get(`/api/assessments/${assessmentId}/sheet`);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(sheet.body.slips).toHaveLength(3);
    for (const slip of sheet.body.slips) {
      const token = decodeURIComponent(slip.url.slice(`${server.url}/invite/`.length));
      expect((await new ApiClient(server.url).openInvite({ token })).status).toBe(200);
    }
  });

  it('refuses a file beyond the size cap at the boundary, and reports file-level problems', async () => {
    const assessmentId = await newAssessment();
    const path = `/api/assessments/${assessmentId}/invites/import`;
    const big = `name\n${'x'.repeat(256 * 1024)}\n`;
    const refused = await staff.post(path, { csv: big, dryRun: true });
    expectApiError(refused, 400, 'invalid_request');
    const unknown = await staff.post(path, { csv: 'name,age\nAmal,30\n', dryRun: false });
    expect(unknown.body).toMatchObject({ rows: [], created: 0, issues: [{ row: 1, column: null }] });
    expect((await staff.get(`/api/assessments/${assessmentId}/invites`)).body.invites).toEqual([]);
  });

  it('a second organisation’s assessment id is not found', async () => {
    expectApiError(await staff.post(`/api/assessments/${crypto.randomUUID()}/invites/import`, { csv: 'name\nA\n', dryRun: true }), 404, 'not_found');
    expectApiError(await staff.get(`/api/assessments/${crypto.randomUUID()}/sheet`), 404, 'not_found');
  });
});

describe('a bounded number of invites per assessment', () => {
  it('refuses the invite past KODBRO_INVITES_PER_ASSESSMENT (413, in words) and an import that would pass it, creating none of its rows', async () => {
    const small = await startTestServer({ KODBRO_INVITES_PER_ASSESSMENT: '5' });
    try {
      const admin = new ApiClient(small.url);
      await admin.login();
      const assessmentId = (await admin.get('/api/assessments')).body.assessments[0].id as string;
      const existing = (await admin.get(`/api/assessments/${assessmentId}/invites`)).body.invites.length as number;
      expect(existing).toBeLessThan(3);
      for (let i = existing; i < 3; i++) expect((await admin.post(`/api/assessments/${assessmentId}/invites`, { candidateName: `One ${i}` })).status).toBe(201);
      const importPath = `/api/assessments/${assessmentId}/invites/import`;
      const tooMany = await admin.post(importPath, { csv: 'name\nA One\nB Two\nC Three\n', dryRun: false });
      expectApiError(tooMany, 413, 'quota_exceeded');
      expect(tooMany.body.error.message).toMatch(/limit/);
      expect((await admin.get(`/api/assessments/${assessmentId}/invites`)).body.invites).toHaveLength(3);
      const fits = await admin.post(importPath, { csv: 'name\nA One\nB Two\n', dryRun: false });
      expect(fits.body.created).toBe(2);
      // The same rows again create nothing, so they are not refused by the limit either.
      expect((await admin.post(importPath, { csv: 'name\nA One\nB Two\n', dryRun: false })).body.created).toBe(0);
      expectApiError(await admin.post(`/api/assessments/${assessmentId}/invites`, { candidateName: 'Sixth' }), 413, 'quota_exceeded');
      expect((await admin.get(`/api/assessments/${assessmentId}/invites`)).body.invites).toHaveLength(5);
    } finally {
      await small.stop();
    }
  });
});
