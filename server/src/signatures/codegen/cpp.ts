import { fits32, type FunctionSignature, type ValueType } from '../../contracts/index.ts';
import { pascal, snake } from '../names.ts';
import { LIBC_NAMES } from './c.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

const CPP_KEYWORDS: readonly string[] = [
  'alignas', 'alignof', 'and', 'and_eq', 'asm', 'auto', 'bitand', 'bitor', 'bool', 'break', 'case', 'catch', 'char', 'char8_t', 'char16_t',
  'char32_t', 'class', 'compl', 'concept', 'const', 'consteval', 'constexpr', 'constinit', 'const_cast', 'continue', 'co_await', 'co_return',
  'co_yield', 'decltype', 'default', 'delete', 'do', 'double', 'dynamic_cast', 'else', 'enum', 'explicit', 'export', 'extern', 'false', 'float',
  'for', 'friend', 'goto', 'if', 'inline', 'int', 'long', 'mutable', 'namespace', 'new', 'noexcept', 'not', 'not_eq', 'nullptr', 'operator',
  'or', 'or_eq', 'private', 'protected', 'public', 'register', 'reinterpret_cast', 'requires', 'return', 'short', 'signed', 'sizeof', 'static',
  'static_assert', 'static_cast', 'struct', 'switch', 'template', 'this', 'thread_local', 'throw', 'true', 'try', 'typedef', 'typeid',
  'typename', 'union', 'unsigned', 'using', 'virtual', 'void', 'volatile', 'wchar_t', 'while', 'xor', 'xor_eq',
];

/**
 * C++ (GCC, gnu++17): records are plain structs declared in the starter
 * (snake_case fields), with int / long long, double, bool, std::string
 * (UTF-8), std::vector, std::map<std::string, …> and std::optional; the
 * starter includes the standard headers its types need and takes every
 * parameter by value.
 *
 * The program is a hidden prelude of the standard headers the harness needs,
 * then `#line 1 "main.cpp"` and the candidate's code, then the harness: one
 * namespace of overloads that read and write by the types themselves (any
 * integer or floating type the candidate chose reads and writes), so macros
 * such as `#define int long long` leave it working.
 */
export const cppCodegen: Codegen = {
  language: 'cpp',
  // The prelude's C headers bring libc's names into the global namespace as C's do.
  reserved: [...CPP_KEYWORDS, 'main', 'std', 'linux', 'unix', ...LIBC_NAMES],
  starter(signature) {
    const used = kinds(signature);
    const headers = [
      ...(used.has('map') ? ['map'] : []),
      ...(used.has('optional') ? ['optional'] : []),
      ...(used.has('string') || used.has('map') ? ['string'] : []),
      ...(used.has('list') ? ['vector'] : []),
    ];
    const lines = headers.map((h) => `#include <${h}>`);
    if (lines.length) lines.push('');
    for (const record of recordsOf(signature)) {
      lines.push(`struct ${pascal(record.name)} {`, ...record.fields.map((f) => `    ${cppType(f.type)} ${snake(f.name)};`), '};', '');
    }
    lines.push(`${prototype(signature)} {`, '    // Write your solution here and return the result.', '    return {};', '}', '');
    return lines.join('\n');
  },
  program(signature, candidate) {
    return `${PRELUDE}#line 1 "main.cpp"\n${candidate}\n\n// ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.\n#line 1 "kodbro-harness.cpp"\n${harness(signature)}`;
  },
};

function kinds(signature: FunctionSignature): Set<ValueType['kind']> {
  const found = new Set<ValueType['kind']>();
  const visit = (type: ValueType) => {
    found.add(type.kind);
    if (type.kind === 'record') type.fields.forEach((f) => visit(f.type));
    else if ('of' in type) visit(type.of);
  };
  signature.params.forEach((p) => visit(p.type));
  visit(signature.returns);
  return found;
}

/** The C++ type; `qualified` names records from the global namespace (for the harness's namespace). */
function cppType(type: ValueType, qualified = false): string {
  switch (type.kind) {
    case 'int':
      return fits32(type) ? 'int' : 'long long';
    case 'float':
      return 'double';
    case 'bool':
      return 'bool';
    case 'string':
      return 'std::string';
    case 'list':
      return `std::vector<${cppType(type.of, qualified)}>`;
    case 'map':
      return `std::map<std::string, ${cppType(type.of, qualified)}>`;
    case 'optional':
      return `std::optional<${cppType(type.of, qualified)}>`;
    case 'record':
      return `${qualified ? '::' : ''}${pascal(type.name)}`;
  }
}

function prototype(signature: FunctionSignature): string {
  return `${cppType(signature.returns)} ${snake(signature.name)}(${signature.params.map((p) => `${cppType(p.type)} ${snake(p.name)}`).join(', ')})`;
}

function harness(signature: FunctionSignature): string {
  const records = recordsOf(signature);
  const declarations = records.flatMap((r) => [`void read(::${pascal(r.name)} &v);`, `void write(const ::${pascal(r.name)} &v, std::string &out);`]);
  const definitions = records.flatMap((r) => [
    `void read(::${pascal(r.name)} &v) {`,
    ...r.fields.map((f) => `    read(v.${snake(f.name)});`),
    '}',
    `void write(const ::${pascal(r.name)} &v, std::string &out) {`,
    ...r.fields.map((f) => `    write(v.${snake(f.name)}, out);`),
    '}',
  ]);
  const args = signature.params.flatMap((p, i) => [`    ${cppType(p.type, true)} a${i};`, `    read(a${i});`]);
  const call = `::${snake(signature.name)}(${signature.params.map((_, i) => `a${i}`).join(', ')})`;
  return [
    RUNTIME_HEAD,
    ...declarations,
    RUNTIME_BODY,
    ...definitions,
    '',
    'void run() {',
    '    read_all();',
    '    const std::string nonce(token());',
    ...args,
    `    const auto result = ${call};`,
    '    std::string out = "\\n" + nonce;',
    '    write(result, out);',
    '    out += "\\n";',
    '    finish(out);',
    '}',
    '',
    '}  // namespace Kodbro_harness',
    '',
    '#pragma push_macro("int")',
    '#undef int',
    'int main() {',
    '    Kodbro_harness::run();',
    '    return 0;',
    '}',
    '#pragma pop_macro("int")',
    '',
  ].join('\n');
}

const PRELUDE = `#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>
`;

// No bare \`int\` below: a candidate's \`#define int long long\` must not change the harness.
const RUNTIME_HEAD = String.raw`namespace Kodbro_harness {

using Size = std::size_t;
std::vector<char> input;
Size at = 0;

[[noreturn]] void fail(const char *message) {
    std::cout.flush();
    std::fflush(stdout);
    std::fprintf(stderr, "Kodbro's harness: %s\n", message);
    std::exit(1);
}

void read_all() {
    input.resize(1 << 16);
    Size length = 0;
    for (;;) {
        Size n = std::fread(input.data() + length, 1, input.size() - length, stdin);
        length += n;
        if (n == 0) break;
        if (length == input.size()) input.resize(input.size() * 2);
    }
    input.resize(length + 1);
    input[length] = 0;
}

bool blank(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/** The next token, NUL-terminated in place. */
std::string_view token() {
    const Size length = input.size() - 1;
    while (at < length && blank(input[at])) at++;
    if (at >= length) fail("the input ended early");
    const Size start = at;
    while (at < length && !blank(input[at])) at++;
    input[at] = 0;
    std::string_view t(input.data() + start, at - start);
    if (at < length) at++;
    return t;
}

long long integer() {
    const std::string_view t = token();
    long long v = 0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (error != std::errc() || end != t.data() + t.size()) fail("a malformed integer in the input");
    return v;
}

Size count() {
    const long long n = integer();
    if (n < 0) fail("a negative length in the input");
    return static_cast<Size>(n);
}

template <class T>
std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>> read(T &v);
template <class T>
std::enable_if_t<std::is_floating_point_v<T>> read(T &v);
void read(bool &v);
void read(std::string &v);
template <class T>
void read(std::vector<T> &v);
template <class T>
void read(std::map<std::string, T> &v);
template <class T>
void read(std::optional<T> &v);

template <class T>
std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>> write(T v, std::string &out);
template <class T>
std::enable_if_t<std::is_floating_point_v<T>> write(T v, std::string &out);
void write(bool v, std::string &out);
void write(const std::string &v, std::string &out);
template <class T>
void write(const std::vector<T> &v, std::string &out);
template <class T>
void write(const std::map<std::string, T> &v, std::string &out);
template <class T>
void write(const std::optional<T> &v, std::string &out);
`;

const RUNTIME_BODY = String.raw`
template <class T>
std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>> read(T &v) {
    v = static_cast<T>(integer());
}

template <class T>
std::enable_if_t<std::is_floating_point_v<T>> read(T &v) {
    v = static_cast<T>(std::strtod(token().data(), nullptr));
}

void read(bool &v) {
    v = integer() != 0;
}

void read(std::string &v) {
    const Size n = count();
    v.clear();
    v.reserve(n);
    for (Size i = 0; i < n; i++) {
        const unsigned long c = static_cast<unsigned long>(integer());
        if (c < 0x80) {
            v += static_cast<char>(c);
        } else if (c < 0x800) {
            v += static_cast<char>(0xC0 | (c >> 6));
            v += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            v += static_cast<char>(0xE0 | (c >> 12));
            v += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            v += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            v += static_cast<char>(0xF0 | (c >> 18));
            v += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            v += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            v += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
}

template <class T>
void read(std::vector<T> &v) {
    const Size n = count();
    v.clear();
    v.reserve(n);
    for (Size i = 0; i < n; i++) {
        T item{};
        read(item);
        v.push_back(std::move(item));
    }
}

template <class T>
void read(std::map<std::string, T> &v) {
    const Size n = count();
    v.clear();
    for (Size i = 0; i < n; i++) {
        std::string key;
        read(key);
        T item{};
        read(item);
        v.emplace_hint(v.end(), std::move(key), std::move(item));
    }
}

template <class T>
void read(std::optional<T> &v) {
    v.reset();
    if (integer() == 0) return;
    T item{};
    read(item);
    v = std::move(item);
}

template <class T>
std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>> write(T v, std::string &out) {
    char buffer[32];
    buffer[0] = ' ';
    out.append(buffer, std::to_chars(buffer + 1, buffer + sizeof buffer, v).ptr);
}

/** The shortest form that reads back as the same double. */
template <class T>
std::enable_if_t<std::is_floating_point_v<T>> write(T value, std::string &out) {
    const double v = static_cast<double>(value);
    if (v != v) {
        out += " nan";
    } else if (v > 1.7976931348623157e308 || v < -1.7976931348623157e308) {
        out += v > 0 ? " inf" : " -inf";
    } else {
        char buffer[64];
        buffer[0] = ' ';
        out.append(buffer, std::to_chars(buffer + 1, buffer + sizeof buffer, v).ptr);
    }
}

void write(bool v, std::string &out) {
    out += v ? " 1" : " 0";
}

/** One code point of UTF-8; a malformed byte is U+FFFD. */
unsigned long decode(const unsigned char *&p, const unsigned char *end) {
    unsigned long c = *p;
    Size n;
    unsigned long min;
    if (c < 0x80) {
        p++;
        return c;
    } else if (c >= 0xC2 && c <= 0xDF) {
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
        p++;
        return 0xFFFD;
    }
    for (Size i = 1; i <= n; i++) {
        if (p + i >= end || (p[i] & 0xC0) != 0x80) {
            p += i;
            return 0xFFFD;
        }
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        p++;
        return 0xFFFD;
    }
    p += n + 1;
    return c;
}

void write(const std::string &v, std::string &out) {
    const unsigned char *begin = reinterpret_cast<const unsigned char *>(v.data()), *end = begin + v.size();
    Size n = 0;
    for (const unsigned char *p = begin; p < end; n++) decode(p, end);
    write(n, out);
    for (const unsigned char *p = begin; p < end;) write(decode(p, end), out);
}

template <class T>
void write(const std::vector<T> &v, std::string &out) {
    write(v.size(), out);
    for (const auto &item : v) write(item, out);
}

template <class T>
void write(const std::map<std::string, T> &v, std::string &out) {
    write(v.size(), out);
    for (const auto &entry : v) {
        write(entry.first, out);
        write(entry.second, out);
    }
}

template <class T>
void write(const std::optional<T> &v, std::string &out) {
    if (!v) {
        out += " 0";
        return;
    }
    out += " 1";
    write(*v, out);
}

/** What the candidate printed (through either of C++'s and C's streams), then the result line. */
void finish(const std::string &line) {
    std::cout.flush();
    std::fflush(stdout);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
}
`;
