/**
 * Catalogue items 26, 29 and 30 at the judging engine's level. Their HTTP
 * halves (413/400 on request bodies, 403/404 across attempts and
 * organisations, per-candidate rate limits) are in http.test.ts.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadChallenge } from '../../server/src/challenges/index.ts';
import { isKodbroError } from '../../server/src/errors.ts';
import { MAX_SOURCE_BYTES } from '../../server/src/contracts/index.ts';
import { judgeSubmission } from '../../server/src/judge/index.ts';
import { listSandboxContainers } from '../../server/src/sandbox/index.ts';
import { docker, expectDockerClean, judgeDeps, judgeSource, loadPackage, SUM_PACKAGE } from '../support/sandbox.ts';

afterEach(expectDockerClean);

const CORRECT = 'input()\nprint(sum(map(int, input().split())))\n';

describe('26. oversized inputs are refused early', () => {
  it('a source over the cap is refused before any container starts', async () => {
    const challenge = await loadPackage(SUM_PACKAGE);
    const huge = `# ${'x'.repeat(MAX_SOURCE_BYTES)}\n${CORRECT}`;
    const before = (await listSandboxContainers(docker, { ownOnly: true })).length;
    await expect(judgeSubmission(challenge, { language: 'python', source: huge }, judgeDeps())).rejects.toMatchObject({ code: 'source_too_large' });
    expect((await listSandboxContainers(docker, { ownOnly: true })).length).toBe(before);
  });

  it('enormous file names, deeply nested YAML and oversized manifests in a package are refused', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'kodbro-rt26-'));
    const pkg = (name: string) => path.join(root, name);

    await mkdir(path.join(pkg('long'), 'tests/hidden'), { recursive: true });
    await writeFile(path.join(pkg('long'), 'kodbro.yaml'), 'format: kodbro/1\nid: long\ntitle: { en: L }\n');
    await writeFile(path.join(pkg('long'), 'statement.en.md'), '# L\n');
    await writeFile(path.join(pkg('long'), 'tests/hidden', `${'n'.repeat(240)}.in`), '1\n');

    await mkdir(pkg('nested'));
    await writeFile(path.join(pkg('nested'), 'kodbro.yaml'), `format: kodbro/1\nid: nested\ntitle: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);

    await mkdir(pkg('big'));
    await writeFile(path.join(pkg('big'), 'kodbro.yaml'), `format: kodbro/1\nid: big\ntitle: { en: "${'x'.repeat(300 * 1024)}" }\n`);

    for (const [name, code] of [
      ['long', 'package_invalid'],
      ['nested', 'package_invalid'],
      ['big', 'package_too_large'],
    ] as const) {
      const error = await loadChallenge(pkg(name)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isKodbroError(error), `${name}: ${String(error)}`).toBe(true);
      expect((error as { code: string }).code, name).toBe(code);
    }
  });
});

describe('29. one candidate cannot reach another candidate’s run', () => {
  it('two submissions judged at the same time see neither each other’s files nor processes', async () => {
    // A plants the correct answers where B might look, then lingers; B can
    // answer only by finding them. If isolation failed, B would be accepted.
    const planter = `
import os, sys, time
lines = sys.stdin.read().split()
answer = str(sum(map(int, lines[1:])))
for place in ('/box', '/tmp', '/dev/shm'):
    try:
        with open(os.path.join(place, 'shared-answer'), 'w') as f: f.write(answer)
    except OSError: pass
print(answer)
sys.stdout.flush()
time.sleep(0.8)
`;
    const thief = `
import os, sys, time
time.sleep(0.3)
found = None
for place in ('/box', '/tmp', '/dev/shm'):
    try:
        found = open(os.path.join(place, 'shared-answer')).read()
    except OSError: pass
for pid in os.listdir('/proc'):
    if pid.isdigit():
        try:
            cmd = open(f'/proc/{pid}/cmdline', 'rb').read()
            if b'shared-answer' in cmd or b'planter' in cmd: found = found or 'seen'
        except OSError: pass
print(found if found and found != 'seen' else -1)
`;
    const [a, b] = await Promise.all([
      judgeSource(SUM_PACKAGE, 'python', planter),
      judgeSource(SUM_PACKAGE, 'python', thief),
    ]);
    expect(a.verdict).toBe('accepted');
    expect(b.verdict).toBe('wrong_answer');
    expect(b.tests.every((t) => t.verdict === 'wrong_answer')).toBe(true);
  });
});

describe('30. a burst of submissions', () => {
  it('eight at once are all judged, none lost, each with its own correct verdict', async () => {
    const sources = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? CORRECT : 'input()\nprint(0)\n'));
    const results = await Promise.all(sources.map((source) => judgeSource(SUM_PACKAGE, 'python', source)));
    expect(results.map((r) => r.verdict)).toEqual(sources.map((_, i) => (i % 2 === 0 ? 'accepted' : 'wrong_answer')));
  });
});
