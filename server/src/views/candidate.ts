import { isInteractive, resolveLimits, testDataHead, type StoredChallenge, type TestData } from '../challenges/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import { formatValue, parseJson } from '../signatures/index.ts';
import { z } from 'zod';
import {
  judgeResultSchema,
  languageIdSchema,
  MAX_SHOWN_OUTPUT_BYTES,
  SCORING_RULE,
  type LanguageId,
  type CandidateAttempt,
  type CandidateChallenge,
  type CandidateResult,
  type CandidateSubmission,
  type DraftView,
  type JudgeResult,
} from '../contracts/index.ts';
import { statementLanguagesOf, timeAllowedMinutes, type Assessment, type Attempt, type Draft, type Invite, type ResultsVisibility, type Submission } from '../store/index.ts';

/**
 * What a candidate may see, built in one place (invariant 5). Hidden tests
 * reach a candidate only as aggregates: the verdict, the score and passed
 * counts per group, as far as the assessment's visibility allows. Per-test
 * lines, with times and output, are for samples and custom input — data the
 * candidate already has. Operator text (system errors) never appears.
 */
export function toCandidateResult(
  submission: Pick<Submission, 'kind' | 'status' | 'result'>,
  visibility: ResultsVisibility,
  challenge: Pick<StoredChallenge, 'samples' | 'checker'> | undefined,
): CandidateResult | null {
  if (submission.status === 'failed') return { systemFailure: true };
  if (submission.status !== 'done') return null;
  // A stored result that is not a judged result (none has system_error) is shown as ours to fix, never as theirs.
  const parsed = judgeResultSchema.safeParse(submission.result);
  if (!parsed.success) return { systemFailure: true };
  const result = parsed.data;
  if (submission.kind === 'submit') return hiddenAggregate(result, visibility);
  return ownRun(submission.kind, result, challenge);
}

function hiddenAggregate(result: JudgeResult, visibility: ResultsVisibility): CandidateResult {
  if (visibility === 'none') return {};
  const aggregate: CandidateResult = { verdict: result.verdict, score: result.score };
  if (result.compileOutput !== undefined) aggregate.compileOutput = result.compileOutput;
  if (visibility === 'samples') {
    aggregate.groups = result.groups.map((group) => {
      const tests = result.tests.filter((test) => test.group === group.id);
      return { id: group.id, points: group.points, earned: group.earned, passed: tests.filter((t) => t.verdict === 'accepted').length, total: tests.length };
    });
  }
  return aggregate;
}

function ownRun(kind: 'samples' | 'custom', result: JudgeResult, challenge: Pick<StoredChallenge, 'samples' | 'checker' | 'signature'> | undefined): CandidateResult {
  const samples = new Map((challenge?.samples ?? []).map((sample) => [sample.id, sample]));
  // An interactive sample's input is the interactor's, never the program's: the expected exchange stands for both.
  const interactive = challenge !== undefined && isInteractive(challenge);
  const sampleView = (sample: StoredChallenge['samples'][number]) =>
    interactive
      ? sample.interaction
        ? { expected: shown(sample.interaction) }
        : {}
      : challenge?.signature
        ? { input: shownValue(sample.input), expected: shownValue(sample.answer) }
        : { input: shown(sample.input), expected: shown(sample.answer) };
  const view: CandidateResult = {
    verdict: result.verdict,
    tests: result.tests.map((test) => {
      const sample = kind === 'samples' ? samples.get(test.id) : undefined;
      return {
        id: test.id,
        verdict: test.verdict,
        timeMs: test.timeMs,
        memoryKb: test.memoryKb,
        ...(sample ? sampleView(sample) : {}),
        ...(test.output ? { output: test.output } : {}),
      };
    }),
  };
  if (result.compileOutput !== undefined) view.compileOutput = result.compileOutput;
  return view;
}

/** A sample's data as a candidate sees it: its first bytes (the catalog keeps those in memory; the rest stays on disk). */
const shown = (data: TestData) => testDataHead(data).subarray(0, MAX_SHOWN_OUTPUT_BYTES).toString('utf8');

/**
 * A signature sample's arguments or expected value, formatted as the judge
 * formats a returned value, so the page's line diff lines them up; a sample
 * too long to show whole stays as its first bytes.
 */
function shownValue(data: TestData): string {
  const text = shown(data);
  const parsed = parseJson(text);
  return parsed.ok ? formatValue(parsed.value) : text;
}

/** The clock a view is built at, and the tick candidates' times are rounded to. */
export interface ViewTime {
  now: Date;
  tickMs: number;
}

/**
 * A submission as its candidate may see it. Times are on the tick
 * (docs/security.md, "Timing"): created rounded down, finished rounded up.
 * A hidden run that ended after the last tick still shows as running, so a
 * candidate who polls fast learns its end only to the tick, like the socket.
 */
export function toCandidateSubmission(
  submission: Submission,
  visibility: ResultsVisibility,
  challenge: Pick<StoredChallenge, 'samples' | 'checker'> | undefined,
  queuePosition: number | undefined,
  time: ViewTime,
): CandidateSubmission {
  const finishedAt = submission.finishedAt && roundUp(submission.finishedAt, time.tickMs);
  const untold = submission.kind === 'submit' && finishedAt !== null && finishedAt.getTime() > time.now.getTime();
  return {
    id: submission.id,
    challengeVersionId: submission.challengeVersionId,
    kind: submission.kind,
    origin: submission.origin,
    language: submission.language,
    status: untold ? 'running' : submission.status,
    queuePosition: submission.status === 'queued' ? (queuePosition ?? null) : null,
    createdAt: roundDown(submission.createdAt, time.tickMs).toISOString(),
    finishedAt: untold ? null : (finishedAt?.toISOString() ?? null),
    result: untold ? null : toCandidateResult(submission, visibility, challenge),
  };
}

const roundDown = (at: Date, tickMs: number) => new Date(Math.floor(at.getTime() / tickMs) * tickMs);
const roundUp = (at: Date, tickMs: number) => new Date(Math.ceil(at.getTime() / tickMs) * tickMs);

/** The statement, starters and samples; never a hidden test or a checker. */
export function toCandidateChallenge(challengeVersionId: string, challenge: StoredChallenge, caps: JudgeLimits): CandidateChallenge {
  const limits = resolveLimits(challenge.limits, { timeFactor: 1 }, caps);
  const interactive = isInteractive(challenge);
  return {
    challengeVersionId,
    title: challenge.title,
    statements: challenge.statementDocs,
    languages: challenge.languages,
    starters: Object.fromEntries(Object.entries(challenge.starters).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    interactive,
    // An interactive sample is its exchange: its input and answer files are the interactor's (the secret of a game, say).
    samples: challenge.samples.map((sample) =>
      interactive
        ? { id: sample.id, input: '', answer: '', ...(sample.interaction ? { interaction: shown(sample.interaction) } : {}) }
        : challenge.signature
          ? { id: sample.id, input: shownValue(sample.input), answer: shownValue(sample.answer) }
          : { id: sample.id, input: shown(sample.input), answer: shown(sample.answer) },
    ),
    ...(challenge.signature ? { signature: challenge.signature } : {}),
    limits: { timeMs: limits.timeMs, memoryMb: limits.memoryMb },
    explain: challenge.explain ?? {},
  };
}

export function toDraftView(draft: Draft): DraftView {
  return {
    challengeVersionId: draft.challengeVersionId,
    language: draft.language,
    source: draft.source,
    revision: draft.revision,
    updatedAt: draft.updatedAt.toISOString(),
  };
}

/** Finished once finished by hand or once the server's clock passed the deadline. */
export function attemptStatus(attempt: Pick<Attempt, 'finishedAt' | 'deadlineAt'> | undefined, now: Date): 'not_started' | 'in_progress' | 'finished' {
  if (!attempt) return 'not_started';
  return attempt.finishedAt || attempt.deadlineAt.getTime() <= now.getTime() ? 'finished' : 'in_progress';
}

/** What a task's listing JSON says of its titles and languages; what it does not say is empty (versions stored without it). */
const listingSchema = z.object({
  title: z.record(z.string(), z.string()).catch({}),
  languages: z.array(languageIdSchema).catch([]),
});
function titlesAndLanguages(meta: unknown): { titles: Record<string, string>; languages: LanguageId[] } {
  const parsed = listingSchema.safeParse(meta);
  return parsed.success ? { titles: parsed.data.title, languages: parsed.data.languages } : { titles: {}, languages: [] };
}

export function toCandidateAttempt(invite: Invite, assessment: Assessment, attempt: Attempt | undefined, drafts: Draft[], now: Date): CandidateAttempt {
  return {
    assessment: {
      title: assessment.title,
      // This candidate's time, extra time included: what the deadline at start will give (store/time-allowed.ts).
      timeLimitMinutes: timeAllowedMinutes(
        assessment,
        { firstLanguage: invite.preferredLanguage, extraMinutes: invite.extraMinutes },
        assessment.challenges.map((c) => statementLanguagesOf(c.meta)),
      ),
      // An extended invite may be started until its own end.
      closesAt: (invite.expiresAt ?? assessment.closesAt).toISOString(),
      resultsVisibility: assessment.resultsVisibility,
      interfaceLanguages: assessment.interfaceLanguages,
      scoring: SCORING_RULE,
      challenges: assessment.challenges.map((c) => ({ position: c.position, challengeVersionId: c.challengeVersionId, title: c.title, ...titlesAndLanguages(c.meta) })),
    },
    candidateName: invite.candidateName,
    status: attemptStatus(attempt, now),
    startedAt: attempt?.startedAt.toISOString() ?? null,
    deadlineAt: attempt?.deadlineAt.toISOString() ?? null,
    finishedAt: attempt?.finishedAt?.toISOString() ?? null,
    serverNow: now.toISOString(),
    drafts: drafts.map(toDraftView),
  };
}
