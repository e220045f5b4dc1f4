import type { TFunction } from 'i18next';
import type { ApiError } from '../api/http.ts';

/** Where an error shows: on the sign-in form an `unauthenticated` means the e-mail or password was wrong. */
export type ErrorPlace = 'signIn' | 'page';

/** Minutes until a rate-limited request may be tried again (the server's `details.retryAfterSeconds`, rounded up). */
export function minutesUntilRetry(details: unknown): number {
  const seconds = typeof details === 'object' && details !== null ? (details as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15;
}

/**
 * A staff page's words for an error, by its code: the staff language's text
 * for the codes that mean the same wherever they happen (no connection,
 * signed out, not allowed, too many tries), and the server's own words for a
 * refusal it explained (which field, which row, why).
 */
export function staffErrorText(t: TFunction<'staff'>, error: ApiError, place: ErrorPlace = 'page'): string {
  switch (error.code) {
    case 'network':
      return t('errorWords.network');
    case 'timeout':
      return t('errorWords.timeout');
    case 'rate_limited':
      return t('errorWords.rateLimited', { count: minutesUntilRetry(error.details) });
    case 'unauthenticated':
      return place === 'signIn' ? t('errorWords.wrongCredentials') : t('errorWords.signedOut');
    case 'forbidden':
      return t('errorWords.forbidden');
    case 'csrf_failed':
      return t('errorWords.csrfFailed');
    case 'last_admin':
      return t('errorWords.lastAdmin');
    default:
      break;
  }
  if (error.status >= 500 || error.code === 'internal' || error.code === 'unavailable') return t('errorWords.server');
  if (error.code === 'bad_response') return t('errorWords.badResponse');
  return error.message;
}
