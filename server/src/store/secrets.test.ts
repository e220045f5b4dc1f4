import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retryAt } from './backoff.ts';
import {
  hashInviteToken,
  LINK_KEY_BYTES,
  newInviteToken,
  newShortCode,
  normalizeShortCode,
  openInviteToken,
  sealInviteToken,
  SHORT_CODE_ALPHABET,
  SHORT_CODE_LENGTH,
} from './secrets.ts';

describe('invite secrets', () => {
  it('uses an alphabet without characters people confuse', () => {
    for (const ch of '0O1IL') expect(SHORT_CODE_ALPHABET).not.toContain(ch);
    expect(new Set(SHORT_CODE_ALPHABET).size).toBe(SHORT_CODE_ALPHABET.length);
    expect(SHORT_CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });

  it('makes 8-character codes that use the whole alphabet and rarely repeat', () => {
    const codes = Array.from({ length: 5000 }, newShortCode);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${SHORT_CODE_ALPHABET}]{${SHORT_CODE_LENGTH}}$`));
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(codes.join(''))).toEqual(new Set(SHORT_CODE_ALPHABET));
  });

  it('normalises what a person types, without guessing ambiguous characters', () => {
    expect(normalizeShortCode(' k7pm-2xqz ')).toBe('K7PM2XQZ');
    expect(normalizeShortCode('K7PM 2XQZ')).toBe('K7PM2XQZ');
    expect(normalizeShortCode('K7PM2XQ0')).toBeUndefined();
    expect(normalizeShortCode('K7PM2XQ')).toBeUndefined();
    expect(normalizeShortCode('K7PM2XQZZ')).toBeUndefined();
  });

  it('makes 256-bit tokens and hashes them with SHA-256', () => {
    const token = newInviteToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newInviteToken()).not.toBe(token);
    expect(hashInviteToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });
});

describe('retry backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const now = new Date(0);
    expect([1, 2, 3, 10].map((tries) => retryAt(now, tries, { baseMs: 1000, maxMs: 5000 }).getTime())).toEqual([1000, 2000, 4000, 5000]);
  });
});

describe('sealed invite tokens', () => {
  const key = randomBytes(LINK_KEY_BYTES);
  it('opens what it sealed, only under the same key and for the same invite', () => {
    const token = newInviteToken();
    const sealed = sealInviteToken(key, 'invite-1', token);
    expect(sealed).not.toContain(token);
    expect(openInviteToken(key, 'invite-1', sealed)).toBe(token);
    expect(openInviteToken(randomBytes(LINK_KEY_BYTES), 'invite-1', sealed)).toBeUndefined();
    expect(openInviteToken(key, 'invite-2', sealed)).toBeUndefined();
    const [version, iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0]! ^= 1;
    expect(openInviteToken(key, 'invite-1', [version, iv, tag, flipped.toString('base64url')].join('.'))).toBeUndefined();
    expect(openInviteToken(key, 'invite-1', 'garbage')).toBeUndefined();
  });
});
