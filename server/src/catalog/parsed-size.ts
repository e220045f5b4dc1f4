import type { CheckerSpec, StoredChallenge, TestData } from '../challenges/index.ts';

/** Per-object overhead of a test, a file or a string in the estimate below. */
const OVERHEAD = 64;

/**
 * What a parsed package costs the cache, in bytes, estimated from what it
 * holds: text (two bytes a character, as V8 may store it), file contents, and
 * for each test its path and any head kept for display. Test data left in
 * files costs only its reference.
 */
export function parsedBytes(challenge: StoredChallenge): number {
  const text = (value: string | undefined) => OVERHEAD + 2 * (value?.length ?? 0);
  const data = (value: TestData) => OVERHEAD + (Buffer.isBuffer(value) ? value.length : text(value.file) + (value.head?.length ?? 0));
  let bytes = 1024;
  for (const value of [...Object.values(challenge.title), ...Object.values(challenge.statements), ...Object.values(challenge.starters)]) bytes += text(value);
  for (const file of challenge.statementFiles) bytes += text(file.path) + file.content.length;
  const checkers = new Set<CheckerSpec>([challenge.checker, ...challenge.groups.flatMap((g) => (g.checker ? [g.checker] : []))]);
  for (const checker of checkers) {
    if (checker.kind === 'custom' || checker.kind === 'interactor') for (const file of checker.files) bytes += text(file.path) + file.content.length;
  }
  for (const test of [...challenge.samples, ...challenge.groups.flatMap((g) => g.tests)]) {
    bytes += text(test.id) + data(test.input) + data(test.answer) + (test.interaction ? data(test.interaction) : 0);
  }
  for (const solution of challenge.solutions) bytes += text(solution.file);
  return bytes;
}
