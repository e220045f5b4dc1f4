/**
 * Dates and times in the reader's locale. The Gregorian calendar always:
 * `prs` would otherwise give Solar Hijri dates, and a closing date read in
 * another calendar than the company's is easily misread. A browser without
 * the locale's data falls back to English rather than failing.
 */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { calendar: 'gregory', ...options });
  } catch {
    return new Intl.DateTimeFormat('en', options);
  }
}

/** "14:05" (with seconds: "14:05:09"). */
export function formatTime(locale: string, iso: string, seconds = false): string {
  return formatter(locale, { timeStyle: seconds ? 'medium' : 'short' }).format(new Date(iso));
}

/** "Monday 3 March 2026 at 14:05". */
export function formatDateTime(locale: string, iso: string): string {
  return formatter(locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}
