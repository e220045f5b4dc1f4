import { fits32, type ValueType } from '../../contracts/index.ts';
import { camel, pascal } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

/**
 * Java 17: the starter imports java.util.*, declares each record as a
 * top-level Java `record` and the function as a static method of
 * `class Solution`. Integers are int or long (boxed Integer/Long inside
 * generics and optionals), floats double, lists List, maps Map<String, …>,
 * an optional is the boxed type or null. The harness is one more top-level
 * class, KodbroMain, after the candidate's code: it uses fully qualified
 * names (imports must come first in a Java file) and keeps every name it
 * declares inside its own class.
 */
export const javaCodegen: Codegen = {
  language: 'java',
  reserved: [
    // Keywords and literals.
    'abstract', 'assert', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class', 'const', 'continue', 'default', 'do', 'double', 'else',
    'enum', 'extends', 'final', 'finally', 'float', 'for', 'goto', 'if', 'implements', 'import', 'instanceof', 'int', 'interface', 'long',
    'native', 'new', 'package', 'private', 'protected', 'public', 'return', 'short', 'static', 'strictfp', 'super', 'switch', 'synchronized',
    'this', 'throw', 'throws', 'transient', 'try', 'void', 'volatile', 'while', 'true', 'false', 'null',
    // A method called yield cannot be called unqualified, so not recursively as written.
    'yield',
    // Types the starter names unqualified (a record List would hide java.util.List) and those nearly every
    // candidate's code does (System.out, Math.max), the starter's and the harness's classes, main.
    'list', 'map', 'array_list', 'hash_map', 'string', 'integer', 'object', 'math', 'system', 'solution', 'kodbro_main', 'main',
    // Record components whose accessor would clash with Object's methods.
    'hash_code', 'to_string', 'get_class', 'notify', 'notify_all', 'wait', 'clone', 'finalize',
  ],
  starter(signature) {
    const lines = ['import java.util.*;', ''];
    for (const record of recordsOf(signature)) {
      lines.push(`record ${pascal(record.name)}(${record.fields.map((f) => `${javaType(f.type)} ${camel(f.name)}`).join(', ')}) {}`, '');
    }
    const params = signature.params.map((p) => `${javaType(p.type)} ${camel(p.name)}`).join(', ');
    lines.push(
      'class Solution {',
      `    public static ${javaType(signature.returns)} ${camel(signature.name)}(${params}) {`,
      '        // Write your solution here and return the result.',
      `        return ${zero(signature.returns)};`,
      '    }',
      '}',
      '',
    );
    return lines.join('\n');
  },
  program(signature, candidate) {
    const records = recordsOf(signature);
    const args = signature.params.map((p, i) => `        final var a${i} = ${read(p.type)};`);
    const call = `Solution.${camel(signature.name)}(${signature.params.map((_, i) => `a${i}`).join(', ')})`;
    const recordMethods = records.flatMap((record) => {
      const name = pascal(record.name);
      return [
        '',
        `    private static ${name} readRecord${name}() {`,
        `        return new ${name}(${record.fields.map((f) => read(f.type)).join(', ')});`,
        '    }',
        '',
        `    private static void putRecord${name}(${name} v) {`,
        `        need(v, "${name}");`,
        ...record.fields.map((f) => `        ${write(f.type, `v.${camel(f.name)}()`, 0)}`),
        '    }',
      ];
    });
    const main = [...args, `        final var result = ${call};`, `        ${write(signature.returns, 'result', 0)}`].join('\n');
    const harness = HARNESS.replace('@FUNCTION@', () => camel(signature.name))
      .replace('@MAIN@', () => main)
      .replace('@RECORDS@', () => recordMethods.join('\n'));
    return `${candidate}${candidate.endsWith('\n') ? '' : '\n'}\n${harness}`;
  },
};

function javaType(type: ValueType, boxed = false): string {
  switch (type.kind) {
    case 'int':
      if (fits32(type)) return boxed ? 'Integer' : 'int';
      return boxed ? 'Long' : 'long';
    case 'float':
      return boxed ? 'Double' : 'double';
    case 'bool':
      return boxed ? 'Boolean' : 'boolean';
    case 'string':
      return 'String';
    case 'list':
      return `List<${javaType(type.of, true)}>`;
    case 'map':
      return `Map<String, ${javaType(type.of, true)}>`;
    case 'optional':
      return javaType(type.of, true);
    case 'record':
      return pascal(type.name);
  }
}

/** A placeholder of the type, for the starter's return statement. */
function zero(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return fits32(type) ? '0' : '0L';
    case 'float':
      return '0.0';
    case 'bool':
      return 'false';
    case 'string':
      return '""';
    case 'list':
      return 'new ArrayList<>()';
    case 'map':
      return 'new HashMap<>()';
    case 'optional':
      return 'null';
    case 'record':
      return `new ${pascal(type.name)}(${type.fields.map((f) => zero(f.type)).join(', ')})`;
  }
}

/** An expression, inside KodbroMain, that reads a value of the type. */
function read(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return fits32(type) ? 'readInt()' : 'readLong()';
    case 'float':
      return 'readFloat()';
    case 'bool':
      return 'readBool()';
    case 'string':
      return 'readString()';
    case 'list':
      return `readList(() -> ${read(type.of)})`;
    case 'map':
      return `readMap(() -> ${read(type.of)})`;
    case 'optional':
      return `readOptional(() -> ${read(type.of)})`;
    case 'record':
      return `readRecord${pascal(type.name)}()`;
  }
}

/** A statement, inside KodbroMain, that writes `value` (lambda parameters named by depth: Java forbids shadowing them). */
function write(type: ValueType, value: string, depth: number): string {
  const item = `x${depth}`;
  switch (type.kind) {
    case 'int':
      return `putInt(${value});`;
    case 'float':
      return `putFloat(${value});`;
    case 'bool':
      return `putBool(${value});`;
    case 'string':
      return `putString(${value});`;
    case 'list':
    case 'map':
    case 'optional': {
      const helper = { list: 'putList', map: 'putMap', optional: 'putOptional' }[type.kind];
      return `${helper}(${value}, ${item} -> { ${write(type.of, item, depth + 1)} });`;
    }
    case 'record':
      return `putRecord${pascal(type.name)}(${value});`;
  }
}

const HARNESS = `// ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.
final class KodbroMain {
    private static final java.lang.String FUNCTION = "@FUNCTION@";
    private static byte[] input;
    private static int at;
    private static final java.lang.StringBuilder output = new java.lang.StringBuilder();

    private KodbroMain() {}

    public static void main(java.lang.String[] args) throws java.io.IOException {
        input = java.lang.System.in.readAllBytes();
        final java.lang.String nonce = token();
@MAIN@
        if (output.length() > 0) output.setLength(output.length() - 1);
        java.lang.System.out.flush();
        java.lang.System.out.print("\\n" + nonce + " " + output + "\\n");
        java.lang.System.out.flush();
        java.lang.System.exit(0);
    }

    private static java.lang.String token() {
        while (at < input.length && (input[at] & 0xff) <= ' ') at++;
        final int start = at;
        while (at < input.length && (input[at] & 0xff) > ' ') at++;
        return new java.lang.String(input, start, at - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static long readLong() {
        return java.lang.Long.parseLong(token());
    }

    private static int readInt() {
        return java.lang.Math.toIntExact(readLong());
    }

    private static double readFloat() {
        final java.lang.String t = token();
        switch (t) {
            case "nan": return java.lang.Double.NaN;
            case "inf": return java.lang.Double.POSITIVE_INFINITY;
            case "-inf": return java.lang.Double.NEGATIVE_INFINITY;
            default: return java.lang.Double.parseDouble(t);
        }
    }

    private static boolean readBool() {
        return readLong() != 0;
    }

    private static java.lang.String readString() {
        final int n = readInt();
        final java.lang.StringBuilder text = new java.lang.StringBuilder(n);
        for (int i = 0; i < n; i++) text.appendCodePoint(readInt());
        return text.toString();
    }

    private static <T> java.util.List<T> readList(java.util.function.Supplier<T> item) {
        final int n = readInt();
        final java.util.List<T> list = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(item.get());
        return list;
    }

    private static <T> java.util.Map<java.lang.String, T> readMap(java.util.function.Supplier<T> item) {
        final int n = readInt();
        final java.util.Map<java.lang.String, T> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            final java.lang.String key = readString();
            map.put(key, item.get());
        }
        return map;
    }

    private static <T> T readOptional(java.util.function.Supplier<T> item) {
        return readLong() != 0 ? item.get() : null;
    }

    private static void need(java.lang.Object value, java.lang.String what) {
        if (value != null) return;
        java.lang.System.out.flush();
        java.lang.System.err.println(FUNCTION + " returned null where " + what + " was expected (only an optional value may be null)");
        java.lang.System.exit(1);
    }

    private static void put(long value) {
        output.append(value).append(' ');
    }

    private static void putInt(java.lang.Number value) {
        need(value, "an integer");
        put(value.longValue());
    }

    private static void putFloat(java.lang.Double value) {
        need(value, "a double");
        final double d = value;
        if (java.lang.Double.isNaN(d)) output.append("nan ");
        else if (d == java.lang.Double.POSITIVE_INFINITY) output.append("inf ");
        else if (d == java.lang.Double.NEGATIVE_INFINITY) output.append("-inf ");
        else output.append(java.lang.Double.toString(d)).append(' ');
    }

    private static void putBool(java.lang.Boolean value) {
        need(value, "a boolean");
        put(value ? 1 : 0);
    }

    private static void putString(java.lang.String value) {
        need(value, "a String");
        put(value.codePointCount(0, value.length()));
        for (int i = 0; i < value.length(); ) {
            final int c = value.codePointAt(i);
            put(c);
            i += java.lang.Character.charCount(c);
        }
    }

    private static <T> void putList(java.util.List<T> value, java.util.function.Consumer<T> item) {
        need(value, "a List");
        put(value.size());
        for (final T x : value) item.accept(x);
    }

    private static <T> void putMap(java.util.Map<java.lang.String, T> value, java.util.function.Consumer<T> item) {
        need(value, "a Map");
        put(value.size());
        for (final java.util.Map.Entry<java.lang.String, T> entry : value.entrySet()) {
            need(entry.getKey(), "a String key");
            putString(entry.getKey());
            item.accept(entry.getValue());
        }
    }

    private static <T> void putOptional(T value, java.util.function.Consumer<T> item) {
        if (value == null) put(0);
        else {
            put(1);
            item.accept(value);
        }
    }
@RECORDS@
}
`;
