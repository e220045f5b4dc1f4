import { describe, expect, it } from 'vitest';
import { errorOf } from './http.ts';

describe('errorOf: the error an answer carries, without zod', () => {
  it('reads code, message and details of the contracts’ error body', () => {
    const current = { challengeVersionId: 'c', language: 'python', source: 'x', revision: 3, updatedAt: '2026-01-01T00:00:00Z' };
    expect(errorOf({ error: { code: 'stale_draft', message: 'Newer', details: { current } } })).toEqual({ code: 'stale_draft', message: 'Newer', details: { current } });
    expect(errorOf({ error: { code: 'not_found', message: 'No such thing' } })).toEqual({ code: 'not_found', message: 'No such thing', details: undefined });
  });

  it('keeps a code this build does not know (its text is then the server’s message)', () => {
    expect(errorOf({ error: { code: 'something_new', message: 'Later' } })?.code).toBe('something_new');
  });

  it('is undefined for anything else: a proxy’s page, a bare string, a half body', () => {
    for (const data of [undefined, null, 'Bad gateway', 42, [], {}, { error: 'x' }, { error: null }, { error: { code: 404, message: 'x' } }, { error: { code: 'x' } }]) {
      expect(errorOf(data)).toBeUndefined();
    }
  });
});
