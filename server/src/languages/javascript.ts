import type { LanguageSpec } from './spec.ts';

export const javascript: LanguageSpec = {
  id: 'javascript',
  name: 'JavaScript (Node.js)',
  extensions: ['.js', '.cjs'],
  image: 'javascript',
  sourceFile: 'main.js',
  compile: ['node', '--check', '{file}'],
  compileWithinRunMemory: true,
  run: ['node', '--stack-size=65500', '{file}'],
  memoryOverheadMb: 0,
  timeFactor: 1,
  hello:
    "const name = require('fs').readFileSync(0, 'utf8').trim();\nconsole.log(`Hello, ${name}!`);\n",
};
