/** A candidate's attempt as the candidate may see it, read from the store. */
export { candidateReads, type CandidateReads } from './reads.ts';
export { saveCandidateDraft } from './drafts.ts';
