/**
 * Every locale has every key of English — each plural in the forms its
 * language's plural rules use — no other keys, and the same placeholders;
 * the plurals render as the language needs; the Ge'ez web font holds every
 * character of the Tigrinya texts.
 */
import i18next, { type ParseKeys } from 'i18next';
import { describe, expect, it } from 'vitest';
import { codePointsOf, ethiopicCharacters } from './fonts/ethiopic-characters.ts';
import { SUBSET_UNICODE_RANGE } from './fonts/ethiopic-subset.ts';
import ar from './locales/ar.ts';
import en from './locales/en.ts';
import prs from './locales/prs.ts';
import sv from './locales/sv.ts';
import ti from './locales/ti.ts';
import uk from './locales/uk.ts';
import { I18NEXT_OPTIONS, LANGUAGES, registerFormats, type LanguageCode } from './setup.ts';

type Texts = Record<string, Record<string, string>>;
const LOCALES: Record<LanguageCode, Texts> = { en, sv, ar, prs, ti, uk };

const PLURAL = /_(zero|one|two|few|many|other)$/;
const ENGLISH_PLURAL = /_(one|other)$/;

function flatten(texts: Texts): Map<string, string> {
  return new Map(Object.entries(texts).flatMap(([section, entries]) => Object.entries(entries).map(([key, text]) => [`${section}.${key}`, text] as const)));
}

/** `{{count, number}}` → "count, number"; the name and its format, spaces ignored. */
function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/{{\s*([^}]*?)\s*}}/g)].map((match) => (match[1] ?? '').split(',').map((part) => part.trim()).join(', ')));
}
const nameOf = (placeholder: string) => placeholder.split(',')[0] ?? '';

/** What is wrong with a locale, compared with English, for a language with these plural categories. */
function problems(locale: Texts, categories: readonly string[]): string[] {
  const english = flatten(en);
  const texts = flatten(locale);
  const found: string[] = [];
  const expected = new Map<string, Set<string>>(); // key → the English placeholders it must have
  for (const [key, text] of english) {
    if (!ENGLISH_PLURAL.test(key)) {
      expected.set(key, placeholders(text));
      continue;
    }
    const base = key.replace(ENGLISH_PLURAL, '');
    const union = new Set([...placeholders(en_(`${base}_one`)), ...placeholders(en_(`${base}_other`))]);
    for (const category of categories) expected.set(`${base}_${category}`, union);
  }
  for (const [key, wanted] of expected) {
    const text = texts.get(key);
    if (text === undefined) {
      found.push(`missing ${key}`);
      continue;
    }
    if (text.trim() === '') found.push(`empty ${key}`);
    const have = placeholders(text);
    // A plural form may leave out the number itself ("دقيقتان": two minutes), nothing else.
    const optional = PLURAL.test(key) ? [...wanted].filter((placeholder) => nameOf(placeholder) === 'count') : [];
    for (const placeholder of wanted) if (!have.has(placeholder) && !optional.includes(placeholder)) found.push(`${key} lacks {{${placeholder}}}`);
    for (const placeholder of have) if (!wanted.has(placeholder)) found.push(`${key} has {{${placeholder}}}, which English has not`);
  }
  for (const key of texts.keys()) if (!expected.has(key)) found.push(`extra ${key}`);
  return found;

  function en_(key: string): string {
    return english.get(key) ?? '';
  }
}

function pluralCategories(code: string): string[] {
  return new Intl.PluralRules(code).resolvedOptions().pluralCategories;
}

describe('interface texts', () => {
  it('every language has a locale file', () => {
    expect(Object.keys(LOCALES).sort()).toEqual(LANGUAGES.map((language) => language.code).sort());
  });

  it.each(LANGUAGES.map((language) => language.code))("%s has every key of English, each plural in its language's forms, no other keys, the same placeholders", (code) => {
    expect(problems(LOCALES[code], pluralCategories(code))).toEqual([]);
  });

  it('catches a missing key, a missing or extra plural form, an extra key and a changed placeholder', () => {
    const broken = structuredClone(uk) as unknown as Texts;
    delete broken.workspace?.submit;
    delete broken.attempt?.timeLimit_few;
    broken.save!.extra = 'Зайве';
    broken.progress!.testing = 'Тест {{index}} з {{total, number}}';
    broken.result!.group_many = 'Група {{ід}}: пройдено {{passed, number}} з {{count, number}} тестів';
    expect(problems(broken, pluralCategories('uk')).sort()).toEqual(
      [
        'missing workspace.submit',
        'missing attempt.timeLimit_few',
        'extra save.extra',
        'progress.testing lacks {{index, number}}',
        'progress.testing has {{index}}, which English has not',
        'result.group_many lacks {{id}}',
        'result.group_many has {{ід}}, which English has not',
      ].sort(),
    );
    // Swedish forms are not Ukrainian ones: a form the language lacks is an extra key.
    const withFew = structuredClone(sv) as unknown as Texts;
    withFew.attempt!.minutesLeft_few = '{{count, number}} minuter kvar';
    expect(problems(withFew, pluralCategories('sv'))).toEqual(['extra attempt.minutesLeft_few']);
  });
});

describe('counts read right in every language', () => {
  const i18n = i18next.createInstance();
  const ready = i18n.init({ ...I18NEXT_OPTIONS, lng: 'en', resources: Object.fromEntries(Object.entries(LOCALES).map(([code, texts]) => [code, { translation: texts }])) }).then(() => registerFormats(i18n));
  const say = async (code: LanguageCode, key: ParseKeys, values: Record<string, number>) => {
    await ready;
    return i18n.getFixedT(code)(key, values);
  };

  it('Swedish: one minute is "1 minut"', async () => {
    expect(await say('sv', 'attempt.timeLimit', { count: 1 })).toBe('Tidsgräns: 1 minut');
    expect(await say('sv', 'attempt.timeLimit', { count: 45 })).toBe('Tidsgräns: 45 minuter');
  });

  it('Ukrainian: "з" takes тесту after 1, 21…, тестів after 2–4 and 5–20', async () => {
    expect(await say('uk', 'progress.hiddenTests', { finished: 1, count: 1 })).toBe('Виконано 1 з 1 тесту');
    expect(await say('uk', 'progress.hiddenTests', { finished: 3, count: 21 })).toBe('Виконано 3 з 21 тесту');
    expect(await say('uk', 'progress.hiddenTests', { finished: 2, count: 3 })).toBe('Виконано 2 з 3 тестів');
    expect(await say('uk', 'progress.hiddenTests', { finished: 7, count: 12 })).toBe('Виконано 7 з 12 тестів');
    expect(await say('uk', 'attempt.minutesLeft', { count: 5 })).toBe('Залишилося 5 хвилин');
    expect(await say('uk', 'attempt.minutesLeft', { count: 1 })).toBe('Залишилася 1 хвилина');
  });

  it('Arabic: one, two, three to ten, eleven to ninety-nine minutes', async () => {
    expect(await say('ar', 'attempt.timeLimit', { count: 1 })).toBe('الوقت المسموح: دقيقة واحدة');
    expect(await say('ar', 'attempt.timeLimit', { count: 2 })).toBe('الوقت المسموح: دقيقتان');
    expect(await say('ar', 'attempt.timeLimit', { count: 5 })).toBe('الوقت المسموح: 5 دقائق');
    expect(await say('ar', 'attempt.timeLimit', { count: 45 })).toBe('الوقت المسموح: 45 دقيقة');
    expect(await say('ar', 'result.group', { id: 2, passed: 1, count: 2 })).toBe('المجموعة 2: نجح 1 من اختبارين');
  });

  it("Dari writes interface numbers in its own digits; ids and measures stay Latin", async () => {
    expect(await say('prs', 'attempt.timeLimit', { count: 45 })).toBe('وقت مجاز: ۴۵ دقیقه');
    expect(await say('prs', 'result.group', { id: 3, passed: 4, count: 5 })).toBe('گروه 3: ۴ از ۵ آزمایش موفق');
    expect(await say('prs', 'result.timeMemory', { timeMs: 120, memoryKb: 2048 })).toBe('\u2068120 ms\u2069، \u20682048 KB\u2069');
  });

  it('Tigrinya: a singular noun after one, a plural after more', async () => {
    expect(await say('ti', 'attempt.timeLimit', { count: 1 })).toBe('ግዜ: 1 ደቒቕ');
    expect(await say('ti', 'attempt.timeLimit', { count: 45 })).toBe('ግዜ: 45 ደቓይቕ');
  });
});

describe("the Ge'ez web font", () => {
  it('holds every Ethiopic character of the Tigrinya texts and of the language picker (else: npm run fonts -w client)', () => {
    const inFont = codePointsOf(SUBSET_UNICODE_RANGE);
    const used = ethiopicCharacters([...flatten(ti).values(), ...LANGUAGES.map((language) => language.name)]);
    const missing = used.filter((codePoint) => !inFont.has(codePoint)).map((codePoint) => String.fromCodePoint(codePoint));
    expect(used.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
