import { formatsFor } from '../i18n/index.ts';

/** "14:05", in the interface language's formats (Gregorian, with an English fallback: see i18n/format.ts). */
export const formatTime = (language: string, iso: string): string => formatsFor(language).time(iso);

/** "Monday 3 March 2026 at 14:05". */
export const formatDateTime = (language: string, iso: string): string => formatsFor(language).dateTime(iso);
