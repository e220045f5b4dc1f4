import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http.ts';
import { minutesUntilRetry, staffErrorText } from './error-words.ts';
import staffSv from './strings.sv.ts';
import staffEn from './strings.ts';

/** Every key path of a nested texts object, e.g. `people.role_admin`. */
function keysOf(texts: object, prefix = ''): string[] {
  return Object.entries(texts).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();

describe('the staff texts in Swedish', () => {
  it('have every key of the English ones and no other, each with the same placeholders and not left empty', () => {
    const en = keysOf(staffEn).sort();
    expect(keysOf(staffSv).sort()).toEqual(en);
    const lookup = (texts: object, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], texts) as string;
    for (const key of en) {
      const sv = lookup(staffSv, key);
      expect(sv.trim(), key).not.toBe('');
      expect(placeholders(sv), key).toEqual(placeholders(lookup(staffEn, key)));
    }
  });
});

async function staffT(language: 'en' | 'sv'): Promise<TFunction<'staff'>> {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, fallbackLng: 'en', interpolation: { escapeValue: false }, resources: { en: { staff: staffEn }, sv: { staff: staffSv } } });
  return instance.getFixedT<'staff'>(language, 'staff');
}

describe('staff errors in words, by code', () => {
  it('sign-in: wrong credentials, the rate limit with its minutes, no connection', async () => {
    const t = await staffT('en');
    const said = (error: ApiError) => staffErrorText(t, error, 'signIn');
    expect(said(new ApiError('unauthenticated', 'The e-mail address or the password is wrong', 401))).toBe('Wrong e-mail or password.');
    expect(said(new ApiError('rate_limited', 'Too many', 429, { retryAfterSeconds: 14 * 60 + 5 }))).toBe('Too many attempts, try again in 15 minutes.');
    expect(said(new ApiError('rate_limited', 'Too many', 429, { retryAfterSeconds: 30 }))).toBe('Too many attempts, try again in 1 minute.');
    expect(said(new ApiError('network', 'No connection to the server.'))).toBe('Kodbro cannot be reached. Check your connection and try again.');
    expect(said(new ApiError('timeout', 'Slow'))).toBe('Kodbro is slow to answer. Try again in a moment.');
  });

  it('other staff pages: signed out, not allowed, the last admin, the server; explained refusals in the server’s words', async () => {
    const t = await staffT('en');
    expect(staffErrorText(t, new ApiError('unauthenticated', 'x', 401))).toBe('You are not signed in any more. Sign in again.');
    expect(staffErrorText(t, new ApiError('forbidden', 'x', 403))).toBe('Your roles do not allow this. Ask your organisation’s admin.');
    expect(staffErrorText(t, new ApiError('csrf_failed', 'x', 403))).toBe('Your session has changed. Reload the page and try again.');
    expect(staffErrorText(t, new ApiError('last_admin', 'x', 409))).toBe(
      'The organisation’s last admin cannot be removed or lose the admin role. Make another colleague admin first.',
    );
    expect(staffErrorText(t, new ApiError('internal', 'Something went wrong on our side (request 7)', 500))).toBe('Something went wrong on Kodbro’s side. Try again in a moment.');
    expect(staffErrorText(t, new ApiError('unavailable', 'x', 503))).toBe('Something went wrong on Kodbro’s side. Try again in a moment.');
    expect(staffErrorText(t, new ApiError('bad_response', 'x', 200))).toBe('The answer could not be read. Reload the page.');
    expect(staffErrorText(t, new ApiError('conflict', 'A colleague in your organisation already has that e-mail address', 409))).toBe(
      'A colleague in your organisation already has that e-mail address',
    );
  });

  it('in Swedish when the staff language is Swedish', async () => {
    const t = await staffT('sv');
    expect(staffErrorText(t, new ApiError('unauthenticated', 'x', 401), 'signIn')).toBe('Fel e-postadress eller lösenord.');
    expect(staffErrorText(t, new ApiError('rate_limited', 'x', 429, { retryAfterSeconds: 600 }), 'signIn')).toBe('För många försök, försök igen om 10 minuter.');
    expect(staffErrorText(t, new ApiError('network', 'x'), 'signIn')).toBe('Kodbro går inte att nå. Kontrollera anslutningen och försök igen.');
  });

  it('minutes until a retry: rounded up, 15 (the window) when the server did not say', () => {
    expect(minutesUntilRetry({ retryAfterSeconds: 61 })).toBe(2);
    expect(minutesUntilRetry({ retryAfterSeconds: 60 })).toBe(1);
    for (const details of [undefined, null, {}, { retryAfterSeconds: 'soon' }, { retryAfterSeconds: -5 }]) expect(minutesUntilRetry(details)).toBe(15);
  });
});
