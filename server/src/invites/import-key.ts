/**
 * What makes two CSV rows the same candidate within an assessment: the name
 * and the contact, compared as people read them (Unicode NFKC, case folded,
 * runs of spaces as one). Kept on the invite, unique per assessment, so
 * importing the same file twice invites nobody twice, whoever edited the
 * spacing or capitals in between.
 */
export function importKey(name: string, contact: string | null | undefined): string {
  const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  return `${fold(name)}\n${fold(contact ?? '')}`;
}
