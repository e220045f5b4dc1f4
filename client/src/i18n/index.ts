/** Interface languages: set-up, switching, locale formats, and the picker every candidate page shows. */
export * from './setup.ts';
export { formatsFor, type LocaleFormats } from './format.ts';
export { LanguagePicker } from './LanguagePicker.tsx';
