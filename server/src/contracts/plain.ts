/**
 * The contracts' plain values: the wire's enumerations, size caps, short
 * codes and the scoring rule, with no zod. The candidate's page imports its
 * values from here (`@kodbro/server/contracts/plain`) and only types from the
 * rest, so zod stays out of its first load: it needs no schemas, since the
 * server parses every answer with its response schema before sending it.
 * The schemas (api.ts, judging.ts, …) are built on these constants, so each
 * is defined once; `index.ts` re-exports this file, so server code imports
 * everything from one place as before. Nothing here may import zod (lint).
 */
export * from './short-code.ts';
export * from './scoring.ts';
export * from './canonical.ts';

/**
 * Every verdict Kodbro gives, in display order. The names are a public
 * contract (CLI `--json`, the API, stored results): never rename one.
 */
export const VERDICTS = [
  'accepted',
  'wrong_answer',
  'time_limit',
  'memory_limit',
  'runtime_error',
  'output_limit',
  'compile_error',
  'system_error',
] as const;

export const LANGUAGE_IDS = [
  'python',
  'javascript',
  'java',
  'c',
  'cpp',
  'go',
  'csharp',
  'kotlin',
  'rust',
  'ruby',
  'php',
  'typescript',
  'haskell',
] as const;

/** Run output kept per stream for samples and custom input. */
export const MAX_SHOWN_OUTPUT_BYTES = 16 * 1024;
/** Largest source a candidate may send; the judge refuses larger too. */
export const MAX_SOURCE_BYTES = 256 * 1024;
/** Largest custom input for "run with custom input". */
export const MAX_CUSTOM_INPUT_BYTES = 64 * 1024;

export const API_ERROR_CODES = [
  'invalid_request',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'stale_draft',
  'attempt_not_started',
  'attempt_closed',
  'not_open',
  'rate_limited',
  'payload_too_large',
  'quota_exceeded',
  /** A change to an assessment a candidate has started that would not be fair or true to them (see store/running-changes.ts). */
  'assessment_running',
  /** Publishing a draft needs a passed validation of its current revision. */
  'validation_required',
  'unsupported_media_type',
  'package_invalid',
  'package_too_large',
  'package_unsafe_path',
  'quota_exceeded',
  'language_not_allowed',
  'request_timeout',
  'host_not_allowed',
  'organisation_required',
  /** Removing or demoting the organisation's last admin: someone must be able to manage staff. */
  'last_admin',
  'unavailable',
  'internal',
] as const;

export const RESULTS_VISIBILITIES = ['none', 'aggregate', 'samples'] as const;
/** The candidate interface's locales (client/src/i18n/setup.ts LANGUAGES, same order): an assessment offers a subset. */
export const INTERFACE_LANGUAGES = ['en', 'sv', 'ar', 'prs', 'ti', 'uk'] as const;
export const INVITE_STATUSES = ['not_started', 'in_progress', 'finished', 'revoked'] as const;
export const ATTEMPT_STATUSES = ['not_started', 'in_progress', 'finished'] as const;

export const SUBMISSION_KIND_VALUES = ['submit', 'samples', 'custom'] as const;
export const SUBMISSION_STATUS_VALUES = ['queued', 'running', 'done', 'failed'] as const;
/**
 * Who made a submission: the candidate, or the server from the task's newest
 * saved draft when the attempt's time ran out (only `submit`, only when that
 * draft differed from the task's last submission).
 */
export const SUBMISSION_ORIGIN_VALUES = ['candidate', 'time_up'] as const;

/**
 * "Explain your solution": at most this many questions per challenge (per
 * language), each at most QUESTION chars; a candidate's answer to each at most
 * ANSWER chars, written while the attempt runs or within the window after it ends.
 */
export const EXPLAIN_LIMITS = { questions: 2, questionChars: 500, answerChars: 4000, windowAfterEndMs: 30 * 60_000 } as const;

/**
 * Which language's questions a candidate is asked: their interface language
 * if the author wrote questions in it, else English, else the first there is.
 * Server and page pick alike, so the answers are stored beside what was shown.
 */
export function explainQuestionsFor(explain: Readonly<Record<string, readonly string[]>> | undefined, language: string): { language: string; questions: readonly string[] } | undefined {
  if (!explain) return undefined;
  const chosen = [language, language.split('-')[0] ?? language, 'en', ...Object.keys(explain)].find((code) => (explain[code]?.length ?? 0) > 0);
  return chosen === undefined ? undefined : { language: chosen, questions: explain[chosen] ?? [] };
}

export const ATTEMPT_EVENT_KIND_VALUES = [
  'started',
  'draft_saved',
  'ran_samples',
  'ran_custom',
  'submitted',
  'disconnected',
  'reconnected',
  /** The candidate's editor saw a paste (its size in characters): marked in the replay. */
  'pasted',
  'finished',
  /** The attempt's replay history reached its cap: later draft saves and connection changes are not recorded. */
  'history_capped',
] as const;

export * from './signature-values.ts';
