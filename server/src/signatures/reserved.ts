import type { FunctionSignature } from '../contracts/index.ts';
import { CODEGENS } from './codegen/index.ts';
import { recordsOf } from './codegen/records.ts';

/**
 * Names the signature declares that some language cannot take (a keyword, or
 * a name its harness or standard types already use): refused for every
 * language, so a challenge works in all the languages it offers.
 */
export function reservedNameProblems(signature: FunctionSignature): string[] {
  const records = recordsOf(signature);
  const names = new Set([signature.name, ...signature.params.map((p) => p.name), ...records.flatMap((r) => [r.name, ...r.fields.map((f) => f.name)])]);
  return [...names].flatMap((name) => {
    const languages = Object.values(CODEGENS).filter((codegen) => codegen.reserved.includes(name)).map((codegen) => codegen.language);
    return languages.length ? [`${name} cannot be used as a name: ${languages.join(', ')} reserve${languages.length === 1 ? 's' : ''} it`] : [];
  });
}
