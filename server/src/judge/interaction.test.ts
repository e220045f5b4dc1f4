import { describe, expect, it } from 'vitest';
import { createBytePipe, createTranscript, interactiveVerdict, type InteractorObservation } from './interaction.ts';
import type { RunObservation } from './run-verdict.ts';

const clean: RunObservation = { exitCode: 0, timedOut: false, outputLimitExceeded: false, oomKilled: false, cpuMs: 100, wallMs: 150 };
const accepts: InteractorObservation = { exitCode: 42, timedOut: false, outputLimitExceeded: false, endedFirst: false };
const rejects: InteractorObservation = { ...accepts, exitCode: 43 };
const limits = { timeMs: 1000 };

describe('interactiveVerdict', () => {
  it('accepts a program that ended cleanly when the interactor accepted', () => {
    expect(interactiveVerdict(clean, accepts, limits)).toBe('accepted');
    expect(interactiveVerdict(clean, { ...accepts, endedFirst: true }, limits)).toBe('accepted');
  });

  it('gives wrong answer when the interactor rejected, whoever ended first, if the program did not fail', () => {
    expect(interactiveVerdict(clean, rejects, limits)).toBe('wrong_answer');
    expect(interactiveVerdict(clean, { ...rejects, endedFirst: true }, limits)).toBe('wrong_answer');
  });

  it('lets an interactor that rejected first decide over a program that then failed on its closed input', () => {
    expect(interactiveVerdict({ ...clean, exitCode: 1 }, { ...rejects, endedFirst: true }, limits)).toBe('wrong_answer');
    expect(interactiveVerdict({ ...clean, exitCode: null, timedOut: true }, { ...rejects, endedFirst: true }, limits)).toBe('wrong_answer');
  });

  it("puts the program's own failures first when it ended first", () => {
    expect(interactiveVerdict({ ...clean, exitCode: 1 }, rejects, limits)).toBe('runtime_error');
    expect(interactiveVerdict({ ...clean, exitCode: 139 }, accepts, limits)).toBe('runtime_error');
    expect(interactiveVerdict({ ...clean, exitCode: null, timedOut: true }, rejects, limits)).toBe('time_limit');
    expect(interactiveVerdict({ ...clean, cpuMs: 1001 }, accepts, limits)).toBe('time_limit');
    expect(interactiveVerdict({ ...clean, oomKilled: true, exitCode: 137 }, rejects, limits)).toBe('memory_limit');
    expect(interactiveVerdict({ ...clean, outputLimitExceeded: true }, accepts, limits)).toBe('output_limit');
  });

  it('a program that never flushes and waits is a time limit, even though the interactor, starved of input, ends with a rejection', () => {
    expect(interactiveVerdict({ ...clean, exitCode: null, timedOut: true, cpuMs: 5 }, { ...rejects, endedFirst: false }, limits)).toBe('time_limit');
  });

  it('has no verdict when the interactor crashed, hung or flooded and the program did nothing wrong', () => {
    expect(interactiveVerdict(clean, { ...accepts, exitCode: 1 }, limits)).toBeUndefined();
    expect(interactiveVerdict(clean, { ...accepts, exitCode: 0 }, limits)).toBeUndefined();
    expect(interactiveVerdict(clean, { ...accepts, exitCode: null, timedOut: true }, limits)).toBeUndefined();
    expect(interactiveVerdict(clean, { ...rejects, outputLimitExceeded: true, endedFirst: true }, limits)).toBeUndefined();
  });
});

describe('createBytePipe', () => {
  it('hands written chunks to its reader in order and ends when told', async () => {
    const pipe = createBytePipe(100);
    const read = (async () => {
      const got: string[] = [];
      for await (const chunk of pipe) got.push(chunk.toString());
      return got;
    })();
    pipe.write(Buffer.from('a'));
    await Promise.resolve();
    pipe.write(Buffer.from('b'));
    pipe.write(Buffer.alloc(0));
    pipe.end();
    pipe.write(Buffer.from('after the end'));
    expect(await read).toEqual(['a', 'b']);
    expect(pipe.overflowed()).toBe(false);
  });

  it('holds at most its cap in flight and says it dropped the rest', async () => {
    const pipe = createBytePipe(4);
    pipe.write(Buffer.from('abc'));
    pipe.write(Buffer.from('de'));
    pipe.end();
    const got: string[] = [];
    for await (const chunk of pipe) got.push(chunk.toString());
    expect(got).toEqual(['abc']);
    expect(pipe.overflowed()).toBe(true);
  });
});

describe('createTranscript', () => {
  it('writes the exchange as .interaction lines, joining a speaker’s chunks', () => {
    const t = createTranscript(1000);
    t.add('judge', Buffer.from('100\n'));
    t.add('program', Buffer.from('guess '));
    t.add('program', Buffer.from('50\n'));
    t.add('judge', Buffer.from('higher\n'));
    expect(t.text()).toBe('<100\n>guess 50\n<higher');
    expect(t.truncated()).toBe(false);
  });

  it('stops at its cap and says so', () => {
    const t = createTranscript(5);
    t.add('program', Buffer.from('abcdefgh\n'));
    t.add('judge', Buffer.from('x\n'));
    expect(t.text()).toBe('>abcde');
    expect(t.truncated()).toBe(true);
  });
});
