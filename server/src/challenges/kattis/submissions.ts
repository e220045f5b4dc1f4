import path from 'node:path';
import type { Verdict } from '../../contracts/index.ts';
import { languageForFile } from '../../languages/index.ts';
import { listDir } from '../files.ts';
import type { SolutionRef } from '../model.ts';

const SUBMISSION_VERDICTS: Readonly<Record<string, Exclude<Verdict, 'system_error'>>> = {
  accepted: 'accepted',
  wrong_answer: 'wrong_answer',
  time_limit_exceeded: 'time_limit',
  run_time_error: 'runtime_error',
  memory_limit_exceeded: 'memory_limit',
  output_limit_exceeded: 'output_limit',
  compile_error: 'compile_error',
};

/**
 * Single-file submissions in the folders whose verdict Kodbro can check;
 * partially_accepted, rejected, brute_force … promise something else and are skipped.
 */
export async function readSubmissions(root: string): Promise<SolutionRef[]> {
  const solutions: SolutionRef[] = [];
  for (const folder of (await listDir(path.join(root, 'submissions'), root)).dirs) {
    const expect = SUBMISSION_VERDICTS[folder];
    if (!expect) continue;
    for (const name of (await listDir(path.join(root, 'submissions', folder), root)).files) {
      if (languageForFile(name)) solutions.push({ file: `submissions/${folder}/${name}`, expect });
    }
  }
  return solutions;
}
