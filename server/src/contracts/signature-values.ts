/** The type system of function-signature challenges (signature.ts has its schema and rules). */
export type ValueType =
  | { kind: 'int'; min: number; max: number }
  /** Floating point (a double everywhere); `special` allows NaN and the infinities, which JSON spells as strings. */
  | { kind: 'float'; special?: boolean }
  | { kind: 'bool' }
  | { kind: 'string' }
  | { kind: 'list'; of: ValueType }
  /** A map from strings. */
  | { kind: 'map'; of: ValueType }
  | { kind: 'optional'; of: ValueType }
  | { kind: 'record'; name: string; fields: Field[] };

export interface Field {
  name: string;
  type: ValueType;
}

export interface FunctionSignature {
  name: string;
  params: Field[];
  returns: ValueType;
}


/**
 * Zod-free, so the candidate's page checks custom arguments before sending them.
 *
 * Values as JSON, checked against their types: test arguments and expected
 * values of a package, and the arguments a candidate types for a custom run.
 * JSON has no NaN or infinity: a float whose type allows them spells them
 * "NaN", "Infinity" and "-Infinity".
 */

export const SPECIAL_FLOATS = ['NaN', 'Infinity', '-Infinity'] as const;

/** Why `value` is not a `type`, with where inside it (`$[2].name`), or undefined when it is one. */
export function valueProblem(type: ValueType, value: unknown, where = '$'): string | undefined {
  switch (type.kind) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${where}: expected an integer, got ${describe(value)}`;
      if (value < type.min || value > type.max) return `${where}: ${value} is outside ${type.min}…${type.max}`;
      return undefined;
    case 'float':
      if (typeof value === 'number') return undefined;
      if (typeof value === 'string' && (SPECIAL_FLOATS as readonly string[]).includes(value)) {
        return type.special ? undefined : `${where}: ${value} is not allowed here (the signature's float does not allow NaN or infinity)`;
      }
      return `${where}: expected a number, got ${describe(value)}`;
    case 'bool':
      return typeof value === 'boolean' ? undefined : `${where}: expected true or false, got ${describe(value)}`;
    case 'string':
      if (typeof value !== 'string') return `${where}: expected a string, got ${describe(value)}`;
      // A lone surrogate is no Unicode character: no language's string could hold it as UTF-8.
      if (!wellFormed(value)) return `${where}: the string holds a lone surrogate (\\ud800–\\udfff), which is not a character`;
      // C's strings end at the first NUL: no string may hold one, so every language gets the same value.
      return value.includes('\0') ? `${where}: the string holds the NUL character (\\u0000), which strings here cannot hold` : undefined;
    case 'list': {
      if (!Array.isArray(value)) return `${where}: expected a list, got ${describe(value)}`;
      for (let i = 0; i < value.length; i++) {
        const problem = valueProblem(type.of, value[i], `${where}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'map': {
      if (!isPlainObject(value)) return `${where}: expected an object (a map from strings), got ${describe(value)}`;
      for (const [key, item] of Object.entries(value)) {
        if (!wellFormed(key) || key.includes('\0')) return `${where}: a key holds a lone surrogate or a NUL character`;
        const problem = valueProblem(type.of, item, `${where}[${JSON.stringify(key)}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'optional':
      return value === null ? undefined : valueProblem(type.of, value, where);
    case 'record': {
      if (!isPlainObject(value)) return `${where}: expected a ${type.name} object, got ${describe(value)}`;
      const names = new Set(type.fields.map((f) => f.name));
      const extra = Object.keys(value).find((key) => !names.has(key));
      if (extra !== undefined) return `${where}: ${type.name} has no field ${JSON.stringify(extra)}`;
      for (const field of type.fields) {
        if (!(field.name in value)) return `${where}: ${type.name} needs its field ${field.name}`;
        const problem = valueProblem(field.type, value[field.name], `${where}.${field.name}`);
        if (problem) return problem;
      }
      return undefined;
    }
  }
}

/** A call's arguments as JSON: an array of one value per parameter. */
export function argumentsProblem(signature: FunctionSignature, args: unknown): string | undefined {
  if (!Array.isArray(args)) return `expected a JSON array of the ${signature.params.length} arguments, got ${describe(args)}`;
  if (args.length !== signature.params.length) {
    return `${signature.name} takes ${signature.params.length} argument${signature.params.length === 1 ? '' : 's'} (${signature.params.map((p) => p.name).join(', ')}), got ${args.length}`;
  }
  for (let i = 0; i < args.length; i++) {
    const param = signature.params[i]!;
    const problem = valueProblem(param.type, args[i], param.name);
    if (problem) return problem;
  }
  return undefined;
}

/** JSON text to a value, or the reason it is not JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${(error as Error).message}` };
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** String.prototype.isWellFormed, which Node 20 has and TypeScript's ES2022 library does not. */
function wellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}

