import { describe, expect, it } from 'vitest';
import { inviteLink, sameOrigin } from './links.ts';

describe('sameOrigin', () => {
  it('passes our own origin and requests without one, refuses others and nonsense', () => {
    expect(sameOrigin('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(sameOrigin(undefined, '127.0.0.1:3000')).toBe(true);
    expect(sameOrigin('https://evil.example', '127.0.0.1:3000')).toBe(false);
    expect(sameOrigin('http://127.0.0.1:3001', '127.0.0.1:3000')).toBe(false);
    expect(sameOrigin('null', '127.0.0.1:3000')).toBe(false);
  });
});

describe('inviteLink', () => {
  it('is the client route with the token escaped', () => {
    expect(inviteLink('https://k.example', 'a/b')).toBe('https://k.example/invite/a%2Fb');
  });
});
