/** Similarity between candidates' final code: a token stream per language, winnowed fingerprints, scored pairs with their matching regions. Pure: no I/O. */
export { findSimilarPairs, SIMILARITY_LIMITS, type SimilarityDoc, type SimilarityGroup, type SimilarPair } from './compare.ts';
