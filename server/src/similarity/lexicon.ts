import type { LanguageId } from '../contracts/index.ts';

/**
 * What the tokenizer needs to know of a language, as data: its comments,
 * its string quotes, its keywords and its operators. Identifiers that are not
 * keywords all become one token, so renaming changes nothing; keywords and
 * operators stay, since they are the program's shape.
 */
export interface Lexicon {
  lineComments: readonly string[];
  blockComments: readonly (readonly [open: string, close: string])[];
  /** Quote → what it means: a string, a char (C-like 'x'), a raw string (no escapes), or Python's triple quotes. */
  quotes: readonly Quote[];
  keywords: ReadonlySet<string>;
  /** Longest first, so `>>=` wins over `>>` and `>`. */
  operators: readonly string[];
}

export interface Quote {
  open: string;
  close: string;
  kind: 'STR' | 'CHR';
  /** Backslash escapes the next character. */
  escapes: boolean;
  /** The literal may run over line ends (else it ends, unterminated, at one). */
  multiline: boolean;
}

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));
const byLength = (ops: string): readonly string[] => ops.trim().split(/\s+/).sort((a, b) => b.length - a.length);

const C_OPERATORS = byLength(`
  >>= <<= ... -> ++ -- << >> <= >= == != && || += -= *= /= %= &= |= ^= ::
  + - * / % < > = ! ~ & | ^ ? : ; , . ( ) [ ] { } #`);
const JS_OPERATORS = byLength(`
  >>>= === !== **= >>> <<= >>= &&= ||= ??= ... => ?. ?? ++ -- << >> <= >= == != && || += -= *= /= %= &= |= ^= **
  + - * / % < > = ! ~ & | ^ ? : ; , . ( ) [ ] { } @ #`);
const JAVA_OPERATORS = byLength(`
  >>>= >>> <<= >>= -> :: ++ -- << >> <= >= == != && || += -= *= /= %= &= |= ^= ...
  + - * / % < > = ! ~ & | ^ ? : ; , . ( ) [ ] { } @`);
const GO_OPERATORS = byLength(`
  <<= >>= &^= ... &^ := <- ++ -- << >> <= >= == != && || += -= *= /= %= &= |= ^=
  + - * / % < > = ! ~ & | ^ : ; , . ( ) [ ] { }`);
const PY_OPERATORS = byLength(`
  **= //= >>= <<= ... -> := ** // << >> <= >= == != += -= *= /= %= &= |= ^= @=
  + - * / % < > = ~ & | ^ : ; , . ( ) [ ] { } @`);

const C_KEYWORDS = `auto break case char const continue default do double else enum extern float for goto if inline int long
  register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while bool true false
  include define ifdef ifndef endif pragma NULL printf scanf malloc free`;
const CPP_KEYWORDS = `${C_KEYWORDS} alignas alignof and auto catch class constexpr const_cast decltype delete dynamic_cast explicit
  export friend mutable namespace new noexcept not nullptr operator or private protected public reinterpret_cast static_assert
  static_cast template this throw try typeid typename using virtual std cin cout endl vector string map set pair`;

const C_QUOTES: readonly Quote[] = [
  { open: '"', close: '"', kind: 'STR', escapes: true, multiline: false },
  { open: "'", close: "'", kind: 'CHR', escapes: true, multiline: false },
];

export const LEXICONS: Readonly<Record<LanguageId, Lexicon>> = {
  c: { lineComments: ['//'], blockComments: [['/*', '*/']], quotes: C_QUOTES, keywords: words(C_KEYWORDS), operators: C_OPERATORS },
  cpp: { lineComments: ['//'], blockComments: [['/*', '*/']], quotes: C_QUOTES, keywords: words(CPP_KEYWORDS), operators: C_OPERATORS },
  java: {
    lineComments: ['//'],
    blockComments: [['/*', '*/']],
    quotes: [{ open: '"""', close: '"""', kind: 'STR', escapes: true, multiline: true }, ...C_QUOTES],
    keywords: words(`abstract assert boolean break byte case catch char class const continue default do double else enum extends final
      finally float for goto if implements import instanceof int interface long native new package private protected public return
      short static strictfp super switch synchronized this throw throws transient try void volatile while var record yield true false null
      String System out println print Scanner Math`),
    operators: JAVA_OPERATORS,
  },
  javascript: {
    lineComments: ['//'],
    blockComments: [['/*', '*/']],
    quotes: [
      { open: '`', close: '`', kind: 'STR', escapes: true, multiline: true },
      { open: '"', close: '"', kind: 'STR', escapes: true, multiline: false },
      { open: "'", close: "'", kind: 'STR', escapes: true, multiline: false },
    ],
    keywords: words(`async await break case catch class const continue debugger default delete do else export extends false finally for
      function if import in instanceof let new null of return super switch this throw true try typeof undefined var void while with yield
      require console log process stdin Math`),
    operators: JS_OPERATORS,
  },
  go: {
    lineComments: ['//'],
    blockComments: [['/*', '*/']],
    quotes: [
      { open: '`', close: '`', kind: 'STR', escapes: false, multiline: true },
      { open: '"', close: '"', kind: 'STR', escapes: true, multiline: false },
      { open: "'", close: "'", kind: 'CHR', escapes: true, multiline: false },
    ],
    keywords: words(`break case chan const continue default defer else fallthrough for func go goto if import interface map package range
      return select struct switch type var true false nil make len append int int64 string byte rune float64 bool fmt`),
    operators: GO_OPERATORS,
  },
  python: {
    lineComments: ['#'],
    blockComments: [],
    quotes: [
      { open: '"""', close: '"""', kind: 'STR', escapes: true, multiline: true },
      { open: "'''", close: "'''", kind: 'STR', escapes: true, multiline: true },
      { open: '"', close: '"', kind: 'STR', escapes: true, multiline: false },
      { open: "'", close: "'", kind: 'STR', escapes: true, multiline: false },
    ],
    keywords: words(`False None True and as assert async await break class continue def del elif else except finally for from global if
      import in is lambda nonlocal not or pass raise return try while with yield print input range len int str list dict set map sys`),
    operators: PY_OPERATORS,
  },
};
