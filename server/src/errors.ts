/**
 * One error type for everything Kodbro reports as a value: a stable code a
 * caller can switch on, a message for people, optional details. Anything else
 * thrown is a bug and is mapped to `internal` at the edges.
 */
export const ERROR_CODES = [
  'package_invalid',
  'package_too_large',
  'package_unsafe_path',
  'quota_exceeded',
  'language_unknown',
  'language_not_allowed',
  'source_too_large',
  'image_missing',
  'docker_unavailable',
  'sandbox_failed',
  'checker_failed',
  /** Work its caller stopped on purpose (an AbortSignal): not a fault of anyone's. */
  'aborted',
  'invalid_argument',
  'not_found',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class KodbroError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'KodbroError';
    this.code = code;
    this.details = options.details;
  }
}

export function isKodbroError(error: unknown, code?: ErrorCode): error is KodbroError {
  return error instanceof KodbroError && (code === undefined || error.code === code);
}

/** Turns anything thrown into a KodbroError without losing the cause. */
export function toKodbroError(error: unknown): KodbroError {
  if (error instanceof KodbroError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new KodbroError('internal', message, { cause: error });
}
