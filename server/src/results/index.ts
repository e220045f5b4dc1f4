/**
 * Results candidates own: a finished attempt's result as a document signed
 * with the server's Ed25519 key, verifiable by anyone with the published
 * public key, online or offline.
 */
export { loadResultsKey, keyIdOf, keyPairOf, readPublicKey, type ResultsKeyPair } from './keys.ts';
export { newResultId, parseStoredDocument, signDocument, verifyDocument } from './sign.ts';
export { buildResultDocument } from './document.ts';
