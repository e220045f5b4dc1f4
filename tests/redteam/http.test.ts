/**
 * Catalogue items 26, 29 and 30 through the real server: oversized and
 * malformed requests, one candidate or company reaching for another's data,
 * and one candidate flooding the queue. (The engine-level halves are in
 * server-inputs.test.ts; the full route-by-route matrix is in
 * tests/server/authorization.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SOURCE_BYTES } from '../../server/src/contracts/index.ts';
import { hashPassword } from '../../server/src/auth/index.ts';
import { asOrgId } from '../../server/src/store/index.ts';
import { expectDockerClean } from '../support/sandbox.ts';
import { ApiClient, demoInvite, newId, PY_LOG_AGGREGATION, startTestServer, tarGz, waitForResult, type TestServer } from '../support/server.ts';

const RUNS_PER_MINUTE = 5;
let server: TestServer;
let staff: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ KODBRO_RUNS_PER_MINUTE: String(RUNS_PER_MINUTE), KODBRO_WORKERS: '2' });
  staff = new ApiClient(server.url);
  await staff.login();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await expectDockerClean();
});

async function startedCandidate(name: string) {
  const invite = await demoInvite(staff, name);
  const candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: invite.token });
  const started = await candidate.post('/api/candidate/attempt/start');
  return { candidate, invite, versionId: started.body.assessment.challenges[0].challengeVersionId as string };
}

describe('26. oversized and malformed requests are refused early', () => {
  it('a JSON body over 2 MB gets 413 before it is parsed', async () => {
    const { candidate, versionId } = await startedCandidate('rt26-big');
    const response = await candidate.request('POST', '/api/candidate/submissions', {
      rawBody: JSON.stringify({ id: newId(), challengeVersionId: versionId, kind: 'submit', language: 'python', source: 'x'.repeat(3 * 1024 * 1024) }),
      contentType: 'application/json',
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    expect((await candidate.get('/api/candidate/submissions')).body.submissions).toEqual([]);
  });

  it('a source over the cap inside a small enough body gets 400 and nothing is queued', async () => {
    const { candidate, versionId } = await startedCandidate('rt26-source');
    const response = await candidate.post('/api/candidate/submissions', {
      id: newId(),
      challengeVersionId: versionId,
      kind: 'submit',
      language: 'python',
      // Multi-byte characters: under the character cap, over the byte cap.
      source: 'ä'.repeat(MAX_SOURCE_BYTES / 2 + 1),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
    expect((await candidate.get('/api/candidate/submissions')).body.submissions).toEqual([]);
  });

  it('deeply nested JSON is refused with 400 and the server keeps answering', async () => {
    const { candidate } = await startedCandidate('rt26-nested');
    const depth = 200_000;
    const response = await candidate.request('PUT', '/api/candidate/drafts', { rawBody: `${'['.repeat(depth)}${']'.repeat(depth)}`, contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('a package upload over the size cap gets 413 from its declared length, before the body is read', async () => {
    const response = await fetch(`${server.url}/api/challenges`, {
      method: 'POST',
      headers: {
        cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': staff.csrfToken!,
        'content-type': 'application/gzip',
      },
      body: Buffer.alloc(65 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  it('packages with too many files get 413, enormous names 422, and publish nothing', async () => {
    const before = (await staff.get('/api/challenges')).body.challenges.length;
    const many = await tarGz(Array.from({ length: 10_050 }, (_, i) => ({ name: `f/${i}` })));
    const manyResponse = await staff.request('POST', '/api/challenges', { rawBody: many, contentType: 'application/gzip' });
    expect(manyResponse.status).toBe(413);
    expect(manyResponse.body.error.code).toBe('package_too_large');

    const longName = await tarGz([{ name: `${'n'.repeat(2000)}.in`, content: '1' }]);
    const longResponse = await staff.request('POST', '/api/challenges', { rawBody: longName, contentType: 'application/gzip' });
    expect(longResponse.status).toBe(422);
    expect(longResponse.body.error.code).toBe('package_invalid');
    expect((await staff.get('/api/challenges')).body.challenges.length).toBe(before);
  });
});

describe('29. one candidate or company reaching for another one\'s data', () => {
  it('candidate A cannot read B\'s results or drafts; company Y cannot read company X\'s attempts', async () => {
    const a = await startedCandidate('rt29-a');
    const b = await startedCandidate('rt29-b');
    const secretSource = `print("b-only-${newId()}")\n`;
    expect((await b.candidate.put('/api/candidate/drafts', { challengeVersionId: b.versionId, language: 'python', source: secretSource, revision: 1 })).status).toBe(200);
    const bSubmission = newId();
    expect((await b.candidate.post('/api/candidate/submissions', { id: bSubmission, challengeVersionId: b.versionId, kind: 'samples', language: 'python', source: secretSource })).status).toBe(202);

    // A asks for B's submission by id, and tries to reuse B's id for its own.
    const read = await a.candidate.get(`/api/candidate/submissions/${bSubmission}`);
    expect(read.status).toBe(404);
    const reuse = await a.candidate.post('/api/candidate/submissions', { id: bSubmission, challengeVersionId: a.versionId, kind: 'samples', language: 'python', source: 'print(1)' });
    expect(reuse.status).toBe(409);
    expect(JSON.stringify(reuse.body)).not.toContain('b-only');
    // A's own session shows none of B's drafts.
    expect(JSON.stringify((await a.candidate.get('/api/candidate/session')).body)).not.toContain('b-only');
    // A's cookie with B's CSRF token does not write.
    const crossed = await a.candidate.request('PUT', '/api/candidate/drafts', {
      body: { challengeVersionId: a.versionId, language: 'python', source: 'x', revision: 5 },
      csrf: false,
      headers: { 'x-csrf-token': b.candidate.csrfToken! },
    });
    expect(crossed.status).toBe(403);

    // Another company's admin sees none of the demo company's attempts.
    const store = server.server.store;
    const other = await store.createOrganisation({ name: 'Other AB', slug: 'other-rt29' });
    if (!other.ok) throw new Error('org');
    await store.createStaffUser(asOrgId(other.value.id), {
      email: 'admin@other-rt29.example',
      displayName: 'Other',
      passwordHash: await hashPassword('other-password-123'),
      roles: { author: true, recruiter: true, admin: true },
    });
    const y = new ApiClient(server.url);
    await y.login('admin@other-rt29.example', 'other-password-123');
    expect((await y.get(`/api/assessments/${b.invite.assessmentId}/attempts`)).status).toBe(404);
    const attemptId = (await staff.get(`/api/assessments/${b.invite.assessmentId}/attempts`)).body.attempts[0].id;
    expect((await y.get(`/api/attempts/${attemptId}`)).status).toBe(404);
    expect((await y.post(`/api/invites/${b.invite.inviteId}/revoke`)).status).toBe(404);
    expect((await y.get('/api/assessments')).body.assessments).toEqual([]);
    await waitForResult(b.candidate, bSubmission);
  });
});

describe('30. one candidate flooding the queue', () => {
  it('is rate limited, and another candidate\'s submission is judged before the flood drains', async () => {
    const source = readFileSync(PY_LOG_AGGREGATION, 'utf8');
    // The flood's runs take about 2 s each (0.1 s asleep in each of 20 tests), the other candidate's well under
    // one: judged fairly, two of the five are still waiting when it is done, with seconds to spare for polling.
    // With runs as quick as the other's, the last ones could end within a poll of it on a busy machine.
    const floodSource = `import time\ntime.sleep(0.1)\n${source}`;
    const flooder = await startedCandidate('rt30-flood');
    const other = await startedCandidate('rt30-other');

    const ids = Array.from({ length: 15 }, () => newId());
    const responses = await Promise.all(
      ids.map((id) => flooder.candidate.post('/api/candidate/submissions', { id, challengeVersionId: flooder.versionId, kind: 'submit', language: 'python', source: floodSource })),
    );
    const accepted = ids.filter((_, i) => responses[i]!.status === 202);
    const limited = responses.filter((r) => r.status === 429);
    expect(accepted.length).toBe(RUNS_PER_MINUTE);
    expect(limited.length).toBe(ids.length - RUNS_PER_MINUTE);
    expect(limited[0]!.body.error.code).toBe('rate_limited');

    const mine = newId();
    expect((await other.candidate.post('/api/candidate/submissions', { id: mine, challengeVersionId: other.versionId, kind: 'submit', language: 'python', source })).status).toBe(202);
    const myResult = await waitForResult(other.candidate, mine, 120_000);
    // Fairness: the other candidate did not wait for the whole flood. Asked at once when
    // its verdict came (the stored times are to the second, too coarse to order by).
    const floodAtThatMoment = await Promise.all(accepted.map((id) => flooder.candidate.get(`/api/candidate/submissions/${id}`)));
    const stillWaiting = floodAtThatMoment.filter((r) => r.body.status !== 'done' && r.body.status !== 'failed');
    expect(stillWaiting.length).toBeGreaterThan(0);
    expect(myResult.result.score).toBe(100);
    const floodResults = await Promise.all(accepted.map((id) => waitForResult(flooder.candidate, id, 180_000)));
    expect(floodResults.every((r) => r.status === 'done')).toBe(true);
  });
});

