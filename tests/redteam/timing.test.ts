/**
 * Catalogue item 31: timing hidden tests one by one. The attacker's program
 * sleeps 50 ms × the first number of its input and prints nothing useful; the
 * assessment shows candidates nothing of hidden runs (`resultsVisibility:
 * none`). If hidden-test progress reached the candidate as it happened, the
 * gaps between `submission:progress` events would spell out the hidden inputs.
 *
 * The hidden inputs' first numbers are 6 × 50 ms apart or more, so an attacker
 * who reads each within ±3 units (±150 ms: docker exec's overhead varies that
 * much on a busy 2-core machine) knows every one of them.
 *
 * The decoder below is the attacker's, written once and run on two streams:
 * - the judge's own raw event stream (captured by calling the judge directly
 *   on the same package): there the values MUST come out, which proves the
 *   decoder and the program work;
 * - what the candidate's socket hears through the real server: there they
 *   must not.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeEvent } from '../../server/src/contracts/index.ts';
import { expectDockerClean, judgeSource, REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, connected, newId, packageTarGz, startTestServer, waitForResult, type TestServer } from '../support/server.ts';

const PACKAGE = 'tests/fixtures/packages/timing';
const UNIT_MS = 50;
/** The attacker: sleep in proportion to the hidden input, answer nonsense. */
const ATTACK = `import sys, time
first = sys.stdin.readline().split()
time.sleep(${UNIT_MS / 1000} * (int(first[0]) if first else 0))
print("nothing to see")
`;
/** One box: tests run one after another, the attacker's easiest case. */
const BOXES = '1';
/** The attacker repeats the run and takes each value's median: one slow `docker exec` on a busy machine then changes nothing. */
const ROUNDS = 5;

/** When the counter a candidate sees (test k started, or k tests finished) moved. */
interface Tick {
  at: number;
  counter: number;
}

/**
 * The attacker's decoder: the time between two moves of the progress counter
 * is one test's run, `UNIT_MS × value + overhead`; the overhead comes from a
 * run on the samples, whose inputs the candidate knows (the first test in a
 * fresh box costs more than the later ones, so it has its own). The last test
 * is left out: nothing follows it but the verdict, which also waits for clean-up.
 */
function decode(ticks: Tick[], overhead: Overhead): number[] {
  const moves = ticks.filter((tick, i) => i === 0 || tick.counter > ticks[i - 1]!.counter);
  return moves.slice(1).map((tick, i) => Math.round((tick.at - moves[i]!.at - (i === 0 ? overhead.first : overhead.later)) / UNIT_MS));
}

interface Overhead {
  first: number;
  later: number;
}

/**
 * Overhead of a test beyond its sleep, from sample runs, whose start and end
 * a candidate sees: for the first test of a box, and for the others; the
 * median over every sample run made, so one slow `docker exec` changes nothing.
 */
function overheadOf(runs: { started: number; ended: number }[][], values: number[]): Overhead {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const of = (run: { started: number; ended: number }[]) => run.map((s, i) => s.ended - s.started - UNIT_MS * values[i]!);
  return { first: median(runs.map((run) => of(run)[0]!)), later: median(runs.flatMap((run) => of(run).slice(1))) };
}

/**
 * Each value's median over several runs, from the runs that decoded as many
 * values as the attacker expects (`total` − 1; a run that decoded another
 * number of them is noise to the attacker).
 */
function medianDecode(runs: number[][], expected: number): number[] {
  const usable = runs.filter((run) => run.length === expected);
  if (usable.length === 0) return [];
  return Array.from({ length: expected }, (_, i) => {
    const values = usable.map((run) => run[i]!).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  });
}

/** The attack worked when every decoded value is within 3 units of the hidden one (nearer than any other hidden value). */
function attackWorked(decoded: number[], hidden: number[]): boolean {
  return decoded.length === hidden.length && decoded.every((value, i) => Math.abs(value - hidden[i]!) <= 3);
}

/** The first numbers of a test folder's inputs, in judging order. */
async function firstNumbers(folder: 'hidden' | 'sample'): Promise<number[]> {
  const dir = path.join(REPO_ROOT, PACKAGE, 'tests', folder);
  const inputs = (await readdir(dir)).filter((f) => f.endsWith('.in')).sort();
  return Promise.all(inputs.map(async (f) => Number((await readFile(path.join(dir, f), 'utf8')).split(/\s+/)[0])));
}

let server: TestServer;
let staff: ApiClient;
let hidden: number[];
let sampleValues: number[];

beforeAll(async () => {
  hidden = await firstNumbers('hidden');
  sampleValues = await firstNumbers('sample');
  const sorted = [...hidden].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(3);
  server = await startTestServer({ KODBRO_BOXES_PER_SUBMISSION: BOXES, KODBRO_WORKERS: '1', KODBRO_RUNS_PER_MINUTE: '20' });
  staff = new ApiClient(server.url);
  await staff.login();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await expectDockerClean();
});

describe('31. timing hidden tests one by one', () => {
  it('control: on the judge’s own raw event stream the decoder reads the hidden values', async () => {
    const raw = (testSet: 'hidden' | 'samples') => {
      const events: { at: number; event: JudgeEvent }[] = [];
      return {
        events,
        run: () => judgeSource(PACKAGE, 'python', ATTACK, { testSet, limits: { boxesPerSubmission: Number(BOXES) }, onEvent: (event) => events.push({ at: performance.now(), event }) }),
      };
    };
    const calibration: { started: number; ended: number }[][] = [];
    const hiddenTicks: Tick[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const samples = raw('samples');
      await samples.run();
      const at = (type: string, index: number) => samples.events.find((e) => e.event.type === type && 'index' in e.event && e.event.index === index)!.at;
      calibration.push(sampleValues.map((_, i) => ({ started: at('testing', i + 1), ended: at('test_done', i + 1) })));

      const judged = raw('hidden');
      expect((await judged.run()).verdict).toBe('wrong_answer');
      hiddenTicks.push(judged.events.flatMap(({ at, event }) => (event.type === 'testing' ? [{ at, counter: event.index }] : [])));
    }
    const overhead = overheadOf(calibration, sampleValues);
    const decodes = hiddenTicks.map((ticks) => decode(ticks, overhead));
    const decoded = medianDecode(decodes, hidden.length - 1);
    expect(attackWorked(decoded, hidden.slice(0, -1)), `decoded ${JSON.stringify(decodes)} with overhead ${JSON.stringify(overhead)}, hidden ${JSON.stringify(hidden)}`).toBe(true);
  });

  it('the candidate’s socket hears hidden progress only as a count on a fixed tick: the values do not come out', async () => {
    const published = await staff.request('POST', '/api/challenges', { rawBody: await packageTarGz(path.join(REPO_ROOT, PACKAGE)), contentType: 'application/gzip' });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const window = { opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString() };
    const assessment = await staff.post('/api/assessments', { title: 'Timing', timeLimitMinutes: 30, ...window, resultsVisibility: 'none', challengeIds: [published.body.challenge.id] });
    expect(assessment.status).toBe(201);
    const invite = await staff.post(`/api/assessments/${assessment.body.id}/invites`, { candidateName: 'rt31' });
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.body.token });
    const versionId = (await candidate.post('/api/candidate/attempt/start')).body.assessment.challenges[0].challengeVersionId as string;

    const socket: Socket = candidate.socket();
    const heard: { at: number; payload: Record<string, unknown> }[] = [];
    socket.on('submission:progress', (payload: Record<string, unknown>) => heard.push({ at: performance.now(), payload }));
    await connected(socket);
    try {
      const run = async (kind: 'samples' | 'submit') => {
        const id = newId();
        const response = await candidate.post('/api/candidate/submissions', { id, challengeVersionId: versionId, kind, language: 'python', source: ATTACK });
        expect(response.status).toBe(202);
        const final = await waitForResult(candidate, id, 120_000);
        await expect.poll(() => heard.some((h) => h.payload.submissionId === id && h.payload.stage === 'done'), { timeout: 10_000 }).toBe(true);
        return { id, final, events: heard.filter((h) => h.payload.submissionId === id) };
      };

      const counter = (payload: Record<string, unknown>) => (typeof payload.index === 'number' ? payload.index : typeof payload.finished === 'number' ? payload.finished : undefined);
      const calibration: { started: number; ended: number }[][] = [];
      const hiddenTicks: Tick[][] = [];
      const submits: Awaited<ReturnType<typeof run>>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Calibration on the candidate's own data, exactly as an attacker would: samples stay live.
        const samples = await run('samples');
        const at = (index: number, done: boolean) => samples.events.find((h) => h.payload.stage === 'testing' && h.payload.index === index && (h.payload.verdict !== undefined) === done)!.at;
        calibration.push(sampleValues.map((_, i) => ({ started: at(i + 1, false), ended: at(i + 1, true) })));

        const submit = await run('submit');
        expect(submit.final.result).toEqual({});
        hiddenTicks.push(submit.events.flatMap(({ at, payload }) => (payload.stage === 'testing' && counter(payload) !== undefined ? [{ at, counter: counter(payload)! }] : [])));
        submits.push(submit);
      }
      const overhead = overheadOf(calibration, sampleValues);
      const decodes = hiddenTicks.map((ticks) => decode(ticks, overhead));
      const decoded = medianDecode(decodes, hidden.length - 1);
      expect(attackWorked(decoded, hidden.slice(0, -1)), `decoded ${JSON.stringify(decodes)} with overhead ${JSON.stringify(overhead)}, hidden ${JSON.stringify(hidden)}`).toBe(false);

      // No test is ever named by its position, and every time a candidate sees is on the tick.
      for (const submit of submits) {
        for (const { payload } of submit.events) expect(payload).not.toHaveProperty('index');
        for (const time of [submit.final.createdAt, submit.final.finishedAt]) expect(Date.parse(time) % 1000).toBe(0);
      }
    } finally {
      socket.close();
    }
  });
});
