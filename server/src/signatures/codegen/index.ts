import { LANGUAGE_IDS, type LanguageId } from '../../contracts/index.ts';
import { KodbroError } from '../../errors.ts';
import { cCodegen } from './c.ts';
import { cppCodegen } from './cpp.ts';
import { csharpCodegen } from './csharp.ts';
import { goCodegen } from './go.ts';
import { haskellCodegen } from './haskell.ts';
import { javaCodegen } from './java.ts';
import { javascriptCodegen } from './javascript.ts';
import { kotlinCodegen } from './kotlin.ts';
import { phpCodegen } from './php.ts';
import { pythonCodegen } from './python.ts';
import { rubyCodegen } from './ruby.ts';
import { rustCodegen } from './rust.ts';
import { typescriptCodegen } from './typescript.ts';
import type { Codegen } from './types.ts';

export type { Codegen } from './types.ts';

/** Every language that can take a function-signature challenge. */
export const CODEGENS: Partial<Record<LanguageId, Codegen>> = {
  python: pythonCodegen,
  javascript: javascriptCodegen,
  ruby: rubyCodegen,
  php: phpCodegen,
  typescript: typescriptCodegen,
  c: cCodegen,
  cpp: cppCodegen,
  go: goCodegen,
  rust: rustCodegen,
  java: javaCodegen,
  kotlin: kotlinCodegen,
  csharp: csharpCodegen,
  haskell: haskellCodegen,
};

/** The languages a function-signature challenge can offer, in the order of LANGUAGE_IDS. */
export function signatureLanguages(): LanguageId[] {
  return LANGUAGE_IDS.filter((id) => CODEGENS[id] !== undefined);
}

export function codegenFor(language: LanguageId): Codegen {
  const codegen = CODEGENS[language];
  if (!codegen) throw new KodbroError('language_not_allowed', `Function-signature challenges are not available in ${language} yet`);
  return codegen;
}
