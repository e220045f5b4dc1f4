import { LANGUAGES } from '../i18n/index.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string | null): string {
  return iso ? dateTime.format(new Date(iso)) : '–';
}

/** "1 h 05 min" from two instants; `to` defaults to now. */
export function formatSpan(fromIso: string, toIso: string | null): string {
  const minutes = Math.max(0, Math.round(((toIso ? Date.parse(toIso) : Date.now()) - Date.parse(fromIso)) / 60_000));
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

/**
 * A name a candidate or a CSV gave, for a translated sentence: between U+2068
 * (first-strong isolate) and U+2069, so a right-to-left override in it cannot
 * reorder the words around it. (Where a name stands alone, `<bdi>` does this.)
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;

/** Short codes are easier to read aloud and type in two groups: K7PM-2XQZ. */
export function formatShortCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

/** A language's own name (Svenska, العربية…), as the candidate's picker shows it. */
export const languageName = (code: string) => LANGUAGES.find((language) => language.code === code)?.name ?? code;
