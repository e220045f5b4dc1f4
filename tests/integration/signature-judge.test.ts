/**
 * The judge on a function-signature challenge (challenges/busy-periods), in
 * real boxes: the candidate's function is compiled with its harness, each
 * test's JSON arguments go in, the returned value is compared on the server.
 * Sample and custom runs show the returned value and what the program
 * printed besides; a value its type cannot hold, a result line the program
 * forged, or an exception never earns credit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectDockerClean, judgeSource, REPO_ROOT } from '../support/sandbox.ts';

const PACKAGE = 'challenges/busy-periods';
const ACCEPTED = readFileSync(path.join(REPO_ROOT, PACKAGE, 'solutions/accepted.py'), 'utf8');
const body = (lines: string) => ACCEPTED.replace(/def busy_periods[\s\S]*$/, `def busy_periods(bookings: list[Booking]) -> list[Period]:\n${lines}`);

afterAll(() => expectDockerClean());

describe('a function-signature challenge', () => {
  it('accepts the reference function on every hidden test', async () => {
    const result = await judgeSource(PACKAGE, 'python', ACCEPTED);
    expect(result).toMatchObject({ verdict: 'accepted', score: 100 });
  });

  it('a sample run shows the returned value formatted like the expected one, and the printed text apart', async () => {
    const printing = ACCEPTED.replace('    periods: list[Period] = []', "    print('looking at', len(bookings), 'bookings')\n    periods: list[Period] = []");
    const result = await judgeSource(PACKAGE, 'python', printing, { testSet: 'samples', captureOutput: true });
    expect(result.verdict).toBe('accepted');
    expect(result.tests[0]!.output).toMatchObject({ stdout: '[\n  {"start": 540, "end": 630},\n  {"start": 720, "end": 780}\n]\n', printed: 'looking at 3 bookings', exitCode: 0 });
  });

  it('a custom run takes JSON arguments and shows what came back', async () => {
    const customInput = Buffer.from(JSON.stringify([[{ room: 'A', start: 5, end: 9 }, { room: 'B', start: 1, end: 5 }]]));
    const result = await judgeSource(PACKAGE, 'python', ACCEPTED, { testSet: { customInput }, captureOutput: true });
    expect(result.tests[0]).toMatchObject({ verdict: 'accepted', output: { stdout: '[\n  {"start": 1, "end": 9}\n]\n', printed: '' } });
  });

  it('a value outside the declared range is a wrong answer, though Python can return it', async () => {
    const result = await judgeSource(PACKAGE, 'python', body('    return [Period(0, 2 ** 60)]\n'), { testSet: 'samples', captureOutput: true });
    expect(result.tests.map((t) => t.verdict)).toEqual(['wrong_answer', 'wrong_answer']);
  });

  it('a forged result line and an early exit earn nothing; an exception is a runtime error', async () => {
    const forged = body("    import os, sys\n    print('\\n' + '0' * 32 + ' 1 540 630')\n    sys.stdout.flush()\n    os._exit(0)\n");
    const result = await judgeSource(PACKAGE, 'python', forged, { testSet: 'samples', captureOutput: true });
    expect(result.tests[0]).toMatchObject({ verdict: 'wrong_answer', output: { stdout: '', resultProblem: expect.stringContaining('returned no value') } });
    const throwing = await judgeSource(PACKAGE, 'python', body("    raise RuntimeError('no rooms today')\n"), { testSet: 'samples', captureOutput: true });
    expect(throwing.tests[0]).toMatchObject({ verdict: 'runtime_error', output: { stderr: expect.stringContaining('no rooms today') } });
  });

  it('a function that does not compile is a compile error that points at the candidate\'s own line', async () => {
    const result = await judgeSource(PACKAGE, 'python', body('    return [Period(0, 1)\n'));
    expect(result.verdict).toBe('compile_error');
    const line = ACCEPTED.split('\n').findIndex((text) => text.startsWith('def busy_periods')) + 2;
    expect(result.compileOutput).toContain(`line ${line}`);
  });
});
