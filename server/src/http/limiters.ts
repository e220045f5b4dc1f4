import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type ClientRateLimitInfo, type Options, type RateLimitInfo, type Store as RateLimitStore } from 'express-rate-limit';
import type { ErrorBody } from '../contracts/index.ts';
import type { LimitStore } from '../store/index.ts';

const resetTimeOf = (req: Request): Date | undefined => (req as Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime;

const WINDOW_MS = 15 * 60 * 1000;

/**
 * express-rate-limit's Store over the shared store's fixed-window counters,
 * so every server process counts the same hits (issue 14). One instance per
 * limiter (express-rate-limit refuses a shared instance); the prefix keeps
 * the limiters' counters apart, as their separate memory stores did. The
 * client's part of a key (an address, an e-mail address) is stored hashed:
 * no personal data in the table, and no text PostgreSQL could refuse.
 */
export class SharedRateLimitStore implements RateLimitStore {
  /** Keys counted here are counted for every process. */
  readonly localKeys = false;
  #windowMs = WINDOW_MS;

  constructor(
    readonly store: LimitStore,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { count, resetAt } = await this.store.hitLimit(this.#stored(key), this.#windowMs, new Date());
    return { totalHits: count, resetTime: resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.store.unhitLimit(this.#stored(key));
  }

  async resetKey(key: string): Promise<void> {
    await this.store.resetLimit(this.#stored(key));
  }

  #stored(key: string): string {
    return this.prefix + createHash('sha256').update(key).digest('base64url');
  }
}

/** `details.retryAfterSeconds`: when the window that refused ends, so a page can say "try again in N minutes". */
function limited(message: string, resetTime: Date | undefined): ErrorBody {
  const retryAfterSeconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(WINDOW_MS / 1000);
  return { error: { code: 'rate_limited', message, details: { retryAfterSeconds } } };
}

/**
 * Sign-in tries per client address and e-mail address: slows guessing one
 * account's password without letting one address lock every account out.
 * Each route that uses it passes its own `prefix` (its own count, as before).
 */
export function loginLimiter(store: LimitStore, max: number, prefix: string): RequestHandler {
  return rateLimit({
    store: new SharedRateLimitStore(store, prefix),
    windowMs: WINDOW_MS,
    limit: max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const body: unknown = req.body;
      const given = typeof body === 'object' && body !== null && 'email' in body ? body.email : undefined;
      const email = typeof given === 'string' ? given.trim().toLowerCase().slice(0, 254) : '';
      return `${ipKeyGenerator(req.ip ?? '')}|${email}`;
    },
    handler: (req, res) => res.status(429).json(limited('Too many sign-in attempts. Wait a few minutes and try again.', resetTimeOf(req))),
  });
}

/** Invite token and short-code tries per client address: a short code is 39 bits and must not be guessable. */
export function inviteLimiter(store: LimitStore, max: number, prefix: string): RequestHandler {
  return rateLimit({
    store: new SharedRateLimitStore(store, prefix),
    windowMs: WINDOW_MS,
    limit: max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    // A code that works does not count against the address.
    skipSuccessfulRequests: true,
    handler: (req, res) => res.status(429).json(limited('Too many tries with invite codes. Wait a few minutes and try again.', resetTimeOf(req))),
  });
}

/**
 * Public reads of shared results and of the results key, per client address:
 * the ids are 128 random bits, so this is about load, not guessing — a
 * verifier asks once per page view.
 */
export function resultReadLimiter(store: LimitStore, max: number, prefix: string): RequestHandler {
  return rateLimit({
    store: new SharedRateLimitStore(store, prefix),
    windowMs: WINDOW_MS,
    limit: max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (req, res) => res.status(429).json(limited('Too many result checks from this address. Wait a few minutes and try again.', resetTimeOf(req))),
  });
}
