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
const RUST_OPERATORS = byLength(`
  <<= >>= ..= ... -> => :: .. << >> <= >= == != && || += -= *= /= %= &= |= ^=
  + - * / % < > = ! & | ^ ? : ; , . ( ) [ ] { } @ # '`);
const RUBY_OPERATORS = byLength(`
  **= <=> === ... &&= ||= <<= >>= &. => -> :: .. ** << >> <= >= == != =~ !~ && || += -= *= /= %= &= |= ^=
  + - * / % < > = ! ~ & | ^ ? : ; , . ( ) [ ] { } @`);
const PHP_OPERATORS = byLength(`
  <?php ?> **= ??= === !== <=> ... <<= >>= ?-> -> => :: ++ -- ** ?? << >> <= >= == != <> && || .= += -= *= /= %= &= |= ^=
  + - * / % < > = ! ~ & | ^ ? : ; , . ( ) [ ] { } @`);
const HASKELL_OPERATORS = byLength(`
  >>= =<< <$> <*> <|> <> ++ -> <- :: => == /= <= >= && || >> .. !! $!
  + - * / < > = : ! @ ~ $ . | \\ ( ) [ ] { } , ; \``);
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

/** A double-quoted string that may run over line ends (Rust, Ruby, PHP). */
const MULTILINE_STRING: Quote = { open: '"', close: '"', kind: 'STR', escapes: true, multiline: true };
const MULTILINE_SINGLE: Quote = { open: "'", close: "'", kind: 'STR', escapes: true, multiline: true };

const JS_WORDS = `async await break case catch class const continue debugger default delete do else export extends false finally for
  function if import in instanceof let new null of return super switch this throw true try typeof undefined var void while with yield
  require console log process stdin Math`;

const JAVASCRIPT: Lexicon = {
  lineComments: ['//'],
  blockComments: [['/*', '*/']],
  quotes: [
    { open: '`', close: '`', kind: 'STR', escapes: true, multiline: true },
    { open: '"', close: '"', kind: 'STR', escapes: true, multiline: false },
    { open: "'", close: "'", kind: 'STR', escapes: true, multiline: false },
  ],
  keywords: words(JS_WORDS),
  operators: JS_OPERATORS,
};

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
  javascript: JAVASCRIPT,
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
  csharp: {
    lineComments: ['//'],
    blockComments: [['/*', '*/']],
    // Verbatim (@"…", no escapes, over lines) and interpolated ($"…") strings, in the order that finds the longest opening first.
    quotes: [
      { open: '$@"', close: '"', kind: 'STR', escapes: false, multiline: true },
      { open: '@$"', close: '"', kind: 'STR', escapes: false, multiline: true },
      { open: '@"', close: '"', kind: 'STR', escapes: false, multiline: true },
      { open: '$"', close: '"', kind: 'STR', escapes: true, multiline: false },
      ...C_QUOTES,
    ],
    keywords: words(`abstract as base bool break byte case catch char checked class const continue decimal default delegate do double else
      enum event explicit extern false finally fixed float for foreach goto if implicit in int interface internal is lock long namespace
      new null object operator out override params private protected public readonly ref return sbyte sealed short sizeof stackalloc
      static string struct switch this throw true try typeof uint ulong unchecked unsafe ushort using var virtual void volatile while
      async await yield get set Console ReadLine WriteLine Write Math List Dictionary`),
    operators: JAVA_OPERATORS,
  },
  kotlin: {
    lineComments: ['//'],
    blockComments: [['/*', '*/']],
    quotes: [{ open: '"""', close: '"""', kind: 'STR', escapes: false, multiline: true }, ...C_QUOTES],
    keywords: words(`as break class continue do else false for fun if in interface is null object package return super this throw true
      try typealias typeof val var when while by catch constructor companion data enum finally get import init internal lateinit open
      operator override private protected public sealed set suspend tailrec vararg Int Long String Double Boolean Array List
      readLine println print listOf mutableListOf arrayOf`),
    operators: JAVA_OPERATORS,
  },
  rust: {
    lineComments: ['//'],
    blockComments: [['/*', '*/']],
    // No quote for ': a lifetime ('a) opens no literal, so chars are read as plain words.
    quotes: [
      { open: 'r#"', close: '"#', kind: 'STR', escapes: false, multiline: true },
      { open: 'r"', close: '"', kind: 'STR', escapes: false, multiline: true },
      MULTILINE_STRING,
    ],
    keywords: words(`as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move mut
      pub ref return self Self static struct super trait true type unsafe use where while i32 i64 u32 u64 usize isize f64 bool char
      String Vec Option Some None Result Ok Err println print io stdin unwrap`),
    operators: RUST_OPERATORS,
  },
  ruby: {
    lineComments: ['#'],
    blockComments: [['=begin', '=end']],
    quotes: [MULTILINE_STRING, MULTILINE_SINGLE, { open: '`', close: '`', kind: 'STR', escapes: true, multiline: true }],
    keywords: words(`alias and begin break case class def defined do else elsif end ensure false for if in module next nil not or redo
      rescue retry return self super then true undef unless until when while yield puts print gets p require each map times to_i
      to_s split`),
    operators: RUBY_OPERATORS,
  },
  php: {
    lineComments: ['//', '#'],
    blockComments: [['/*', '*/']],
    quotes: [MULTILINE_STRING, MULTILINE_SINGLE],
    keywords: words(`abstract and array as break callable case catch class clone const continue declare default do echo else elseif
      empty enddeclare endfor endforeach endif endswitch endwhile extends final finally fn for foreach function global goto if
      implements include instanceof insteadof interface isset list match namespace new or print private protected public readonly
      require return static switch throw trait try unset use var while xor yield true false null int float string bool fgets trim
      explode intval count STDIN`),
    operators: PHP_OPERATORS,
  },
  // JavaScript's words and more: a TypeScript copy of a JavaScript program still matches it.
  typescript: {
    ...JAVASCRIPT,
    keywords: words(`${JS_WORDS} abstract any as boolean declare enum implements interface keyof namespace never number
      private protected public readonly string type unknown`),
  },
  haskell: {
    lineComments: ['--'],
    blockComments: [['{-', '-}']],
    // No quote for ': a prime ends many names (foldl', x'), so chars are read as plain words.
    quotes: [{ open: '"', close: '"', kind: 'STR', escapes: true, multiline: false }],
    keywords: words(`case class data default deriving do else foreign if import in infix infixl infixr instance let module newtype of
      then type where qualified as hiding forall main putStrLn putStr print getLine getContents interact read show map foldl foldr
      filter sum length lines words unwords unlines zip Int Integer String Maybe Just Nothing IO`),
    operators: HASKELL_OPERATORS,
  },
};
