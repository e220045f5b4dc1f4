/** Challenge drafts written in the browser: validation of their solutions (publishing goes through the catalog). */
export { createDraftValidator, type DraftValidator, type StoredValidation } from './validator.ts';
