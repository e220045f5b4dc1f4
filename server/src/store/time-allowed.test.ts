import { describe, expect, it } from 'vitest';
import { statementLanguagesOf, timeAllowedMinutes } from './time-allowed.ts';

const settings = { timeLimitMinutes: 60, secondLanguagePercent: 25 };
const none = { firstLanguage: null, extraMinutes: 0 };

describe('timeAllowedMinutes', () => {
  it('is the limit when the first language is unknown and no extra minutes are granted', () => {
    expect(timeAllowedMinutes(settings, none, [['en'], ['en', 'sv']])).toBe(60);
  });

  it('adds the percentage when one task has no statement in the first language', () => {
    expect(timeAllowedMinutes(settings, { firstLanguage: 'sv', extraMinutes: 0 }, [['en', 'sv'], ['en']])).toBe(75);
  });

  it('adds nothing when every task has a statement in the first language', () => {
    expect(timeAllowedMinutes(settings, { firstLanguage: 'sv', extraMinutes: 0 }, [['en', 'sv'], ['sv']])).toBe(60);
  });

  it('matches a region or case variant of the same language', () => {
    expect(timeAllowedMinutes(settings, { firstLanguage: 'SV-se', extraMinutes: 0 }, [['sv']])).toBe(60);
    expect(timeAllowedMinutes(settings, { firstLanguage: 'ar', extraMinutes: 0 }, [['en']])).toBe(75);
  });

  it('rounds a part-minute up, and adds the invite’s extra minutes after the percentage', () => {
    expect(timeAllowedMinutes({ timeLimitMinutes: 45, secondLanguagePercent: 25 }, { firstLanguage: 'ti', extraMinutes: 10 }, [['en']])).toBe(57 + 10);
    expect(timeAllowedMinutes({ timeLimitMinutes: 45, secondLanguagePercent: 25 }, { firstLanguage: null, extraMinutes: 10 }, [['en']])).toBe(55);
  });

  it('a percentage of 0 turns the rule off; negative inputs count as nothing', () => {
    expect(timeAllowedMinutes({ timeLimitMinutes: 60, secondLanguagePercent: 0 }, { firstLanguage: 'ar', extraMinutes: 0 }, [['en']])).toBe(60);
    expect(timeAllowedMinutes({ timeLimitMinutes: 60, secondLanguagePercent: -50 }, { firstLanguage: 'ar', extraMinutes: -5 }, [['en']])).toBe(60);
  });

  it('an assessment without tasks gives no percentage', () => {
    expect(timeAllowedMinutes(settings, { firstLanguage: 'ar', extraMinutes: 0 }, [])).toBe(60);
  });
});

describe('statementLanguagesOf', () => {
  it('reads statementLanguages, else the title locales, else nothing', () => {
    expect(statementLanguagesOf({ statementLanguages: ['en', 'sv'], title: { en: 'x' } })).toEqual(['en', 'sv']);
    expect(statementLanguagesOf({ title: { en: 'x', ar: 'y' } })).toEqual(['en', 'ar']);
    expect(statementLanguagesOf(null)).toEqual([]);
    expect(statementLanguagesOf('text')).toEqual([]);
  });
});
