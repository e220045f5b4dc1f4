import type { FunctionSignature, LanguageId } from '../../contracts/index.ts';

/**
 * One language's side of function-signature challenges: what the candidate
 * starts from, and the program the sandbox compiles — the candidate's code
 * with a harness that reads the arguments (wire.ts), calls the function and
 * writes the result. The harness runs as the candidate's own process:
 * nothing it prints is trusted beyond the one result line the server reads.
 */
export interface Codegen {
  language: LanguageId;
  /**
   * Words a declared name may not be, in this language (its keywords, and
   * the names its harness or its standard types take). A signature is
   * checked against every language's list, so it works in all of them.
   */
  reserved: readonly string[];
  /** The starter: the function with an empty body, the records it uses, and a comment saying what to do. */
  starter(signature: FunctionSignature): string;
  /**
   * The one source file compiled in the box: the candidate's code, unchanged
   * and starting on line 1 (so compiler messages point at the right lines),
   * with the harness after it; or, where the language needs declarations
   * first, with a directive that restores the candidate's line numbers.
   */
  program(signature: FunctionSignature, candidate: string): string;
}
