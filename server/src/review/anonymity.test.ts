import { describe, expect, it } from 'vitest';
import { shownInvite } from './anonymity.ts';

const invite = { id: 'i1', candidateName: 'Amira Haile', contact: '+46 70 123 45 67', shortCode: 'ABCDEFGH' };

describe('shownInvite', () => {
  it('replaces the name by the alias and drops the contact while anonymous and not revealed', () => {
    expect(shownInvite(invite, { anonymous: true, number: 7, revealed: false })).toEqual({ ...invite, candidateName: 'Candidate 7', contact: null });
  });

  it('shows the invite as it is once revealed, or when anonymous review is off', () => {
    expect(shownInvite(invite, { anonymous: true, number: 7, revealed: true })).toBe(invite);
    expect(shownInvite(invite, { anonymous: false, number: 7, revealed: false })).toBe(invite);
  });
});
