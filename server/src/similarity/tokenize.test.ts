import { describe, expect, it } from 'vitest';
import { LANGUAGE_IDS } from '../contracts/index.ts';
import { tokenize } from './tokenize.ts';

/** The stream's codes, for comparing two sources' normalised forms. */
const codes = (source: string, language: Parameters<typeof tokenize>[1]) => [...tokenize(source, language).codes];

describe('tokenize', () => {
  it('folds identifiers, numbers, strings and chars into one class each and drops comments and whitespace', () => {
    const a = 'int total = count + 42; // sum\nchar c = \'x\'; printf("%d", total); /* done */';
    const b = 'int   s=n+7;\n\n/* other */ char z = \'q\';printf("value %d\\n", s);';
    expect(codes(a, 'c')).toEqual(codes(b, 'c'));
    expect(codes(a, 'c')).not.toEqual(codes('int s = n - 7; char z = \'q\'; printf("%d", s);', 'c'));
  });

  it('keeps keywords apart from identifiers', () => {
    expect(codes('while x:\n  pass', 'python')).not.toEqual(codes('if x:\n  pass', 'python'));
    expect(codes('for i in range(n): print(i)', 'python')).toEqual(codes('for j in range(m): print(j)', 'python'));
  });

  it('gives each token the line it starts on, across multi-line comments and strings', () => {
    const source = 'a = 1\n"""doc\nstring"""\n# comment\nb = `x`\n';
    expect([...tokenize(source, 'python').lines]).toEqual([1, 1, 1, 2, 5, 5, 5]);
    const js = '/* a\nb */ let x = `one\ntwo`;\nx++;';
    expect([...tokenize(js, 'javascript').lines]).toEqual([2, 2, 2, 2, 3, 4, 4, 4]);
  });

  it("reads each language's literals: Go raw strings, Java text blocks, C++ chars, Python triple quotes, numbers with exponents", () => {
    expect(codes('s := `a "b" // c`\nx := 1e-9', 'go')).toEqual(codes('s := "q"\nx := 7', 'go'));
    expect(codes('String s = """\n  text "quoted"\n  """;', 'java')).toEqual(codes('String s = "x";', 'java'));
    expect(codes("char c = '\\'';", 'cpp')).toEqual(codes("char c = 'a';", 'cpp'));
    expect(codes('x = 0x1F + 1_000 + 3.5e+10 + 2j', 'python')).toEqual(codes('x = 1 + 2 + 3 + 4', 'python'));
  });

  it('never throws and stays linear on hostile input, in every language', () => {
    const size = 256 * 1024;
    const hostile = [
      'x'.repeat(size),
      '"'.repeat(size),
      '/*'.repeat(size / 2),
      '"""' + 'a'.repeat(size),
      "'" + '\\'.repeat(size),
      '\0'.repeat(size),
      '1e+'.repeat(size / 3),
      '0x'.repeat(size / 2),
      '>>>='.repeat(size / 4),
      '\u{1F600}'.repeat(size / 2),
      '\n'.repeat(size),
    ];
    const started = performance.now();
    for (const language of LANGUAGE_IDS) {
      for (const source of hostile) {
        const stream = tokenize(source, language);
        expect(stream.length).toBeLessThanOrEqual(source.length);
      }
    }
    // 66 inputs of 256 KB: a quadratic scan of any one would take minutes; linear ones take well under a second each.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
