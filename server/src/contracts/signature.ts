import { z } from 'zod';
import type { FunctionSignature, ValueType } from './signature-values.ts';

export type { Field, FunctionSignature, ValueType } from './signature-values.ts';

/**
 * A function-signature challenge's one function, in a small type system that
 * every supported language can express: the manifest declares it once and
 * Kodbro generates each language's starter and harness from it
 * (docs/package-format.md, "Function-signature challenges").
 *
 * Integers are exact only within ±(2^53 − 1) (what JSON and JavaScript hold
 * exactly), so a declared range must fit there; a range within 32 bits gives
 * the languages' 32-bit integer types, a wider one their 64-bit ones.
 */
export const MAX_EXACT_INTEGER = Number.MAX_SAFE_INTEGER;
const INT32 = 2 ** 31;

/** Names as declared: lower snake case; each language spells them its own way (camelCase, PascalCase…). */
// A letter after each underscore, so camelCase and PascalCase spellings stay distinct (a_1 and a1 would both be a1).
export const IDENTIFIER = /^[a-z][a-z0-9]*(?:_[a-z][a-z0-9]*)*$/;
const identifier = z.string().max(40).regex(IDENTIFIER, 'must be lower snake case: words of letters and digits, each starting with a letter, joined by single underscores');

/** How deep types may nest: deep enough for a map of lists of records, shallow enough for every harness. */
export const MAX_TYPE_DEPTH = 4;

const exactInt = z.number().int().min(-MAX_EXACT_INTEGER).max(MAX_EXACT_INTEGER);

export const valueTypeSchema: z.ZodType<ValueType> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('int'), min: exactInt, max: exactInt }).refine((t) => t.min <= t.max, { message: 'min must not be above max', path: ['max'] }),
    z.strictObject({ kind: z.literal('float'), special: z.boolean().optional() }),
    z.strictObject({ kind: z.literal('bool') }),
    z.strictObject({ kind: z.literal('string') }),
    z.strictObject({ kind: z.literal('list'), of: valueTypeSchema }),
    z.strictObject({ kind: z.literal('map'), of: valueTypeSchema }),
    z.strictObject({ kind: z.literal('optional'), of: valueTypeSchema }),
    z.strictObject({ kind: z.literal('record'), name: identifier, fields: z.array(z.strictObject({ name: identifier, type: valueTypeSchema })).min(1).max(12) }),
  ]),
);

/**
 * The signature as the manifest and the editor give it. Beyond its shape:
 * names are unique where they meet (parameters, a record's fields), a record
 * name means one record everywhere, types nest at most MAX_TYPE_DEPTH deep,
 * and an optional holds no optional (a language's null cannot tell the two
 * absences apart). Names that are a keyword in some language are refused by
 * the signatures module, which knows every language's keywords.
 */
export const functionSignatureSchema = z
  .strictObject({
    name: identifier,
    params: z.array(z.strictObject({ name: identifier, type: valueTypeSchema })).max(8),
    returns: valueTypeSchema,
  })
  .superRefine((signature, ctx) => {
    for (const problem of signatureProblems(signature)) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });

/**
 * The signature where a request or a response carries it: checked by the full
 * schema, but shown to the OpenAPI document as one object, since its
 * generator cannot unfold a recursive schema.
 */
export const signatureFieldSchema = z
  .custom<FunctionSignature>()
  .superRefine((value, ctx) => {
    const parsed = functionSignatureSchema.safeParse(value);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  })
  .meta({ type: 'object', description: 'A function signature: name, params [{ name, type }], returns; a type is { kind: int | float | bool | string | list | map | optional | record, … } (docs/package-format.md)' });

export interface SignatureProblem {
  message: string;
  path: (string | number)[];
}

function signatureProblems(signature: FunctionSignature): SignatureProblem[] {
  const problems: SignatureProblem[] = [];
  const records = new Map<string, string>();
  duplicates(signature.params.map((p) => p.name), ['params'], 'parameter', problems);
  const visit = (type: ValueType, path: (string | number)[], depth: number) => {
    if (depth > MAX_TYPE_DEPTH) {
      problems.push({ message: `types nest more than ${MAX_TYPE_DEPTH} deep`, path });
      return;
    }
    switch (type.kind) {
      case 'list':
      case 'map':
        visit(type.of, [...path, 'of'], depth + 1);
        break;
      case 'optional':
        if (type.of.kind === 'optional') problems.push({ message: 'an optional cannot hold another optional', path });
        visit(type.of, [...path, 'of'], depth + 1);
        break;
      case 'record': {
        const shape = JSON.stringify(type.fields);
        const seen = records.get(type.name);
        if (seen !== undefined && seen !== shape) problems.push({ message: `record ${type.name} is declared twice with different fields`, path: [...path, 'name'] });
        records.set(type.name, shape);
        duplicates(type.fields.map((f) => f.name), [...path, 'fields'], 'field', problems);
        // C# cannot name a property after its class, nor Haskell a field after a function.
        type.fields.forEach((field, index) => {
          if (field.name === type.name) problems.push({ message: `record ${type.name} cannot have a field named like itself`, path: [...path, 'fields', index, 'name'] });
          if (field.name === signature.name) problems.push({ message: `a field cannot be named like the function (${signature.name})`, path: [...path, 'fields', index, 'name'] });
        });
        type.fields.forEach((field, index) => visit(field.type, [...path, 'fields', index, 'type'], depth + 1));
        break;
      }
      default:
        break;
    }
  };
  signature.params.forEach((param, index) => visit(param.type, ['params', index, 'type'], 1));
  visit(signature.returns, ['returns'], 1);
  return problems;
}

function duplicates(names: string[], path: (string | number)[], what: string, problems: SignatureProblem[]) {
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (seen.has(name)) problems.push({ message: `${what} ${name} is named twice`, path: [...path, index, 'name'] });
    seen.add(name);
  });
}

/** Whether an integer type fits the languages' 32-bit integers. */
export function fits32(type: Extract<ValueType, { kind: 'int' }>): boolean {
  return type.min >= -INT32 && type.max <= INT32 - 1;
}

/** How a test's return value is compared with the expected one, on the server. */
export const valueComparisonSchema = z.strictObject({
  /** Floats compare within tolerance: either bound accepts. */
  float: z.strictObject({ absolute: z.number().min(0).max(1), relative: z.number().min(0).max(1) }).optional(),
  /** The returned list is compared as a multiset: its order does not matter. */
  unordered: z.boolean().optional(),
});
export type ValueComparison = z.output<typeof valueComparisonSchema>;
