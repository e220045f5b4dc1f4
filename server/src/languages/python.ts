import type { LanguageSpec } from './spec.ts';

export const python: LanguageSpec = {
  id: 'python',
  name: 'Python 3',
  extensions: ['.py'],
  image: 'python',
  sourceFile: 'main.py',
  // A syntax error is a compile error, found before any test runs.
  compile: ['python3', '-m', 'py_compile', '{file}'],
  compileWithinRunMemory: true,
  run: ['python3', '{file}'],
  // runner-images/python/kodbro-warm.py: a fork per test instead of a Python start.
  warmRun: ['python3', '/usr/local/lib/kodbro/kodbro-warm.py', '{file}'],
  env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
  memoryOverheadMb: 0,
  timeFactor: 1,
  hello: 'print("Hello, " + input().strip() + "!")\n',
};
