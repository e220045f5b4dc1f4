import type { Catalog } from '../catalog/index.ts';
import { lintChallenge } from '../challenges/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import { challengeDraftSchema, type ChallengeDraft, type DraftValidation } from '../contracts/index.ts';
import { isKodbroError } from '../errors.ts';
import { checkSolutions, type JudgeDeps } from '../judge/index.ts';

/** A validation as stored: `stale` is worked out when it is read. */
export type StoredValidation = Omit<DraftValidation, 'stale'>;

/** What a validation job judges: the draft as it was at the revision validated. */
export interface ValidationWork {
  slug: string;
  revision: number;
  document: unknown;
  startedAt: string;
}

type BuiltDraft = Awaited<ReturnType<Catalog['buildDraft']>>;
type SolutionCheck = Awaited<ReturnType<typeof checkSolutions>>[number];

/** The real parts a validation uses, injected so the orchestration below is tested without Docker. */
export interface RunValidationDeps {
  /** Writes and parses the draft as a package (in a package worker). */
  buildDraft: Catalog['buildDraft'];
  lint: (challenge: BuiltDraft['challenge']) => { errors: string[]; warnings: string[] };
  /** Judges one solution of the package on every test (and the samples for an accepted one). */
  check: (challenge: BuiltDraft['challenge'], root: string, signal: AbortSignal) => Promise<SolutionCheck | undefined>;
  clock: () => Date;
  /** Stores the record as it is now (after each solution), so a client polling sees progress. */
  save: (validation: StoredValidation) => Promise<unknown>;
}

/** The real judge and package workers: `checkSolutions`, the same path as the CLI's `validate`. */
export function realValidationParts(parts: { catalog: Pick<Catalog, 'buildDraft'>; judge: JudgeDeps; limits: JudgeLimits }): Pick<RunValidationDeps, 'buildDraft' | 'lint' | 'check'> {
  return {
    buildDraft: (source) => parts.catalog.buildDraft(source),
    lint: (challenge) => lintChallenge(challenge, parts.limits),
    check: async (challenge, root, signal) => (await checkSolutions(challenge, root, parts.judge, { signal }))[0],
  };
}

/** How a run ended, for the queue: a record to store, a try to retry, or a stop to hand back. */
export type ValidationOutcome =
  /** Judged to the end (passed, failed) or refused for the draft's own reasons (error): the record to store. */
  | { kind: 'finished'; validation: StoredValidation }
  /** Our infrastructure failed (Docker, the sandbox): not the author's fault, the queue tries again; `validation` is the record so far. */
  | { kind: 'infrastructure_failed'; reason: string; validation: StoredValidation }
  /** Stopped on purpose (shutdown): back in the queue, nothing stored. */
  | { kind: 'aborted'; reason: string };

/** The first record of a validation: running, each solution waiting. */
export function runningValidation(solutions: ChallengeDraft['solutions'], revision: number, startedAt: string): StoredValidation {
  return {
    revision,
    status: 'running',
    startedAt,
    finishedAt: null,
    warnings: [],
    solutions: solutions.map((s) => ({ name: s.name, expect: s.expect, got: null, score: null, ok: null })),
  };
}

/** The record stored once the system could not run a validation on any of its tries. */
export function unrunnableValidation(validation: StoredValidation, reason: string, now: Date): StoredValidation {
  return { ...validation, status: 'error', finishedAt: now.toISOString(), error: `The server could not run the validation (${reason}): validate again later` };
}

/**
 * One validation job: the draft is written and loaded as a package in a
 * package worker (off the event loop), linted like an upload, and every
 * reference and wrong solution is judged against every test by
 * `checkSolutions`, the same path as the CLI's `validate` (the real judge and
 * sandbox), one solution at a time with progress saved after each. A wrong
 * solution that passes is a `failed` validation; only a failure of ours
 * (a solution that could not be judged) is `infrastructure_failed`.
 */
export async function runValidation(work: ValidationWork, deps: RunValidationDeps, signal: AbortSignal): Promise<ValidationOutcome> {
  const parsed = challengeDraftSchema.safeParse(work.document);
  const validation = runningValidation(parsed.success ? parsed.data.solutions : [], work.revision, work.startedAt);
  const finish = (status: StoredValidation['status'], extra: Partial<StoredValidation> = {}): ValidationOutcome => ({
    kind: 'finished',
    validation: { ...validation, ...extra, status, finishedAt: deps.clock().toISOString() },
  });
  if (!parsed.success) return finish('error', { error: 'The draft as validated is not a valid draft: save it and validate again' });

  let built;
  try {
    built = await deps.buildDraft({ slug: work.slug, draft: parsed.data });
  } catch (error) {
    return finish('error', { error: `The draft does not make a package: ${messageOf(error)}` });
  }
  try {
    const lint = deps.lint(built.challenge);
    validation.warnings = lint.warnings;
    if (lint.errors.length > 0) return finish('failed', { error: `The package cannot be used: ${lint.errors.join('; ')}` });
    for (const [i, solution] of built.challenge.solutions.entries()) {
      const check = await deps.check({ ...built.challenge, solutions: [solution] }, built.root, signal);
      if (signal.aborted || check?.unjudged === 'aborted') return { kind: 'aborted', reason: 'the server is stopping' };
      if (check?.unjudged === 'infrastructure_failed') return { kind: 'infrastructure_failed', reason: check.detail ?? 'the sandbox failed', validation };
      const previous = validation.solutions[i];
      if (!previous) continue;
      validation.solutions[i] = {
        ...previous,
        got: check?.got ?? 'system_error',
        score: check?.score ?? 0,
        ok: check?.ok ?? false,
        ...(check?.samples ? { samples: check.samples } : {}),
        ...(check?.detail ? { detail: check.detail } : {}),
      };
      await deps.save(validation);
    }
    return finish(validation.solutions.every((s) => s.ok) ? 'passed' : 'failed');
  } catch (error) {
    // Reading the package back or storing progress failed: ours, not the author's.
    if (signal.aborted) return { kind: 'aborted', reason: 'the server is stopping' };
    return { kind: 'infrastructure_failed', reason: messageOf(error), validation };
  } finally {
    await built.dispose();
  }
}

function messageOf(error: unknown): string {
  if (isKodbroError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
