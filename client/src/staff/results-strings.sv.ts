import type resultStrings from './results-strings.ts';

/** Swedish staff texts of a shared result (the same keys as results-strings.ts). */
const resultStringsSv: typeof resultStrings = {
  sharedResult: {
    heading: 'Delat resultat',
    none: 'Kandidaten har inte delat något signerat resultat av det här försöket.',
    shared: 'Kandidaten delar ett signerat resultat av det här försöket (sedan {{time}}). Alla som har länken kan kontrollera det.',
    notShared: 'Kandidaten har skapat ett signerat resultat av försöket men delar det inte nu: länken fungerar inte.',
    open: 'Öppna kontrollsidan',
    revokedAt: 'Återkallat {{time}} av {{name}}.',
    revokedReason: 'Skäl: {{reason}}',
    revokeInfo: 'Återkalla resultatet om det inte ska gälla (till exempel om någon annan gjorde testet). Kontrollsidan säger då att er organisation har återkallat det. Själva det signerade dokumentet kan inte ändras.',
    reason: 'Skäl (valfritt, visas på kontrollsidan)',
    revoke: 'Återkalla resultatet',
    unrevoke: 'Ta tillbaka återkallelsen',
    revokedNews: 'Resultatet är återkallat. Kontrollsidan säger det.',
    unrevokedNews: 'Återkallelsen är borttagen. Kontrollsidan visar den inte längre.',
    failed: 'Det gick inte: {{message}}',
  },
};

export default resultStringsSv;
