import { describe, expect, it } from 'vitest';
import { asOrgId, type Assessment, type Attempt, type AttemptId, type CandidateReview, type Invite, type SubmitScore } from '../store/index.ts';
import { masksOf } from './masks.ts';
import { buildDashboard, dashboardStatus } from './dashboard.ts';
import { dashboardCsv } from './dashboard-csv.ts';

const orgId = asOrgId('00000000-0000-4000-8000-000000000000');
const T0 = new Date('2026-03-02T09:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const V1 = '11111111-1111-4111-8111-111111111111';
const V2 = '22222222-2222-4222-8222-222222222222';

const assessment: Assessment = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  orgId,
  title: 'Backend',
  challenges: [
    { position: 0, challengeId: 'c1', challengeVersionId: V1, version: 1, title: 'Sum', meta: { statementLanguages: ['en', 'sv'] } },
    { position: 1, challengeId: 'c2', challengeVersionId: V2, version: 1, title: 'Paths', meta: { statementLanguages: ['en'] } },
  ],
  timeLimitMinutes: 60,
  opensAt: minutes(-60),
  closesAt: minutes(24 * 60),
  resultsVisibility: 'aggregate',
  interfaceLanguages: ['en', 'sv'],
  secondLanguagePercent: 25,
  anonymousReview: false,
  hasAttempts: true,
  createdAt: minutes(-120),
};

let n = 0;
function invite(over: Partial<Invite> = {}): Invite {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    orgId,
    assessmentId: assessment.id,
    shortCode: 'ABCDEFGH',
    candidateName: `Person ${n}`,
    contact: `p${n}@example.org`,
    preferredLanguage: null,
    extraMinutes: 0,
    expiresAt: null,
    linkAvailable: true,
    createdAt: minutes(-100 + n),
    revokedAt: null,
    attemptId: null,
    ...over,
  };
}
const attempt = (id: string, inviteId: string, over: Partial<Attempt> = {}): Attempt => ({
  id: id as AttemptId,
  orgId,
  inviteId,
  assessmentId: assessment.id,
  startedAt: minutes(0),
  deadlineAt: minutes(60),
  finishedAt: null,
  ...over,
});
const submit = (attemptId: string, challengeVersionId: string, score: number | undefined, language: SubmitScore['language'] = 'python'): SubmitScore => ({
  attemptId: attemptId as AttemptId,
  challengeVersionId,
  language,
  score,
});

describe('dashboardStatus', () => {
  const now = minutes(30);
  it('says invited, expired or revoked before a start, started or finished after', () => {
    expect(dashboardStatus({ revokedAt: null, expiresAt: null }, undefined, assessment.closesAt, now)).toBe('invited');
    expect(dashboardStatus({ revokedAt: null, expiresAt: minutes(10) }, undefined, assessment.closesAt, now)).toBe('expired');
    expect(dashboardStatus({ revokedAt: null, expiresAt: null }, undefined, minutes(20), now)).toBe('expired');
    expect(dashboardStatus({ revokedAt: minutes(5), expiresAt: null }, undefined, assessment.closesAt, now)).toBe('revoked');
    expect(dashboardStatus({ revokedAt: null, expiresAt: null }, { finishedAt: null, deadlineAt: minutes(60) }, assessment.closesAt, now)).toBe('started');
    expect(dashboardStatus({ revokedAt: null, expiresAt: null }, { finishedAt: minutes(20), deadlineAt: minutes(60) }, assessment.closesAt, now)).toBe('finished');
    expect(dashboardStatus({ revokedAt: null, expiresAt: null }, { finishedAt: null, deadlineAt: minutes(29) }, assessment.closesAt, now)).toBe('finished');
    // A revoked invite whose candidate had started keeps the attempt's status.
    expect(dashboardStatus({ revokedAt: minutes(5), expiresAt: null }, { finishedAt: minutes(20), deadlineAt: minutes(60) }, assessment.closesAt, now)).toBe('finished');
  });
});

describe('buildDashboard', () => {
  const waiting = invite({ preferredLanguage: 'ar', extraMinutes: 15 });
  const working = invite({ attemptId: 'b0000000-0000-4000-8000-000000000001' as AttemptId });
  const done = invite({ attemptId: 'b0000000-0000-4000-8000-000000000002' as AttemptId, extraMinutes: 30 });
  const invites = [waiting, working, done];
  const attempts = new Map([
    [working.attemptId!, attempt(working.attemptId!, working.id)],
    [done.attemptId!, attempt(done.attemptId!, done.id, { deadlineAt: minutes(90), finishedAt: minutes(45) })],
  ]);
  const scores = [
    submit(done.attemptId!, V1, 40),
    submit(done.attemptId!, V1, 100),
    submit(done.attemptId!, V1, 10),
    submit(done.attemptId!, V2, 70, 'java'),
    submit(working.attemptId!, V2, undefined),
  ];
  const input = (over: Partial<Assessment> = {}, reviews = new Map<string, CandidateReview>()) => {
    const a = { ...assessment, ...over };
    return { assessment: a, invites, attempts, scores, reviews, masks: masksOf(a, invites, reviews), now: minutes(30) };
  };

  it('gives one row per invite with statuses, per-task best scores, totals with their maximum, time and languages', () => {
    const view = buildDashboard(input());
    expect(view.maxTotal).toBe(200);
    expect(view.challenges).toEqual([
      { challengeVersionId: V1, title: 'Sum', max: 100 },
      { challengeVersionId: V2, title: 'Paths', max: 100 },
    ]);
    const [a, b, c] = view.rows;
    expect(a).toMatchObject({ status: 'invited', attemptId: null, total: 0, maxTotal: 200, secondsUsed: null, candidateName: 'Person 1', candidateNumber: 1 });
    expect(a!.scores.map((s) => s.score)).toEqual([null, null]);
    // Arabic reads no task in its first language: 60 + 25 % = 75, plus 15 minutes of its own.
    expect(a!.minutesAllowed).toBe(90);
    expect(b).toMatchObject({ status: 'started', total: 0, secondsUsed: 30 * 60, minutesAllowed: 60, languages: ['python'] });
    expect(c).toMatchObject({ status: 'finished', total: 170, secondsUsed: 45 * 60, minutesAllowed: 90, extraMinutes: 30, languages: ['python', 'java'] });
    expect(c!.scores).toEqual([
      { challengeVersionId: V1, score: 100, max: 100 },
      { challengeVersionId: V2, score: 70, max: 100 },
    ]);
  });

  it('hides names and contacts in anonymous review until revealed, and says who revealed', () => {
    const hiddenView = buildDashboard(input({ anonymousReview: true }));
    expect(hiddenView.rows.map((r) => [r.candidateName, r.contact, r.hidden])).toEqual([
      ['Candidate 1', null, true],
      ['Candidate 2', null, true],
      ['Candidate 3', null, true],
    ]);
    expect(JSON.stringify(hiddenView)).not.toMatch(/Person|example\.org/);
    const revealed: CandidateReview = { inviteId: done.id, note: '', rating: null, shortlisted: false, updatedByName: null, updatedAt: null, revealedByName: 'Rana', revealedAt: minutes(50) };
    const view = buildDashboard(input({ anonymousReview: true }, new Map([[done.id, revealed]])));
    expect(view.rows[2]).toMatchObject({ candidateName: 'Person 3', contact: 'p3@example.org', hidden: false, revealedBy: 'Rana', revealedAt: minutes(50).toISOString() });
    expect(view.rows[1]).toMatchObject({ candidateName: 'Candidate 2', hidden: true });
  });

  it('exports the rows as CSV with the maximum in the headings and names neutralised', () => {
    const named = [invite({ candidateName: '=HYPERLINK("http://x.example","x")', contact: '+46 70 123' })];
    const view = buildDashboard({ ...input(), invites: named, masks: masksOf(assessment, named, new Map()) });
    const lines = dashboardCsv(view).split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFCandidate number,Name,Contact,Status,Sum \(of 100\),Paths \(of 100\),Total,Maximum,/);
    expect(lines[1]).toMatch(/^1,"'=HYPERLINK\(""http:\/\/x\.example"",""x""\)",'\+46 70 123,invited,,,0,200,/);
  });
});
