import { describe, expect, it } from 'vitest';
import { inviteLink } from './links.ts';

describe('inviteLink', () => {
  it('is the client route with the token escaped', () => {
    expect(inviteLink('https://k.example', 'a/b')).toBe('https://k.example/invite/a%2Fb');
  });
});
