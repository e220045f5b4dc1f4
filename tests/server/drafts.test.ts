/**
 * Challenge drafts end to end on a real server with real Docker: create,
 * save with revisions, validate a Python reference and a wrong solution on
 * the real judge, stale after an edit, publish twice → two versions, and an
 * assessment pinned to version 1 still serves version 1.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_DRAFT_CAPS } from '../../server/src/contracts/index.ts';
import { ApiClient, expectApiError, startTestServer, type ApiResponse, type TestServer } from '../support/server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
let server: TestServer;
let staff: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
}, 60_000);
afterAll(async () => server?.stop());

const draftDoc = (title: string) => ({
  title: { en: title },
  statements: { en: `# ${title}\n\nPrint the sum of two integers.\n` },
  languages: ['python'],
  starters: { python: 'a, b = map(int, input().split())\n' },
  limits: { timeMs: 2000 },
  checker: { type: 'tokens' },
  samples: [{ name: '1', input: '1 2\n', answer: '3\n' }],
  groups: [
    { id: 'small', points: 40, tests: [{ name: '1', input: '2 2\n', answer: '4\n' }] },
    { id: 'large', points: 60, tests: [{ name: '1', input: '1000000 1\n', answer: '1000001\n' }] },
  ],
  solutions: [
    { name: 'accepted.py', source: 'a, b = map(int, input().split())\nprint(a + b)\n', expect: 'accepted' },
    { name: 'wrong.py', source: 'a, b = map(int, input().split())\nprint(a - b)\n', expect: 'wrong_answer' },
  ],
});

async function validated(draftId: string): Promise<ApiResponse> {
  const started = await staff.post(`/api/challenge-drafts/${draftId}/validate`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body.validation.status).toBe('running');
  const until = Date.now() + 180_000;
  for (;;) {
    const polled = await staff.get(`/api/challenge-drafts/${draftId}/validation`);
    expect(polled.status).toBe(200);
    if (polled.body.validation.status !== 'running') return polled;
    if (Date.now() > until) throw new Error(`validation still running: ${JSON.stringify(polled.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe('challenge drafts', () => {
  it('create, read, save with the revision it was edited on (a stale one is 409 conflict), one draft per slug, delete', async () => {
    const slug = `scratch-${randomUUID().slice(0, 8)}`;
    const created = await staff.post('/api/challenge-drafts', { slug });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ slug, revision: 1, challengeId: null, validation: null });
    const id = created.body.id as string;
    const again = await staff.post('/api/challenge-drafts', { slug });
    expectApiError(again, 409, 'conflict');
    expect(again.body.error.details).toEqual({ draftId: id });

    const saved = await staff.put(`/api/challenge-drafts/${id}`, { revision: 1, draft: draftDoc('Scratch') });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.revision).toBe(2);
    expectApiError(await staff.put(`/api/challenge-drafts/${id}`, { revision: 1, draft: draftDoc('Lost update') }), 409, 'conflict');
    expect((await staff.get(`/api/challenge-drafts/${id}`)).body.draft.title).toEqual({ en: 'Scratch' });

    expect((await staff.delete(`/api/challenge-drafts/${id}`)).status).toBe(200);
    expectApiError(await staff.get(`/api/challenge-drafts/${id}`), 404, 'not_found');
    expectApiError(await staff.delete(`/api/challenge-drafts/${id}`), 404, 'not_found');
  });

  it('validates on the real judge, goes stale on an edit, publishes only when validated, twice → two versions; a pinned assessment keeps version 1', async () => {
    const slug = `add-two-${randomUUID().slice(0, 8)}`;
    const created = await staff.post('/api/challenge-drafts', { slug, draft: draftDoc('Add two') });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;

    expectApiError(await staff.post(`/api/challenge-drafts/${id}/publish`), 409, 'validation_required');
    const first = await validated(id);
    expect(first.body.validation, JSON.stringify(first.body)).toMatchObject({
      revision: 1,
      stale: false,
      status: 'passed',
      solutions: [
        { name: 'accepted.py', expect: 'accepted', got: 'accepted', ok: true, samples: 'accepted' },
        { name: 'wrong.py', expect: 'wrong_answer', got: 'wrong_answer', ok: true },
      ],
    });

    const v1 = await staff.post(`/api/challenge-drafts/${id}/publish`);
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body).toMatchObject({ created: true, challenge: { slug, title: 'Add two' }, version: { version: 1 } });
    const challengeId = v1.body.challenge.id as string;
    expect((await staff.get(`/api/challenge-drafts/${id}`)).body.challengeId).toBe(challengeId);

    // An assessment pinned to version 1.
    const assessment = await staff.post('/api/assessments', {
      title: `Pinned ${slug}`,
      timeLimitMinutes: 30,
      opensAt: new Date(Date.now() - DAY_MS).toISOString(),
      closesAt: new Date(Date.now() + DAY_MS).toISOString(),
      resultsVisibility: 'samples',
      challengeVersionIds: [v1.body.version.id],
    });
    expect(assessment.status, JSON.stringify(assessment.body)).toBe(201);
    // …and running: a candidate has started it before the challenge changes.
    const invite = await staff.post(`/api/assessments/${assessment.body.id}/invites`, { candidateName: 'Pinned Candidate' });
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.body.token });
    expect((await candidate.post('/api/candidate/attempt/start', {})).status).toBe(200);

    // An edit makes the validation stale, and publishing is refused until validated again.
    const edited = await staff.put(`/api/challenge-drafts/${id}`, { revision: 1, draft: draftDoc('Add two, again') });
    expect(edited.status).toBe(200);
    expect(edited.body.validation).toMatchObject({ revision: 1, stale: true, status: 'passed' });
    expectApiError(await staff.post(`/api/challenge-drafts/${id}/publish`), 409, 'validation_required');

    // A wrong solution that passes makes the validation fail, and publishing stays refused.
    const broken = draftDoc('Add two, again');
    broken.solutions[1] = { ...broken.solutions[1]!, source: broken.solutions[0]!.source };
    expect((await staff.put(`/api/challenge-drafts/${id}`, { revision: 2, draft: broken })).status).toBe(200);
    const failed = await validated(id);
    expect(failed.body.validation).toMatchObject({ revision: 3, status: 'failed', solutions: [{ ok: true }, { expect: 'wrong_answer', got: 'accepted', ok: false }] });
    expectApiError(await staff.post(`/api/challenge-drafts/${id}/publish`), 409, 'validation_required');

    expect((await staff.put(`/api/challenge-drafts/${id}`, { revision: 3, draft: draftDoc('Add two, again') })).status).toBe(200);
    expect((await validated(id)).body.validation).toMatchObject({ revision: 4, status: 'passed' });
    const v2 = await staff.post(`/api/challenge-drafts/${id}/publish`);
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body).toMatchObject({ challenge: { id: challengeId, title: 'Add two, again' }, version: { version: 2 } });

    const detail = await staff.get(`/api/challenges/${challengeId}`);
    expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const pinned = await staff.get(`/api/assessments/${assessment.body.id}`);
    expect(pinned.body.challenges[0].challengeVersionId).toBe(v1.body.version.id);

    // The candidate who started before reads version 1's title and statement, and is judged on version 1.
    const session = await candidate.get('/api/candidate/session');
    expect(JSON.stringify(session.body)).toContain('Add two');
    expect(JSON.stringify(session.body)).not.toContain('Add two, again');
    const challenge = await candidate.get(`/api/candidate/challenges/${v1.body.version.id}`);
    expect(challenge.status).toBe(200);
    expect(challenge.body.title).toEqual({ en: 'Add two' });
    expectApiError(await candidate.get(`/api/candidate/challenges/${v2.body.version.id}`), 404, 'not_found');

    // A draft made from version 2 holds the same document (a second draft of the slug is refused).
    expectApiError(await staff.post('/api/challenge-drafts', { fromVersionId: v2.body.version.id }), 409, 'conflict');
    expect((await staff.delete(`/api/challenge-drafts/${id}`)).status).toBe(200);
    const fromVersion = await staff.post('/api/challenge-drafts', { fromVersionId: v2.body.version.id });
    expect(fromVersion.status, JSON.stringify(fromVersion.body)).toBe(201);
    expect(fromVersion.body).toMatchObject({ slug, challengeId, revision: 1, warnings: [] });
    expect(fromVersion.body.draft).toEqual(draftDoc('Add two, again'));
  }, 600_000);

  it('an organisation holds at most ORG_DRAFT_CAPS.count drafts (413 quota_exceeded past it, in words); deleting one makes room; the list is its own', async () => {
    const other = new ApiClient(server.url);
    const before = (await staff.get('/api/challenge-drafts')).body.drafts.length as number;
    const made: string[] = [];
    for (let i = before; i < ORG_DRAFT_CAPS.count; i++) {
      const created = await staff.post('/api/challenge-drafts', { slug: `cap-${i}` });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      made.push(created.body.id);
    }
    const over = await staff.post('/api/challenge-drafts', { slug: 'cap-over' });
    expectApiError(over, 413, 'quota_exceeded');
    expect(over.body.error.message).toMatch(/limit/);
    const listed = (await staff.get('/api/challenge-drafts')).body.drafts as { slug: string }[];
    expect(listed).toHaveLength(ORG_DRAFT_CAPS.count);
    expect(listed.map((d) => d.slug)).not.toContain('cap-over');
    expect((await staff.delete(`/api/challenge-drafts/${made[0]}`)).status).toBe(200);
    expect((await staff.post('/api/challenge-drafts', { slug: 'cap-over' })).status).toBe(201);
    expectApiError(await other.get('/api/challenge-drafts'), 401, 'unauthenticated');
  }, 120_000);

  it('a statement preview is made in a package worker, one at a time per organisation: a burst gets 429 for the rest, /api/health answers throughout', async () => {
    // Markdown at its cap that is slow to parse (deep nesting and many emphasis runs).
    const heavy = ('> '.repeat(40) + '*a* _b_ `c` [d](e) '.repeat(30) + '\n').repeat(400).slice(0, 128 * 1024 - 1);
    const burst = Array.from({ length: 6 }, () => staff.post('/api/statement-preview', { markdown: heavy }));
    const health = (async () => {
      let worst = 0;
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
        worst = Math.max(worst, performance.now() - started);
      }
      return worst;
    })();
    const answers = await Promise.all(burst);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200).length, JSON.stringify(statuses)).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 429).length, JSON.stringify(statuses)).toBeGreaterThanOrEqual(1);
    for (const answer of answers.filter((a) => a.status !== 200)) expectApiError(answer, 429, 'rate_limited');
    expect(await health).toBeLessThan(1000);
    const ok = answers.find((a) => a.status === 200)!;
    expect(JSON.stringify(ok.body.statement)).toContain('blockquote');
  }, 60_000);
});
