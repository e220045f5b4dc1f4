/** Interface languages: set-up, switching, and the picker every candidate page shows. */
export * from './setup.ts';
export { LanguagePicker } from './LanguagePicker.tsx';
