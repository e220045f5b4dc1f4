/**
 * Red team, function-signature challenges (issue 17). The harness runs in the
 * candidate's own process, so the candidate can read, patch or bypass it;
 * the defences are outside it: the expected values never enter the box, the
 * server reads only the one result line that starts with a fresh nonce, and
 * compares values itself. Each attack below would be accepted if its defence
 * failed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { judgeSubmission } from '../../server/src/judge/index.ts';
import { expectDockerClean, judged, judgeDeps, loadPackage } from '../support/sandbox.ts';

afterEach(expectDockerClean);

/** busy-periods with one test, sample and hidden: its JSON (`"end":2`, in the arguments and the expected value) must never be in the box. */
async function secretChallenge() {
  const base = await loadPackage('challenges/busy-periods');
  const input = Buffer.from(JSON.stringify([[{ room: 'Aula', start: 1, end: 2 }]]));
  // The box gets the arguments as tokens (wire.ts), never as this JSON, and never the expected value at all.
  const answer = Buffer.from('[{"start":1,"end":2}]\n');
  return { ...base, samples: [{ id: 'leak', input, answer }], groups: [{ id: 'only', points: 1, tests: [{ id: 'only/1', input, answer }] }] };
}

const HEADER = 'from dataclasses import dataclass\n\n\n@dataclass\nclass Booking:\n    room: str\n    start: int\n    end: int\n\n\n@dataclass\nclass Period:\n    start: int\n    end: int\n\n\n';

async function run(body: string) {
  const challenge = await secretChallenge();
  const source = `${HEADER}def busy_periods(bookings: list[Booking]) -> list[Period]:\n${body}`;
  return judged(await judgeSubmission(challenge, { language: 'python', source }, judgeDeps(), { testSet: 'samples', captureOutput: true }));
}

describe('signatures: a candidate against the harness', () => {
  it('everything the box can read holds the arguments but never the expected value', async () => {
    const result = await run(
      [
        '    import os, sys',
        '    seen = []',
        '    for root in ("/box", "/tmp"):',
        '        for folder, _dirs, files in os.walk(root):',
        '            for name in files:',
        '                try:',
        '                    with open(os.path.join(folder, name), "rb") as f:',
        '                        seen.append(f.read(65536))',
        '                except OSError:',
        '                    pass',
        '    for name in ("environ", "cmdline"):',
        '        with open("/proc/self/" + name, "rb") as f:',
        '            seen.append(f.read())',
        '    blob = b"".join(seen) + sys.stdin.buffer.read()',
        '    # Built from numbers, so neither this source nor its compiled form (both in /box) holds it.',
        '    marker = bytes([34, 101, 110, 100, 34, 58, 50])',
        '    for chunk in seen:',
        '        at = chunk.find(marker)',
        '        if at >= 0: print("AT", chunk[max(0, at - 80):at + 20])',
        '    print(len(seen), "files read;", "ANSWER-SEEN" if marker in blob else "ANSWER-NOT-SEEN")',
        '    return []',
        '',
      ].join('\n'),
    );
    expect(result.tests[0]!.output?.printed).toContain('ANSWER-NOT-SEEN');
    expect(result.tests[0]!.verdict).toBe('wrong_answer');
  });

  it('reading the nonce from the harness and writing a result line beside the harness\'s own gets nothing', async () => {
    const result = await run(
      [
        '    import inspect, sys',
        '    nonce = next(f.frame.f_locals["_nonce"] for f in inspect.stack() if "_nonce" in f.frame.f_locals)',
        '    sys.stdout.write("\\n" + nonce + " 1 1 2\\n")',
        '    return [Period(1, 2)]',
        '',
      ].join('\n'),
    );
    // The right value twice is still two result lines: no credit.
    expect(result.tests[0]).toMatchObject({ verdict: 'wrong_answer', output: { resultProblem: expect.stringContaining('More than one') } });
  });

  it('patching the harness to write its own answer reaches only what the function could have returned', async () => {
    const result = await run(
      [
        '    import builtins',
        '    # Makes every int the harness writes say 7: the server still compares what it reads.',
        '    real = builtins.str',
        '    builtins.str = lambda v="": real(7) if type(v) is int else real(v)',
        '    return [Period(1, 2)]',
        '',
      ].join('\n'),
    );
    expect(result.tests[0]!.verdict).toBe('wrong_answer');
  });
});
