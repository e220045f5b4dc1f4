/**
 * `npm run bench:dashboard`: the recruiter's dashboard of a full assessment.
 * Starts the server in this process without workers, fills one assessment
 * through the store with BENCH_INVITES invites (2000, the default cap), every
 * one started, each with BENCH_SUBMITS judged submits (3) — then times the
 * dashboard, its CSV and one row over HTTP, and the older attempts list
 * (which reads each attempt's submissions, sources included) beside them.
 * Prints numbers; asserts nothing but the row count.
 */
import { randomUUID } from 'node:crypto';
import { dashboardSchema } from '../../server/src/contracts/index.ts';
import { buildDashboard, dashboardCsv, masksOf } from '../../server/src/review/index.ts';
import { ApiClient, DEMO_EMAIL, startTestServer } from '../support/server.ts';

const INVITES = Number(process.env.BENCH_INVITES ?? 2000);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 3);
const ROUNDS = 5;
const SOURCE = `# a solution of about two kilobytes\n${'print(sum(map(int, input().split())))\n'.repeat(50)}`;

async function time(label: string, rounds: number, work: () => Promise<number>): Promise<void> {
  const runs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    bytes = await work();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label.padEnd(34)} median ${runs[Math.floor(runs.length / 2)]!.toFixed(0).padStart(5)} ms, max ${runs.at(-1)!.toFixed(0).padStart(5)} ms, ${(bytes / 1024).toFixed(0)} KB`);
}

async function main() {
  const server = await startTestServer({ KODBRO_WORKERS: '0', KODBRO_INVITES_PER_ASSESSMENT: String(INVITES) });
  try {
    const staff = new ApiClient(server.url);
    await staff.login();
    const demo = (await staff.get('/api/assessments')).body.assessments.find((a: { title: string }) => a.title === 'Demo assessment');
    const store = server.server.store;
    const [credentials] = await store.findStaffForSignIn(DEMO_EMAIL, { limit: 1 });
    if (!credentials) throw new Error('no demo user');
    const orgId = credentials.orgId;
    const assessment = await store.createAssessment(orgId, {
      title: 'Bench round',
      challengeVersionIds: demo.challenges.map((c: { challengeVersionId: string }) => c.challengeVersionId),
      timeLimitMinutes: 600,
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
      resultsVisibility: 'aggregate',
    });
    if (!assessment.ok) throw new Error(assessment.reason);
    const assessmentId = assessment.value.id;
    const versions: string[] = assessment.value.challenges.map((c) => c.challengeVersionId);

    const seedStart = performance.now();
    const rows = Array.from({ length: INVITES }, (_, i) => ({ importKey: `bench-${i}`, candidateName: `Candidate Name ${i}`, contact: `c${i}@example.org` }));
    const imported = await store.importInvites(orgId, assessmentId, rows);
    if (!imported.ok) throw new Error(imported.reason);
    for (const [, created] of imported.value.created) {
      const started = await store.startAttempt(orgId, created.invite.id);
      if (!started.ok) throw new Error(started.reason);
      for (let s = 0; s < SUBMITS; s++) {
        const made = await store.createSubmission(started.value.attempt.id, { id: randomUUID(), challengeVersionId: versions[s % versions.length]!, kind: 'submit', language: 'python', source: SOURCE });
        if (!made.ok) throw new Error(made.reason);
      }
    }
    for (let claim = await store.claimNext('bench', new Date()); claim; claim = await store.claimNext('bench', new Date())) {
      await store.complete(claim, { verdict: 'accepted', score: Math.floor(Math.random() * 101), tests: [] });
    }
    console.log(`seeded ${INVITES} invites, ${INVITES} attempts, ${INVITES * SUBMITS} judged submits in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const firstInvite = [...imported.value.created.values()][0]!.invite.id;
    // The seeding took longer than the server's keep-alive: the first request may meet a closed pooled socket.
    await staff.get('/api/health').catch(() => undefined);
    const dashboard = await staff.get(`/api/assessments/${assessmentId}/dashboard`);
    if (dashboard.status !== 200 || dashboard.body.rows.length !== INVITES) throw new Error(`dashboard: ${dashboard.status} ${dashboard.body?.rows?.length}`);
    const bytesOf = async (url: string) => {
      const response = await staff.get(url);
      if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
      return JSON.stringify(response.body).length;
    };
    await time('GET dashboard', ROUNDS, () => bytesOf(`/api/assessments/${assessmentId}/dashboard`));
    await time('GET dashboard.csv', ROUNDS, async () => {
      const response = await staff.request('GET', `/api/assessments/${assessmentId}/dashboard.csv`);
      return String(response.body).length;
    });
    await time('GET dashboard/rows/:inviteId', ROUNDS * 4, () => bytesOf(`/api/assessments/${assessmentId}/dashboard/rows/${firstInvite}`));
    await time('GET attempts (older list, for scale)', 2, () => bytesOf(`/api/assessments/${assessmentId}/attempts`));
    // The event loop stays free: health answers while a dashboard is being built.
    const [health] = await Promise.all([
      (async () => {
        const start = performance.now();
        await staff.get('/api/health');
        return performance.now() - start;
      })(),
      staff.get(`/api/assessments/${assessmentId}/dashboard`),
    ]);
    console.log(`GET /api/health beside a dashboard read: ${health.toFixed(0)} ms`);

    // Where a dashboard read spends its time, in this process (each part blocks the event loop while it runs).
    const step = async <T>(label: string, work: () => T | Promise<T>): Promise<T> => {
      const start = performance.now();
      const out = await work();
      console.log(`  ${label.padEnd(32)} ${(performance.now() - start).toFixed(0).padStart(5)} ms`);
      return out;
    };
    const read = await step('store: assessment', () => store.getAssessment(orgId, assessmentId));
    const invites = await step('store: invites', () => store.listInvites(orgId, assessmentId));
    const attempts = await step('store: attempts', () => store.listAttempts(orgId, assessmentId));
    const scores = await step('store: submit scores', () => store.listSubmitScores(orgId, assessmentId));
    const reviews = await step('store: reviews', () => store.listCandidateReviews(orgId, assessmentId));
    const view = await step('buildDashboard', () =>
      buildDashboard({ assessment: read!, invites, attempts: new Map(attempts.map((a) => [a.id, a])), scores, reviews, masks: masksOf(read!, invites, reviews), now: new Date() }),
    );
    await step('response schema parse', () => dashboardSchema.parse(view));
    await step('JSON.stringify', () => JSON.stringify(view).length);
    await step('dashboardCsv', () => dashboardCsv(view).length);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
