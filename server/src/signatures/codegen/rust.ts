import { fits32, type FunctionSignature, type ValueType } from '../../contracts/index.ts';
import { pascal, snake } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

const RUST_KEYWORDS: readonly string[] = [
  'as', 'break', 'const', 'continue', 'crate', 'else', 'enum', 'extern', 'false', 'fn', 'for', 'if', 'impl', 'in', 'let', 'loop', 'match', 'mod',
  'move', 'mut', 'pub', 'ref', 'return', 'self', 'static', 'struct', 'super', 'trait', 'true', 'type', 'unsafe', 'use', 'where', 'while',
  'async', 'await', 'dyn', 'abstract', 'become', 'box', 'do', 'final', 'macro', 'override', 'priv', 'typeof', 'unsized', 'virtual', 'yield',
  'try', 'union',
];

/**
 * Rust (rustc 2021, no crates): records are structs declared in the starter
 * with pub snake_case fields and `#[derive(Debug, Clone, PartialEq, Default)]`;
 * i32 or i64, f64, bool, String, Vec, HashMap<String, …> and Option. The
 * function takes its parameters by value.
 *
 * The harness is appended after the candidate's code: `main`, and one module
 * that names the candidate's items through `super::` and reads and writes
 * through a trait implemented for each type, so nothing the candidate
 * declares can shadow what it uses.
 */
export const rustCodegen: Codegen = {
  language: 'rust',
  // Records are PascalCase: these would shadow the prelude's types and variants, HashMap, and the derives the starter uses.
  reserved: [...RUST_KEYWORDS, 'main', 'kodbro_harness', 'string', 'vec', 'option', 'result', 'some', 'none', 'ok', 'err', 'hash_map', 'debug', 'clone', 'partial_eq', 'default'],
  starter(signature) {
    const lines: string[] = [];
    if (usesMap(signature)) lines.push('use std::collections::HashMap;', '');
    for (const record of recordsOf(signature)) {
      lines.push('#[derive(Debug, Clone, PartialEq, Default)]', `pub struct ${pascal(record.name)} {`, ...record.fields.map((f) => `    pub ${snake(f.name)}: ${rustType(f.type)},`), '}', '');
    }
    const params = signature.params.map((p) => `${snake(p.name)}: ${rustType(p.type)}`).join(', ');
    lines.push(`fn ${snake(signature.name)}(${params}) -> ${rustType(signature.returns)} {`, '    // Write your solution here and return the result.');
    lines.push(`    ${zero(signature.returns)}`, '}', '');
    return lines.join('\n');
  },
  program(signature, candidate) {
    return `${candidate}\n\n${harness(signature)}`;
  },
};

function usesMap(signature: FunctionSignature): boolean {
  const visit = (type: ValueType): boolean => {
    if (type.kind === 'map') return true;
    if (type.kind === 'record') return type.fields.some((f) => visit(f.type));
    return 'of' in type ? visit(type.of) : false;
  };
  return signature.params.some((p) => visit(p.type)) || visit(signature.returns);
}

/** The Rust type; `qualified` names records through `super::` and HashMap by its path (for the harness's module). */
function rustType(type: ValueType, qualified = false): string {
  switch (type.kind) {
    case 'int':
      return fits32(type) ? 'i32' : 'i64';
    case 'float':
      return 'f64';
    case 'bool':
      return 'bool';
    case 'string':
      return 'String';
    case 'list':
      return `Vec<${rustType(type.of, qualified)}>`;
    case 'map':
      return `${qualified ? 'std::collections::' : ''}HashMap<String, ${rustType(type.of, qualified)}>`;
    case 'optional':
      return `Option<${rustType(type.of, qualified)}>`;
    case 'record':
      return `${qualified ? 'super::' : ''}${pascal(type.name)}`;
  }
}

function zero(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return '0';
    case 'float':
      return '0.0';
    case 'bool':
      return 'false';
    case 'string':
      return 'String::new()';
    case 'list':
      return 'Vec::new()';
    case 'map':
      return 'HashMap::new()';
    case 'optional':
      return 'None';
    case 'record':
      return `${pascal(type.name)}::default()`;
  }
}

function harness(signature: FunctionSignature): string {
  const impls = recordsOf(signature).flatMap((record) => {
    const name = `super::${pascal(record.name)}`;
    return [
      '',
      `    impl Wire for ${name} {`,
      '        fn take(r: &mut Reader) -> Self {',
      `            ${name} {`,
      ...record.fields.map((f) => `                ${snake(f.name)}: Wire::take(r),`),
      '            }',
      '        }',
      '        fn put(&self, out: &mut String) {',
      ...record.fields.map((f) => `            Wire::put(&self.${snake(f.name)}, out);`),
      '        }',
      '    }',
    ];
  });
  const args = signature.params.map((p, i) => `        let a${i}: ${rustType(p.type, true)} = Wire::take(&mut r);`);
  return [
    RUNTIME,
    ...impls,
    '',
    '    pub fn run() {',
    '        let mut input = String::new();',
    '        if std::io::stdin().read_to_string(&mut input).is_err() {',
    '            fail("cannot read the input");',
    '        }',
    '        let mut r = Reader { tokens: input.split_ascii_whitespace() };',
    '        let nonce = r.token();',
    ...args,
    `        let result = super::${snake(signature.name)}(${signature.params.map((_, i) => `a${i}`).join(', ')});`,
    '        let mut out = String::from("\\n");',
    '        out.push_str(nonce);',
    '        Wire::put(&result, &mut out);',
    "        out.push('\\n');",
    '        finish(&out);',
    '    }',
    '}',
    '',
  ].join('\n');
}

const RUNTIME = String.raw`// ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.
fn main() {
    kodbro_harness::run();
}

#[allow(dead_code, unused_imports, clippy::all)]
mod kodbro_harness {
    use std::fmt::Write as _;
    use std::io::{Read as _, Write as _};

    pub struct Reader<'a> {
        tokens: std::str::SplitAsciiWhitespace<'a>,
    }

    fn fail(message: &str) -> ! {
        let _ = std::io::stdout().flush();
        eprintln!("Kodbro's harness: {}", message);
        std::process::exit(1)
    }

    impl<'a> Reader<'a> {
        pub fn token(&mut self) -> &'a str {
            match self.tokens.next() {
                Some(t) => t,
                None => fail("the input ended early"),
            }
        }

        fn integer(&mut self) -> i64 {
            self.token().parse().unwrap_or_else(|_| fail("a malformed integer in the input"))
        }

        fn count(&mut self) -> usize {
            self.token().parse().unwrap_or_else(|_| fail("a malformed length in the input"))
        }
    }

    /// How a value travels: read from the input's tokens, written as tokens (each after a space).
    pub trait Wire: Sized {
        fn take(r: &mut Reader) -> Self;
        fn put(&self, out: &mut String);
    }

    impl Wire for i32 {
        fn take(r: &mut Reader) -> Self {
            r.integer() as i32
        }
        fn put(&self, out: &mut String) {
            let _ = write!(out, " {}", self);
        }
    }

    impl Wire for i64 {
        fn take(r: &mut Reader) -> Self {
            r.integer()
        }
        fn put(&self, out: &mut String) {
            let _ = write!(out, " {}", self);
        }
    }

    impl Wire for f64 {
        fn take(r: &mut Reader) -> Self {
            match r.token() {
                "nan" => f64::NAN,
                "inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                t => t.parse().unwrap_or_else(|_| fail("a malformed number in the input")),
            }
        }
        /// Debug's form is the shortest that reads back as the same f64.
        fn put(&self, out: &mut String) {
            if self.is_nan() {
                out.push_str(" nan");
            } else if self.is_infinite() {
                out.push_str(if *self > 0.0 { " inf" } else { " -inf" });
            } else {
                let _ = write!(out, " {:?}", self);
            }
        }
    }

    impl Wire for bool {
        fn take(r: &mut Reader) -> Self {
            r.integer() != 0
        }
        fn put(&self, out: &mut String) {
            out.push_str(if *self { " 1" } else { " 0" });
        }
    }

    impl Wire for String {
        fn take(r: &mut Reader) -> Self {
            let n = r.count();
            let mut s = String::with_capacity(n);
            for _ in 0..n {
                s.push(char::from_u32(r.integer() as u32).unwrap_or('\u{FFFD}'));
            }
            s
        }
        fn put(&self, out: &mut String) {
            let _ = write!(out, " {}", self.chars().count());
            for c in self.chars() {
                let _ = write!(out, " {}", c as u32);
            }
        }
    }

    impl<T: Wire> Wire for Vec<T> {
        fn take(r: &mut Reader) -> Self {
            let n = r.count();
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                v.push(T::take(r));
            }
            v
        }
        fn put(&self, out: &mut String) {
            let _ = write!(out, " {}", self.len());
            for item in self {
                item.put(out);
            }
        }
    }

    impl<T: Wire> Wire for std::collections::HashMap<String, T> {
        fn take(r: &mut Reader) -> Self {
            let n = r.count();
            let mut m = std::collections::HashMap::with_capacity(n);
            for _ in 0..n {
                let key = String::take(r);
                let value = T::take(r);
                m.insert(key, value);
            }
            m
        }
        fn put(&self, out: &mut String) {
            let _ = write!(out, " {}", self.len());
            for (key, value) in self {
                key.put(out);
                value.put(out);
            }
        }
    }

    impl<T: Wire> Wire for Option<T> {
        fn take(r: &mut Reader) -> Self {
            if r.integer() == 0 {
                None
            } else {
                Some(T::take(r))
            }
        }
        fn put(&self, out: &mut String) {
            match self {
                None => out.push_str(" 0"),
                Some(value) => {
                    out.push_str(" 1");
                    value.put(out);
                }
            }
        }
    }

    /// What the candidate printed (print! goes through the same locked stdout), then the result line.
    fn finish(line: &str) {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        if lock.flush().is_err() || lock.write_all(line.as_bytes()).is_err() || lock.flush().is_err() {
            std::process::exit(1);
        }
    }`;
