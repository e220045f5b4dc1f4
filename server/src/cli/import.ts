import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { loadKattisPackage, writeKodbroPackage, isKattisPackage } from '../challenges/index.ts';
import { KodbroError } from '../errors.ts';
import type { Log } from './signals.ts';

/** `import <kattis-package-dir> <out-dir>`: converts a Kattis package into a Kodbro package. */
export async function importCommand(args: { kattisDir: string; outDir: string }, log: Log): Promise<number> {
  const source = await realpath(path.resolve(args.kattisDir)).catch(() => path.resolve(args.kattisDir));
  if (!(await isKattisPackage(source))) {
    throw new KodbroError('package_invalid', `${args.kattisDir} is not a Kattis package (no problem.yaml, or it already has kodbro.yaml)`);
  }
  const challenge = await loadKattisPackage(source);
  await writeKodbroPackage(challenge, source, path.resolve(args.outDir));
  const tests = challenge.groups.reduce((n, g) => n + g.tests.length, 0);
  log(
    `imported ${challenge.id}: ${Object.keys(challenge.statements).length} statement(s), ${challenge.samples.length} sample and ${tests} hidden tests in ${challenge.groups.length} group(s), ${challenge.solutions.length} solution(s), checker ${challenge.checker.kind}`,
  );
  // The LaTeX conversion's own notes (commands left out, a source shown as LaTeX): the author may want to edit the Markdown.
  for (const issue of challenge.statementIssues) log(`  ${issue.severity}: statement ${issue.locale} ${issue.message}`);
  process.stdout.write(`${path.resolve(args.outDir)}\n`);
  return 0;
}
