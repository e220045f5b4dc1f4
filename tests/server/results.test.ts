/**
 * Signed results through a real server: a candidate finishes a scored
 * attempt, shares it, and anyone verifies the public document with the
 * published key (here in-process with node:crypto, and with the CLI on a
 * downloaded file and on a loopback link); a changed byte or another key
 * fails; the document stays frozen when the assessment is renamed; an
 * unshared result is not found; another organisation cannot revoke it; a
 * revocation shows on the public read.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/index.ts';
import { keyPairOf, readPublicKey, verifyDocument } from '../../server/src/results/index.ts';
import { runCli } from '../cli/run-cli.ts';
import { ApiClient, demoInvite, expectApiError, newId, PY_LOG_AGGREGATION, startTestServer, waitForResult, type ApiResponse, type TestServer } from '../support/server.ts';
import { readFile } from 'node:fs/promises';

const READ_LIMIT = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

let server: TestServer;
let staff: ApiClient;
let otherStaff: ApiClient;
let anon: ApiClient;
let candidate: ApiClient;
let attemptId: string;
let assessmentId: string;
let resultId: string;
const files = mkdtempSync(path.join(os.tmpdir(), 'kodbro-results-test-'));

beforeAll(async () => {
  server = await startTestServer({ KODBRO_RESULT_READ_LIMIT: String(READ_LIMIT) });
  anon = new ApiClient(server.url);
  staff = new ApiClient(server.url);
  await staff.login();

  const store = server.server.store;
  const org = await store.createOrganisation({ name: 'Other Hiring AB', slug: 'other-hiring' });
  if (!org.ok) throw new Error(org.reason);
  const user = await store.createStaffUser(org.value.id, { email: 'admin@other.example', displayName: 'Olle Other', passwordHash: await hashPassword('other-admin-password'), roles: { author: true, recruiter: true, admin: true } });
  if (!user.ok) throw new Error(user.reason);
  otherStaff = new ApiClient(server.url);
  await otherStaff.login('admin@other.example', 'other-admin-password');

  const invite = await demoInvite(staff, 'Amal Ahmadi');
  assessmentId = invite.assessmentId;
  candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: invite.token });
  const started = await candidate.post('/api/candidate/attempt/start');
  expect(started.status).toBe(200);
  const challengeVersionId = started.body.assessment.challenges[0].challengeVersionId;

  // Not finished yet: nothing to share.
  expectApiError(await candidate.post('/api/candidate/result/share', { shareable: true }), 409, 'conflict');

  const id = newId();
  const submitted = await candidate.post('/api/candidate/submissions', { id, challengeVersionId, kind: 'submit', language: 'python', source: await readFile(PY_LOG_AGGREGATION, 'utf8') });
  expect(submitted.status).toBe(202);
  expect((await waitForResult(candidate, id)).result.score).toBe(100);
  const finished = await candidate.post('/api/candidate/attempt/finish');
  expect(finished.status).toBe(200);
  attemptId = (await staff.get(`/api/assessments/${assessmentId}/invites`)).body.invites.find((i: { id: string }) => i.id === invite.inviteId).attemptId;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(files, { recursive: true, force: true });
});

async function publishedKey() {
  const key = await anon.get('/.well-known/kodbro-results-key');
  expect(key.status).toBe(200);
  return key.body;
}

describe('sharing and verifying', () => {
  it('an unshared result has no link and no public read', async () => {
    expect((await candidate.get('/api/candidate/result')).body).toEqual({ shareable: false, resultId: null, url: null, revoked: null });
    expect((await staff.get(`/api/attempts/${attemptId}/result`)).body).toEqual({ result: null });
  });

  it('the candidate shares; the public read verifies with the published key, and a changed byte does not', async () => {
    const shared = await candidate.post('/api/candidate/result/share', { shareable: true });
    expect(shared.status).toBe(200);
    resultId = shared.body.resultId;
    expect(resultId).toMatch(/^[\w-]{22}$/);
    expect(Buffer.from(resultId, 'base64url')).toHaveLength(16);
    expect(shared.body.url).toBe(`${server.url}/verify/${resultId}`);

    const read = await anon.get(`/api/results/${resultId}`);
    expect(read.status).toBe(200);
    const { document, signature, keyId, revoked } = read.body;
    expect(revoked).toBeNull();
    expect(document).toMatchObject({
      kind: 'kodbro-result',
      resultId,
      issuer: server.url,
      organisation: { name: 'Demo Company AB' },
      assessment: { title: 'Demo assessment' },
      candidate: { name: 'Amal Ahmadi' },
      total: 100,
    });
    expect(document.challenges[0]).toEqual({ title: expect.any(String), score: 100, max: 100 });
    expect(document.max).toBe(document.challenges.length * 100);

    const published = await publishedKey();
    expect(published.keyId).toBe(keyId);
    const key = readPublicKey(JSON.stringify(published))!;
    expect(verifyDocument(document, signature, key)).toBe(true);
    expect(verifyDocument({ ...document, total: 101 }, signature, key)).toBe(false);
    const oneByte = JSON.parse(JSON.stringify(document).replace('Amal Ahmadi', 'Amal Ahmadj'));
    expect(verifyDocument(oneByte, signature, key)).toBe(false);
    const otherKey = keyPairOf(generateKeyPairSync('ed25519').privateKey).publicKey;
    expect(verifyDocument(document, signature, otherKey)).toBe(false);
  });

  it('the document is frozen at share time: renaming the assessment changes nothing that was signed', async () => {
    const before = (await anon.get(`/api/results/${resultId}`)).body;
    const renamed = await staff.patch(`/api/assessments/${assessmentId}`, { title: 'Renamed afterwards' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const after = (await anon.get(`/api/results/${resultId}`)).body;
    expect(after).toEqual(before);
    expect(after.document.assessment.title).toBe('Demo assessment');
    expect((await staff.patch(`/api/assessments/${assessmentId}`, { title: 'Demo assessment' })).status).toBe(200);
  });

  it('stopping sharing hides it (404 like an unknown id); sharing again gives the same link and document', async () => {
    const before = (await anon.get(`/api/results/${resultId}`)).body;
    const stopped = await candidate.post('/api/candidate/result/share', { shareable: false });
    expect(stopped.body).toEqual({ shareable: false, resultId: null, url: null, revoked: null });
    expectApiError(await anon.get(`/api/results/${resultId}`), 404, 'not_found');
    expectApiError(await anon.get(`/api/results/${Buffer.alloc(16, 7).toString('base64url')}`), 404, 'not_found');
    expect((await staff.get(`/api/attempts/${attemptId}/result`)).body.result).toMatchObject({ resultId, shareable: false });
    const again = await candidate.post('/api/candidate/result/share', { shareable: true });
    expect(again.body.resultId).toBe(resultId);
    expect((await anon.get(`/api/results/${resultId}`)).body).toEqual(before);
  });

  it('a company that shows candidates no scores gives them no result to share', async () => {
    const challenges = (await staff.get('/api/challenges')).body.challenges as { id: string; slug: string }[];
    const hidden = await staff.post('/api/assessments', {
      title: 'Scores hidden',
      timeLimitMinutes: 30,
      opensAt: new Date(Date.now() - DAY_MS).toISOString(),
      closesAt: new Date(Date.now() + DAY_MS).toISOString(),
      resultsVisibility: 'none',
      challengeIds: [challenges[0]!.id],
    });
    expect(hidden.status).toBe(201);
    const invite = await staff.post(`/api/assessments/${hidden.body.id}/invites`, { candidateName: 'Hidden Hana' });
    const hana = new ApiClient(server.url);
    await hana.openInvite({ token: invite.body.token });
    await hana.post('/api/candidate/attempt/start');
    await hana.post('/api/candidate/attempt/finish');
    expectApiError(await hana.post('/api/candidate/result/share', { shareable: true }), 403, 'forbidden');
    expect((await hana.get('/api/candidate/result')).body.shareable).toBe(false);
  });
});

describe('time ran out, not yet handed in', () => {
  it('refuses the first share until the server has finished the attempt (its drafts may still count)', async () => {
    let offsetMs = 0;
    // The deadline sweep never runs on its own here: the attempt stays past its deadline, unfinished.
    const late = await startTestServer({}, undefined, { clock: () => new Date(Date.now() + offsetMs), deadlineSweepMs: 3_600_000 });
    try {
      const lateStaff = new ApiClient(late.url);
      await lateStaff.login();
      const invite = await demoInvite(lateStaff, 'Late Lina');
      const lina = new ApiClient(late.url);
      await lina.openInvite({ token: invite.token });
      const started = await lina.post('/api/candidate/attempt/start');
      expect(started.status).toBe(200);
      // Just past the deadline (well within the session's life).
      offsetMs = Date.parse(started.body.deadlineAt) - Date.now() + 60_000;
      expect((await lina.get('/api/candidate/session')).body.attempt.status).toBe('finished');
      const refused = await lina.post('/api/candidate/result/share', { shareable: true });
      expectApiError(refused, 409, 'conflict');
      expect(refused.body.error.message).toContain('still being handed in');
      expect((await late.server.store.finishExpiredAttempts(10)).length).toBe(1);
      const shared = await lina.post('/api/candidate/result/share', { shareable: true });
      expect(shared.status).toBe(200);
      const read = await new ApiClient(late.url).get(`/api/results/${shared.body.resultId}`);
      expect(read.body.document).toMatchObject({ candidate: { name: 'Late Lina' }, total: 0 });
    } finally {
      await late.stop();
    }
  }, 60_000);
});

describe('the CLI verify', () => {
  it('a downloaded file against a key file: 0 genuine, 1 changed or another key, 2 without a key', async () => {
    const read = (await anon.get(`/api/results/${resultId}`)).body;
    const resultFile = path.join(files, 'result.json');
    const keyFile = path.join(files, 'key.json');
    writeFileSync(resultFile, JSON.stringify(read, null, 2));
    writeFileSync(keyFile, JSON.stringify(await publishedKey()));

    const genuine = await runCli(['verify', resultFile, '--key', keyFile]);
    expect(genuine.code, genuine.stderr).toBe(0);
    expect(genuine.stderr).toContain('GENUINE AND UNCHANGED');
    expect(genuine.stderr).toContain('Amal Ahmadi');
    expect(genuine.stderr).toMatch(/Total: +100 \/ \d+/);

    const tamperedFile = path.join(files, 'tampered.json');
    writeFileSync(tamperedFile, JSON.stringify(read, null, 2).replace('"total": 100', '"total": 200'));
    const tampered = await runCli(['verify', tamperedFile, '--key', keyFile]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('DOES NOT VERIFY');

    const pemFile = path.join(files, 'other.pem');
    writeFileSync(pemFile, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const wrongKey = await runCli(['verify', resultFile, '--key', pemFile]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('DOES NOT VERIFY');

    const noKey = await runCli(['verify', resultFile]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--key');
  }, 60_000);

  it('a loopback verification link, with the key its server publishes', async () => {
    const run = await runCli(['verify', `${server.url}/verify/${resultId}`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('GENUINE AND UNCHANGED');
    const unknown = await runCli(['verify', `${server.url}/verify/${'Q'.repeat(22)}`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('not shared');
  }, 60_000);
});

describe('revoking', () => {
  it('another organisation cannot read or revoke it (404), and nothing changes', async () => {
    expectApiError(await otherStaff.get(`/api/attempts/${attemptId}/result`), 404, 'not_found');
    expectApiError(await otherStaff.post(`/api/attempts/${attemptId}/result/revoke`, { reason: 'Not ours' }), 404, 'not_found');
    expect((await anon.get(`/api/results/${resultId}`)).body.revoked).toBeNull();
  });

  it('the organisation revokes: the public read says so and still verifies; the CLI on the link exits 3', async () => {
    const revoked = await staff.post(`/api/attempts/${attemptId}/result/revoke`, { reason: 'Taken by someone else' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.result.revoked).toMatchObject({ reason: 'Taken by someone else', by: 'Demo Author' });
    const read = (await anon.get(`/api/results/${resultId}`)).body;
    expect(read.revoked).toEqual({ at: revoked.body.result.revoked.at, reason: 'Taken by someone else' });
    expect(JSON.stringify(read)).not.toContain('Demo Author');
    expect(verifyDocument(read.document, read.signature, readPublicKey(JSON.stringify(await publishedKey()))!)).toBe(true);
    expect((await candidate.get('/api/candidate/result')).body.revoked).toMatchObject({ reason: 'Taken by someone else' });

    const run = await runCli(['verify', `${server.url}/verify/${resultId}`]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('REVOKED by the organisation');
    expect(run.stderr).toContain('Taken by someone else');
  }, 60_000);
});

describe('rate limit', () => {
  it('public reads from one address are limited', async () => {
    let limited: ApiResponse | undefined;
    for (let i = 0; i <= READ_LIMIT && !limited; i++) {
      const response = await anon.get(`/api/results/${resultId}`);
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(200);
    }
    if (!limited) throw new Error(`no 429 within ${READ_LIMIT + 1} reads`);
    expectApiError(limited, 429, 'rate_limited');
  });
});
