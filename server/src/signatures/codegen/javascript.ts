import type { FunctionSignature, ValueType } from '../../contracts/index.ts';
import { camel, pascal } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

/** JavaScript's reserved words, and the names strict mode refuses to bind. */
export const JS_KEYWORDS: readonly string[] = [
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true',
  'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected',
  'public', 'arguments', 'eval', 'undefined',
];

/**
 * JavaScript (Node.js, CommonJS): numbers for every integer (exact up to
 * 2^53 − 1, the widest a signature declares) and float, arrays for lists,
 * plain objects for maps and records, null for an absent optional. Records
 * are not declared: the starter describes them in JSDoc. The harness is
 * appended after the candidate's code, in one function scope, and walks a
 * type descriptor (shared with TypeScript, which adds annotations).
 */
export const javascriptCodegen: Codegen = {
  language: 'javascript',
  reserved: [
    ...JS_KEYWORDS,
    // The harness reads standard input with require and reaches process through globalThis.
    'require', 'global_this',
  ],
  starter(signature) {
    const lines: string[] = [];
    for (const record of recordsOf(signature)) {
      lines.push('/**', ` * @typedef {object} ${pascal(record.name)}`, ...record.fields.map((f) => ` * @property {${jsType(f.type)}} ${camel(f.name)}`), ' */', '');
    }
    lines.push('/**', ...signature.params.map((p) => ` * @param {${jsType(p.type)}} ${camel(p.name)}`), ` * @returns {${jsType(signature.returns)}}`, ' */');
    lines.push(`function ${camel(signature.name)}(${signature.params.map((p) => camel(p.name)).join(', ')}) {`);
    lines.push('  // Write your solution here and return the result.', `  return ${zeroValue(signature.returns)};`, '}', '');
    return lines.join('\n');
  },
  program(signature, candidate) {
    return `${candidate}\n\n${jsHarness(signature, false)}`;
  },
};

/** The type as JSDoc (TypeScript-flavoured) or TypeScript spells it. */
export function jsType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
    case 'float':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'string':
      return 'string';
    case 'list': {
      const item = jsType(type.of);
      return type.of.kind === 'optional' ? `(${item})[]` : `${item}[]`;
    }
    case 'map':
      return `Record<string, ${jsType(type.of)}>`;
    case 'optional':
      return `${jsType(type.of)} | null`;
    case 'record':
      return pascal(type.name);
  }
}

/** A value of the type to return from the starter's empty body. */
export function zeroValue(type: ValueType): string {
  switch (type.kind) {
    case 'int':
    case 'float':
      return '0';
    case 'bool':
      return 'false';
    case 'string':
      return "''";
    case 'list':
      return '[]';
    case 'map':
      return '{}';
    case 'optional':
      return 'null';
    case 'record':
      return `{ ${type.fields.map((f) => `${camel(f.name)}: ${zeroValue(f.type)}`).join(', ')} }`;
  }
}

/** The harness's view of a type: nested arrays, as a JSON literal. */
type Descriptor = [string, ...unknown[]];
function describe(type: ValueType): Descriptor {
  switch (type.kind) {
    case 'list':
    case 'map':
    case 'optional':
      return [type.kind, describe(type.of)];
    case 'record':
      return ['record', pascal(type.name), type.fields.map((f) => [camel(f.name), describe(f.type)])];
    default:
      return [type.kind];
  }
}

/**
 * The harness for JavaScript (typed = false) or TypeScript (typed = true:
 * annotations, and `fs` imported, which makes the file a module so the
 * candidate's names never merge with Node's globals).
 */
export function jsHarness(signature: FunctionSignature, typed: boolean): string {
  const name = camel(signature.name);
  const args = signature.params.map((_, index) => `__kodbroArgs[${index}]`).join(', ');
  const any = typed ? ': any' : '';
  const replacements: Record<string, string> = {
    '@ANY@': any,
    '@STRINGS@': typed ? ': string[]' : '',
    '@STRING@': typed ? ': string' : '',
    '@VOID@': typed ? ': void' : '',
    '@ASSTRING@': typed ? ' as string' : '',
    '@ASNUMBER@': typed ? ' as number' : '',
    '@IMPORT@': typed ? "import * as __kodbroFs from 'fs';\n" : '',
    '@FS@': typed ? '__kodbroFs' : "require('fs')",
    '@NAME@': name,
    '@PARAMS@': JSON.stringify(signature.params.map((p) => describe(p.type))),
    '@RETURNS@': JSON.stringify(describe(signature.returns)),
    '@CALL@': `${name}(${args})`,
  };
  return JS_HARNESS.replace(/@[A-Z]+@/g, (marker) => replacements[marker] ?? marker);
}

// The harness keeps its names in one function's scope; the few at that
// scope, where the candidate's function is called, start with __kodbro (no
// declared name can). Standard output is the candidate's stream too:
// process.stdout writes in order, and the process exits once the result is out.
const JS_HARNESS = `// ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.
@IMPORT@;(function () {
  const __kodbroProcess = globalThis.process;
  const __kodbroTokens@STRINGS@ = @FS@.readFileSync(0, 'latin1').split(/\\s+/);
  let __kodbroAt = __kodbroTokens[0] === '' ? 1 : 0;
  const __kodbroFail = (message@STRING@) => {
    __kodbroProcess.stderr.write('Kodbro: ' + message + '\\n');
    return __kodbroProcess.exit(1);
  };
  const __kodbroNext = ()@STRING@ => {
    if (__kodbroAt >= __kodbroTokens.length) return __kodbroFail('the input ended early');
    return __kodbroTokens[__kodbroAt++]@ASSTRING@;
  };
  const __kodbroRead = (t@ANY@)@ANY@ => {
    switch (t[0]) {
      case 'int':
        return Number(__kodbroNext());
      case 'float': {
        const s = __kodbroNext();
        return s === 'nan' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s);
      }
      case 'bool':
        return __kodbroNext() === '1';
      case 'string': {
        const n = Number(__kodbroNext());
        const chunk@ANY@ = [];
        let text = '';
        for (let i = 0; i < n; i++) {
          chunk.push(Number(__kodbroNext()));
          if (chunk.length === 4096) {
            text += String.fromCodePoint(...chunk);
            chunk.length = 0;
          }
        }
        return text + String.fromCodePoint(...chunk);
      }
      case 'list': {
        const n = Number(__kodbroNext());
        const items@ANY@ = [];
        for (let i = 0; i < n; i++) items.push(__kodbroRead(t[1]));
        return items;
      }
      case 'map': {
        const n = Number(__kodbroNext());
        const map@ANY@ = {};
        for (let i = 0; i < n; i++) {
          const key = __kodbroRead(['string']);
          // An own property whatever the key (__proto__ too).
          Object.defineProperty(map, key, { value: __kodbroRead(t[1]), writable: true, enumerable: true, configurable: true });
        }
        return map;
      }
      case 'optional':
        return __kodbroNext() === '1' ? __kodbroRead(t[1]) : null;
      default: {
        const record@ANY@ = {};
        for (const [field, type] of t[2]) record[field] = __kodbroRead(type);
        return record;
      }
    }
  };
  const __kodbroDescribe = (v@ANY@)@STRING@ => {
    if (v === null || v === undefined) return String(v);
    if (Array.isArray(v)) return 'an array';
    if (v instanceof Promise) return 'a Promise (return the value itself: the function must not be async)';
    if (typeof v === 'object') return 'an object';
    if (typeof v === 'string') return 'a string';
    return typeof v + ' ' + String(v);
  };
  const __kodbroWrong = (where@STRING@, v@ANY@, expected@STRING@) =>
    __kodbroFail('@NAME@ returned ' + __kodbroDescribe(v) + ' where ' + expected + ' was expected (at ' + where + ')');
  const __kodbroWrite = (t@ANY@, v@ANY@, out@STRINGS@, where@STRING@)@VOID@ => {
    switch (t[0]) {
      case 'int':
        if (typeof v === 'bigint' && Number.isSafeInteger(Number(v))) out.push(String(v));
        else if (typeof v === 'number' && Number.isSafeInteger(v)) out.push(String(v));
        else return __kodbroWrong(where, v, 'an integer within ±(2^53 − 1)');
        return;
      case 'float':
        if (typeof v !== 'number') return __kodbroWrong(where, v, 'a number');
        out.push(v !== v ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : Object.is(v, -0) ? '-0' : String(v));
        return;
      case 'bool':
        if (typeof v !== 'boolean') return __kodbroWrong(where, v, 'true or false');
        out.push(v ? '1' : '0');
        return;
      case 'string': {
        if (typeof v !== 'string') return __kodbroWrong(where, v, 'a string');
        const points@STRINGS@ = [];
        for (let i = 0; i < v.length; i++) {
          const c = v.codePointAt(i)@ASNUMBER@;
          if (c >= 0xd800 && c <= 0xdfff) return __kodbroFail('@NAME@ returned a string holding a lone surrogate, which is no character (at ' + where + ')');
          if (c > 0xffff) i++;
          points.push(String(c));
        }
        out.push(String(points.length));
        for (const point of points) out.push(point);
        return;
      }
      case 'list':
        if (!Array.isArray(v)) return __kodbroWrong(where, v, 'an array');
        out.push(String(v.length));
        for (let i = 0; i < v.length; i++) __kodbroWrite(t[1], v[i], out, where + '[' + i + ']');
        return;
      case 'map': {
        let entries@ANY@;
        if (v instanceof Map) entries = [...v.entries()];
        else if (v !== null && typeof v === 'object' && !Array.isArray(v)) entries = Object.keys(v).map((key) => [key, v[key]]);
        else return __kodbroWrong(where, v, 'an object (a map from strings)');
        out.push(String(entries.length));
        for (const [key, item] of entries) {
          __kodbroWrite(['string'], key, out, 'a key of ' + where);
          __kodbroWrite(t[1], item, out, where + '[' + JSON.stringify(key) + ']');
        }
        return;
      }
      case 'optional':
        if (v === null || v === undefined) out.push('0');
        else {
          out.push('1');
          __kodbroWrite(t[1], v, out, where);
        }
        return;
      default:
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return __kodbroWrong(where, v, 'an object with the fields of ' + t[1]);
        for (const [field, type] of t[2]) __kodbroWrite(type, v[field], out, where + '.' + field);
        return;
    }
  };
  const __kodbroNonce = __kodbroNext();
  const __kodbroParams@ANY@ = @PARAMS@;
  const __kodbroArgs@ANY@ = __kodbroParams.map((t@ANY@) => __kodbroRead(t));
  if (typeof @NAME@ !== 'function') __kodbroFail('@NAME@ is not defined as a function: declare it as the starter does');
  const __kodbroResult = @CALL@;
  const __kodbroOut@STRINGS@ = [];
  __kodbroWrite(@RETURNS@, __kodbroResult, __kodbroOut, 'the result');
  __kodbroProcess.stdout.write('\\n' + __kodbroNonce + ' ' + __kodbroOut.join(' ') + '\\n', () => __kodbroProcess.exit(0));
})();
`;
