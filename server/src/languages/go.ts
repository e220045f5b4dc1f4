import type { LanguageSpec } from './spec.ts';

export const go: LanguageSpec = {
  id: 'go',
  name: 'Go',
  extensions: ['.go'],
  image: 'go',
  sourceFile: 'main.go',
  compile: ['go', 'build', '-o', 'main', '{file}'],
  run: ['./main'],
  // The read-only root leaves /box as the only place for Go's caches; no
  // module downloads (there is no network), no cgo (no C toolchain needed).
  // No -trimpath: it would rebuild the image's precompiled standard library.
  env: {
    GOCACHE: '/box/.cache/go-build',
    GOPATH: '/box/.cache/go',
    GO111MODULE: 'off',
    CGO_ENABLED: '0',
  },
  memoryOverheadMb: 0,
  timeFactor: 1,
  hello:
    'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main() {\n\tname, _ := bufio.NewReader(os.Stdin).ReadString(\'\\n\')\n\tfmt.Printf("Hello, %s!\\n", strings.TrimSpace(name))\n}\n',
};
