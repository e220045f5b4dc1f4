/**
 * The demo that `npm start` makes, with its finished round (real server, real
 * Docker): a newcomer finds a finished assessment whose candidates are judged
 * for real — scores, a failed hidden test with its first difference, a replay
 * with a lost connection, a pasted solution — and one who was only invited. A
 * second start makes nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let staff: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ KODBRO_DEMO_RESULTS: '1' });
  staff = new ApiClient(server.url);
  await staff.login();
}, 120_000);
afterAll(async () => server?.stop());

const finishedRound = async () => (await staff.get('/api/assessments')).body.assessments.find((a: { title: string }) => a.title === 'Demo round (finished)');

describe('the finished demo round', () => {
  it('has four candidates who finished two days ago, judged for real, and one only invited', async () => {
    const round = await finishedRound();
    expect(round).toBeDefined();
    expect(Date.parse(round.closesAt)).toBeLessThan(Date.now());
    const invites = (await staff.get(`/api/assessments/${round.id}/invites`)).body.invites;
    expect(invites.map((i: { candidateName: string }) => i.candidateName).sort()).toEqual(['Ahmad Rahimi', 'Amina Yusuf', 'Dawit Tesfay', 'Olena Kovalenko', 'Sara Lind']);

    const scores = async () => {
      const attempts = (await staff.get(`/api/assessments/${round.id}/attempts`)).body.attempts as { candidateName: string; score: number; status: string; id: string }[];
      return Object.fromEntries(attempts.map((a) => [a.candidateName, a.score]));
    };
    await expect.poll(scores, { timeout: 240_000, interval: 2000 }).toEqual({ 'Amina Yusuf': 200, 'Dawit Tesfay': expect.any(Number), 'Olena Kovalenko': 100, 'Ahmad Rahimi': 100 });
    const attempts = (await staff.get(`/api/assessments/${round.id}/attempts`)).body.attempts as { candidateName: string; score: number; status: string; id: string }[];
    expect(attempts.every((a) => a.status === 'finished')).toBe(true);
    const byName = new Map(attempts.map((a) => [a.candidateName, a]));
    // Dawit's C++ passes the first task; his second fails hidden tests, each with where it went wrong.
    await expect.poll(async () => (await staff.get(`/api/attempts/${byName.get('Dawit Tesfay')!.id}`)).body.submissions.every((s: { status: string }) => s.status === 'done'), { timeout: 120_000 }).toBe(true);
    const dawit = (await staff.get(`/api/attempts/${byName.get('Dawit Tesfay')!.id}`)).body;
    expect(byName.get('Dawit Tesfay')!.score).toBeGreaterThanOrEqual(100);
    expect(byName.get('Dawit Tesfay')!.score).toBeLessThan(200);
    expect(dawit.submissions.some((s: { differences: unknown[] }) => s.differences.length > 0)).toBe(true);

    // Amina's replay: many saves two days ago, and a lost connection; Ahmad pasted his.
    const events = async (name: string) => (await staff.get(`/api/attempts/${byName.get(name)!.id}/events?limit=1000`)).body.events as { kind: string; at: string }[];
    const amina = await events('Amina Yusuf');
    expect(amina.filter((e) => e.kind === 'draft_saved').length).toBeGreaterThanOrEqual(10);
    expect(amina.map((e) => e.kind)).toEqual(expect.arrayContaining(['disconnected', 'reconnected', 'ran_samples', 'submitted', 'finished']));
    expect(Date.parse(amina[0]!.at)).toBeLessThan(Date.now() - 24 * 60 * 60_000);
    expect((await events('Ahmad Rahimi')).some((e) => e.kind === 'pasted')).toBe(true);

    // The copied pair, and only it, is listed as similar.
    const similarity = async () => (await staff.get(`/api/assessments/${round.id}/similarity`)).body;
    await expect.poll(async () => (await similarity()).challenges !== undefined, { timeout: 30_000 }).toBe(true);
    const pairs = (await similarity()).challenges.flatMap((c: { pairs: { a: { candidateName: string }; b: { candidateName: string } }[] }) => c.pairs);
    expect(pairs.map((p: { a: { candidateName: string }; b: { candidateName: string } }) => [p.a.candidateName, p.b.candidateName].sort())).toEqual([['Ahmad Rahimi', 'Olena Kovalenko']]);
  }, 420_000);

  it('is not made again by a second start on the same data', async () => {
    const again = await startTestServer({ KODBRO_DEMO_RESULTS: '1' }, server.dataDir);
    try {
      const client = new ApiClient(again.url);
      await client.login();
      const rounds = (await client.get('/api/assessments')).body.assessments.filter((a: { title: string }) => a.title === 'Demo round (finished)');
      expect(rounds).toHaveLength(1);
    } finally {
      await again.server.close();
    }
  }, 120_000);
});
