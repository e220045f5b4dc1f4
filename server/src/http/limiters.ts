import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitInfo } from 'express-rate-limit';

const resetTimeOf = (req: Request): Date | undefined => (req as Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime;
import type { ErrorBody } from '../contracts/index.ts';

const WINDOW_MS = 15 * 60 * 1000;

/** `details.retryAfterSeconds`: when the window that refused ends, so a page can say "try again in N minutes". */
function limited(message: string, resetTime: Date | undefined): ErrorBody {
  const retryAfterSeconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(WINDOW_MS / 1000);
  return { error: { code: 'rate_limited', message, details: { retryAfterSeconds } } };
}

/**
 * Sign-in tries per client address and e-mail address: slows guessing one
 * account's password without letting one address lock every account out.
 */
export function loginLimiter(max: number): RequestHandler {
  return rateLimit({
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
export function inviteLimiter(max: number): RequestHandler {
  return rateLimit({
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
export function resultReadLimiter(max: number): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (req, res) => res.status(429).json(limited('Too many result checks from this address. Wait a few minutes and try again.', resetTimeOf(req))),
  });
}
