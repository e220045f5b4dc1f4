import type { LanguageSpec } from './spec.ts';

// The box's memory cap is the one limit: PHP's own memory_limit would end a
// big program with a fatal error and exit status 255, the same status as any
// uncaught exception, so it would read as a runtime error. Errors go to
// standard error (display_errors), never into the judged output.
const INI = ['-d', 'memory_limit=-1', '-d', 'display_errors=stderr', '-d', 'log_errors=0'];

export const php: LanguageSpec = {
  id: 'php',
  name: 'PHP 8',
  extensions: ['.php'],
  image: 'php',
  sourceFile: 'main.php',
  // `php -l` only parses: a syntax error is a compile error, found before any test runs.
  compile: ['php', ...INI, '-l', '{file}'],
  compileWithinRunMemory: true,
  run: ['php', ...INI, '{file}'],
  memoryOverheadMb: 0,
  timeFactor: 1,
  hello: '<?php\n$name = trim(fgets(STDIN));\necho "Hello, $name!\\n";\n',
};
