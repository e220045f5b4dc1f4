import { describe, expect, it } from 'vitest';
import { resolveLocale, type IntlApi } from './format.ts';
// What the pages use: the i18n module's public face.
import { formatsFor, type LocaleFormats } from './index.ts';

// Local date parts, so the expectations hold in any time zone.
const christmasEve = new Date(2026, 11, 24, 15, 30);

/**
 * A browser without data for `language`, as Debian's Chromium is for Tigrinya:
 * `supportedLocalesOf` leaves it out and formatting falls to the default locale.
 * `lying`: it claims the language but formats in its default locale anyway.
 */
function browserWithout(language: string, { lying = false } = {}): IntlApi {
  const lacks = (tag: string) => tag.toLowerCase().split('-')[0] === language;
  const swap = (locales?: string | readonly string[]) => ([locales ?? []].flat().some(lacks) ? 'en-US' : (locales as string | string[] | undefined));
  const claim = (locales: string | readonly string[], real: (tags: string[]) => string[]) => {
    const tags = [locales].flat();
    return lying ? tags : real(tags).filter((tag) => !lacks(tag));
  };
  class DateTimeFormat extends Intl.DateTimeFormat {
    constructor(locales?: string | readonly string[], options?: Intl.DateTimeFormatOptions) {
      super(swap(locales), options);
    }
    static override supportedLocalesOf(locales: string | readonly string[]) {
      return claim(locales, (tags) => Intl.DateTimeFormat.supportedLocalesOf(tags));
    }
  }
  class NumberFormat extends Intl.NumberFormat {
    constructor(locales?: string | readonly string[], options?: Intl.NumberFormatOptions) {
      super(swap(locales), options);
    }
    static override supportedLocalesOf(locales: string | readonly string[]) {
      return claim(locales, (tags) => Intl.NumberFormat.supportedLocalesOf(tags));
    }
  }
  return { DateTimeFormat, NumberFormat } as unknown as IntlApi;
}

describe('locale formats', () => {
  it("follow each interface language's conventions", () => {
    expect(formatsFor('en').number(1234.5)).toBe('1,234.5');
    expect(formatsFor('sv').number(1234.5)).toBe('1\u00a0234,5');
    expect(formatsFor('uk').number(1234.5)).toBe('1\u00a0234,5');
    expect(formatsFor('prs').number(1234.5)).toBe('۱٬۲۳۴٫۵');
    // English as most candidates' countries write it: day before month, 24-hour clock.
    expect(formatsFor('en').dateTime(christmasEve)).toMatch(/Thursday,? 24 December 2026 at 15:30/);
    expect(formatsFor('sv').dateTime(christmasEve)).toBe('torsdag 24 december 2026 kl. 15:30');
    expect(formatsFor('uk').time(christmasEve)).toBe('15:30');
    expect(formatsFor('ti').dateTime(christmasEve, { dateStyle: 'long' })).toContain('ታሕሳስ');
  });

  it('writes Dari dates in the Gregorian calendar, not the Solar Hijri one fa-AF defaults to', () => {
    const date = formatsFor('prs').dateTime(christmasEve, { dateStyle: 'long' });
    expect(date).toContain('۲۰۲۶');
    expect(date).not.toContain('۱۴۰۵');
    expect(formatsFor('prs').time(christmasEve)).toBe('۱۵:۳۰');
  });

  it('counts down on a clock face in the locale digits, rounding up to the second', () => {
    const en: LocaleFormats = formatsFor('en');
    expect(en.countdown(65_000)).toBe('01:05');
    expect(en.countdown(3_725_000)).toBe('1:02:05');
    expect(en.countdown(36_000_000)).toBe('10:00:00');
    expect(en.countdown(1)).toBe('00:01');
    expect(en.countdown(0)).toBe('00:00');
    expect(en.countdown(-5_000)).toBe('00:00');
    expect(formatsFor('prs').countdown(65_000)).toBe('۰۱:۰۵');
    expect(formatsFor('ar').countdown(65_000)).toBe('01:05');
  });

  it('writes spans to the minute in words', () => {
    // CLDR's abbreviations change between ICU versions ("min" / "mins"): match loosely.
    expect(formatsFor('en').duration(65 * 60_000)).toMatch(/^1 hr 5 mins?$/);
    expect(formatsFor('en').duration(120 * 60_000)).toMatch(/^2 hrs?$/);
    expect(formatsFor('en').duration(45 * 60_000 + 20_000)).toMatch(/^45 mins?$/);
    expect(formatsFor('sv').duration(90 * 60_000)).toBe('1 tim 30 min');
    expect(formatsFor('prs').duration(45 * 60_000)).toBe('۴۵ دقیقه');
  });

  it('falls back to English where the browser has no data for the language', () => {
    for (const unknown of ['tlh', 'xx', 'not a tag']) {
      const formats = formatsFor(unknown);
      expect(formats.locale).toBe('en-GB');
      expect(formats.number(1234.5)).toBe('1,234.5');
      expect(formats.dateTime(christmasEve)).toMatch(/24 December 2026 at 15:30/);
    }
    // Debian's Chromium: no Tigrinya data at all. Without the check, `ti` would format in the
    // browser's default locale (en-US here: "December 24, 2026 at 3:30 PM").
    const chromium = browserWithout('ti');
    expect(resolveLocale('ti', chromium)).toBe('en-GB');
    expect(formatsFor('ti', chromium).dateTime(christmasEve)).toMatch(/24 December 2026 at 15:30/);
    // An engine that claims the language but formats in another one is not believed either.
    expect(resolveLocale('ti', browserWithout('ti', { lying: true }))).toBe('en-GB');
    // Where the data is there, it is used.
    expect(resolveLocale('ti')).toBe('ti');
    expect(resolveLocale('prs')).toBe('fa-AF');
  });
});
