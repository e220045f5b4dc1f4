import { fits32, type ValueType } from '../../contracts/index.ts';
import { camel, pascal } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

/**
 * Kotlin (1.3 on the JVM): the starter declares each record as a `data
 * class` of vals and the function at the top level. Integers are Int or
 * Long, floats Double, lists List, maps Map<String, …>, an optional `T?`.
 * The harness is appended after the candidate's code: a private object
 * holding every name it needs (all starting with kodbro, fully qualified
 * types, since imports must come first) and the file's `fun main`.
 */
export const kotlinCodegen: Codegen = {
  language: 'kotlin',
  reserved: [
    // Hard keywords.
    'as', 'break', 'class', 'continue', 'do', 'else', 'false', 'for', 'fun', 'if', 'in', 'interface', 'is', 'null', 'object', 'package',
    'return', 'super', 'this', 'throw', 'true', 'try', 'typealias', 'typeof', 'val', 'var', 'when', 'while',
    // Types the starter names unqualified (a data class List would hide kotlin.collections.List) and Kotlin's other basic
    // types, the harness's object, main.
    'list', 'map', 'string', 'int', 'long', 'double', 'boolean', 'char', 'any', 'unit', 'nothing', 'kodbro_harness', 'main',
  ],
  starter(signature) {
    const lines: string[] = [];
    for (const record of recordsOf(signature)) {
      lines.push(`data class ${pascal(record.name)}(${record.fields.map((f) => `val ${camel(f.name)}: ${kotlinType(f.type)}`).join(', ')})`, '');
    }
    const params = signature.params.map((p) => `${camel(p.name)}: ${kotlinType(p.type)}`).join(', ');
    lines.push(
      `fun ${camel(signature.name)}(${params}): ${kotlinType(signature.returns)} {`,
      '    // Write your solution here and return the result.',
      `    return ${zero(signature.returns)}`,
      '}',
      '',
    );
    return lines.join('\n');
  },
  program(signature, candidate) {
    const records = recordsOf(signature);
    const args = signature.params.map((p, i) => `        val a${i} = ${read(p.type)}`);
    const call = `${camel(signature.name)}(${signature.params.map((_, i) => `a${i}`).join(', ')})`;
    const recordFunctions = records.flatMap((record) => {
      const name = pascal(record.name);
      return [
        '',
        `    fun kodbroReadRecord${name}(): ${name} = ${name}(${record.fields.map((f) => read(f.type)).join(', ')})`,
        '',
        `    fun kodbroPutRecord${name}(v: ${name}) {`,
        ...record.fields.map((f) => `        ${write(f.type, `v.${camel(f.name)}`, 0)}`),
        '    }',
      ];
    });
    const run = [...args, `        val kodbroResult = ${call}`, `        ${write(signature.returns, 'kodbroResult', 0)}`].join('\n');
    const harness = HARNESS.replace('@RUN@', () => run).replace('@RECORDS@', () => recordFunctions.join('\n'));
    return `${candidate}${candidate.endsWith('\n') ? '' : '\n'}\n${harness}`;
  },
};

function kotlinType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return fits32(type) ? 'Int' : 'Long';
    case 'float':
      return 'Double';
    case 'bool':
      return 'Boolean';
    case 'string':
      return 'String';
    case 'list':
      return `List<${kotlinType(type.of)}>`;
    case 'map':
      return `Map<String, ${kotlinType(type.of)}>`;
    case 'optional':
      return `${kotlinType(type.of)}?`;
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
      return 'listOf()';
    case 'map':
      return 'mapOf()';
    case 'optional':
      return 'null';
    case 'record':
      return `${pascal(type.name)}(${type.fields.map((f) => zero(f.type)).join(', ')})`;
  }
}

/** An expression, inside the harness object, that reads a value of the type. */
function read(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return fits32(type) ? 'kodbroInt()' : 'kodbroLong()';
    case 'float':
      return 'kodbroFloat()';
    case 'bool':
      return 'kodbroBool()';
    case 'string':
      return 'kodbroString()';
    case 'list':
      return `kodbroList { ${read(type.of)} }`;
    case 'map':
      return `kodbroMap { ${read(type.of)} }`;
    case 'optional':
      return `kodbroOptional { ${read(type.of)} }`;
    case 'record':
      return `kodbroReadRecord${pascal(type.name)}()`;
  }
}

/** A statement, inside the harness object, that writes `value` (lambda parameters named by depth, so none shadows another). */
function write(type: ValueType, value: string, depth: number): string {
  const item = `x${depth}`;
  switch (type.kind) {
    case 'int':
      return `kodbroPut(${value}.toLong())`;
    case 'float':
      return `kodbroPutFloat(${value})`;
    case 'bool':
      return `kodbroPut(if (${value}) 1L else 0L)`;
    case 'string':
      return `kodbroPutString(${value})`;
    case 'list':
    case 'map':
    case 'optional': {
      const helper = { list: 'kodbroPutList', map: 'kodbroPutMap', optional: 'kodbroPutOptional' }[type.kind];
      return `${helper}(${value}) { ${item} -> ${write(type.of, item, depth + 1)} }`;
    }
    case 'record':
      return `kodbroPutRecord${pascal(type.name)}(${value})`;
  }
}

const HARNESS = `// ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.
private object KodbroHarness {
    val kodbroInput: kotlin.ByteArray = java.lang.System.\`in\`.readBytes()
    var kodbroAt: kotlin.Int = 0
    val kodbroOutput: java.lang.StringBuilder = java.lang.StringBuilder()

    fun kodbroRun() {
        val kodbroNonce = kodbroToken()
@RUN@
        if (kodbroOutput.length > 0) kodbroOutput.setLength(kodbroOutput.length - 1)
        java.lang.System.out.flush()
        java.lang.System.out.print("\\n" + kodbroNonce + " " + kodbroOutput.toString() + "\\n")
        java.lang.System.out.flush()
        java.lang.System.exit(0)
    }

    fun kodbroToken(): kotlin.String {
        while (kodbroAt < kodbroInput.size && (kodbroInput[kodbroAt].toInt() and 0xff) <= 32) kodbroAt++
        val start = kodbroAt
        while (kodbroAt < kodbroInput.size && (kodbroInput[kodbroAt].toInt() and 0xff) > 32) kodbroAt++
        return kotlin.text.String(kodbroInput, start, kodbroAt - start, kotlin.text.Charsets.ISO_8859_1)
    }

    fun kodbroLong(): kotlin.Long = java.lang.Long.parseLong(kodbroToken())

    fun kodbroInt(): kotlin.Int = java.lang.Math.toIntExact(kodbroLong())

    fun kodbroFloat(): kotlin.Double {
        val t = kodbroToken()
        return when (t) {
            "nan" -> kotlin.Double.NaN
            "inf" -> kotlin.Double.POSITIVE_INFINITY
            "-inf" -> kotlin.Double.NEGATIVE_INFINITY
            else -> java.lang.Double.parseDouble(t)
        }
    }

    fun kodbroBool(): kotlin.Boolean = kodbroLong() != 0L

    fun kodbroString(): kotlin.String {
        val n = kodbroInt()
        val text = java.lang.StringBuilder(n)
        var i = 0
        while (i < n) {
            text.appendCodePoint(kodbroInt())
            i++
        }
        return text.toString()
    }

    fun <T> kodbroList(item: () -> T): kotlin.collections.List<T> {
        val n = kodbroInt()
        val list = java.util.ArrayList<T>(n)
        var i = 0
        while (i < n) {
            list.add(item())
            i++
        }
        return list
    }

    fun <T> kodbroMap(item: () -> T): kotlin.collections.Map<kotlin.String, T> {
        val n = kodbroInt()
        val map = java.util.LinkedHashMap<kotlin.String, T>()
        var i = 0
        while (i < n) {
            val key = kodbroString()
            map.put(key, item())
            i++
        }
        return map
    }

    fun <T : kotlin.Any> kodbroOptional(item: () -> T): T? = if (kodbroLong() != 0L) item() else null

    fun kodbroPut(value: kotlin.Long) {
        kodbroOutput.append(value).append(' ')
    }

    fun kodbroPutFloat(value: kotlin.Double) {
        if (value.isNaN()) kodbroOutput.append("nan ")
        else if (value == kotlin.Double.POSITIVE_INFINITY) kodbroOutput.append("inf ")
        else if (value == kotlin.Double.NEGATIVE_INFINITY) kodbroOutput.append("-inf ")
        else kodbroOutput.append(java.lang.Double.toString(value)).append(' ')
    }

    fun kodbroPutString(value: kotlin.String) {
        kodbroPut(java.lang.Character.codePointCount(value, 0, value.length).toLong())
        var i = 0
        while (i < value.length) {
            val c = java.lang.Character.codePointAt(value, i)
            kodbroPut(c.toLong())
            i += java.lang.Character.charCount(c)
        }
    }

    fun <T> kodbroPutList(value: kotlin.collections.List<T>, item: (T) -> kotlin.Unit) {
        kodbroPut(value.size.toLong())
        for (x in value) item(x)
    }

    fun <T> kodbroPutMap(value: kotlin.collections.Map<kotlin.String, T>, item: (T) -> kotlin.Unit) {
        kodbroPut(value.size.toLong())
        for (entry in value.entries) {
            kodbroPutString(entry.key)
            item(entry.value)
        }
    }

    fun <T : kotlin.Any> kodbroPutOptional(value: T?, item: (T) -> kotlin.Unit) {
        if (value == null) kodbroPut(0L)
        else {
            kodbroPut(1L)
            item(value)
        }
    }
@RECORDS@
}

fun main() = KodbroHarness.kodbroRun()
`;
