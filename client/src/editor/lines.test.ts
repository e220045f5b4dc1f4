import { describe, expect, it } from 'vitest';
import { linesMentioned } from './lines.ts';

// Messages as Kodbro's runner images print them (captured from the images:
// the code in /box, compiled and run with the commands in server/src/languages/).
describe('linesMentioned', () => {
  it('Python: syntax errors from py_compile and tracebacks, without the standard library\'s frames', () => {
    expect(linesMentioned('  File "main.py", line 2\n    print(x +)\n             ^\nSyntaxError: invalid syntax\n')).toEqual([2]);
    expect(
      linesMentioned(
        "Sorry: IndentationError: expected an indented block after 'if' statement on line 1 (main.py, line 2)",
      ),
    ).toEqual([1, 2]);
    expect(
      linesMentioned(
        [
          'Traceback (most recent call last):',
          '  File "/box/main.py", line 4, in <module>',
          '    f()',
          '  File "/box/main.py", line 2, in f',
          '    return g()',
          '           ^',
          "NameError: name 'g' is not defined",
        ].join('\n'),
      ),
    ).toEqual([4, 2]);
    expect(
      linesMentioned(
        [
          'Traceback (most recent call last):',
          '  File "/box/main.py", line 3, in <module>',
          '    json.loads("{")',
          '  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads',
          '    return _default_decoder.decode(s)',
          '  File "/usr/lib/python3.11/json/decoder.py", line 353, in raw_decode',
          '    obj, end = self.scan_once(s, idx)',
          'json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
        ].join('\n'),
      ),
    ).toEqual([3]);
  });

  it('JavaScript: node --check and runtime stacks, without Node.js\'s internals', () => {
    expect(
      linesMentioned(
        [
          '/box/main.js:2',
          'const b = ;',
          '          ^',
          '',
          "SyntaxError: Unexpected token ';'",
          '    at internalCompileFunction (node:internal/vm:76:18)',
          '    at wrapSafe (node:internal/modules/cjs/loader:1283:20)',
          '    at node:internal/main/check_syntax:84:41',
          '',
          'Node.js v18.20.4',
        ].join('\n'),
      ),
    ).toEqual([2]);
    expect(
      linesMentioned(
        [
          '/box/main.js:2',
          '  return g();',
          '  ^',
          '',
          'ReferenceError: g is not defined',
          '    at f (/box/main.js:2:3)',
          '    at Object.<anonymous> (/box/main.js:4:1)',
          '    at Module._compile (node:internal/modules/cjs/loader:1364:14)',
          '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:128:12)',
        ].join('\n'),
      ),
    ).toEqual([2, 4]);
    expect(
      linesMentioned(
        'undefined:1\n{\n\nSyntaxError: Unexpected end of JSON input\n    at JSON.parse (<anonymous>)\n    at Object.<anonymous> (/box/main.js:1:16)\n',
      ),
    ).toEqual([1]);
  });

  it('Java: javac errors and stack frames of the candidate\'s classes, not the JDK\'s', () => {
    expect(linesMentioned("Main.java:3: error: ';' expected\n    int x = 1\n             ^\nMain.java:7: error: cannot find symbol\n2 errors\n")).toEqual([3, 7]);
    expect(
      linesMentioned(
        [
          'Exception in thread "main" java.lang.IndexOutOfBoundsException: Index 3 out of bounds for length 0',
          '\tat java.base/jdk.internal.util.Preconditions.outOfBounds(Preconditions.java:64)',
          '\tat java.base/java.util.Objects.checkIndex(Objects.java:361)',
          '\tat java.base/java.util.ArrayList.get(ArrayList.java:427)',
          '\tat Main.f(Main.java:4)',
          '\tat Main.main(Main.java:7)',
        ].join('\n'),
      ),
    ).toEqual([4, 7]);
    // A file named after its public class.
    expect(linesMentioned('Solution.java:12: error: incompatible types')).toEqual([12]);
  });

  it('C and C++: GCC errors and notes in the candidate\'s file, not in system headers or the include chain', () => {
    expect(
      linesMentioned(
        [
          "main.c: In function 'main':",
          "main.c:4:11: error: 'y' undeclared (first use in this function)",
          '    4 |   int x = y;',
          '      |           ^',
          'main.c:4:11: note: each undeclared identifier is reported only once for each function it appears in',
          "main.c:5:18: error: expected ';' before '}' token",
        ].join('\n'),
      ),
    ).toEqual([4, 5]);
    expect(
      linesMentioned(
        [
          "main.cpp: In function 'int main()':",
          "main.cpp:6:14: error: no matching function for call to 'std::vector<int>::push_back(std::string)'",
          '    6 |   v.push_back(std::string("a"));',
          'In file included from /usr/include/c++/12/vector:64,',
          '                 from main.cpp:1:',
          "/usr/include/c++/12/bits/stl_vector.h:1276:7: note: candidate: 'void std::vector<_Tp, _Alloc>::push_back(const value_type&)'",
          ' 1276 |       push_back(const value_type& __x)',
          "main.cpp:7:10: error: 'z' was not declared in this scope",
        ].join('\n'),
      ),
    ).toEqual([6, 7]);
  });

  it('Go: build errors and panics', () => {
    expect(linesMentioned('# command-line-arguments\n./main.go:6:14: undefined: x\n')).toEqual([6]);
    expect(
      linesMentioned(
        [
          'panic: runtime error: index out of range [5] with length 0',
          '',
          'goroutine 1 [running]:',
          'main.f(...)',
          '\t/box/main.go:4',
          'main.main()',
          '\t/box/main.go:8 +0x1a',
          '\t/usr/lib/go-1.19/src/runtime/proc.go:250 +0x212',
        ].join('\n'),
      ),
    ).toEqual([4, 8]);
  });

  it('C# (Mono) and TypeScript: compile errors as file(line,column)', () => {
    expect(linesMentioned('main.cs(8,5): error CS1002: ; expected\nCompilation failed: 1 error(s), 0 warnings\n')).toEqual([8]);
    expect(linesMentioned("main.ts(4,7): error TS2322: Type 'string' is not assignable to type 'number'.\n")).toEqual([4]);
    // A Mono stack without debug information names no line of the code.
    expect(linesMentioned('System.DivideByZeroException: Attempted to divide by zero.\n  at Program.Main () [0x00056] in <93d30647b0c8485f9e00d218e3a73d15>:0')).toEqual([]);
  });

  it('TypeScript at run time: the stack through the source map, not Node.js internals', () => {
    expect(
      linesMentioned(
        [
          '/box/main.ts:10',
          "TypeError: Cannot read properties of null (reading 'total')",
          '    at Object.<anonymous> (/box/main.ts:10:20)',
          '    at Module._compile (node:internal/modules/cjs/loader:1364:14)',
        ].join('\n'),
      ),
    ).toEqual([10]);
  });

  it('Kotlin, Haskell, Rust, Ruby and PHP: compile errors and crashes', () => {
    expect(linesMentioned('main.kt:3:22: error: type mismatch: inferred type is String but Int was expected')).toEqual([3]);
    expect(linesMentioned("main.hs:3:19: error:\n    • Couldn't match type ‘[Char]’ with ‘Int’")).toEqual([3]);
    expect(linesMentioned('Exception in thread "main" java.lang.ArithmeticException: / by zero\n\tat MainKt.main(main.kt:5)\n\tat MainKt.main(main.kt)')).toEqual([5]);
    expect(linesMentioned('error[E0308]: mismatched types\n --> main.rs:2:22\n  |\n2 |     let total: i64 = "sum";')).toEqual([2]);
    expect(linesMentioned("thread 'main' panicked at 'attempt to divide by zero', main.rs:10:20")).toEqual([10]);
    expect(linesMentioned("main.rb:4: syntax error, unexpected local variable or method, expecting ')'\nmain.rb:5: syntax error")).toEqual([4, 5]);
    expect(linesMentioned("main.rb:3:in `/': divided by 0 (ZeroDivisionError)\n\tfrom main.rb:3:in `<main>'")).toEqual([3]);
    expect(linesMentioned('Parse error: syntax error, unexpected token "{", expecting ")" in main.php on line 3\nErrors parsing main.php')).toEqual([3]);
    expect(
      linesMentioned('Fatal error: Uncaught DivisionByZeroError: Division by zero in /box/main.php:4\nStack trace:\n#0 /box/main.php(7): intdiv()\n#1 {main}'),
    ).toEqual([4, 7]);
  });

  it('a plain "line N", once per line, in the order first named', () => {
    expect(linesMentioned('Error on line 2. See line 10, then line 2 again.')).toEqual([2, 10]);
    expect(linesMentioned('Accepted\nno lines here: 12 tests, time 3 ms')).toEqual([]);
    expect(linesMentioned('line 0')).toEqual([]);
  });

  it('stays fast and bounded on hostile output', () => {
    const started = performance.now();
    const hostile = ['a:'.repeat(40_000), 'main.py'.repeat(10_000), '"'.repeat(50_000), 'x.'.repeat(50_000) + 'py:1', 'line 1\n'.repeat(50_000)].join('\n');
    const found = linesMentioned(hostile);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(found.length).toBeLessThanOrEqual(100);
    expect(linesMentioned(Array.from({ length: 500 }, (_, i) => `main.c:${i + 1}:1: error`).join('\n'))).toHaveLength(100);
  });
});
