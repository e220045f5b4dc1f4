/** Challenge drafts written in the browser: validation of their solutions, run as jobs of the queue (publishing goes through the catalog). */
export {
  realValidationParts,
  runValidation,
  runningValidation,
  unrunnableValidation,
  type StoredValidation,
  type ValidationOutcome,
} from './run-validation.ts';
