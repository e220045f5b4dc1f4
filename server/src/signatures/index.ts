/**
 * Function-signature challenges: the candidate writes one function; Kodbro
 * generates each language's starter and harness from the declared
 * signature, sends the arguments in a token format every harness reads, and
 * compares the returned value with the expected one on the server.
 */
export { codegenFor, CODEGENS, signatureLanguages, type Codegen } from './codegen/index.ts';
export { encodeInput, decodeOutput, type Decoded } from './wire.ts';
export { testDataProblem } from './values.ts';
// The checks themselves are the contracts' (zod-free), shared with the candidate's page.
export { valueProblem, argumentsProblem, parseJson } from '../contracts/index.ts';
export { reservedNameProblems } from './reserved.ts';
export { sameValue } from './compare.ts';
export { formatValue } from './format.ts';
