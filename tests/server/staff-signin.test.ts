/**
 * Sign-in and welcome-link refusals carry what a page needs to say them in
 * words: a wrong password is 401 `unauthenticated`; past the limit it is 429
 * `rate_limited` with `details.retryAfterSeconds` (the page's "try again in N
 * minutes"); welcome-link guesses are limited the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_EMAIL, expectApiError, startTestServer, type TestServer } from '../support/server.ts';

const LIMIT = 3;
const WINDOW_SECONDS = 15 * 60;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ KODBRO_LOGIN_LIMIT: String(LIMIT) });
}, 60_000);
afterAll(async () => server?.stop());

describe('sign-in refusals', () => {
  it('a wrong password is 401 until the limit, then 429 with the seconds to wait', async () => {
    const client = new ApiClient(server.url);
    for (let n = 0; n < LIMIT; n++) expectApiError(await client.post('/api/auth/login', { email: DEMO_EMAIL, password: `wrong-${n}` }), 401, 'unauthenticated');
    const limited = await client.post('/api/auth/login', { email: DEMO_EMAIL, password: 'wrong-again' });
    expectApiError(limited, 429, 'rate_limited');
    const seconds = limited.body.error.details.retryAfterSeconds;
    expect(Number.isInteger(seconds)).toBe(true);
    expect(seconds).toBeGreaterThan(WINDOW_SECONDS - 60);
    expect(seconds).toBeLessThanOrEqual(WINDOW_SECONDS);
  });

  it('welcome-link guesses are limited too, with the seconds to wait', async () => {
    const client = new ApiClient(server.url);
    for (let n = 0; n < LIMIT; n++) {
      expectApiError(await client.post('/api/auth/welcome', { token: String(n).repeat(43), password: 'a-long-enough-password' }), 404, 'not_found');
    }
    const limited = await client.post('/api/auth/welcome', { token: 'Z'.repeat(43), password: 'a-long-enough-password' });
    expectApiError(limited, 429, 'rate_limited');
    expect(limited.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
  });
});
