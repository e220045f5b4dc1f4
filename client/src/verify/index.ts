/** The public verification page of a shared result (`/verify/:resultId`): a lazily loaded chunk of its own. */
export { VerifyPage } from './VerifyPage.tsx';
