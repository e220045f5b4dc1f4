/** Similarity between candidates' final code: a token stream per language, winnowed fingerprints, scored pairs with their matching regions. Pure: no I/O. */
export { findSimilarPairs, SIMILARITY_LIMITS, type LineRange, type SimilarityDoc, type SimilarityGroup, type SimilarPair } from './compare.ts';
export { K as SIMILARITY_K, W as SIMILARITY_W } from './winnow.ts';
