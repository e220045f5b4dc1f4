import type { LanguageSpec } from './spec.ts';

export const rust: LanguageSpec = {
  id: 'rust',
  name: 'Rust',
  extensions: ['.rs'],
  image: 'rust',
  sourceFile: 'main.rs',
  // Debian's rustc, without Cargo: no crates (there is no network), the standard library only.
  compile: ['rustc', '--edition=2021', '-O', '-C', 'debuginfo=0', '-o', 'main', '{file}'],
  run: ['./main'],
  memoryOverheadMb: 0,
  timeFactor: 1,
  hello:
    'use std::io::{self, BufRead};\n\nfn main() {\n    let mut name = String::new();\n    io::stdin().lock().read_line(&mut name).unwrap();\n    println!("Hello, {}!", name.trim());\n}\n',
};
