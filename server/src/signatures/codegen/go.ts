import { fits32, type FunctionSignature, type ValueType } from '../../contracts/index.ts';
import { camel, pascal } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

const GO_KEYWORDS: readonly string[] = [
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto', 'if', 'import',
  'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
];

/** Go's predeclared names: a package-level function of one of these names would hide it from the harness too. */
const GO_PREDECLARED: readonly string[] = [
  'any', 'append', 'bool', 'byte', 'cap', 'clear', 'close', 'comparable', 'complex', 'complex64', 'complex128', 'copy', 'delete', 'error',
  'false', 'float32', 'float64', 'imag', 'int', 'int8', 'int16', 'int32', 'int64', 'iota', 'len', 'make', 'max', 'min', 'new', 'nil', 'panic',
  'print', 'println', 'real', 'recover', 'rune', 'string', 'true', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
];

/**
 * Go: the starter is a whole file (`package main`, the records as structs
 * with exported PascalCase fields, the function in camelCase); int32 or
 * int64, float64, bool, string, slices, map[string]…, and a pointer for an
 * optional (nil when absent).
 *
 * Go wants its imports before any declaration, so the harness's own imports
 * (under names no declared name can take: they have an underscore) go on the
 * candidate's package clause line, after `package main`, and every other
 * line keeps its number. The harness is appended after the candidate's code,
 * behind a `//line` directive so its own messages name kodbro_harness.go.
 */
export const goCodegen: Codegen = {
  language: 'go',
  reserved: [...GO_KEYWORDS, ...GO_PREDECLARED, 'main', 'init'],
  starter(signature) {
    const lines = ['package main', ''];
    for (const record of recordsOf(signature)) {
      const width = Math.max(...record.fields.map((f) => pascal(f.name).length));
      lines.push(`type ${pascal(record.name)} struct {`, ...record.fields.map((f) => `\t${pascal(f.name).padEnd(width)} ${goType(f.type)}`), '}', '');
    }
    const params = signature.params.map((p) => `${camel(p.name)} ${goType(p.type)}`).join(', ');
    lines.push(`func ${camel(signature.name)}(${params}) ${goType(signature.returns)} {`, '\t// Write your solution here and return the result.');
    lines.push(`\treturn ${zero(signature.returns)}`, '}', '');
    return lines.join('\n');
  },
  program(signature, candidate) {
    return `${withImports(candidate)}\n\n//line kodbro_harness.go:1\n${harness(signature)}`;
  },
};

const IMPORTS = '; import (kodbro_io "io"; kodbro_os "os"; kodbro_strconv "strconv")';

/** The candidate's code with the harness's imports on its package clause's line (or a package clause of its own on line 1). */
function withImports(candidate: string): string {
  let at = 0;
  for (;;) {
    while (at < candidate.length && ' \t\r\n'.includes(candidate[at]!)) at++;
    if (candidate.startsWith('//', at)) {
      const end = candidate.indexOf('\n', at);
      at = end < 0 ? candidate.length : end;
    } else if (candidate.startsWith('/*', at)) {
      const end = candidate.indexOf('*/', at + 2);
      at = end < 0 ? candidate.length : end + 2;
    } else break;
  }
  const clause = /^package[ \t]+[\p{L}_][\p{L}\p{Nd}_]*/u.exec(candidate.slice(at));
  if (!clause) return `package main${IMPORTS}; ${candidate}`;
  const end = at + clause[0].length;
  return `${candidate.slice(0, end)}${IMPORTS}${candidate.slice(end)}`;
}

function goType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return fits32(type) ? 'int32' : 'int64';
    case 'float':
      return 'float64';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'list':
      return `[]${goType(type.of)}`;
    case 'map':
      return `map[string]${goType(type.of)}`;
    case 'optional':
      return `*${goType(type.of)}`;
    case 'record':
      return pascal(type.name);
  }
}

function zero(type: ValueType): string {
  switch (type.kind) {
    case 'int':
    case 'float':
      return '0';
    case 'bool':
      return 'false';
    case 'string':
      return '""';
    case 'record':
      return `${pascal(type.name)}{}`;
    default:
      return 'nil';
  }
}

/** The harness's name for a type, in its reader's and writer's names; record names have no underscore, so these never meet. */
function suffix(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return fits32(type) ? 'I32' : 'I64';
    case 'float':
      return 'F64';
    case 'bool':
      return 'Bool';
    case 'string':
      return 'Str';
    case 'list':
      return `L_${suffix(type.of)}`;
    case 'map':
      return `M_${suffix(type.of)}`;
    case 'optional':
      return `O_${suffix(type.of)}`;
    case 'record':
      return `R_${pascal(type.name)}`;
  }
}

function harness(signature: FunctionSignature): string {
  const done = new Set<string>();
  const out: string[] = [];
  const emit = (type: ValueType, read: boolean) => {
    const s = suffix(type);
    const k = `${read ? 'read' : 'write'}_${s}`;
    if (done.has(k) || type.kind === 'int' || type.kind === 'float' || type.kind === 'bool' || type.kind === 'string') return;
    done.add(k);
    if (type.kind === 'record') type.fields.forEach((f) => emit(f.type, read));
    else emit(type.of, read);
    const t = goType(type);
    out.push('');
    if (read) {
      switch (type.kind) {
        case 'record':
          out.push(`func kodbro_read_${s}() ${t} {`, `\tvar v ${t}`, ...type.fields.map((f) => `\tv.${pascal(f.name)} = kodbro_read_${suffix(f.type)}()`), '\treturn v', '}');
          break;
        case 'list':
          out.push(`func kodbro_read_${s}() ${t} {`, `\tv := make(${t}, kodbro_count())`, '\tfor i := range v {', `\t\tv[i] = kodbro_read_${suffix(type.of)}()`, '\t}', '\treturn v', '}');
          break;
        case 'map':
          out.push(
            `func kodbro_read_${s}() ${t} {`,
            '\tn := kodbro_count()',
            `\tv := make(${t}, n)`,
            '\tfor i := 0; i < n; i++ {',
            '\t\tkey := kodbro_read_Str()',
            `\t\tv[key] = kodbro_read_${suffix(type.of)}()`,
            '\t}',
            '\treturn v',
            '}',
          );
          break;
        case 'optional':
          out.push(`func kodbro_read_${s}() ${t} {`, '\tif kodbro_integer() == 0 {', '\t\treturn nil', '\t}', `\tv := kodbro_read_${suffix(type.of)}()`, '\treturn &v', '}');
          break;
      }
    } else {
      switch (type.kind) {
        case 'record':
          out.push(`func kodbro_write_${s}(v ${t}) {`, ...type.fields.map((f) => `\tkodbro_write_${suffix(f.type)}(v.${pascal(f.name)})`), '}');
          break;
        case 'list':
          out.push(`func kodbro_write_${s}(v ${t}) {`, '\tkodbro_put_int(int64(len(v)))', '\tfor _, item := range v {', `\t\tkodbro_write_${suffix(type.of)}(item)`, '\t}', '}');
          break;
        case 'map':
          out.push(
            `func kodbro_write_${s}(v ${t}) {`,
            '\tkodbro_put_int(int64(len(v)))',
            '\tfor key, item := range v {',
            '\t\tkodbro_write_Str(key)',
            `\t\tkodbro_write_${suffix(type.of)}(item)`,
            '\t}',
            '}',
          );
          break;
        case 'optional':
          out.push(
            `func kodbro_write_${s}(v ${t}) {`,
            '\tif v == nil {',
            '\t\tkodbro_out = append(kodbro_out, " 0"...)',
            '\t\treturn',
            '\t}',
            '\tkodbro_out = append(kodbro_out, " 1"...)',
            `\tkodbro_write_${suffix(type.of)}(*v)`,
            '}',
          );
          break;
      }
    }
  };
  signature.params.forEach((p) => emit(p.type, true));
  emit(signature.returns, false);
  const args = signature.params.map((p, i) => `\tkodbro_a${i} := kodbro_read_${suffix(p.type)}()`);
  return [
    RUNTIME,
    ...out,
    '',
    'func main() {',
    '\tkodbro_read_all()',
    '\tkodbro_nonce := string(kodbro_token())',
    ...args,
    `\tkodbro_result := ${camel(signature.name)}(${signature.params.map((_, i) => `kodbro_a${i}`).join(', ')})`,
    '\tkodbro_out = append(append(kodbro_out, \'\\n\'), kodbro_nonce...)',
    `\tkodbro_write_${suffix(signature.returns)}(kodbro_result)`,
    '\tkodbro_out = append(kodbro_out, \'\\n\')',
    '\tkodbro_finish()',
    '}',
    '',
  ].join('\n');
}

const RUNTIME = String.raw`// ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.

var kodbro_in []byte
var kodbro_at int
var kodbro_out []byte

func kodbro_fail(message string) {
	kodbro_os.Stderr.WriteString("Kodbro's harness: " + message + "\n")
	kodbro_os.Exit(1)
}

func kodbro_read_all() {
	var err error
	kodbro_in, err = kodbro_io.ReadAll(kodbro_os.Stdin)
	if err != nil {
		kodbro_fail("cannot read the input: " + err.Error())
	}
}

func kodbro_blank(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t'
}

func kodbro_token() []byte {
	for kodbro_at < len(kodbro_in) && kodbro_blank(kodbro_in[kodbro_at]) {
		kodbro_at++
	}
	if kodbro_at >= len(kodbro_in) {
		kodbro_fail("the input ended early")
	}
	start := kodbro_at
	for kodbro_at < len(kodbro_in) && !kodbro_blank(kodbro_in[kodbro_at]) {
		kodbro_at++
	}
	return kodbro_in[start:kodbro_at]
}

func kodbro_integer() int64 {
	t := kodbro_token()
	negative := t[0] == '-'
	if negative {
		t = t[1:]
	}
	var n uint64
	for _, c := range t {
		if c < '0' || c > '9' {
			kodbro_fail("a malformed integer in the input")
		}
		n = n*10 + uint64(c-'0')
	}
	if negative {
		return -int64(n)
	}
	return int64(n)
}

func kodbro_count() int {
	n := kodbro_integer()
	if n < 0 {
		kodbro_fail("a negative length in the input")
	}
	return int(n)
}

func kodbro_read_I32() int32 {
	return int32(kodbro_integer())
}

func kodbro_read_I64() int64 {
	return kodbro_integer()
}

func kodbro_read_F64() float64 {
	v, err := kodbro_strconv.ParseFloat(string(kodbro_token()), 64)
	if err != nil && err.(*kodbro_strconv.NumError).Err != kodbro_strconv.ErrRange {
		kodbro_fail("a malformed number in the input")
	}
	return v
}

func kodbro_read_Bool() bool {
	return kodbro_integer() != 0
}

func kodbro_read_Str() string {
	runes := make([]rune, kodbro_count())
	for i := range runes {
		runes[i] = rune(kodbro_integer())
	}
	return string(runes)
}

func kodbro_put_int(v int64) {
	kodbro_out = kodbro_strconv.AppendInt(append(kodbro_out, ' '), v, 10)
}

func kodbro_write_I32(v int32) {
	kodbro_put_int(int64(v))
}

func kodbro_write_I64(v int64) {
	kodbro_put_int(v)
}

// The shortest form that reads back as the same float64.
func kodbro_write_F64(v float64) {
	switch {
	case v != v:
		kodbro_out = append(kodbro_out, " nan"...)
	case v > 1.7976931348623157e308:
		kodbro_out = append(kodbro_out, " inf"...)
	case v < -1.7976931348623157e308:
		kodbro_out = append(kodbro_out, " -inf"...)
	default:
		kodbro_out = kodbro_strconv.AppendFloat(append(kodbro_out, ' '), v, 'g', -1, 64)
	}
}

func kodbro_write_Bool(v bool) {
	if v {
		kodbro_out = append(kodbro_out, " 1"...)
	} else {
		kodbro_out = append(kodbro_out, " 0"...)
	}
}

// Code points as range decodes them (a malformed byte is U+FFFD).
func kodbro_write_Str(v string) {
	n := 0
	for range v {
		n++
	}
	kodbro_put_int(int64(n))
	for _, r := range v {
		kodbro_put_int(int64(r))
	}
}

// What the candidate printed went straight to os.Stdout (it has no buffer); then the result line.
func kodbro_finish() {
	if _, err := kodbro_os.Stdout.Write(kodbro_out); err != nil {
		kodbro_os.Exit(1)
	}
}`;
