import i18next from 'i18next';
import authoringSv from './strings.sv.ts';
import authoringEn from './strings.ts';

/*
 * The challenge editor (staff authors only, in the lazy staff chunk): a new
 * challenge, a draft's editor page, and the library's drafts list and "edit
 * as draft" action. Its texts are the `authoring` namespace.
 */
i18next.addResourceBundle('en', 'authoring', authoringEn);
i18next.addResourceBundle('sv', 'authoring', authoringSv);

export { ChallengeEditor } from './ChallengeEditor.tsx';
export { NewChallenge } from './NewChallenge.tsx';
export { DraftList, EditAsDraftButton } from './DraftList.tsx';
export type { AuthoringMessages } from './strings.ts';
