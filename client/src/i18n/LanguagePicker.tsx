import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, changeLanguage, isLanguage } from './setup.ts';

/**
 * The interface-language select shown on every candidate page. `offered`:
 * the locales the assessment offers (all when absent); a current language
 * outside them gives way to the first offered.
 */
export function LanguagePicker({ offered }: { offered?: readonly string[] | undefined }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = i18n.resolvedLanguage ?? i18n.language;
  const languages = offered ? LANGUAGES.filter((language) => offered.includes(language.code)) : LANGUAGES;
  const fallback = languages[0]?.code;
  useEffect(() => {
    if (fallback && !languages.some((language) => language.code === current)) void changeLanguage(fallback);
  }, [current, fallback, languages]);
  return (
    <div className="language-picker">
      <label htmlFor={id}>
        <Globe />
        {t('common.language')}
      </label>
      <select
        id={id}
        value={current}
        onChange={(event) => {
          const code = event.target.value;
          if (isLanguage(code)) void changeLanguage(code);
        }}
      >
        {languages.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A globe, so someone who cannot read the current language still finds the switch. */
function Globe() {
  return (
    <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" className="icon">
      <circle cx="12" cy="12" r="10" />
      <path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20" />
    </svg>
  );
}
