import { z } from 'zod';
import type { ApiErrorCode, ErrorBody } from '../contracts/index.ts';
import { isKodbroError } from '../errors.ts';

/** A refusal with an HTTP status: thrown by handlers, turned into the error body by the app. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what = 'Not found') => new ApiError(404, 'not_found', what);
export const forbidden = (message = 'You may not do this') => new ApiError(403, 'forbidden', message);

/** Validation problems as a client can show them: where, and what is wrong. */
export function invalidRequest(error: z.ZodError, where: 'body' | 'query' | 'params'): ApiError {
  const issues = error.issues.slice(0, 20).map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
  return new ApiError(400, 'invalid_request', `Invalid request ${where}: ${issues[0]?.path ?? where}: ${issues[0]?.message ?? 'invalid'}`, { issues });
}

/**
 * Anything thrown, as a status and the public error body. Engine errors
 * about the package become 4xx; everything unknown becomes a plain 500 whose
 * message says nothing about the inside (the log has the rest).
 */
export function toErrorResponse(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } } };
  }
  if (isKodbroError(error)) {
    switch (error.code) {
      case 'package_invalid':
      case 'package_unsafe_path':
        return { status: 422, body: { error: { code: error.code, message: error.message } } };
      case 'package_too_large':
      case 'quota_exceeded':
        return { status: 413, body: { error: { code: error.code, message: error.message } } };
      case 'language_not_allowed':
      case 'language_unknown':
        return { status: 422, body: { error: { code: 'language_not_allowed', message: error.message } } };
      case 'source_too_large':
        return { status: 413, body: { error: { code: 'payload_too_large', message: error.message } } };
      default:
        break;
    }
  }
  // body-parser's own errors carry a status and a type.
  const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 500;
  const type = (error as { type?: unknown })?.type;
  if (status === 413 || type === 'entity.too.large') return { status: 413, body: { error: { code: 'payload_too_large', message: 'The request body is too large' } } };
  if (type === 'entity.parse.failed') return { status: 400, body: { error: { code: 'invalid_request', message: 'The request body is not valid JSON' } } };
  if (status === 415 || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 415, body: { error: { code: 'unsupported_media_type', message: 'Unsupported content encoding or character set' } } };
  }
  if (status >= 400 && status < 500) return { status, body: { error: { code: 'invalid_request', message: 'The request could not be read' } } };
  return { status: 500, body: { error: { code: 'internal', message: `Something went wrong on our side (request ${requestId})` } } };
}
