import type Docker from 'dockerode';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/index.ts';
import { lintChallenge } from '../challenges/index.ts';
import type { JudgeLimits } from '../config/index.ts';
import type { ChallengeDraft, DraftValidation, SolutionCheckView } from '../contracts/index.ts';
import { isKodbroError } from '../errors.ts';
import { checkSolutions } from '../judge/index.ts';
import type { ChallengeDraftRecord, OrgId, Store } from '../store/index.ts';

/** A validation as stored: `stale` is worked out when it is read. */
export type StoredValidation = Omit<DraftValidation, 'stale'>;

export interface DraftValidator {
  /**
   * Starts validating the draft as it is now and answers with the first
   * (running) record, or undefined when the organisation already has a
   * validation running or the server runs as many as it allows.
   */
  start(orgId: OrgId, record: ChallengeDraftRecord & { document: ChallengeDraft }): Promise<StoredValidation | undefined>;
  /** Stops running validations (their containers removed) and waits for them. */
  close(): Promise<void>;
}

export interface DraftValidatorDeps {
  store: Store;
  catalog: Catalog;
  docker: Docker;
  limits: JudgeLimits;
  log: Logger;
  clock: () => Date;
  /** Validations at once on this server: each runs its solutions one after another, beside the judge's workers. */
  maxRunning: number;
}

/**
 * Validation of drafts: the draft is written and loaded as a package in a
 * package worker (off the event loop), linted like an upload, and every
 * reference and wrong solution is judged against every test by
 * `checkSolutions`, the same path as the CLI's `validate` (the real judge
 * and sandbox). The record is updated after each solution, so a client
 * polling sees progress. Bounded: one per organisation, `maxRunning` in all.
 */
export function createDraftValidator(deps: DraftValidatorDeps): DraftValidator {
  const running = new Map<OrgId, { controller: AbortController; done: Promise<void> }>();
  let closed = false;

  async function run(orgId: OrgId, record: ChallengeDraftRecord & { document: ChallengeDraft }, validation: StoredValidation, signal: AbortSignal): Promise<void> {
    const save = (next: StoredValidation) => deps.store.setDraftValidation(orgId, record.id, next, { startedAt: validation.startedAt });
    const finish = (status: StoredValidation['status'], extra: Partial<StoredValidation> = {}) =>
      save({ ...validation, ...extra, status, finishedAt: deps.clock().toISOString() });
    let built;
    try {
      built = await deps.catalog.buildDraft({ slug: record.slug, draft: record.document });
    } catch (error) {
      await finish('error', { error: `The draft does not make a package: ${messageOf(error)}` });
      return;
    }
    try {
      const lint = lintChallenge(built.challenge, deps.limits);
      validation.warnings = lint.warnings;
      if (lint.errors.length > 0) {
        await finish('failed', { error: `The package cannot be used: ${lint.errors.join('; ')}` });
        return;
      }
      const judge = { docker: deps.docker, limits: deps.limits };
      for (const [i, solution] of built.challenge.solutions.entries()) {
        const [check] = await checkSolutions({ ...built.challenge, solutions: [solution] }, built.root, judge, { signal });
        if (signal.aborted) {
          await finish('error', { error: 'The server stopped during the validation; validate again' });
          return;
        }
        const previous = validation.solutions[i] as SolutionCheckView;
        validation.solutions[i] = {
          ...previous,
          got: check?.got ?? 'system_error',
          score: check?.score ?? 0,
          ok: check?.ok ?? false,
          ...(check?.samples ? { samples: check.samples } : {}),
          ...(check?.detail ? { detail: check.detail } : {}),
        };
        await save(validation);
      }
      await finish(validation.solutions.every((s) => s.ok) ? 'passed' : 'failed');
    } finally {
      await built.dispose();
    }
  }

  return {
    async start(orgId, record) {
      if (closed || running.has(orgId) || running.size >= deps.maxRunning) return undefined;
      const validation: StoredValidation = {
        revision: record.revision,
        status: 'running',
        startedAt: deps.clock().toISOString(),
        finishedAt: null,
        warnings: [],
        solutions: record.document.solutions.map((s) => ({ name: s.name, expect: s.expect, got: null, score: null, ok: null })),
      };
      if (record.document.solutions.length === 0) {
        const refused = { ...validation, status: 'failed' as const, finishedAt: validation.startedAt, error: 'The draft has no solutions: add a reference solution that is accepted' };
        await deps.store.setDraftValidation(orgId, record.id, refused);
        return refused;
      }
      await deps.store.setDraftValidation(orgId, record.id, validation);
      const controller = new AbortController();
      const done = run(orgId, record, structuredClone(validation), controller.signal)
        .catch((error: unknown) => deps.log.error({ err: error, draftId: record.id }, 'draft validation failed'))
        .finally(() => running.delete(orgId));
      running.set(orgId, { controller, done });
      return validation;
    },
    async close() {
      closed = true;
      for (const { controller } of running.values()) controller.abort();
      await Promise.all([...running.values()].map((r) => r.done));
    },
  };
}

function messageOf(error: unknown): string {
  if (isKodbroError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
