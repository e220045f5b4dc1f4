import type { FunctionSignature, ValueType } from '../contracts/index.ts';
import { CODEGENS } from './codegen/index.ts';

/**
 * Names the signature declares that some language cannot take (a keyword, or
 * a name its harness or standard types already use): refused for every
 * language, so a challenge works in all the languages it offers.
 */
export function reservedNameProblems(signature: FunctionSignature): string[] {
  const names = new Set<string>([signature.name, ...signature.params.map((p) => p.name)]);
  const visit = (type: ValueType) => {
    if (type.kind === 'record') {
      names.add(type.name);
      for (const field of type.fields) {
        names.add(field.name);
        visit(field.type);
      }
    } else if ('of' in type) visit(type.of);
  };
  for (const param of signature.params) visit(param.type);
  visit(signature.returns);
  const problems: string[] = [];
  for (const name of names) {
    const languages = Object.values(CODEGENS).filter((codegen) => codegen.reserved.includes(name)).map((codegen) => codegen.language);
    if (languages.length) problems.push(`${name} cannot be used as a name: ${languages.join(', ')} reserve${languages.length === 1 ? 's' : ''} it`);
  }
  return problems;
}
