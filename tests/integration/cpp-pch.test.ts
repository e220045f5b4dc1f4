/**
 * The cpp image's precompiled <bits/stdc++.h> is taken by the judge's own
 * compile command (g++ ignores a precompiled header built with other flags,
 * silently: the compile is then only slower), and a program compiled with it
 * behaves as without.
 */
import { describe, expect, it } from 'vitest';
import { expandArgv, LANGUAGES } from '../../server/src/languages/index.ts';
import { imageFor, openBox } from '../../server/src/sandbox/index.ts';
import { docker, expectDockerClean, judgeSource, SUM_PACKAGE } from '../support/sandbox.ts';

const SUM_CPP = `#include <bits/stdc++.h>
using namespace std;
int main() { long long n, x, s = 0; cin >> n; while (n-- && cin >> x) s += x; cout << s << "\\n"; }
`;

describe('the C++ image', () => {
  it('compiles <bits/stdc++.h> from its precompiled header with the judge’s flags', async () => {
    const spec = LANGUAGES.cpp;
    const box = await openBox(docker, { image: await imageFor(spec.image), memoryMb: 1536, deadline: Date.now() + 120_000, purpose: 'run' });
    try {
      await box.writeFiles([{ path: spec.sourceFile, content: Buffer.from(SUM_CPP) }]);
      // -H lists each header as it is opened; "!" marks a precompiled one that was used.
      const argv = [...expandArgv(spec.compile ?? [], { file: spec.sourceFile, memoryMb: 1536 }), '-H', '-Winvalid-pch'];
      const run = await box.exec({ argv, wallTimeMs: 60_000, stdoutLimit: 1 << 16, stderrLimit: 1 << 20 });
      expect(run.exitCode, run.stderr.toString()).toBe(0);
      expect(run.stderr.toString().split('\n')[0]).toMatch(/^! \/usr\/include\/.*\/bits\/stdc\+\+\.h\.gch$/);
    } finally {
      await box.destroy();
    }
    await expectDockerClean();
  });

  it('judges such a program as usual', async () => {
    const result = await judgeSource(SUM_PACKAGE, 'cpp', SUM_CPP);
    expect(result.verdict).toBe('accepted');
  });
});
