import { fits32, type ValueType } from '../../contracts/index.ts';
import { camel, pascal } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

/**
 * C# (Mono's mcs, C# 7: no `record` types): the starter declares each
 * record as a class with PascalCase properties, a parameterless constructor
 * and one taking every field, and the function as a static method of
 * `public class Solution`. Integers are int or long, floats double, lists
 * List<…>, maps Dictionary<string, …>, an optional `T?` for value types and
 * null for the others. The harness is one more class, KodbroMain, after the
 * candidate's code, naming everything through global:: (using directives
 * must come first in a C# file).
 */
export const csharpCodegen: Codegen = {
  language: 'csharp',
  reserved: [
    // Keywords.
    'abstract', 'as', 'base', 'bool', 'break', 'byte', 'case', 'catch', 'char', 'checked', 'class', 'const', 'continue', 'decimal', 'default',
    'delegate', 'do', 'double', 'else', 'enum', 'event', 'explicit', 'extern', 'false', 'finally', 'fixed', 'float', 'for', 'foreach', 'goto',
    'if', 'implicit', 'in', 'int', 'interface', 'internal', 'is', 'lock', 'long', 'namespace', 'new', 'null', 'object', 'operator', 'out',
    'override', 'params', 'private', 'protected', 'public', 'readonly', 'ref', 'return', 'sbyte', 'sealed', 'short', 'sizeof', 'stackalloc',
    'static', 'string', 'struct', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'uint', 'ulong', 'unchecked', 'unsafe', 'ushort',
    'using', 'virtual', 'void', 'volatile', 'while',
    // Types the starter names (a class List would hide System.Collections.Generic.List, one called System the namespace) and those
    // nearly every candidate's code does (Console, Math), the starter's and the harness's classes, Main (a second entry point).
    'list', 'dictionary', 'system', 'console', 'math', 'solution', 'kodbro_main', 'main',
  ],
  starter(signature) {
    const lines = ['using System;', 'using System.Collections.Generic;', 'using System.Linq;', ''];
    for (const record of recordsOf(signature)) {
      const name = pascal(record.name);
      lines.push(
        `public class ${name}`,
        '{',
        ...record.fields.map((f) => `    public ${csharpType(f.type)} ${pascal(f.name)} { get; set; }`),
        '',
        `    public ${name}() { }`,
        '',
        `    public ${name}(${record.fields.map((f) => `${csharpType(f.type)} ${camel(f.name)}`).join(', ')})`,
        '    {',
        ...record.fields.map((f) => `        ${pascal(f.name)} = ${camel(f.name)};`),
        '    }',
        '}',
        '',
      );
    }
    const params = signature.params.map((p) => `${csharpType(p.type)} ${camel(p.name)}`).join(', ');
    lines.push(
      'public class Solution',
      '{',
      `    public static ${csharpType(signature.returns)} ${pascal(signature.name)}(${params})`,
      '    {',
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
    const args = signature.params.map((p, i) => `        var a${i} = ${read(p.type)};`);
    const call = `global::Solution.${pascal(signature.name)}(${signature.params.map((_, i) => `a${i}`).join(', ')})`;
    const recordMethods = records.flatMap((record) => {
      const name = pascal(record.name);
      return [
        '',
        `    private static global::${name} ReadRecord${name}()`,
        '    {',
        `        return new global::${name}(${record.fields.map((f) => read(f.type)).join(', ')});`,
        '    }',
        '',
        `    private static void PutRecord${name}(global::${name} v)`,
        '    {',
        `        Need(v, "${name}");`,
        ...record.fields.map((f) => `        ${write(f.type, `v.${pascal(f.name)}`, 0)}`),
        '    }',
      ];
    });
    const main = [...args, `        var result = ${call};`, `        ${write(signature.returns, 'result', 0)}`].join('\n');
    const harness = HARNESS.replace('@FUNCTION@', () => pascal(signature.name))
      .replace('@MAIN@', () => main)
      .replace('@RECORDS@', () => recordMethods.join('\n'));
    return `${candidate}${candidate.endsWith('\n') ? '' : '\n'}\n${harness}`;
  },
};

/** Whether the optional of this type is a Nullable<T> (a value type) rather than a null reference. */
function isValueType(type: ValueType): boolean {
  return type.kind === 'int' || type.kind === 'float' || type.kind === 'bool';
}

function csharpType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return fits32(type) ? 'int' : 'long';
    case 'float':
      return 'double';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'list':
      return `List<${csharpType(type.of)}>`;
    case 'map':
      return `Dictionary<string, ${csharpType(type.of)}>`;
    case 'optional':
      return isValueType(type.of) ? `${csharpType(type.of)}?` : csharpType(type.of);
    case 'record':
      return pascal(type.name);
  }
}

/** A placeholder of the type, for the starter's return statement. */
function zero(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return '0';
    case 'float':
      return '0.0';
    case 'bool':
      return 'false';
    case 'string':
      return '""';
    case 'list':
    case 'map':
      return `new ${csharpType(type)}()`;
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
      return fits32(type) ? 'ReadInt()' : 'ReadLong()';
    case 'float':
      return 'ReadFloat()';
    case 'bool':
      return 'ReadBool()';
    case 'string':
      return 'ReadString()';
    case 'list':
      return `ReadList(() => ${read(type.of)})`;
    case 'map':
      return `ReadMap(() => ${read(type.of)})`;
    case 'optional':
      return `${isValueType(type.of) ? 'ReadOptionalValue' : 'ReadOptionalReference'}(() => ${read(type.of)})`;
    case 'record':
      return `ReadRecord${pascal(type.name)}()`;
  }
}

/** A statement, inside KodbroMain, that writes `value` (lambda parameters named by depth: C# 7 forbids shadowing them). */
function write(type: ValueType, value: string, depth: number): string {
  const item = `x${depth}`;
  switch (type.kind) {
    case 'int':
      return `Put(${value});`;
    case 'float':
      return `PutFloat(${value});`;
    case 'bool':
      return `Put(${value} ? 1 : 0);`;
    case 'string':
      return `PutString(${value});`;
    case 'list':
    case 'map':
    case 'optional': {
      const helper = type.kind === 'list' ? 'PutList' : type.kind === 'map' ? 'PutMap' : isValueType(type.of) ? 'PutOptionalValue' : 'PutOptionalReference';
      return `${helper}(${value}, ${item} => { ${write(type.of, item, depth + 1)} });`;
    }
    case 'record':
      return `PutRecord${pascal(type.name)}(${value});`;
  }
}

// The harness's messages name the file kodbro-harness, without an extension, so none is taken for one about the candidate's line of that number.
const HARNESS = `#line 1 "kodbro-harness"
// ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.
internal static class KodbroMain
{
    private const string Function = "@FUNCTION@";
    private static readonly global::System.Globalization.CultureInfo Invariant = global::System.Globalization.CultureInfo.InvariantCulture;
    private static readonly global::System.Text.StringBuilder Output = new global::System.Text.StringBuilder();
    private static byte[] input;
    private static int at;

    public static void Main()
    {
        using (var stdin = global::System.Console.OpenStandardInput())
        using (var buffer = new global::System.IO.MemoryStream())
        {
            stdin.CopyTo(buffer);
            input = buffer.ToArray();
        }
        string nonce = Token();
@MAIN@
        if (Output.Length > 0) Output.Length -= 1;
        global::System.Console.Out.Flush();
        global::System.Console.Out.Write("\\n" + nonce + " " + Output.ToString() + "\\n");
        global::System.Console.Out.Flush();
        global::System.Environment.Exit(0);
    }

    private static string Token()
    {
        while (at < input.Length && input[at] <= (byte)' ') at++;
        int start = at;
        while (at < input.Length && input[at] > (byte)' ') at++;
        return global::System.Text.Encoding.ASCII.GetString(input, start, at - start);
    }

    private static long ReadLong()
    {
        return long.Parse(Token(), global::System.Globalization.NumberStyles.AllowLeadingSign, Invariant);
    }

    private static int ReadInt()
    {
        return checked((int)ReadLong());
    }

    private static double ReadFloat()
    {
        string t = Token();
        if (t == "nan") return double.NaN;
        if (t == "inf") return double.PositiveInfinity;
        if (t == "-inf") return double.NegativeInfinity;
        return ParseDouble(t);
    }

    private static readonly double[] PowersOfTen = MakePowersOfTen();

    private static double[] MakePowersOfTen()
    {
        var powers = new double[23];
        powers[0] = 1.0;
        for (int i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10.0;
        return powers;
    }

    // A decimal read as the nearest double. Mono's double.Parse is off by one unit in the last place on some 17-digit numbers.
    private static double ParseDouble(string text)
    {
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
        var digits = new global::System.Text.StringBuilder();
        int exponent = 0;
        bool fraction = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= '0' && c <= '9')
            {
                if (digits.Length > 0 || c != '0') digits.Append(c);
                if (fraction) exponent--;
            }
            else if (c == '.' && !fraction) fraction = true;
            else if (c == 'e' || c == 'E')
            {
                exponent += int.Parse(text.Substring(i + 1), global::System.Globalization.NumberStyles.AllowLeadingSign, Invariant);
                break;
            }
            else throw new global::System.FormatException("kodbro: bad number " + text);
        }
        double magnitude;
        if (digits.Length == 0) magnitude = 0.0;
        else if (digits.Length <= 15 && exponent >= -22 && exponent <= 22)
        {
            // Both exact in a double, so one correctly rounded operation.
            double m = long.Parse(digits.ToString(), Invariant);
            magnitude = exponent >= 0 ? m * PowersOfTen[exponent] : m / PowersOfTen[-exponent];
        }
        else if (digits.Length + exponent > 310) magnitude = double.PositiveInfinity;
        else if (digits.Length + exponent < -330) magnitude = 0.0;
        else magnitude = NearestDouble(digits.ToString(), exponent);
        return negative ? -magnitude : magnitude;
    }

    private static int BitLength(global::System.Numerics.BigInteger value)
    {
        if (value < long.MaxValue)
        {
            int small = 0;
            for (long v = (long)value; v > 0; v >>= 1) small++;
            return small;
        }
        byte[] bytes = value.ToByteArray();
        int top = bytes.Length - 1;
        while (top > 0 && bytes[top] == 0) top--;
        int bits = top * 8;
        for (int b = bytes[top]; b > 0; b >>= 1) bits++;
        return bits;
    }

    private static readonly global::System.Numerics.BigInteger[] BigPowersOfTen = new global::System.Numerics.BigInteger[400];

    private static global::System.Numerics.BigInteger BigPowerOfTen(int n)
    {
        if (BigPowersOfTen[n].IsZero) BigPowersOfTen[n] = global::System.Numerics.BigInteger.Pow(new global::System.Numerics.BigInteger(10), n);
        return BigPowersOfTen[n];
    }

    // The double nearest to digits × 10^exponent (ties to even), from exact integers.
    private static double NearestDouble(string digitText, int exponent)
    {
        var digits = digitText.Length <= 19 ? new global::System.Numerics.BigInteger(ulong.Parse(digitText, Invariant)) : global::System.Numerics.BigInteger.Parse(digitText, Invariant);
        var numerator = exponent >= 0 ? digits * BigPowerOfTen(exponent) : digits;
        var denominator = exponent >= 0 ? global::System.Numerics.BigInteger.One : BigPowerOfTen(-exponent);
        // The value is q × 2^k with q of 53 bits (fewer below the normal range), then rounded.
        int k = BitLength(numerator) - BitLength(denominator) - 53;
        global::System.Numerics.BigInteger q, r, divisor;
        for (;;)
        {
            if (k < -1074) k = -1074;
            var n = k < 0 ? numerator << -k : numerator;
            divisor = k > 0 ? denominator << k : denominator;
            q = global::System.Numerics.BigInteger.DivRem(n, divisor, out r);
            int length = BitLength(q);
            if (length > 53) k++;
            else if (length < 53 && k > -1074) k--;
            else break;
        }
        int twice = (r << 1).CompareTo(divisor);
        if (twice > 0 || (twice == 0 && !q.IsEven)) q += 1;
        long mantissa = (long)q;
        if (mantissa == 1L << 53)
        {
            mantissa >>= 1;
            k++;
        }
        if (k > 971) return double.PositiveInfinity;
        long bits = mantissa >= (1L << 52) ? ((long)(k + 52 + 1023) << 52) | (mantissa - (1L << 52)) : mantissa;
        return global::System.BitConverter.Int64BitsToDouble(bits);
    }

    private static bool ReadBool()
    {
        return ReadLong() != 0;
    }

    private static string ReadString()
    {
        int n = ReadInt();
        var text = new global::System.Text.StringBuilder(n);
        for (int i = 0; i < n; i++) text.Append(char.ConvertFromUtf32(ReadInt()));
        return text.ToString();
    }

    private static global::System.Collections.Generic.List<T> ReadList<T>(global::System.Func<T> item)
    {
        int n = ReadInt();
        var list = new global::System.Collections.Generic.List<T>(n);
        for (int i = 0; i < n; i++) list.Add(item());
        return list;
    }

    private static global::System.Collections.Generic.Dictionary<string, T> ReadMap<T>(global::System.Func<T> item)
    {
        int n = ReadInt();
        var map = new global::System.Collections.Generic.Dictionary<string, T>(n);
        for (int i = 0; i < n; i++)
        {
            string key = ReadString();
            map[key] = item();
        }
        return map;
    }

    private static T? ReadOptionalValue<T>(global::System.Func<T> item) where T : struct
    {
        return ReadLong() != 0 ? item() : (T?)null;
    }

    private static T ReadOptionalReference<T>(global::System.Func<T> item) where T : class
    {
        return ReadLong() != 0 ? item() : null;
    }

    private static void Need(object value, string what)
    {
        if (value != null) return;
        global::System.Console.Out.Flush();
        global::System.Console.Error.WriteLine(Function + " returned null where " + what + " was expected (only an optional value may be null)");
        global::System.Environment.Exit(1);
    }

    private static void Put(long value)
    {
        Output.Append(value.ToString(Invariant)).Append(' ');
    }

    private static void PutFloat(double value)
    {
        if (double.IsNaN(value)) Output.Append("nan ");
        else if (double.IsPositiveInfinity(value)) Output.Append("inf ");
        else if (double.IsNegativeInfinity(value)) Output.Append("-inf ");
        else
        {
            // Mono's round-trip form when it does read back as the same double, else the double's exact decimal value.
            string text = value.ToString("R", Invariant);
            if (ParseDouble(text) != value) text = ExactDecimal(value);
            Output.Append(text).Append(' ');
        }
    }

    // q × 2^k written exactly: an integer, or q × 5^-k followed by e-k.
    private static string ExactDecimal(double value)
    {
        long bits = global::System.BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7ff);
        long mantissa = bits & ((1L << 52) - 1);
        if (biased != 0) mantissa |= 1L << 52;
        int k = (biased == 0 ? 1 : biased) - 1075;
        var q = new global::System.Numerics.BigInteger(mantissa);
        string sign = bits < 0 ? "-" : "";
        if (k >= 0) return sign + (q << k).ToString(Invariant);
        return sign + (q * global::System.Numerics.BigInteger.Pow(new global::System.Numerics.BigInteger(5), -k)).ToString(Invariant) + "e-" + (-k).ToString(Invariant);
    }

    private static void PutString(string value)
    {
        Need(value, "a string");
        int count = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            count++;
        }
        Put(count);
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                Put(char.ConvertToUtf32(value[i], value[i + 1]));
                i++;
            }
            else Put(value[i]);
        }
    }

    private static void PutList<T>(global::System.Collections.Generic.List<T> value, global::System.Action<T> item)
    {
        Need(value, "a List");
        Put(value.Count);
        foreach (T x in value) item(x);
    }

    private static void PutMap<T>(global::System.Collections.Generic.Dictionary<string, T> value, global::System.Action<T> item)
    {
        Need(value, "a Dictionary");
        Put(value.Count);
        foreach (var entry in value)
        {
            PutString(entry.Key);
            item(entry.Value);
        }
    }

    private static void PutOptionalValue<T>(T? value, global::System.Action<T> item) where T : struct
    {
        if (!value.HasValue) Put(0);
        else
        {
            Put(1);
            item(value.Value);
        }
    }

    private static void PutOptionalReference<T>(T value, global::System.Action<T> item) where T : class
    {
        if (value == null) Put(0);
        else
        {
            Put(1);
            item(value);
        }
    }
@RECORDS@
}
`;
