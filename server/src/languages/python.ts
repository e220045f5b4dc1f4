import type { LanguageSpec } from './spec.ts';

/**
 * `python3 -m py_compile`'s check, with its messages byte for byte, at less
 * than half its cost: py_compile imports argparse and importlib's machinery
 * (25 ms in the box against 10 ms for this, once per submission) and
 * writes a .pyc that nothing runs. `-I` keeps the box's files off sys.path,
 * so nothing the candidate sends can stand in for `traceback`.
 */
const SYNTAX_CHECK = [
  'import sys',
  'f = sys.argv[1]',
  'try:',
  "    with open(f, 'rb') as s: compile(s.read(), f, 'exec', dont_inherit=True)",
  'except Exception as e:',
  '    import traceback',
  "    sys.stderr.write(''.join(traceback.format_exception_only(SyntaxError, e)) if type(e) is SyntaxError else 'Sorry: %s: %s' % (type(e).__name__, e))",
  '    sys.exit(1)',
].join('\n');

export const python: LanguageSpec = {
  id: 'python',
  name: 'Python 3',
  extensions: ['.py'],
  image: 'python',
  sourceFile: 'main.py',
  // A syntax error is a compile error, found before any test runs.
  compile: ['python3', '-I', '-S', '-c', SYNTAX_CHECK, '{file}'],
  compileWithinRunMemory: true,
  run: ['python3', '{file}'],
  // runner-images/python/kodbro-warm.py: a fork per test instead of a Python start.
  warmRun: ['python3', '/usr/local/lib/kodbro/kodbro-warm.py', '{file}'],
  env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
  memoryOverheadMb: 0,
  timeFactor: 1,
  hello: 'print("Hello, " + input().strip() + "!")\n',
};
