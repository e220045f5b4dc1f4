import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, connected, demoInvite, emitWithAck, newId, PY_LOG_AGGREGATION, startTestServer, waitForResult, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(async () => server?.stop());

describe('a candidate journey through the real server', () => {
  it('opens an invite, starts, saves a draft over the socket, submits and sees progress and the score', async () => {
    const staff = new ApiClient(server.url);
    await staff.login();
    const invite = await demoInvite(staff);

    const candidate = new ApiClient(server.url);
    const session = await candidate.openInvite({ code: invite.code.toLowerCase() });
    expect(session.body.attempt.status).toBe('not_started');
    const started = await candidate.post('/api/candidate/attempt/start');
    expect(started.status).toBe(200);
    const versionId = started.body.assessment.challenges[0].challengeVersionId;

    const socket = candidate.socket();
    const progress: any[] = [];
    socket.on('submission:progress', (event) => progress.push(event));
    await connected(socket);
    const ack = await emitWithAck(socket, 'draft:save', { challengeVersionId: versionId, language: 'python', source: 'print(1)', revision: 1 });
    expect(ack).toMatchObject({ ok: true, value: { revision: 1 } });

    const id = newId();
    const source = readFileSync(PY_LOG_AGGREGATION, 'utf8');
    const submitted = await candidate.post('/api/candidate/submissions', { id, challengeVersionId: versionId, kind: 'submit', language: 'python', source });
    expect(submitted.status).toBe(202);
    const result = await waitForResult(candidate, id);
    expect(result.result).toMatchObject({ verdict: 'accepted', score: 100 });
    await expect.poll(() => progress.some((e) => e.submissionId === id && e.stage === 'done')).toBe(true);
    expect(progress.some((e) => e.stage === 'testing' && e.total === 20)).toBe(true);
    socket.close();

    const attempts = await staff.get(`/api/assessments/${invite.assessmentId}/attempts`);
    expect(attempts.body.attempts[0]).toMatchObject({ score: 100, submissions: 1, languages: ['python'] });
  }, 120_000);
});
