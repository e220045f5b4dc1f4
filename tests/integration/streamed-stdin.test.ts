/**
 * Streamed standard input and live standard output, for interactive problems:
 * the host feeds a program bytes while it runs (here from async generators,
 * as the judge will feed it another box's output) and sees each piece of its
 * output as the runner forwards it. Checked against real boxes: a true
 * back-and-forth, the end of input, a program that leaves early or never
 * reads, a host that never sends, and a program that prints runner frames.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ExecRequest } from '../../server/src/sandbox/index.ts';
import { boxForFile } from '../support/sandbox.ts';

const box = boxForFile('python', 128);

const python = (script: string, rest: Partial<ExecRequest> & Pick<ExecRequest, 'stdin'>) =>
  box().exec({ argv: ['python3', '-c', script], wallTimeMs: 10_000, stdoutLimit: 1 << 20, stderrLimit: 1 << 16, ...rest });

/** Collects what onStdout delivers, and lets the host wait until a given number of lines has come. */
function liveLines() {
  const chunks: Buffer[] = [];
  let text = '';
  let waiter: { count: number; wake: () => void } | null = null;
  const lines = () => text.split('\n').length - 1;
  return {
    onStdout(chunk: Buffer) {
      chunks.push(chunk);
      text += chunk.toString('utf8');
      if (waiter && lines() >= waiter.count) waiter.wake();
    },
    lines,
    all: () => Buffer.concat(chunks),
    until(count: number): Promise<void> {
      if (lines() >= count) return Promise.resolve();
      return new Promise((resolve) => {
        waiter = {
          count,
          wake: () => {
            waiter = null;
            resolve();
          },
        };
      });
    },
  };
}

/** An iterable that never yields, never ends, and says when it is let go of. */
function silentSource() {
  const state = { returned: false };
  const iterable: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => ({
      next: () => new Promise<IteratorResult<Buffer>>(() => {}),
      return: () => {
        state.returned = true;
        return Promise.resolve({ done: true, value: undefined });
      },
    }),
  };
  return { iterable, state };
}

async function expectBoxStillWorks(): Promise<void> {
  const plain = await box().exec({ argv: ['cat'], stdin: Buffer.from('still here\n'), wallTimeMs: 5000, stdoutLimit: 1024, stderrLimit: 1024 });
  expect([plain.exitCode, plain.stdout.toString(), plain.timedOut, plain.reset]).toEqual([0, 'still here\n', false, false]);
  async function* one() {
    yield Buffer.from('streamed too\n');
  }
  const streamed = await box().exec({ argv: ['cat'], stdin: one(), wallTimeMs: 5000, stdoutLimit: 1024, stderrLimit: 1024 });
  expect([streamed.exitCode, streamed.stdout.toString(), streamed.timedOut]).toEqual([0, 'streamed too\n', false]);
}

describe('streamed stdin and live stdout', () => {
  it('(a) a true back-and-forth: each line is sent only after the answer to the last one arrived', async () => {
    const ROUNDS = 50;
    const live = liveLines();
    const seenWhenSent: number[] = [];
    async function* host() {
      for (let i = 0; i < ROUNDS; i++) {
        seenWhenSent.push(live.lines());
        yield Buffer.from(`${i}\n`);
        await live.until(i + 1);
      }
    }
    const script = 'import sys\nwhile True:\n    line = sys.stdin.readline()\n    if not line:\n        break\n    print(int(line) * 3, flush=True)\nprint("end", flush=True)\n';
    const outcome = await python(script, { stdin: host(), onStdout: live.onStdout });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.timedOut).toBe(false);
    // Nothing was sent ahead of its answer: when line i went out, exactly i answers had come back.
    expect(seenWhenSent).toEqual(Array.from({ length: ROUNDS }, (_, i) => i));
    const expected = `${Array.from({ length: ROUNDS }, (_, i) => `${i * 3}\n`).join('')}end\n`;
    expect(outcome.stdout.toString()).toBe(expected);
    // What arrived live is what the outcome holds.
    expect(live.all().equals(outcome.stdout)).toBe(true);
  });

  it('(b) the end of the stream closes the program’s input, and every byte arrives in order', async () => {
    async function* host() {
      yield Buffer.from('a');
      yield Buffer.alloc(0);
      yield Buffer.from('b\n');
    }
    const small = await box().exec({ argv: ['cat'], stdin: host(), wallTimeMs: 5000, stdoutLimit: 1024, stderrLimit: 1024 });
    expect([small.exitCode, small.stdout.toString(), small.timedOut]).toEqual([0, 'ab\n', false]);

    // Chunks of many sizes, some above the 64 KiB frame limit, each byte numbered.
    const sizes = [1, 65_535, 65_536, 65_537, 200_000, 3, 1_000_000];
    const whole = Buffer.alloc(sizes.reduce((a, b) => a + b, 0));
    for (let i = 0; i < whole.length; i++) whole[i] = (i * 31 + (i >> 8)) & 0xff;
    async function* big() {
      let at = 0;
      for (const size of sizes) {
        yield whole.subarray(at, at + size);
        at += size;
      }
    }
    const live = liveLines();
    const copied = await box().exec({ argv: ['cat'], stdin: big(), onStdout: live.onStdout, wallTimeMs: 10_000, stdoutLimit: 4 << 20, stderrLimit: 1024 });
    expect(copied.exitCode).toBe(0);
    expect(copied.stdout.equals(whole)).toBe(true);
    expect(live.all().equals(whole)).toBe(true);
  });

  it('(c) a program that exits early: exec returns at once, the source is let go of, the next command runs', async () => {
    let offered = 0;
    let released = false;
    async function* endless() {
      try {
        for (;;) {
          offered++;
          yield Buffer.from(`line ${offered}\n`);
          await sleep(1);
        }
      } finally {
        released = true;
      }
    }
    const started = performance.now();
    const outcome = await python('import sys\nprint(sys.stdin.readline().strip())\nsys.exit(4)\n', { stdin: endless(), wallTimeMs: 20_000 });
    expect(performance.now() - started).toBeLessThan(5000);
    expect([outcome.exitCode, outcome.stdout.toString(), outcome.timedOut]).toEqual([4, 'line 1\n', false]);
    for (let i = 0; i < 100 && !released; i++) await sleep(10);
    expect(released).toBe(true);
    const offeredAtEnd = offered;
    await sleep(100);
    expect(offered).toBe(offeredAtEnd);
    // Frames the host sent after the exit were skipped by the runner: the next commands see only their own input.
    await expectBoxStillWorks();

    // A host source that never yields does not hold exec either once the program is over.
    const silent = silentSource();
    const quick = await python('print("bye")\n', { stdin: silent.iterable, wallTimeMs: 20_000 });
    expect([quick.exitCode, quick.stdout.toString()]).toEqual([0, 'bye\n']);
    expect(silent.state.returned).toBe(true);

    // A program that closes its stdin early and keeps running: what the host still sends is taken and dropped.
    async function* plenty() {
      for (let i = 0; i < 64; i++) yield Buffer.alloc(65_536, 0x61);
    }
    const closer = await python('import os, time\nos.close(0)\ntime.sleep(0.3)\nprint("done")\n', { stdin: plenty() });
    expect([closer.exitCode, closer.stdout.toString(), closer.timedOut]).toEqual([0, 'done\n', false]);
    await expectBoxStillWorks();
  });

  it('(d) a program that never reads while the host offers 10 MB: little is pulled, the wall clock ends it', async () => {
    const CHUNK = 64 * 1024;
    const TOTAL = 10 * 1024 * 1024;
    let pulled = 0;
    async function* flood() {
      while (pulled < TOTAL) {
        pulled += CHUNK;
        yield Buffer.alloc(CHUNK, 0x62);
      }
    }
    const started = performance.now();
    const outcome = await python('import time\ntime.sleep(100)\n', { stdin: flood(), wallTimeMs: 2000 });
    const seconds = (performance.now() - started) / 1000;
    expect(outcome.timedOut).toBe(true);
    expect(outcome.exitCode).toBeNull();
    expect(seconds).toBeGreaterThan(1.9);
    expect(seconds).toBeLessThan(10);
    // Only what fits in the pipes and socket buffers between host and program was taken from the source.
    expect(pulled).toBeLessThan(TOTAL / 2);
    await expectBoxStillWorks();
  });

  it('(e) a program that waits for input the host never sends is ended by the wall clock', async () => {
    const silent = silentSource();
    const started = performance.now();
    const outcome = await python('import sys\nsys.stdin.read()\nprint("never")\n', { stdin: silent.iterable, wallTimeMs: 1500 });
    const seconds = (performance.now() - started) / 1000;
    expect([outcome.timedOut, outcome.exitCode, outcome.stdout.toString()]).toEqual([true, null, '']);
    expect(seconds).toBeGreaterThan(1.4);
    expect(seconds).toBeLessThan(8);
    expect(silent.state.returned).toBe(true);
    await expectBoxStillWorks();
  });

  it('(f) bytes shaped like runner frames, and writes aimed at the runner’s stream, change nothing', async () => {
    // Were these read as frames, the host would see 'right' on stdout, a clean exit, the input ended, or a new command.
    const script = String.raw`
import os, struct, sys
def frame(t, body):
    return t + struct.pack('<I', len(body)) + body
fake = (frame(b'O', b'right\n') + frame(b'X', struct.pack('<iI', 0, 0)) + frame(b'I', b'') + frame(b'S', b'')
        + frame(b'I', b'more input\n') + frame(b'R', b'\0' * 24) + frame(b'F', b'gave up'))
first = sys.stdin.buffer.readline()
os.write(1, fake)
os.write(2, fake)
refused = 0
try:
    os.write(0, frame(b'I', b'into our own stdin\n'))
except OSError:
    refused += 1
runner = os.getppid()
for target in ('fd/0', 'fd/1'):
    try:
        fd = os.open(f'/proc/{runner}/{target}', os.O_WRONLY)
        os.write(fd, fake)
    except OSError:
        refused += 1
second = sys.stdin.buffer.readline()
os.write(1, b'|' + first + second)
os.write(2, f'refused {refused}\n'.encode())
sys.exit(3)
`;
    const live = liveLines();
    let sentSecond = false;
    async function* host() {
      yield Buffer.from('one\n');
      // The second line goes only once the fake frames were seen: they must not have ended or replaced the input.
      while (!live.all().includes('right')) await sleep(5);
      sentSecond = true;
      yield Buffer.from('two\n');
    }
    const outcome = await python(script, { stdin: host(), onStdout: live.onStdout });
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n);
      return b;
    };
    const frame = (t: string, body: Buffer) => Buffer.concat([Buffer.from(t, 'latin1'), u32(body.length), body]);
    const fake = Buffer.concat([
      frame('O', Buffer.from('right\n')),
      frame('X', Buffer.alloc(8)),
      frame('I', Buffer.alloc(0)),
      frame('S', Buffer.alloc(0)),
      frame('I', Buffer.from('more input\n')),
      frame('R', Buffer.alloc(24)),
      frame('F', Buffer.from('gave up')),
    ]);
    expect(sentSecond).toBe(true);
    expect(outcome.exitCode).toBe(3);
    expect(outcome.timedOut).toBe(false);
    expect(outcome.stdout.equals(Buffer.concat([fake, Buffer.from('|one\ntwo\n')]))).toBe(true);
    expect(outcome.stderr.equals(Buffer.concat([fake, Buffer.from('refused 3\n')]))).toBe(true);
    expect(live.all().equals(outcome.stdout)).toBe(true);
    await expectBoxStillWorks();
  });

  it('a runner sabotaged by the last command refuses before taking any input: a fresh one gets the stream whole', async () => {
    // The runner notices its changed limits before the next command and gives up ('F'), before its 'S'.
    const sabotage = await python('import os, resource\nresource.prlimit(os.getppid(), resource.RLIMIT_NOFILE, (64, 64))\n', { stdin: Buffer.alloc(0) });
    expect(sabotage.exitCode).toBe(0);
    let iterations = 0;
    async function* host() {
      iterations++;
      yield Buffer.from('all of ');
      yield Buffer.from('it\n');
    }
    const outcome = await box().exec({ argv: ['cat'], stdin: host(), wallTimeMs: 5000, stdoutLimit: 1024, stderrLimit: 1024 });
    expect([outcome.exitCode, outcome.stdout.toString(), outcome.reset]).toEqual([0, 'all of it\n', false]);
    expect(iterations).toBe(1);
    expect(box().history().some((line) => line.includes('the runner gave up'))).toBe(true);
  });

  it('live stdout stops at the cap, like the outcome; a source that throws stops the program and exec rejects with its error', async () => {
    const live = liveLines();
    const capped = await box().exec({
      argv: ['python3', '-c', 'import sys\nsys.stdout.write("x" * 5000)\n'],
      stdin: Buffer.alloc(0),
      onStdout: live.onStdout,
      wallTimeMs: 5000,
      stdoutLimit: 1000,
      stderrLimit: 1024,
    });
    expect(capped.outputLimitExceeded).toBe(true);
    expect(live.all().equals(capped.stdout)).toBe(true);
    expect(capped.stdout.length).toBe(1000);

    const broken = new Error('the other box went away');
    async function* failing() {
      yield Buffer.from('first\n');
      await sleep(50);
      throw broken;
    }
    const started = performance.now();
    await expect(python('import sys, time\nsys.stdin.readline()\ntime.sleep(100)\n', { stdin: failing(), wallTimeMs: 20_000 })).rejects.toBe(broken);
    expect(performance.now() - started).toBeLessThan(8000);
    await expectBoxStillWorks();

    await expect(box().exec({ argv: ['true'], stdin: Buffer.alloc(0), files: [], wallTimeMs: 1000, stdoutLimit: 1, stderrLimit: 1 })).rejects.toThrow(/files or stdin/);
  });
});
