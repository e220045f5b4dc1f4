import i18next from 'i18next';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { changeLanguage, changeStaffLanguage, documentAttributes, initI18n, setPageKind, staffLanguage } from './setup.ts';

/** Only what the i18n module touches: <html>'s lang and dir, and a stored choice. */
const html = { lang: '', dir: '' };
vi.stubGlobal('document', { documentElement: html });
const stored = new Map([['kodbro.language', 'ar']]);
vi.stubGlobal('localStorage', { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => stored.set(key, value) });
afterAll(() => vi.unstubAllGlobals());

describe('the language and direction of a page', () => {
  it('right to left for Arabic and Dari only', () => {
    expect(documentAttributes('ar')).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(documentAttributes('prs')).toEqual({ lang: 'prs', dir: 'rtl' });
    for (const code of ['en', 'sv', 'ti', 'uk'] as const) expect(documentAttributes(code).dir).toBe('ltr');
  });

  it('staff pages stay English and left to right though Arabic was chosen on this browser; candidate pages get the choice back', async () => {
    // A staff page opened first: Arabic is remembered but neither fetched nor shown.
    await setPageKind('staff');
    await initI18n();
    expect(html).toEqual({ lang: 'en', dir: 'ltr' });
    expect(i18next.hasResourceBundle('ar', 'translation')).toBe(false);

    await setPageKind('candidate');
    expect(html).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(i18next.t('verdict.accepted')).toBe('مقبول');

    await setPageKind('staff');
    expect(html).toEqual({ lang: 'en', dir: 'ltr' });
    // The staff pages' verdict names come from the candidate texts: English too.
    expect(i18next.t('verdict.accepted')).toBe('Accepted');

    // A choice made while a staff page shows is kept for the candidate pages, not shown here.
    await changeLanguage('prs');
    expect(html).toEqual({ lang: 'en', dir: 'ltr' });
    expect(stored.get('kodbro.language')).toBe('prs');

    await setPageKind('candidate');
    expect(html).toEqual({ lang: 'prs', dir: 'rtl' });
    expect(i18next.t('workspace.submit')).toBe('ارسال');
  });

  it('the staff menu’s Swedish shows on staff pages only, left to right, stored apart from the candidate’s choice', async () => {
    expect(staffLanguage()).toBe('en');
    await setPageKind('staff');
    await changeStaffLanguage('sv');
    expect(html).toEqual({ lang: 'sv', dir: 'ltr' });
    expect(i18next.language).toBe('sv');
    expect(stored.get('kodbro.staffLanguage')).toBe('sv');
    expect(stored.get('kodbro.language')).toBe('prs');

    await setPageKind('candidate');
    expect(html).toEqual({ lang: 'prs', dir: 'rtl' });
    await setPageKind('staff');
    expect(html).toEqual({ lang: 'sv', dir: 'ltr' });
    await changeStaffLanguage('en');
    expect(html).toEqual({ lang: 'en', dir: 'ltr' });
  });
});
