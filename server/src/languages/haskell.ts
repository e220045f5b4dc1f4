import type { LanguageSpec } from './spec.ts';

export const haskell: LanguageSpec = {
  id: 'haskell',
  name: 'Haskell (GHC 9.0)',
  extensions: ['.hs'],
  image: 'haskell',
  // A file without a module header is module Main.
  sourceFile: 'main.hs',
  // Debian's GHC with its bundled libraries only (base, containers, array,
  // bytestring, text, mtl…): no Cabal packages, there is no network.
  // -rtsopts lets the run pass the heap limit below; the candidate never
  // chooses the arguments.
  compile: ['ghc', '-O2', '-rtsopts', '-v0', '-o', 'main', '{file}'],
  // The heap is capped at the test's limit, so running out of it is GHC's own
  // "heap overflow" (status 251) rather than the kernel's OOM killer.
  run: ['./main', '+RTS', '-M{memoryMb}m', '-RTS'],
  // The runtime system and the program's code, outside the capped heap.
  memoryOverheadMb: 16,
  timeFactor: 1,
  memoryLimitExitCode: 251,
  hello: 'main :: IO ()\nmain = do\n  name <- getLine\n  putStrLn ("Hello, " ++ filter (/= \'\\r\') name ++ "!")\n',
};
