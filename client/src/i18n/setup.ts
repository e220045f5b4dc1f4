import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { StaffMessages } from '../staff/strings.ts';
import en, { type Messages } from './locales/en.ts';

/**
 * Interface languages. English is bundled (it is also every other language's
 * fallback); the others are separate chunks fetched when chosen, so a
 * candidate downloads one language, not six.
 *
 * The sv, ar, prs, ti and uk texts are first drafts, to be reviewed by
 * native speakers.
 */
export const LANGUAGES = [
  // Names in their own script: a reader must recognise their language without
  // reading the current one.
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'sv', name: 'Svenska', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'prs', name: 'دری', dir: 'rtl' },
  { code: 'ti', name: 'ትግርኛ', dir: 'ltr' },
  { code: 'uk', name: 'Українська', dir: 'ltr' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const loaders: Record<Exclude<LanguageCode, 'en'>, () => Promise<{ default: Messages }>> = {
  sv: () => import('./locales/sv.ts'),
  ar: () => import('./locales/ar.ts'),
  prs: () => import('./locales/prs.ts'),
  ti: () => import('./locales/ti.ts'),
  uk: () => import('./locales/uk.ts'),
};

const STORAGE_KEY = 'kodbro.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // `staff` is registered by the staff chunk when it loads.
    resources: { translation: Messages; staff: StaffMessages };
  }
}

export function isLanguage(code: string): code is LanguageCode {
  return LANGUAGES.some((language) => language.code === code);
}

/** Stored choice first, then the browser's languages, then English. */
function initialLanguage(): LanguageCode {
  const stored = readStorage(STORAGE_KEY);
  if (stored && isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    // Browsers report Dari as fa-AF; Persian readers are best served by Dari.
    if (tag.toLowerCase() === 'fa-af' || base === 'fa') return 'prs';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Starts i18next; resolves once the first language's texts are in (or after a short wait on a slow link). */
export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    // React escapes what it renders; escaping here would double it.
    interpolation: { escapeValue: false },
  });
  applyDocumentLanguage('en');
  const first = initialLanguage();
  if (first !== 'en') {
    // Do not hold the page hostage to a slow chunk: English shows meanwhile.
    await Promise.race([changeLanguage(first, false), new Promise((resolve) => setTimeout(resolve, 2500))]);
  }
}

/** Loads the language's texts if needed, switches, sets `lang`/`dir` on <html>, remembers the choice. */
export async function changeLanguage(code: LanguageCode, remember = true): Promise<void> {
  if (code !== 'en' && !i18next.hasResourceBundle(code, 'translation')) {
    const messages = await loaders[code]();
    i18next.addResourceBundle(code, 'translation', messages.default);
  }
  await i18next.changeLanguage(code);
  applyDocumentLanguage(code);
  if (remember) writeStorage(STORAGE_KEY, code);
}

function applyDocumentLanguage(code: LanguageCode): void {
  const language = LANGUAGES.find((entry) => entry.code === code);
  document.documentElement.lang = code;
  document.documentElement.dir = language?.dir ?? 'ltr';
}

/** localStorage can throw (private mode, storage disabled): never let that break the page. */
export function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Full or disabled storage: the choice lasts for this page only.
  }
}

/** Whether the interface has its own text for an API error code (otherwise the server's message is shown). */
export function hasErrorText(code: string): code is keyof Messages['errors'] {
  return Object.hasOwn(en.errors, code);
}
