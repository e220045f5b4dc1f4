import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/sandbox.ts';
import { runCli } from './run-cli.ts';

const packages = readdirSync(path.join(REPO_ROOT, 'challenges'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('every sample challenge validates', () => {
  it('there are at least six', () => {
    expect(packages.length).toBeGreaterThanOrEqual(6);
  });

  // Two at a time (the docker project's maxConcurrency): vitest starts this small file last, so it would
  // otherwise end the stage alone on one core of two.
  it.concurrent.for(packages)('validate challenges/%s', async (name, { expect }) => {
    const run = await runCli(['validate', `challenges/${name}`]);
    expect(run.stdout, run.stderr).toMatch(/^OK: \d+ solution\(s\) judged as expected$/m);
    expect(run.stdout).not.toMatch(/✗/);
    expect(run.code).toBe(0);
  });
});
