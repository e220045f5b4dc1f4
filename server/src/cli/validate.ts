import path from 'node:path';
import { lintChallenge, loadChallenge } from '../challenges/index.ts';
import { judgeLimitsFromEnv } from '../config/index.ts';
import { isKodbroError } from '../errors.ts';
import { checkSolutions } from '../judge/index.ts';
import { languageForFile } from '../languages/index.ts';
import { judgeDeps, languagesNeeded } from './shared.ts';
import { abortOnSignals, type Log } from './signals.ts';

/**
 * `validate <package-dir>`: the schema and structure, then every listed
 * solution's verdict. Prints a report; exits 1 when anything is off.
 */
export async function validateCommand(args: { packageDir: string }, log: Log): Promise<number> {
  const root = path.resolve(args.packageDir);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`validating ${args.packageDir}`);

  let challenge;
  try {
    challenge = await loadChallenge(root);
  } catch (error) {
    if (!isKodbroError(error)) throw error;
    out(`  ✗ ${error.message}`);
    out('FAILED: the package does not load');
    return 1;
  }
  const tests = challenge.groups.reduce((n, g) => n + g.tests.length, 0);
  out(`  ✓ loads (${challenge.format} format): ${challenge.samples.length} sample and ${tests} hidden tests in ${challenge.groups.length} group(s), statements: ${Object.keys(challenge.statements).join(', ')}`);

  const lint = lintChallenge(challenge, judgeLimitsFromEnv());
  for (const warning of lint.warnings) out(`  ! ${warning}`);
  for (const error of lint.errors) out(`  ✗ ${error}`);

  const solutionLanguages = challenge.solutions.flatMap((s) => languageForFile(s.file)?.id ?? []);
  const deps = await judgeDeps(languagesNeeded(challenge, solutionLanguages), log);
  const stop = abortOnSignals(log);
  const checks = await checkSolutions(challenge, root, deps, {
    onProgress: (file, event) => {
      if (event.type === 'compiling') log(`  judging ${file}…`);
    },
    signal: stop.signal,
  }).finally(() => stop.dispose());
  for (const check of checks) {
    const mark = check.ok ? '✓' : '✗';
    out(`  ${mark} ${check.file}: expected ${check.expect}, got ${check.got} (score ${check.score})${check.samples ? `, samples ${check.samples}` : ''}`);
    if (check.detail) out(`      ${check.detail.replaceAll('\n', '\n      ')}`);
  }

  const failed = lint.errors.length + checks.filter((c) => !c.ok).length;
  out(failed ? `FAILED: ${failed} problem(s)` : `OK: ${checks.length} solution(s) judged as expected`);
  return failed ? 1 : 0;
}
