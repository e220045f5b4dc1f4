import type { LanguageSpec } from './spec.ts';

export const typescript: LanguageSpec = {
  id: 'typescript',
  name: 'TypeScript (Node.js)',
  extensions: ['.ts'],
  image: 'typescript',
  sourceFile: 'main.ts',
  // Debian's tsc, with the Node.js typings that Debian's nodejs ships (so
  // `import * as fs from 'fs'` and `process.stdin` type-check). A type error
  // is a compile error (--noEmitOnError), as a TypeScript programmer expects;
  // the program runs as CommonJS on the image's Node.js. --skipLibCheck: the
  // typings are not ours to check, and checking them doubles the compile time.
  // With a source map, a runtime error's stack names main.ts and its lines,
  // which the editor links, rather than lines of the JavaScript nobody wrote.
  compile: [
    'tsc',
    '--pretty',
    'false',
    '--noEmitOnError',
    '--skipLibCheck',
    '--sourceMap',
    '--target',
    'es2022',
    '--module',
    'commonjs',
    '--lib',
    'es2022',
    '--typeRoots',
    '/usr/share/nodejs/@types',
    '--types',
    'node',
    '{file}',
  ],
  run: ['node', '--enable-source-maps', '--stack-size=65500', '{name}.js'],
  memoryOverheadMb: 0,
  timeFactor: 1,
  hello:
    "import * as fs from 'fs';\n\nconst name: string = fs.readFileSync(0, 'utf8').trim();\nconsole.log(`Hello, ${name}!`);\n",
};
