/**
 * The one fetch wrapper every API call goes through: JSON in and out, a
 * timeout, and a couple of retries where repeating the request is harmless.
 * Answers are typed with the shared contracts but not parsed again: the
 * server parses every answer with the same response schema before sending
 * it, and parsing here would put zod (a quarter of the page's script) on the
 * candidate's first load. What is checked is that an answer is a JSON
 * object at all: a captive portal's or a proxy's page is not.
 *
 * @example
 *   const session = await request<CandidateSession>('/api/candidate/session');
 */

/**
 * The one error type the client shows. `code` is the server's error code, or
 * `network` / `timeout` / `bad_response` for failures that never reached a
 * well-formed answer.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sent as `X-CSRF-Token`; every write with a session cookie needs it. */
  csrf?: string;
  /** Safe to send again (GETs always are; a submission POST is, thanks to its client id). */
  idempotent?: boolean;
  /** At most this many retries (default: two where repeating is safe, none otherwise). */
  retries?: number;
  timeoutMs?: number;
}

const RETRY_DELAYS_MS = [600, 2000];
const RETRYABLE_STATUS = new Set([502, 503, 504]);

export async function request<T extends object>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const retries = Math.min(options.retries ?? RETRY_DELAYS_MS.length, method === 'GET' || options.idempotent ? RETRY_DELAYS_MS.length : 0);
  for (let attempt = 0; ; attempt++) {
    try {
      return (await requestOnce(path, method, options)) as T;
    } catch (error) {
      const retryable = error instanceof ApiError && (error.code === 'network' || error.code === 'timeout' || RETRYABLE_STATUS.has(error.status));
      // The browser knows it is offline: say so at once (the page has its offline copy and its queue).
      if (!retryable || attempt >= retries || !navigator.onLine) throw error;
      await sleep(RETRY_DELAYS_MS[attempt] ?? 2000);
    }
  }
}

async function requestOnce(path: string, method: string, options: RequestOptions): Promise<object> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.csrf) headers['X-CSRF-Token'] = options.csrf;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 15_000);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: controller.signal,
    });
  } catch {
    throw controller.signal.aborted ? new ApiError('timeout', 'The server took too long to answer.') : new ApiError('network', 'No connection to the server.');
  } finally {
    clearTimeout(timer);
  }

  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = errorOf(data);
    if (error) throw new ApiError(error.code, error.message, response.status, error.details);
    throw new ApiError(response.status >= 500 ? 'internal' : 'bad_response', `The server answered ${response.status}.`, response.status);
  }
  if (typeof data !== 'object' || data === null) {
    throw new ApiError('bad_response', 'The server sent an answer this page does not understand. Reload the page.', response.status);
  }
  return data;
}

/**
 * The error an error answer carries (`{ error: { code, message, details? } }`,
 * the contracts' `ErrorBody`), if it has that shape.
 */
export function errorOf(data: unknown): { code: string; message: string; details: unknown } | undefined {
  const error = typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, details } = error as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  // A code this build does not know is shown with the server's message, like any code without a text of its own.
  return { code, message, details };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Turns anything thrown into an ApiError, so the UI has one thing to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('internal', error instanceof Error ? error.message : String(error));
}

/**
 * A v4 UUID. `crypto.randomUUID` exists only in secure contexts (https or
 * localhost); a test laptop reached over plain http on a LAN still needs ids.
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
