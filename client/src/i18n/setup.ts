import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { AuthoringMessages } from '../staff/challenge-editor/index.ts';
import type { StaffMessages } from '../staff/strings.ts';
import { formatsFor } from './format.ts';
import en, { type Messages } from './locales/en.ts';

/**
 * Interface languages. English is bundled (it is also every other language's
 * fallback); the others are separate chunks fetched when chosen, so a
 * candidate downloads one language, not six. Which translations a native
 * speaker has reviewed: README, "Translations".
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

// A locale's plural forms differ from English's (`Messages<forms>`); i18next takes any of them.
type LocaleModule = Promise<{ default: object }>;
const loaders: Record<Exclude<LanguageCode, 'en'>, () => LocaleModule> = {
  sv: () => import('./locales/sv.ts'),
  ar: () => import('./locales/ar.ts'),
  prs: () => import('./locales/prs.ts'),
  // Ge'ez script: machines without an Ethiopic font get a small web font, registered
  // with the texts so no one else downloads a byte of it.
  ti: () => Promise.all([import('./locales/ti.ts'), import('./fonts/ethiopic.ts').then((font) => font.registerEthiopicFont())]).then(([texts]) => texts),
  uk: () => import('./locales/uk.ts'),
};

const STORAGE_KEY = 'kodbro.language';
/** The staff pages' own choice on this device, apart from the candidate's and the browser's. */
const STAFF_STORAGE_KEY = 'kodbro.staffLanguage';

/** Languages the staff pages are translated into; all left to right. */
export const STAFF_LANGUAGES = ['en', 'sv'] as const satisfies readonly LanguageCode[];
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];
export const isStaffLanguage = (code: string): code is StaffLanguage => (STAFF_LANGUAGES as readonly string[]).includes(code);

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // `staff` and `authoring` (the challenge editor) are registered by the staff chunk when it loads.
    resources: { translation: Messages; staff: StaffMessages; authoring: AuthoringMessages };
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

/**
 * The options and formats the app's i18next uses (the tests set up theirs
 * with the same): `{{n, number}}` writes a number in the language's digits,
 * with English's where the browser lacks the language's data.
 */
export const I18NEXT_OPTIONS = {
  fallbackLng: 'en',
  // React escapes what it renders; escaping here would double it.
  interpolation: { escapeValue: false },
} as const;

export function registerFormats(instance: i18n): void {
  instance.services.formatter?.add('number', (value: unknown, lng: string | undefined) => formatsFor(lng ?? 'en').number(Number(value)));
}

/**
 * Which kind of page is showing. Candidate pages speak the chosen language and
 * take its direction; staff pages speak the staff choice (English unless
 * Swedish was chosen in the staff menu on this device) and stay left to right
 * even when a candidate chose Arabic on this browser.
 */
export type PageKind = 'candidate' | 'staff';

let pageKind: PageKind = 'candidate';
/** The language the candidate chose (or the browser suggested), whatever the page. */
let chosen: LanguageCode = 'en';
/** Read on first use: the staff menu's choice, never the browser's languages. */
let staffChosen: StaffLanguage | undefined;

/** The staff pages' language on this device. */
export function staffLanguage(): StaffLanguage {
  if (staffChosen === undefined) {
    const stored = readStorage(STAFF_STORAGE_KEY);
    staffChosen = stored && isStaffLanguage(stored) ? stored : 'en';
  }
  return staffChosen;
}

/** The language a page shows. */
export function pageLanguage(kind: PageKind, choice: LanguageCode, staffChoice: StaffLanguage = 'en'): LanguageCode {
  return kind === 'staff' ? staffChoice : choice;
}

/** The staff menu: switches the staff pages and remembers it on this device; the candidate's choice stays as it was. */
export async function changeStaffLanguage(code: StaffLanguage): Promise<void> {
  staffChosen = code;
  writeStorage(STAFF_STORAGE_KEY, code);
  await showLanguage(pageLanguage(pageKind, chosen, code));
}

/** `lang` and `dir` for <html>. */
export function documentAttributes(language: LanguageCode): { lang: string; dir: 'ltr' | 'rtl' } {
  return { lang: language, dir: LANGUAGES.find((entry) => entry.code === language)?.dir ?? 'ltr' };
}

/** Starts i18next; resolves once the first language's texts are in (or after a short wait on a slow link). */
export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({ ...I18NEXT_OPTIONS, resources: { en: { translation: en } }, lng: 'en' });
  registerFormats(i18next);
  applyDocumentLanguage('en');
  chosen = initialLanguage();
  // A staff page may start in Swedish though the candidate's choice is English, and the other way round.
  if (pageLanguage(pageKind, chosen, staffLanguage()) !== 'en') {
    // Do not hold the page hostage to a slow chunk: English shows meanwhile.
    await Promise.race([showLanguage(pageLanguage(pageKind, chosen, staffLanguage())), new Promise((resolve) => setTimeout(resolve, 2500))]);
  }
}

/** Loads the language's texts if needed, switches (on candidate pages), sets `lang`/`dir` on <html>, remembers the choice. */
export async function changeLanguage(code: LanguageCode, remember = true): Promise<void> {
  chosen = code;
  if (remember) writeStorage(STORAGE_KEY, code);
  await showLanguage(pageLanguage(pageKind, code, staffLanguage()));
}

/**
 * Tells the i18n module which kind of page is showing; `App` calls it on every
 * route (`useLayoutEffect(() => void setPageKind(staff ? 'staff' : 'candidate'), [staff])`),
 * main.tsx may call it before `initI18n` too. A staff page
 * shows English left to right; back on a candidate page the chosen language
 * and its direction return.
 */
export function setPageKind(kind: PageKind): Promise<void> {
  pageKind = kind;
  // Before `initI18n` (main.tsx may say so first): noted, and a staff page then never fetches the chosen language's texts.
  if (!i18next.isInitialized) return Promise.resolve();
  return showLanguage(pageLanguage(kind, chosen, staffLanguage()));
}

async function showLanguage(code: LanguageCode): Promise<void> {
  if (code !== 'en' && !i18next.hasResourceBundle(code, 'translation')) {
    const messages = await loaders[code]();
    i18next.addResourceBundle(code, 'translation', messages.default);
  }
  // The page may have changed kind while the texts loaded: show what it is now.
  const showing = pageLanguage(pageKind, chosen, staffLanguage());
  if (i18next.language !== showing && (showing === 'en' || i18next.hasResourceBundle(showing, 'translation'))) await i18next.changeLanguage(showing);
  applyDocumentLanguage(i18next.language as LanguageCode);
}

function applyDocumentLanguage(code: LanguageCode): void {
  const { lang, dir } = documentAttributes(code);
  document.documentElement.lang = lang;
  document.documentElement.dir = dir;
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
