/** Staff texts of a candidate's shared result (spread into the `staff` namespace by strings.ts). */
const resultStrings = {
  sharedResult: {
    heading: 'Shared result',
    none: 'The candidate has not shared a signed result of this attempt.',
    shared: 'The candidate shares a signed result of this attempt (since {{time}}). Anyone with its link can check it.',
    notShared: 'The candidate made a signed result of this attempt but does not share it now: its link does not work.',
    open: 'Open its verification page',
    revokedAt: 'Revoked on {{time}} by {{name}}.',
    revokedReason: 'Reason: {{reason}}',
    revokeInfo: 'Revoke it if this result should not count (for example, someone else took the test). The verification page will then say that your organisation revoked it. The signed document itself cannot be changed.',
    reason: 'Reason (optional, shown on the verification page)',
    revoke: 'Revoke this result',
    unrevoke: 'Withdraw the revocation',
    revokedNews: 'The result is revoked. Its verification page says so.',
    unrevokedNews: 'The revocation is withdrawn. The verification page no longer shows it.',
    failed: 'That did not work: {{message}}',
  },
};

export default resultStrings;
