import type { LanguageSpec } from './spec.ts';

export const c: LanguageSpec = {
  id: 'c',
  name: 'C (GCC, C17)',
  extensions: ['.c'],
  image: 'c',
  sourceFile: 'main.c',
  compile: ['gcc', '-std=gnu17', '-O2', '-pipe', '-o', 'main', '{file}', '-lm'],
  run: ['./main'],
  memoryOverheadMb: 0,
  timeFactor: 1,
  hello:
    '#include <stdio.h>\n#include <string.h>\n\nint main(void) {\n  char name[256] = "";\n  if (!fgets(name, sizeof name, stdin)) return 1;\n  name[strcspn(name, "\\r\\n")] = 0;\n  printf("Hello, %s!\\n", name);\n  return 0;\n}\n',
};
