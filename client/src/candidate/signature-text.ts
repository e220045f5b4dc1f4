import type { FunctionSignature, ValueType } from '@kodbro/server/contracts';

/**
 * A function-signature challenge's function in words every language reader
 * can follow (the starter shows it in the chosen language): the call, then
 * each record's fields.
 */
export function signatureText(signature: FunctionSignature): string {
  const records = new Map<string, Extract<ValueType, { kind: 'record' }>>();
  const name = (type: ValueType): string => {
    switch (type.kind) {
      case 'int':
        return `int ${type.min}..${type.max}`;
      case 'float':
        return type.special ? 'float (NaN, ±Infinity allowed)' : 'float';
      case 'list':
        return `list of ${name(type.of)}`;
      case 'map':
        return `map from string to ${name(type.of)}`;
      case 'optional':
        return `${name(type.of)} or null`;
      case 'record':
        if (!records.has(type.name)) {
          records.set(type.name, type);
          for (const field of type.fields) name(field.type);
        }
        return type.name;
      default:
        return type.kind;
    }
  };
  const call = `${signature.name}(${signature.params.map((p) => `${p.name}: ${name(p.type)}`).join(', ')}) → ${name(signature.returns)}`;
  const fields = [...records.values()].map((record) => `${record.name} { ${record.fields.map((f) => `${f.name}: ${name(f.type)}`).join(', ')} }`);
  return [call, ...fields].join('\n');
}
