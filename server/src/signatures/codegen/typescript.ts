import { camel, pascal } from '../names.ts';
import { JS_KEYWORDS, jsHarness, jsType, zeroValue } from './javascript.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

/**
 * TypeScript (tsc to CommonJS on Node.js): `number` for every integer (exact
 * up to 2^53 − 1, the widest a signature declares) and float, `T[]` for
 * lists, `Record<string, T>` for maps, `T | null` for optionals, and records
 * as interfaces declared in the starter. The harness is JavaScript's with
 * annotations; it imports `fs`, so the file is a module and the candidate's
 * names never merge with Node's global declarations.
 */
export const typescriptCodegen: Codegen = {
  language: 'typescript',
  reserved: [
    ...JS_KEYWORDS,
    // Names a CommonJS module reserves at its top level, and the harness's globalThis.
    'require', 'exports', 'module', 'global_this',
    // The starter spells maps as Record<string, T>: an interface Record would hide it.
    'record',
  ],
  starter(signature) {
    const lines: string[] = [];
    for (const record of recordsOf(signature)) {
      lines.push(`interface ${pascal(record.name)} {`, ...record.fields.map((f) => `  ${camel(f.name)}: ${jsType(f.type)};`), '}', '');
    }
    const params = signature.params.map((p) => `${camel(p.name)}: ${jsType(p.type)}`).join(', ');
    lines.push(`function ${camel(signature.name)}(${params}): ${jsType(signature.returns)} {`);
    lines.push('  // Write your solution here and return the result.', `  return ${zeroValue(signature.returns)};`, '}', '');
    return lines.join('\n');
  },
  program(signature, candidate) {
    return `${candidate}\n\n${jsHarness(signature, true)}`;
  },
};
