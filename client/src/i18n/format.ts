/**
 * Numbers, dates, durations and the countdown in the conventions of the
 * interface language, through the browser's `Intl`, with English (en-GB) where
 * the browser has no data for that language. The fallback is not theoretical:
 * Debian's Chromium has none for Tigrinya, and `new Intl.DateTimeFormat('ti')`
 * there silently formats in whatever the browser's own locale is.
 *
 * Digits follow the locale (Dari: ۰–۹) for the numbers of the interface; the
 * numbers of code and machines — line numbers, exit codes, test ids, limits
 * and measures in ms/MB/KB — are not formatted here and stay Latin, as in the
 * editor, the compiler's messages and the judge's output they sit beside.
 *
 * The calendar is always Gregorian: Dari's locale (fa-AF) defaults to the
 * Solar Hijri calendar, and a closing date of "۳ جدی ۱۴۰۵" is easily misread
 * next to an invitation written with Gregorian dates.
 */

/** The locale whose conventions an interface language follows (day before month, 24-hour clock for English). */
const FORMAT_LOCALES: Readonly<Record<string, string>> = { en: 'en-GB', sv: 'sv', ar: 'ar', prs: 'fa-AF', ti: 'ti', uk: 'uk' };
const FALLBACK_LOCALES = ['en-GB', 'en'];

/** The parts of `Intl` used here; a test passes a browser that lacks some locale data. */
export type IntlApi = Pick<typeof Intl, 'NumberFormat' | 'DateTimeFormat'>;

export interface LocaleFormats {
  /** The locale actually used: the language's, or the English fallback. */
  readonly locale: string;
  /** 1234.5 → "1,234.5", "1 234,5", "۱٬۲۳۴٫۵". */
  number(value: number): string;
  /** Date and time; the default style is a full date with a short time. */
  dateTime(value: Date | number | string, style?: DateStyle): string;
  /** The time of day, short: "14:05". */
  time(value: Date | number | string): string;
  /** A span to the minute, in words: "1 hr 5 min", "۴۵ دقیقه". */
  duration(ms: number): string;
  /** Time left on a clock face, rounded up to the second: "1:05:09", "04:59", "۰۴:۵۹". */
  countdown(ms: number): string;
}

interface DateStyle {
  dateStyle?: 'full' | 'long' | 'medium' | 'short';
  timeStyle?: 'full' | 'long' | 'medium' | 'short';
}

const cache = new Map<string, LocaleFormats>();

/** The formats of an interface language (`i18n.language`), made once per language. */
export function formatsFor(language: string, intl: IntlApi = Intl): LocaleFormats {
  if (intl !== Intl) return makeFormats(resolveLocale(language, intl), intl);
  let formats = cache.get(language);
  if (!formats) {
    formats = makeFormats(resolveLocale(language, intl), intl);
    cache.set(language, formats);
  }
  return formats;
}

/** The language's locale when the browser has data for it, else English. */
export function resolveLocale(language: string, intl: IntlApi = Intl): string {
  const wanted = FORMAT_LOCALES[language] ?? language;
  return [wanted, ...FALLBACK_LOCALES].find((tag) => hasLocaleData(tag, intl)) ?? 'en';
}

function hasLocaleData(tag: string, intl: IntlApi): boolean {
  try {
    if (intl.DateTimeFormat.supportedLocalesOf([tag]).length === 0) return false;
    if (intl.NumberFormat.supportedLocalesOf([tag]).length === 0) return false;
    // An engine may "support" a tag by handing back its default locale's data: believe it
    // only if the locale it resolved to is of the language asked for.
    return languageOf(new intl.DateTimeFormat(tag).resolvedOptions().locale) === languageOf(tag);
  } catch {
    // RangeError: not a well-formed language tag.
    return false;
  }
}

function languageOf(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? '';
}

function makeFormats(locale: string, intl: IntlApi): LocaleFormats {
  const plain = new intl.NumberFormat(locale);
  const clockHours = new intl.NumberFormat(locale, { useGrouping: false });
  const clockPart = new intl.NumberFormat(locale, { useGrouping: false, minimumIntegerDigits: 2 });
  const hours = new intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short' });
  const minutes = new intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' });
  // `-u-ca-gregory` as well as the option: engines too old for the option still read the tag.
  const gregorian = `${locale}-u-ca-gregory`;
  const dateFormats = new Map<string, Intl.DateTimeFormat>();
  const dateFormat = (style: DateStyle) => {
    const key = `${style.dateStyle ?? ''}/${style.timeStyle ?? ''}`;
    let format = dateFormats.get(key);
    if (!format) {
      format = new intl.DateTimeFormat(gregorian, { ...style, calendar: 'gregory' });
      dateFormats.set(key, format);
    }
    return format;
  };

  return {
    locale,
    number: (value) => plain.format(value),
    dateTime: (value, style = { dateStyle: 'full', timeStyle: 'short' }) => dateFormat(style).format(toDate(value)),
    time: (value) => dateFormat({ timeStyle: 'short' }).format(toDate(value)),
    duration: (ms) => {
      // Intl.DurationFormat would join these, but older browsers (and Node 20) lack it.
      const total = Math.max(0, Math.round(ms / 60_000));
      const h = Math.floor(total / 60);
      const m = total % 60;
      if (h === 0) return minutes.format(m);
      return m === 0 ? hours.format(h) : `${hours.format(h)} ${minutes.format(m)}`;
    },
    countdown: (ms) => {
      const total = Math.max(0, Math.ceil(ms / 1000));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = total % 60;
      return h > 0 ? `${clockHours.format(h)}:${clockPart.format(m)}:${clockPart.format(s)}` : `${clockPart.format(m)}:${clockPart.format(s)}`;
    },
  };
}

function toDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}
