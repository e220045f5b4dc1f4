/** Interface languages: set-up, switching, locale formats, and the picker every candidate page shows. */
export * from './setup.ts';
export { formatsFor, type LocaleFormats } from './format.ts';
export { LanguagePicker } from './LanguagePicker.tsx';

/** Ge'ez script on a page that shows Tigrinya outside the interface language (staff's printed slips); a chunk of its own. */
export const loadEthiopicFont = (): Promise<void> => import('./fonts/ethiopic.ts').then((font) => font.registerEthiopicFont());
