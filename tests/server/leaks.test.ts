/**
 * Invariant 5, as a crawler: a candidate does a whole attempt over HTTP and
 * socket.io while every response body, socket event and acknowledgement is
 * recorded. Nothing recorded may hold a hidden test's input or answer, a
 * per-test line of a hidden run, operator text, or anything of another
 * attempt. Then the same for an assessment whose results visibility is
 * `none`, where a judged submit shows the candidate `{}`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChallenge, type Challenge } from '../../server/src/challenges/index.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, connected, demoInvite, emitWithAck, newId, startTestServer, waitForResult, type ApiResponse, type TestServer } from '../support/server.ts';

type Visibility = 'none' | 'aggregate' | 'samples';

/** One thing the candidate's browser received. */
interface Received {
  where: string;
  /** False for HTTP refusals and refused acks, which carry an `error`. */
  ok: boolean;
  value: unknown;
}

class RecordingClient extends ApiClient {
  readonly received: Received[] = [];
  /** Every text this candidate sent: theirs to see again. */
  readonly sent: string[] = [];

  override async request<T = any>(method: string, urlPath: string, options: Parameters<ApiClient['request']>[2] = {}): Promise<ApiResponse<T>> {
    if (options.body !== undefined) this.sent.push(JSON.stringify(options.body));
    const response = await super.request<T>(method, urlPath, options);
    this.received.push({ where: `${method} ${urlPath} → ${response.status}`, ok: response.status < 300, value: response.body });
    return response;
  }
}

interface AssessmentChallenge {
  versionId: string;
  slug: string;
  /** Loaded from challenges/<slug>/ on disk: the hidden tests are what the crawler looks for. */
  pkg: Challenge;
}

interface Crawl {
  client: RecordingClient;
  runs: { id: string; kind: 'samples' | 'custom' | 'submit'; slug: string; expect?: 'accepted' | 'wrong' }[];
  results: Map<string, any>;
}

let server: TestServer;
let staff: ApiClient;
let assessmentId: string;
let challenges: AssessmentChallenge[];
/** Another candidate of the same assessment: none of this may reach the crawler. */
const other = { marker: `other-attempt-${newId()}`, ids: [] as string[], attemptId: '' };

const solutionsDir = (slug: string) => path.join(REPO_ROOT, 'challenges', slug, 'solutions');
const solution = async (slug: string, name: 'accepted' | 'wrong') => {
  const dir = solutionsDir(slug);
  if (existsSync(path.join(dir, `${name}.py`))) return { language: 'python' as const, source: await readFile(path.join(dir, `${name}.py`), 'utf8') };
  return { language: 'cpp' as const, source: await readFile(path.join(dir, `${name}.cpp`), 'utf8') };
};

beforeAll(async () => {
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
  ({ assessmentId } = await demoInvite(staff, 'unused'));
  const assessment = (await staff.get(`/api/assessments/${assessmentId}`)).body;
  const slugs = new Map<string, string>((await staff.get('/api/challenges')).body.challenges.map((c: { id: string; slug: string }) => [c.id, c.slug]));
  challenges = await Promise.all(
    assessment.challenges.map(async (c: { challengeId: string; challengeVersionId: string }) => {
      const slug = slugs.get(c.challengeId)!;
      return { versionId: c.challengeVersionId, slug, pkg: await loadChallenge(path.join(REPO_ROOT, 'challenges', slug)) };
    }),
  );
  expect(challenges.map((c) => c.slug)).toEqual(['log-aggregation', 'meeting-rooms', 'team-pairing']);
}, 120_000);
afterAll(async () => server?.stop());

// What may not leak ---------------------------------------------------------------

/**
 * Distinctive pieces of hidden tests: single lines of at least 12 characters,
 * or runs of consecutive lines that reach 12, from spread-out places in every
 * input and answer, plus small tests whole. A piece that also occurs in a
 * sample, a statement, a starter or in what the candidate sent is not secret.
 */
function hiddenFragments(pkg: Challenge, known: string[]): string[] {
  const open = [...Object.values(pkg.statements), ...Object.values(pkg.starters).filter((s): s is string => typeof s === 'string'), ...pkg.samples.flatMap((s) => [s.input.toString('utf8'), s.answer.toString('utf8')]), ...known];
  // What the candidate sent is kept as JSON: look for the escaped form there too.
  const secret = (piece: string) => piece.trim().length >= 12 && !open.some((text) => text.includes(piece) || text.includes(JSON.stringify(piece).slice(1, -1)));
  const found = new Set<string>();
  for (const test of pkg.groups.flatMap((g) => g.tests)) {
    for (const data of [test.input, test.answer]) {
      const text = data.toString('utf8');
      if (text.length <= 4096 && secret(text.trim())) found.add(text.trim());
      const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
      const starts = [...new Set([0, 1, 2, Math.floor(lines.length / 3), Math.floor(lines.length / 2), lines.length - 4, lines.length - 2].filter((i) => i >= 0 && i < lines.length))];
      for (const start of starts) {
        let piece = lines[start]!.trim();
        for (let end = start + 1; piece.length < 12 && end < lines.length; end++) piece = `${piece}\n${lines[end]}`;
        if (secret(piece)) found.add(piece);
      }
    }
  }
  return [...found];
}

/** The fragments that occur in the recorded JSON (where a newline is `\n` and a quote `\"`). */
function leaksIn(texts: string[], fragments: string[]): string[] {
  const all = texts.join('\u0000');
  return fragments.filter((fragment) => all.includes(JSON.stringify(fragment).slice(1, -1)) || all.includes(fragment));
}

const texts = (received: Received[]) => received.map((r) => JSON.stringify(r.value));

/** Every object in a value, with the objects above it. */
function eachObject(value: unknown, visit: (object: Record<string, unknown>, above: Record<string, unknown>[]) => void, above: Record<string, unknown>[] = []): void {
  if (Array.isArray(value)) value.forEach((item) => eachObject(item, visit, above));
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    visit(object, above);
    for (const child of Object.values(object)) eachObject(child, visit, [...above, object]);
  }
}

const SUBMISSION_KEYS = ['challengeVersionId', 'createdAt', 'finishedAt', 'id', 'kind', 'language', 'origin', 'queuePosition', 'result', 'status'];
const SUBMIT_RESULT_KEYS: Record<Visibility, string[]> = { none: [], aggregate: ['compileOutput', 'score', 'verdict'], samples: ['compileOutput', 'groups', 'score', 'verdict'] };
const PROGRESS_KEYS = ['kind', 'position', 'stage', 'submission', 'submissionId', 'total'];

/**
 * Structure, not text: a submit's result has only the aggregates the
 * visibility allows; per-test lines (verdict, time, memory) exist only under
 * sample and custom runs; no operator or staff-only field exists anywhere.
 * Returns how many judged submits it saw, so a caller can tell it looked.
 */
function checkShapes(received: Received[], visibility: Visibility): number {
  let judgedSubmits = 0;
  for (const { where, ok, value } of received) {
    eachObject(value, (object, above) => {
      const at = `${where}: ${JSON.stringify(object).slice(0, 200)}`;
      for (const key of ['systemError', 'tries', 'customInput', 'passwordHash', 'token']) expect(object, at).not.toHaveProperty(key);
      expect(ok && 'error' in object, `an error field in a success: ${at}`).toBe(false);
      if ('source' in object) expect(object, `source outside a draft: ${at}`).toHaveProperty('revision');
      if ('memoryKb' in object || 'timeMs' in object) {
        const owner = [...above].reverse().find((o) => typeof o.kind === 'string');
        // The challenge view's limits carry timeMs too, with no kind above them.
        if (owner || !('memoryMb' in object)) expect(owner?.kind, `per-test line outside a sample or custom run: ${at}`).toMatch(/^(samples|custom)$/);
      }
      if ('submissionId' in object && 'stage' in object) {
        // Which test and its verdict only for the candidate's own data (samples, custom input); hidden runs get a count.
        const allowed = object.kind === 'submit' ? [...PROGRESS_KEYS, 'finished'] : [...PROGRESS_KEYS, 'index', 'verdict'];
        for (const key of Object.keys(object)) expect(allowed, at).toContain(key);
      }
      if ('challengeVersionId' in object && 'status' in object && 'result' in object) {
        expect(Object.keys(object).sort(), at).toEqual(SUBMISSION_KEYS);
        const result = object.result as Record<string, unknown> | null;
        if (object.kind === 'submit' && result) {
          judgedSubmits++;
          expect(result, at).not.toHaveProperty('tests');
          expect(result, at).not.toHaveProperty('systemFailure');
          for (const key of Object.keys(result)) expect(SUBMIT_RESULT_KEYS[visibility], at).toContain(key);
          if (visibility === 'none') expect(result, at).toEqual({});
          else expect(Object.keys(result), at).toEqual(expect.arrayContaining(['verdict', 'score']));
        }
      }
    });
  }
  return judgedSubmits;
}

// The crawler -------------------------------------------------------------------

async function crawl(token: string, only: AssessmentChallenge[]): Promise<Crawl> {
  const client = new RecordingClient(server.url);
  await client.openInvite({ token });
  const socket = client.socket();
  socket.onAny((event: string, ...args: unknown[]) => client.received.push({ where: `socket ${event}`, ok: true, value: args }));
  await connected(socket);
  const ack = async (event: string, payload: unknown) => {
    client.sent.push(JSON.stringify(payload));
    const reply = await emitWithAck<{ ok: boolean }>(socket, event, payload);
    client.received.push({ where: `ack ${event}`, ok: reply.ok, value: reply });
    return reply;
  };

  const started = await client.post('/api/candidate/attempt/start');
  expect(started.status).toBe(200);
  expect(started.body.assessment.challenges.map((c: { challengeVersionId: string }) => c.challengeVersionId)).toEqual(challenges.map((c) => c.versionId));
  for (const { versionId } of challenges) expect((await client.get(`/api/candidate/challenges/${versionId}`)).status).toBe(200);

  const runs: Crawl['runs'] = [];
  const run = async (c: AssessmentChallenge, kind: Crawl['runs'][number]['kind'], which: 'accepted' | 'wrong', customInput?: string) => {
    const { language, source } = await solution(c.slug, which);
    const id = newId();
    const body = { id, challengeVersionId: c.versionId, kind, language, source, ...(customInput !== undefined ? { customInput } : {}) };
    const response = await client.post('/api/candidate/submissions', body);
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    runs.push({ id, kind, slug: c.slug, ...(kind === 'submit' ? { expect: which } : {}) });
  };
  for (const c of only) {
    const accepted = await solution(c.slug, 'accepted');
    const draft = { challengeVersionId: c.versionId, language: accepted.language, source: accepted.source };
    expect((await client.put('/api/candidate/drafts', { ...draft, revision: 1 })).status).toBe(200);
    expect(await ack('draft:save', { ...draft, revision: 2 })).toMatchObject({ ok: true });
    expect((await client.put('/api/candidate/drafts', { ...draft, revision: 2 })).status).toBe(409);
    await run(c, 'samples', 'accepted');
    await run(c, 'custom', 'accepted', c.pkg.samples[0]!.input.toString('utf8'));
    await run(c, 'submit', 'accepted');
    // A wrong submission where the package has one in Python (compiling C++ would cost seconds per crawl).
    if (existsSync(path.join(solutionsDir(c.slug), 'wrong.py'))) await run(c, 'submit', 'wrong');
  }

  const results = new Map<string, any>();
  for (const { id } of runs) results.set(id, await waitForResult(client, id, 90_000));
  expect((await client.get('/api/candidate/submissions')).body.submissions).toHaveLength(runs.length);
  expect((await client.get('/api/candidate/session')).status).toBe(200);
  expect(await ack('attempt:sync', {})).toEqual({ ok: true, value: { submissions: runs.length } });
  // The live `done` of each run, and the one the sync re-sent: the socket connected
  // before Start and must still have heard the live runs, not only the sync.
  const doneEvents = () => client.received.filter((r) => r.where === 'socket submission:progress' && (r.value as { stage: string }[])[0]?.stage === 'done').length;
  await expect.poll(doneEvents, { timeout: 10_000 }).toBeGreaterThanOrEqual(2 * runs.length);
  expect((await client.post('/api/candidate/attempt/finish')).body.status).toBe('finished');
  expect((await client.get('/api/candidate/submissions')).status).toBe(200);
  expect((await client.get('/api/candidate/session')).body.attempt.status).toBe('finished');
  socket.close();
  return { client, runs, results };
}

/** Every hidden fragment of the challenges, minus what this candidate sent. */
function allFragments(client: RecordingClient): Map<string, string[]> {
  return new Map(challenges.map((c) => [c.slug, hiddenFragments(c.pkg, client.sent)]));
}

function expectNoHiddenData(client: RecordingClient) {
  const recorded = texts(client.received);
  for (const [slug, fragments] of allFragments(client)) {
    expect(fragments.length, `${slug}: too few distinctive hidden fragments to look for`).toBeGreaterThan(20);
    expect(leaksIn(recorded, fragments), `${slug}: hidden test data reached the candidate`).toEqual([]);
  }
}

// The tests ---------------------------------------------------------------------

let first: Crawl;

describe('a candidate sees no hidden test, no hidden run and nothing of others (visibility "samples")', () => {
  it('another candidate of the same assessment has runs, drafts and output of their own', async () => {
    const { token } = await demoInvite(staff, `Other ${other.marker}`);
    const client = new ApiClient(server.url);
    await client.openInvite({ token });
    await client.post('/api/candidate/attempt/start');
    const [c] = challenges;
    const source = `import sys\nprint("${other.marker}-stdout")\nprint(sys.stdin.read())\n`;
    expect((await client.put('/api/candidate/drafts', { challengeVersionId: c!.versionId, language: 'python', source, revision: 1 })).status).toBe(200);
    for (const [kind, extra] of [
      ['custom', { customInput: `${other.marker}-input` }],
      ['samples', {}],
    ] as const) {
      const id = newId();
      other.ids.push(id);
      expect((await client.post('/api/candidate/submissions', { id, challengeVersionId: c!.versionId, kind, language: 'python', source, ...extra })).status).toBe(202);
    }
    const custom = await waitForResult(client, other.ids[0]!);
    expect(custom.result.tests[0].output.stdout).toContain(`${other.marker}-input`);
    expect((await waitForResult(client, other.ids[1]!)).result.verdict).toBe('wrong_answer');
    const attempts = (await staff.get(`/api/assessments/${assessmentId}/attempts`)).body.attempts;
    other.attemptId = attempts.find((a: { candidateName: string }) => a.candidateName === `Other ${other.marker}`).id;
    const detail = (await staff.get(`/api/attempts/${other.attemptId}`)).body;
    expect(detail.submissions.map((x: { source: string }) => x.source)).toEqual([source, source]);
  });

  it('the crawler does a full attempt: views, drafts, sample, custom and submitted runs, sync and finish', async () => {
    const { token } = await demoInvite(staff, 'Crawler Carla');
    first = await crawl(token, challenges);
    for (const run of first.runs) {
      const result = first.results.get(run.id);
      const c = challenges.find((x) => x.slug === run.slug)!;
      expect(result.status, JSON.stringify(result)).toBe('done');
      if (run.kind === 'samples') expect(result.result.tests.map((t: { id: string }) => t.id)).toEqual(c.pkg.samples.map((s) => s.id));
      if (run.kind === 'custom') expect(result.result.tests).toHaveLength(1);
      if (run.expect === 'accepted') expect(result.result).toMatchObject({ verdict: 'accepted', score: 100 });
      if (run.expect === 'wrong') {
        expect(result.result.verdict).not.toBe('accepted');
        expect(result.result.score).toBeLessThan(100);
      }
    }
    expect(first.client.received.length).toBeGreaterThan(50);
  });

  it('no hidden input or answer appears in any response, event or ack', () => {
    // The detector finds a hidden test when it is there, escaped as JSON.
    const [c] = challenges;
    const hidden = c!.pkg.groups[0]!.tests[0]!;
    const fragments = hiddenFragments(c!.pkg, []);
    expect(leaksIn([JSON.stringify({ input: hidden.input.toString('utf8') })], fragments).length).toBeGreaterThan(0);
    expectNoHiddenData(first.client);
  });

  it('no per-test line of a hidden run, no operator text, and nothing of the other attempt', () => {
    expect(checkShapes(first.client.received, 'samples')).toBeGreaterThanOrEqual(challenges.length * 2 * 2);
    const recorded = texts(first.client.received).join('\n');
    for (const secret of [other.marker, other.attemptId, ...other.ids]) expect(recorded).not.toContain(secret);
    const submitProgress = first.client.received.filter((r) => r.where === 'socket submission:progress').map((r) => (r.value as Record<string, unknown>[])[0]!).filter((e) => e.kind === 'submit' && e.stage === 'testing');
    expect(submitProgress.length).toBeGreaterThan(0);
    for (const event of submitProgress) expect(Object.keys(event).sort()).toEqual(['finished', 'kind', 'stage', 'submissionId', 'total']);
  });
});

describe('visibility "aggregate" and "none"', () => {
  /**
   * An assessment of the same pinned versions under one visibility, and a
   * candidate's link to it. A running assessment's visibility cannot change
   * (409 assessment_running), so each visibility gets an assessment of its own.
   */
  async function linkUnder(visibility: Visibility, name: string): Promise<{ assessmentId: string; token: string }> {
    const now = Date.now();
    const created = await staff.post('/api/assessments', {
      title: `Leaks under ${visibility}`,
      challengeVersionIds: challenges.map((c) => c.versionId),
      timeLimitMinutes: 600,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
      resultsVisibility: visibility,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const invite = await staff.post(`/api/assessments/${created.body.id}/invites`, { candidateName: name });
    expect(invite.status, JSON.stringify(invite.body)).toBe(201);
    return { assessmentId: created.body.id, token: invite.body.token };
  }

  it('a crawl under "aggregate": every judged submit shows its verdict and score and nothing else', async () => {
    const { assessmentId: aggregateId, token } = await linkUnder('aggregate', 'Aggregate Amir');
    const crawled = await crawl(token, [challenges[0]!]);
    expect((await crawled.client.get('/api/candidate/session')).body.attempt.assessment.resultsVisibility).toBe('aggregate');
    const attempts = (await staff.get(`/api/assessments/${aggregateId}/attempts`)).body.attempts;
    const detail = await staff.get(`/api/attempts/${attempts[0].id}`);
    const staffScore = new Map((detail.body.submissions as { id: string; result: { score: number } }[]).map((x) => [x.id, x.result.score]));
    const submits = crawled.runs.filter((run) => run.kind === 'submit');
    expect(submits.length).toBe(2);
    for (const run of submits) {
      expect(crawled.results.get(run.id).result).toEqual({ verdict: run.expect === 'accepted' ? 'accepted' : 'wrong_answer', score: staffScore.get(run.id) });
    }
    expect(checkShapes(crawled.client.received, 'aggregate')).toBeGreaterThanOrEqual(2);
    expectNoHiddenData(crawled.client);
  });

  it('a crawl under "none": every judged submit is `{}` everywhere; samples and custom runs still show their lines', async () => {
    const { assessmentId: noneId, token } = await linkUnder('none', 'Crawler Nour');
    const crawled = await crawl(token, [challenges[0]!]);
    for (const run of crawled.runs) {
      const result = crawled.results.get(run.id);
      expect(result.status).toBe('done');
      if (run.kind === 'submit') expect(result.result).toEqual({});
      else expect(result.result.tests.length).toBeGreaterThan(0);
    }
    expect(checkShapes(crawled.client.received, 'none')).toBeGreaterThanOrEqual(2 * 2);
    expectNoHiddenData(crawled.client);
    const recorded = texts(crawled.client.received).join('\n');
    for (const secret of [other.marker, other.attemptId, ...other.ids]) expect(recorded).not.toContain(secret);
    // Staff still see everything the judge recorded.
    const attempts = (await staff.get(`/api/assessments/${noneId}/attempts`)).body.attempts;
    const mine = attempts.find((a: { candidateName: string }) => a.candidateName === 'Crawler Nour');
    const detail = await staff.get(`/api/attempts/${mine.id}`);
    const submits = detail.body.submissions.filter((s: { kind: string }) => s.kind === 'submit');
    expect(submits.map((s: { result: { verdict: string } }) => s.result.verdict).sort()).toEqual(['accepted', 'wrong_answer']);
    expect(submits[0].result.tests.length).toBe(challenges[0]!.pkg.groups.flatMap((g) => g.tests).length);
  });
});
