import type { FunctionSignature, ValueType } from '../../contracts/index.ts';

/** The records a signature uses, each once, inner ones before the records that hold them (declaration order for C and C++). */
export function recordsOf(signature: FunctionSignature): Extract<ValueType, { kind: 'record' }>[] {
  const found = new Map<string, Extract<ValueType, { kind: 'record' }>>();
  const visit = (type: ValueType) => {
    if (type.kind === 'record') {
      for (const field of type.fields) visit(field.type);
      if (!found.has(type.name)) found.set(type.name, type);
    } else if ('of' in type) visit(type.of);
  };
  for (const param of signature.params) visit(param.type);
  visit(signature.returns);
  return [...found.values()];
}
