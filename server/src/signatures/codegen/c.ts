import { fits32, type FunctionSignature, type ValueType } from '../../contracts/index.ts';
import { pascal, snake } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

const C_KEYWORDS: readonly string[] = [
  'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum', 'extern', 'float', 'for', 'goto', 'if',
  'inline', 'int', 'long', 'register', 'restrict', 'return', 'short', 'signed', 'sizeof', 'static', 'struct', 'switch', 'typedef', 'union',
  'unsigned', 'void', 'volatile', 'while', 'asm', 'typeof',
];

/** Lower-case names glibc's <stdlib.h>, <stddef.h> and <stdbool.h> declare under gnu17, and the stdio symbols the C harness links. */
export const LIBC_NAMES: readonly string[] = [
  'abort', 'abs', 'aligned_alloc', 'alloca', 'arc4random', 'arc4random_buf', 'arc4random_uniform', 'at_quick_exit', 'atexit', 'atof', 'atoi',
  'atol', 'atoll', 'bsearch', 'calloc', 'clearenv', 'div', 'drand48', 'ecvt', 'erand48', 'exit', 'fcvt', 'free', 'gcvt', 'getenv',
  'getloadavg', 'getsubopt', 'initstate', 'jrand48', 'labs', 'lcong48', 'ldiv', 'llabs', 'lldiv', 'lrand48', 'malloc', 'mblen', 'mbstowcs',
  'mbtowc', 'mkdtemp', 'mkstemp', 'mkstemps', 'mktemp', 'mrand48', 'nrand48', 'on_exit', 'posix_memalign', 'pselect', 'putenv', 'qecvt',
  'qfcvt', 'qgcvt', 'qsort', 'quick_exit', 'rand', 'rand_r', 'random', 'realloc', 'reallocarray', 'realpath', 'rpmatch', 'seed48', 'select',
  'setenv', 'setstate', 'srand', 'srand48', 'srandom', 'strtod', 'strtof', 'strtol', 'strtold', 'strtoll', 'strtoq', 'strtoul', 'strtoull',
  'strtouq', 'system', 'unsetenv', 'valloc', 'wcstombs', 'wctomb', 'offsetof',
  'size_t', 'ssize_t', 'ptrdiff_t', 'wchar_t', 'div_t', 'ldiv_t', 'lldiv_t', 'int8_t', 'int16_t', 'int32_t', 'int64_t', 'u_char', 'u_short',
  'u_int', 'u_long', 'uint', 'ulong', 'ushort', 'time_t', 'clock_t', 'off_t', 'pid_t', 'uid_t', 'gid_t', 'mode_t', 'dev_t', 'ino_t', 'id_t',
  'key_t', 'fd_set', 'fd_mask', 'sigset_t', 'quad_t', 'caddr_t', 'daddr_t', 'timer_t', 'clockid_t',
  'fread', 'fwrite', 'fflush', 'snprintf', 'stdin', 'stdout', 'stderr',
];

/**
 * C (GCC, gnu17): the starter declares every type the function uses, so the
 * candidate sees and keeps them: records as `typedef struct` in PascalCase,
 * lists as a generated struct of a pointer and a length (`IntList`:
 * `int *items; size_t len;`), maps from strings as parallel key and value
 * arrays with a count (`IntMap`: `char **keys; int *values; size_t len;`),
 * optionals as pointers (NULL when absent; an optional string is a `char *`
 * that may be NULL). Strings are NUL-terminated UTF-8 `char *`; the one code
 * point C cannot hold, U+0000, travels as the two bytes C0 80 (as Java's
 * modified UTF-8 does) both ways.
 *
 * The harness is appended after the candidate's code and includes no header:
 * it reaches the few libc functions it needs through names of its own bound
 * with asm labels, so the candidate may name things as libc's headers would
 * not let them (only the starter's headers bring names into scope). Every
 * harness name has a double underscore, which no declared name can have.
 */
export const cCodegen: Codegen = {
  language: 'c',
  reserved: [
    ...C_KEYWORDS,
    'bool', 'true', 'false', 'main', 'linux', 'unix',
    // What the starter's <stdlib.h>, <stddef.h> and <stdbool.h> declare (glibc, gnu17), and the libc symbols the harness links.
    ...LIBC_NAMES,
  ],
  starter(signature) {
    const types = new CTypes(signature);
    const lines = ['#include <stdbool.h>', '#include <stddef.h>', '#include <stdlib.h>', ''];
    const declarations = types.declarations();
    if (declarations.length) lines.push('// The types of this function (Kodbro reads and writes them: keep them as they are).', ...declarations.flatMap((d) => [d, '']));
    lines.push(`${types.prototype()} {`, '    // Write your solution here and return the result.');
    lines.push(...zeroReturn(types, signature.returns), '}', '');
    return lines.join('\n');
  },
  program(signature, candidate) {
    const types = new CTypes(signature);
    types.declarations();
    return `${candidate}\n\n/* ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result. */\n#line 1 "kodbro-harness.c"\n${harness(types, signature)}`;
  },
};

type Record_ = Extract<ValueType, { kind: 'record' }>;

/** A type's identity, for naming it once. */
function key(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return fits32(type) ? 'i32' : 'i64';
    case 'record':
      return `r:${type.name}`;
    case 'list':
    case 'map':
    case 'optional':
      return `${type.kind}(${key(type.of)})`;
    default:
      return type.kind;
  }
}

/** The C names of one signature's types: records first, then the generated list and map structs, never two alike. */
class CTypes {
  private readonly names = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly declared = new Set<string>();
  private readonly out: string[] = [];
  readonly records: Record_[];

  constructor(readonly signature: FunctionSignature) {
    this.records = recordsOf(signature);
    for (const record of this.records) {
      this.names.set(key(record), pascal(record.name));
      this.taken.add(pascal(record.name));
    }
  }

  /** Every struct the signature needs, each after the ones it uses. */
  declarations(): string[] {
    for (const param of this.signature.params) this.declare(param.type);
    this.declare(this.signature.returns);
    return this.out;
  }

  private declare(type: ValueType): void {
    if (type.kind === 'optional') {
      this.declare(type.of);
      return;
    }
    if (type.kind !== 'list' && type.kind !== 'map' && type.kind !== 'record') return;
    const k = key(type);
    if (this.declared.has(k)) return;
    this.declared.add(k);
    if (type.kind === 'record') {
      for (const field of type.fields) this.declare(field.type);
      const name = this.name(type);
      this.out.push([`typedef struct ${name} {`, ...type.fields.map((f) => `    ${declarator(this.type(f.type), snake(f.name))};`), `} ${name};`].join('\n'));
      return;
    }
    this.declare(type.of);
    const name = this.name(type);
    const fields = type.kind === 'list' ? [declarator(pointer(this.type(type.of)), 'items')] : ['char **keys', declarator(pointer(this.type(type.of)), 'values')];
    this.out.push([`typedef struct ${name} {`, ...fields.map((f) => `    ${f};`), '    size_t len;', `} ${name};`].join('\n'));
  }

  /** The name of a record or a generated struct. */
  name(type: ValueType): string {
    const k = key(type);
    const known = this.names.get(k);
    if (known) return known;
    if (type.kind !== 'list' && type.kind !== 'map') throw new Error(`no struct for ${k}`);
    let name = `${this.stem(type.of)}${type.kind === 'list' ? 'List' : 'Map'}`;
    while (this.taken.has(name)) name += '_';
    this.taken.add(name);
    this.names.set(k, name);
    return name;
  }

  private stem(type: ValueType): string {
    switch (type.kind) {
      case 'int':
        return fits32(type) ? 'Int' : 'Long';
      case 'float':
        return 'Double';
      case 'bool':
        return 'Bool';
      case 'string':
        return 'String';
      case 'optional':
        return `Optional${this.stem(type.of)}`;
      default:
        return this.name(type);
    }
  }

  /** The C type; `bool` as `_Bool` where the harness spells it (it includes no header). */
  type(type: ValueType, harness = false): string {
    switch (type.kind) {
      case 'int':
        return fits32(type) ? 'int' : 'long long';
      case 'float':
        return 'double';
      case 'bool':
        return harness ? '_Bool' : 'bool';
      case 'string':
        return 'char *';
      case 'optional':
        return type.of.kind === 'string' ? 'char *' : pointer(this.type(type.of, harness));
      default:
        return this.name(type);
    }
  }

  /** The harness's name for a type, in its reader's and writer's names. */
  suffix(type: ValueType): string {
    switch (type.kind) {
      case 'int':
        return fits32(type) ? 'int' : 'long';
      case 'float':
        return 'double';
      case 'bool':
      case 'string':
        return type.kind;
      case 'optional':
        return `opt_${this.suffix(type.of)}`;
      default:
        return this.name(type);
    }
  }

  prototype(): string {
    const s = this.signature;
    const params = s.params.length ? s.params.map((p) => declarator(this.type(p.type), snake(p.name))).join(', ') : 'void';
    return `${declarator(this.type(s.returns), snake(s.name))}(${params})`;
  }
}

function pointer(type: string): string {
  return type.endsWith('*') ? `${type}*` : `${type} *`;
}

function declarator(type: string, name: string): string {
  return type.endsWith('*') ? `${type}${name}` : `${type} ${name}`;
}

function zeroReturn(types: CTypes, type: ValueType): string[] {
  switch (type.kind) {
    case 'int':
      return ['    return 0;'];
    case 'float':
      return ['    return 0.0;'];
    case 'bool':
      return ['    return false;'];
    case 'string':
      return ['    return "";'];
    case 'optional':
      return ['    return NULL;'];
    default:
      return [`    return (${types.name(type)}){0};`];
  }
}

/** A reader for each parameter's type and a writer for the return type, each after the ones it calls. */
function harness(types: CTypes, signature: FunctionSignature): string {
  const done = new Set<string>();
  const out: string[] = [];
  const emit = (type: ValueType, read: boolean) => {
    const k = `${read ? 'read' : 'write'} ${key(type)}`;
    if (done.has(k) || type.kind === 'int' || type.kind === 'float' || type.kind === 'bool' || type.kind === 'string') return;
    done.add(k);
    if (type.kind === 'record') for (const field of type.fields) emit(field.type, read);
    else emit(type.of, read);
    out.push(...(read ? reader(types, type) : writer(types, type)));
  };
  for (const param of signature.params) emit(param.type, true);
  emit(signature.returns, false);
  const args = signature.params.map((p, i) => `    ${declarator(types.type(p.type, true), `kodbro__a${i}`)} = kodbro__read_${types.suffix(p.type)}();`);
  const call = `${snake(signature.name)}(${signature.params.map((_, i) => `kodbro__a${i}`).join(', ')})`;
  return [
    RUNTIME.replace('@NAME@', snake(signature.name)),
    ...out,
    'int main(void) {',
    '    kodbro__read_all();',
    '    char *kodbro__nonce = kodbro__token();',
    ...args,
    `    ${declarator(types.type(signature.returns, true), 'kodbro__result')} = ${call};`,
    `    kodbro__write_${types.suffix(signature.returns)}(kodbro__result);`,
    '    kodbro__finish(kodbro__nonce);',
    '    return 0;',
    '}',
    '',
  ].join('\n');
}

type Composite = Extract<ValueType, { kind: 'record' | 'list' | 'map' | 'optional' }>;

function reader(types: CTypes, type: Composite): string[] {
  const s = types.suffix(type);
  const t = types.type(type, true);
  switch (type.kind) {
    case 'record':
      return [
        `static ${t} kodbro__read_${s}(void) {`,
        `    ${t} v;`,
        ...type.fields.map((f) => `    v.${snake(f.name)} = kodbro__read_${types.suffix(f.type)}();`),
        '    return v;',
        '}',
      ];
    case 'optional':
      if (type.of.kind === 'string') return [`static char *kodbro__read_${s}(void) {`, '    return kodbro__integer() ? kodbro__read_string() : (char *)0;', '}'];
      return [
        `static ${declarator(t, `kodbro__read_${s}`)}(void) {`,
        '    if (!kodbro__integer()) return (void *)0;',
        `    ${declarator(t, 'v')} = kodbro__alloc(1, sizeof *v);`,
        `    *v = kodbro__read_${types.suffix(type.of)}();`,
        '    return v;',
        '}',
      ];
    case 'list':
      return [
        `static ${t} kodbro__read_${s}(void) {`,
        `    ${t} v;`,
        '    v.len = kodbro__count();',
        '    v.items = kodbro__alloc(v.len, sizeof *v.items);',
        `    for (kodbro__size i = 0; i < v.len; i++) v.items[i] = kodbro__read_${types.suffix(type.of)}();`,
        '    return v;',
        '}',
      ];
    case 'map':
      return [
        `static ${t} kodbro__read_${s}(void) {`,
        `    ${t} v;`,
        '    v.len = kodbro__count();',
        '    v.keys = kodbro__alloc(v.len, sizeof *v.keys);',
        '    v.values = kodbro__alloc(v.len, sizeof *v.values);',
        '    for (kodbro__size i = 0; i < v.len; i++) {',
        '        v.keys[i] = kodbro__read_string();',
        `        v.values[i] = kodbro__read_${types.suffix(type.of)}();`,
        '    }',
        '    return v;',
        '}',
      ];
  }
}

function writer(types: CTypes, type: Composite): string[] {
  const s = types.suffix(type);
  const t = types.type(type, true);
  switch (type.kind) {
    case 'record':
      return [`static void kodbro__write_${s}(${t} v) {`, ...type.fields.map((f) => `    kodbro__write_${types.suffix(f.type)}(v.${snake(f.name)});`), '}'];
    case 'optional':
      return [
        `static void kodbro__write_${s}(${declarator(t, 'v')}) {`,
        '    kodbro__put_text(v ? " 1" : " 0");',
        `    if (v) kodbro__write_${types.suffix(type.of)}(${type.of.kind === 'string' ? 'v' : '*v'});`,
        '}',
      ];
    case 'list':
      return [
        `static void kodbro__write_${s}(${t} v) {`,
        '    if (!v.items && v.len) kodbro__null("a list with NULL items");',
        '    kodbro__put_size(v.len);',
        `    for (kodbro__size i = 0; i < v.len; i++) kodbro__write_${types.suffix(type.of)}(v.items[i]);`,
        '}',
      ];
    case 'map':
      return [
        `static void kodbro__write_${s}(${t} v) {`,
        '    if ((!v.keys || !v.values) && v.len) kodbro__null("a map with NULL keys or values");',
        '    kodbro__put_size(v.len);',
        '    for (kodbro__size i = 0; i < v.len; i++) {',
        '        kodbro__write_string(v.keys[i]);',
        `        kodbro__write_${types.suffix(type.of)}(v.values[i]);`,
        '    }',
        '}',
      ];
  }
}

const RUNTIME = String.raw`typedef __SIZE_TYPE__ kodbro__size;
struct _IO_FILE;
extern struct _IO_FILE *kodbro__stdin __asm__("stdin");
extern struct _IO_FILE *kodbro__stdout __asm__("stdout");
extern struct _IO_FILE *kodbro__stderr __asm__("stderr");
extern kodbro__size kodbro__fread(void *, kodbro__size, kodbro__size, struct _IO_FILE *) __asm__("fread");
extern kodbro__size kodbro__fwrite(const void *, kodbro__size, kodbro__size, struct _IO_FILE *) __asm__("fwrite");
extern int kodbro__fflush(struct _IO_FILE *) __asm__("fflush");
extern void *kodbro__malloc(kodbro__size) __asm__("malloc");
extern void *kodbro__realloc(void *, kodbro__size) __asm__("realloc");
extern double kodbro__strtod(const char *, char **) __asm__("strtod");
extern int kodbro__snprintf(char *, kodbro__size, const char *, ...) __asm__("snprintf");
extern void kodbro__exit(int) __asm__("exit") __attribute__((noreturn));

static const char kodbro__function[] = "@NAME@";
static char *kodbro__in;
static kodbro__size kodbro__in_len, kodbro__in_at;
static char *kodbro__out;
static kodbro__size kodbro__out_len, kodbro__out_cap;

static kodbro__size kodbro__length(const char *s) {
    kodbro__size n = 0;
    while (s[n]) n++;
    return n;
}

__attribute__((noreturn)) static void kodbro__fail(const char *what, const char *message) {
    kodbro__fflush(kodbro__stdout);
    kodbro__fwrite(what, 1, kodbro__length(what), kodbro__stderr);
    kodbro__fwrite(message, 1, kodbro__length(message), kodbro__stderr);
    kodbro__fwrite("\n", 1, 1, kodbro__stderr);
    kodbro__fflush(kodbro__stderr);
    kodbro__exit(1);
}

__attribute__((noreturn)) static void kodbro__null(const char *what) {
    kodbro__fflush(kodbro__stdout);
    kodbro__fwrite(kodbro__function, 1, kodbro__length(kodbro__function), kodbro__stderr);
    kodbro__fail(" returned ", what);
}

static void *kodbro__alloc(kodbro__size n, kodbro__size size) {
    void *p = kodbro__malloc(n && size ? n * size : 1);
    if (!p) kodbro__fail("Kodbro's harness: ", "out of memory");
    return p;
}

static void kodbro__read_all(void) {
    kodbro__size cap = 1 << 16;
    kodbro__in = kodbro__alloc(cap + 1, 1);
    for (;;) {
        kodbro__size n = kodbro__fread(kodbro__in + kodbro__in_len, 1, cap - kodbro__in_len, kodbro__stdin);
        kodbro__in_len += n;
        if (n == 0) break;
        if (kodbro__in_len == cap) {
            cap *= 2;
            kodbro__in = kodbro__realloc(kodbro__in, cap + 1);
            if (!kodbro__in) kodbro__fail("Kodbro's harness: ", "out of memory");
        }
    }
    kodbro__in[kodbro__in_len] = 0;
}

static int kodbro__space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/** The next token, NUL-terminated in place. */
static char *kodbro__token(void) {
    while (kodbro__in_at < kodbro__in_len && kodbro__space(kodbro__in[kodbro__in_at])) kodbro__in_at++;
    if (kodbro__in_at >= kodbro__in_len) kodbro__fail("Kodbro's harness: ", "the input ended early");
    char *start = kodbro__in + kodbro__in_at;
    while (kodbro__in_at < kodbro__in_len && !kodbro__space(kodbro__in[kodbro__in_at])) kodbro__in_at++;
    kodbro__in[kodbro__in_at] = 0;
    if (kodbro__in_at < kodbro__in_len) kodbro__in_at++;
    return start;
}

static long long kodbro__integer(void) {
    const char *t = kodbro__token();
    int negative = *t == '-';
    if (negative) t++;
    unsigned long long n = 0;
    for (; *t; t++) {
        if (*t < '0' || *t > '9') kodbro__fail("Kodbro's harness: ", "a malformed integer in the input");
        n = n * 10 + (unsigned long long)(*t - '0');
    }
    return negative ? (long long)(0 - n) : (long long)n;
}

static kodbro__size kodbro__count(void) {
    long long n = kodbro__integer();
    if (n < 0) kodbro__fail("Kodbro's harness: ", "a negative length in the input");
    return (kodbro__size)n;
}

__attribute__((unused)) static int kodbro__read_int(void) {
    return (int)kodbro__integer();
}

__attribute__((unused)) static long long kodbro__read_long(void) {
    return kodbro__integer();
}

__attribute__((unused)) static double kodbro__read_double(void) {
    return kodbro__strtod(kodbro__token(), (char **)0);
}

__attribute__((unused)) static _Bool kodbro__read_bool(void) {
    return kodbro__integer() != 0;
}

/** UTF-8, with U+0000 as C0 80 so that the string stays NUL-terminated. */
__attribute__((unused)) static char *kodbro__read_string(void) {
    kodbro__size n = kodbro__count();
    unsigned char *s = kodbro__alloc(4 * n + 1, 1), *p = s;
    for (kodbro__size i = 0; i < n; i++) {
        unsigned long c = (unsigned long)kodbro__integer();
        if (c == 0) {
            *p++ = 0xC0;
            *p++ = 0x80;
        } else if (c < 0x80) {
            *p++ = (unsigned char)c;
        } else if (c < 0x800) {
            *p++ = (unsigned char)(0xC0 | (c >> 6));
            *p++ = (unsigned char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *p++ = (unsigned char)(0xE0 | (c >> 12));
            *p++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (unsigned char)(0x80 | (c & 0x3F));
        } else {
            *p++ = (unsigned char)(0xF0 | (c >> 18));
            *p++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            *p++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    *p = 0;
    return (char *)s;
}

static void kodbro__put(const char *s, kodbro__size n) {
    if (kodbro__out_len + n > kodbro__out_cap) {
        kodbro__size cap = kodbro__out_cap ? kodbro__out_cap : 1 << 12;
        while (cap < kodbro__out_len + n) cap *= 2;
        kodbro__out = kodbro__realloc(kodbro__out, cap);
        if (!kodbro__out) kodbro__fail("Kodbro's harness: ", "out of memory");
        kodbro__out_cap = cap;
    }
    __builtin_memcpy(kodbro__out + kodbro__out_len, s, n);
    kodbro__out_len += n;
}

static void kodbro__put_text(const char *s) {
    kodbro__put(s, kodbro__length(s));
}

/** A space, then the integer. */
static void kodbro__put_integer(long long v) {
    char buffer[24];
    char *end = buffer + sizeof buffer, *p = end;
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    *--p = ' ';
    kodbro__put(p, (kodbro__size)(end - p));
}

static void kodbro__put_size(kodbro__size n) {
    kodbro__put_integer((long long)n);
}

__attribute__((unused)) static void kodbro__write_int(int v) {
    kodbro__put_integer(v);
}

__attribute__((unused)) static void kodbro__write_long(long long v) {
    kodbro__put_integer(v);
}

/** The shortest form that reads back as the same double. */
__attribute__((unused)) static void kodbro__write_double(double v) {
    if (__builtin_isnan(v)) {
        kodbro__put_text(" nan");
    } else if (__builtin_isinf(v)) {
        kodbro__put_text(v > 0 ? " inf" : " -inf");
    } else {
        char buffer[40];
        for (int precision = 1; precision <= 17; precision++) {
            kodbro__snprintf(buffer + 1, sizeof buffer - 1, "%.*g", precision, v);
            if (kodbro__strtod(buffer + 1, (char **)0) == v) break;
        }
        buffer[0] = ' ';
        kodbro__put_text(buffer);
    }
}

__attribute__((unused)) static void kodbro__write_bool(_Bool v) {
    kodbro__put_text(v ? " 1" : " 0");
}

/** One code point of UTF-8 (C0 80 is U+0000; a malformed byte is U+FFFD). */
static unsigned long kodbro__decode(const unsigned char **at) {
    const unsigned char *s = *at;
    unsigned long c = s[0], min;
    int n;
    if (c < 0x80) {
        *at = s + 1;
        return c;
    }
    if (c == 0xC0 && s[1] == 0x80) {
        *at = s + 2;
        return 0;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        c &= 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        c &= 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        c &= 0x07;
        min = 0x10000;
    } else {
        *at = s + 1;
        return 0xFFFD;
    }
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *at = s + i;
            return 0xFFFD;
        }
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *at = s + 1;
        return 0xFFFD;
    }
    *at = s + n + 1;
    return c;
}

__attribute__((unused)) static void kodbro__write_string(const char *v) {
    if (!v) kodbro__null("NULL where a string was expected");
    kodbro__size n = 0;
    for (const unsigned char *p = (const unsigned char *)v; *p; n++) kodbro__decode(&p);
    kodbro__put_size(n);
    for (const unsigned char *p = (const unsigned char *)v; *p;) kodbro__put_integer((long long)kodbro__decode(&p));
}

/** What the candidate printed, then the result line. */
static void kodbro__finish(const char *nonce) {
    kodbro__fflush(kodbro__stdout);
    kodbro__fwrite("\n", 1, 1, kodbro__stdout);
    kodbro__fwrite(nonce, 1, kodbro__length(nonce), kodbro__stdout);
    kodbro__put("\n", 1);
    kodbro__fwrite(kodbro__out, 1, kodbro__out_len, kodbro__stdout);
    kodbro__fflush(kodbro__stdout);
}
`;
