import { type z } from 'zod';
import { API_ERROR_CODES, type ApiErrorCode, type ErrorBody } from '../contracts/index.ts';
import { isKodbroError, type ErrorCode } from '../errors.ts';

/**
 * The one table from error code to HTTP status: every code the API sends and
 * every code the engine and the store throw. Typed as a `Record` over both
 * lists, so a new code without a status does not compile.
 */
export const ERROR_STATUS: Record<ApiErrorCode | ErrorCode, number> = {
  invalid_request: 400,
  invalid_argument: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  request_timeout: 408,
  conflict: 409,
  stale_draft: 409,
  attempt_not_started: 409,
  attempt_closed: 409,
  not_open: 409,
  organisation_required: 409,
  last_admin: 409,
  assessment_running: 409,
  validation_required: 409,
  payload_too_large: 413,
  package_too_large: 413,
  quota_exceeded: 413,
  source_too_large: 413,
  unsupported_media_type: 415,
  host_not_allowed: 421,
  package_invalid: 422,
  package_unsafe_path: 422,
  language_not_allowed: 422,
  language_unknown: 422,
  rate_limited: 429,
  internal: 500,
  image_missing: 500,
  sandbox_failed: 500,
  checker_failed: 500,
  // A judgement stopped on purpose (shutdown) never reaches a client; if it did, it is ours to retry.
  aborted: 503,
  docker_unavailable: 503,
  unavailable: 503,
};

/**
 * The code a client sees for an engine code the API does not name: the API's
 * word for the same thing. Exhaustive like the status table.
 */
const PUBLIC_CODE: Record<Exclude<ErrorCode, ApiErrorCode>, ApiErrorCode> = {
  invalid_argument: 'invalid_request',
  language_unknown: 'language_not_allowed',
  source_too_large: 'payload_too_large',
  image_missing: 'internal',
  sandbox_failed: 'internal',
  checker_failed: 'internal',
  aborted: 'unavailable',
  docker_unavailable: 'unavailable',
};

const isApiErrorCode = (code: string): code is ApiErrorCode => (API_ERROR_CODES as readonly string[]).includes(code);

/** The API code a client sees for any code. */
export function publicCode(code: ApiErrorCode | ErrorCode): ApiErrorCode {
  return isApiErrorCode(code) ? code : PUBLIC_CODE[code];
}

/** A refusal with a code: thrown by handlers, turned into the error body by the app; its status comes from the table. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'Not found') => new ApiError('not_found', what);

/** Validation problems as a client can show them: where, and what is wrong. */
export function invalidRequest(error: z.ZodError, where: 'body' | 'query' | 'params'): ApiError {
  const issues = error.issues.slice(0, 20).map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
  return new ApiError('invalid_request', `Invalid request ${where}: ${issues[0]?.path ?? where}: ${issues[0]?.message ?? 'invalid'}`, { issues });
}

/** A status and the public error body for a code; 5xx bodies never carry the inside's message. */
export function errorResponse(code: ApiErrorCode | ErrorCode, message: string, requestId: string, details?: unknown): { status: number; body: ErrorBody } {
  const status = ERROR_STATUS[code];
  if (status >= 500) {
    const shown = publicCode(code);
    const text = shown === 'unavailable' ? 'A service Kodbro needs is not answering; try again in a moment' : 'Something went wrong on our side';
    return { status, body: { error: { code: shown, message: `${text} (request ${requestId})` } } };
  }
  return { status, body: { error: { code: publicCode(code), message, ...(details !== undefined ? { details } : {}) } } };
}

/**
 * Anything thrown, as a status and the public error body. `ApiError` and
 * `KodbroError` go through the table; the errors of express's own parsers
 * are named by their status; everything unknown becomes a plain 500 whose
 * message says nothing about the inside (the log has the rest).
 */
export function toErrorResponse(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) return errorResponse(error.code, error.message, requestId, error.details);
  // Engine details (paths inside a package) stay in the log; the message says what is wrong.
  if (isKodbroError(error)) return errorResponse(error.code, error.message, requestId);
  return errorResponse(parserErrorCode(error), parserErrorMessage(error), requestId);
}

/** body-parser and friends throw errors with a `status` and a `type`. */
function parserErrorCode(error: unknown): ApiErrorCode {
  const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 500;
  const type = (error as { type?: unknown })?.type;
  if (status === 413 || type === 'entity.too.large') return 'payload_too_large';
  if (status === 415 || type === 'encoding.unsupported' || type === 'charset.unsupported') return 'unsupported_media_type';
  if (status === 408) return 'request_timeout';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'internal';
}

function parserErrorMessage(error: unknown): string {
  const type = (error as { type?: unknown })?.type;
  switch (parserErrorCode(error)) {
    case 'payload_too_large':
      return 'The request body is too large';
    case 'unsupported_media_type':
      return 'Unsupported content encoding or character set';
    case 'request_timeout':
      return 'The request body arrived too slowly';
    case 'invalid_request':
      return type === 'entity.parse.failed' ? 'The request body is not valid JSON' : 'The request could not be read';
    default:
      return 'Something went wrong on our side';
  }
}

/** An assessment at its invite limit (KODBRO_INVITES_PER_ASSESSMENT). */
export const invitesFull = (limit: number) =>
  new ApiError('quota_exceeded', `This assessment holds ${limit} invites, its limit (revoked ones count): make a new assessment (Duplicate) for more candidates`, { limit });
