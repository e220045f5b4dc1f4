import type { LanguageSpec } from './spec.ts';

export const ruby: LanguageSpec = {
  id: 'ruby',
  name: 'Ruby 3',
  extensions: ['.rb'],
  image: 'ruby',
  sourceFile: 'main.rb',
  // `ruby -c` only parses: a syntax error is a compile error, found before any test runs.
  compile: ['ruby', '-c', '{file}'],
  compileWithinRunMemory: true,
  run: ['ruby', '{file}'],
  // The main thread's VM stack is 1 MiB by default, far below the box's 256 MiB
  // machine stack: deep recursion (a DFS a million deep) would fail with SystemStackError
  // where C or Java pass. Reserved, not touched, so it costs no memory unused.
  env: { RUBY_THREAD_VM_STACK_SIZE: String(256 * 1024 * 1024) },
  memoryOverheadMb: 0,
  timeFactor: 1,
  hello: 'name = gets.strip\nputs "Hello, #{name}!"\n',
};
