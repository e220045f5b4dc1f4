import type { LanguageSpec } from './spec.ts';

export const cpp: LanguageSpec = {
  id: 'cpp',
  name: 'C++ (GCC, C++17)',
  extensions: ['.cpp', '.cc', '.cxx', '.c++'],
  image: 'cpp',
  sourceFile: 'main.cpp',
  compile: ['g++', '-std=gnu++17', '-O2', '-pipe', '-o', 'main', '{file}'],
  run: ['./main'],
  memoryOverheadMb: 0,
  timeFactor: 1,
  hello:
    '#include <iostream>\n#include <string>\n\nint main() {\n  std::string name;\n  std::getline(std::cin, name);\n  std::cout << "Hello, " << name << "!\\n";\n}\n',
};
