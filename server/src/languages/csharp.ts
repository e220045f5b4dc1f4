import type { LanguageSpec } from './spec.ts';

export const csharp: LanguageSpec = {
  id: 'csharp',
  name: 'C# (Mono)',
  extensions: ['.cs'],
  image: 'csharp',
  sourceFile: 'main.cs',
  // Mono's compiler, with System.Numerics (BigInteger) referenced as most judges do.
  compile: ['mcs', '-optimize+', '-r:System.Numerics', '-out:main.exe', '{file}'],
  run: ['mono', 'main.exe'],
  // Mono itself takes about 7.5 MB before the program allocates anything
  // (measured on the sum package); its collector's 4 MB nursery and block
  // slack come on top, so a program that keeps the limit's worth of data
  // fits as it would in C++.
  memoryOverheadMb: 16,
  timeFactor: 1,
  hello:
    'using System;\n\npublic static class Program\n{\n    public static void Main()\n    {\n        string name = Console.ReadLine().Trim();\n        Console.WriteLine($"Hello, {name}!");\n    }\n}\n',
};
