/**
 * Red team, catalogue items 13–16: output floods, programs that will not
 * die, daemons that outlive their test, and compile-time bombs. Each attack
 * is written so that, if the defence failed, it would earn points (it prints
 * the correct sum); any verdict but accepted shows the defence held.
 */
import { DEFAULT_JUDGE_LIMITS } from '../../server/src/config/index.ts';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hiddenTests } from '../../server/src/challenges/index.ts';
import type { JudgeEvent, JudgeResult, LanguageId } from '../../server/src/contracts/index.ts';
import { MAX_SOURCE_BYTES } from '../../server/src/contracts/index.ts';
import { imageFor, openBox } from '../../server/src/sandbox/index.ts';
import { docker, expectDockerClean, judgeSource, loadPackage, SUM_PACKAGE } from '../support/sandbox.ts';
import { wallClockFor } from '../../server/src/judge/index.ts';

const MB = 1024 * 1024;
/** The sum package's CPU limit per test: a busy loop is stopped once its CPU time passes it, never before. */
const CPU_LIMIT_MS = 1000;
/** The sum package's first wall-clock check per test: a program that only waits runs on past it. */
const WALL_MS = wallClockFor({ timeMs: CPU_LIMIT_MS }).wallTimeMs;
/** Tests run this many at a time (one per box), so the clock runs out for each pair together. */
const LANES = DEFAULT_JUDGE_LIMITS.boxesPerSubmission;
let hiddenCount = 0;

beforeAll(async () => {
  hiddenCount = hiddenTests(await loadPackage(SUM_PACKAGE)).length;
});
afterEach(expectDockerClean);

interface Judged {
  result: JudgeResult;
  events: JudgeEvent[];
  seconds: number;
  /** Growth of this process's resident memory over the judgement, peak sampled every 20 ms. */
  rssGrowthMb: number;
}

async function judge(
  language: LanguageId,
  source: string,
  options: Omit<Parameters<typeof judgeSource>[3] & object, 'onEvent'> = {},
): Promise<Judged> {
  const events: JudgeEvent[] = [];
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const result = await judgeSource(SUM_PACKAGE, language, source, { ...options, onEvent: (e) => events.push(e) });
    return { result, events, seconds: (performance.now() - started) / 1000, rssGrowthMb: (peak - before) / MB };
  } finally {
    clearInterval(sampler);
  }
}

function verdicts(result: JudgeResult): string[] {
  return result.tests.map((t) => t.verdict);
}

function expectAll(result: JudgeResult, verdict: string): void {
  expect(verdicts(result)).toEqual(Array.from({ length: hiddenCount }, () => verdict));
  expect(result.score).toBe(0);
}

/** Markers a flood carries: if any reached the judge result, raw output would be on its way to a person. */
const MARKERS = ['KODBRO-MARK', 'KODBRO-TITLE', 'kodbroXss', 'KODBRO-RTL'];
const MARKER_BYTES =
  "b'\\xff\\xfe\\xc3\\x28\\xc0\\xaf\\xed\\xa0\\x80 KODBRO-MARK \\x1b[2J\\x1b[31m\\x1b]0;KODBRO-TITLE\\x07 <script>kodbroXss()</script> <img src=x onerror=kodbroXss()> \\xe2\\x80\\xaeKODBRO-RTL \\x00\\x08\\r'";

function expectNoRawOutput(value: unknown): void {
  const json = JSON.stringify(value);
  for (const marker of MARKERS) expect(json).not.toContain(marker);
  // Escape, bell, NUL, right-to-left override, replacement character (decoded invalid UTF-8).
  expect(json).not.toMatch(/\\u001b|\\u0007|\\u0000|\u202e|\ufffd/);
}

const PY_SUM = 'input()\nanswer = sum(map(int, input().split()))\n';
const C_SUM = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
static long long read_sum(void) {
  long long n, s = 0, x;
  if (scanf("%lld", &n) != 1) exit(1);
  while (n--) { if (scanf("%lld", &x) != 1) exit(1); s += x; }
  return s;
}
`;
const JS_SUM =
  "const lines = require('fs').readFileSync(0, 'utf8').split('\\n');\nconst answer = lines[1].trim().split(/\\s+/).map(BigInt).reduce((a, b) => a + b, 0n);\n";

describe('13: output floods', () => {
  it('the correct answer followed by 20 MB of long whitespace lines: output limit', async () => {
    const { result, rssGrowthMb } = await judge(
      'python',
      `import sys\n${PY_SUM}sys.stdout.write(str(answer) + "\\n")\nline = " " * 99_999 + "\\n"\nfor _ in range(200):\n    sys.stdout.write(line)\n`,
    );
    expectAll(result, 'output_limit');
    expect(rssGrowthMb).toBeLessThan(100);
  });

  it('the correct answer followed by 10 MB of spaces without a newline: output limit', async () => {
    const { result, rssGrowthMb } = await judge(
      'c',
      `${C_SUM}int main(void) {
  printf("%lld", read_sum());
  static char spaces[1 << 20];
  memset(spaces, ' ', sizeof spaces);
  for (int i = 0; i < 10; i++) fwrite(spaces, 1, sizeof spaces, stdout);
  return 0;
}
`,
    );
    expectAll(result, 'output_limit');
    expect(rssGrowthMb).toBeLessThan(100);
  });

  it('an endless flood of long lines is cut off quickly', async () => {
    const { result, seconds, rssGrowthMb } = await judge(
      'c',
      `${C_SUM}int main(void) {
  printf("%lld\\n", read_sum());
  static char line[65536];
  memset(line, '7', sizeof line - 1);
  line[sizeof line - 1] = '\\n';
  for (;;) fwrite(line, 1, sizeof line, stdout);
}
`,
    );
    expectAll(result, 'output_limit');
    expect(seconds).toBeLessThan(90);
    expect(rssGrowthMb).toBeLessThan(100);
  });

  it('an endless flood on standard error after the answer: never accepted, memory flat', async () => {
    const { result, seconds, rssGrowthMb } = await judge(
      'python',
      `import os\n${PY_SUM}print(answer, flush=True)\nchunk = b"E" * 65536\nwhile True:\n    os.write(2, chunk)\n`,
    );
    // Standard error is capped, not counted as output: the run goes on until the wall clock.
    expect(verdicts(result).every((v) => v === 'time_limit' || v === 'output_limit')).toBe(true);
    expect(result.score).toBe(0);
    // Each test pushed on the order of 100 MB through the server in its 2 s.
    expect(rssGrowthMb).toBeLessThan(100);
    expect(seconds).toBeLessThan(120);
  });

  it('a 300 MB standard-error flood ends the run as an output flood, kept to its cap with flat memory', async () => {
    const box = await openBox(docker, { image: await imageFor('python'), memoryMb: 256, deadline: Date.now() + 300_000, purpose: 'run' });
    try {
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const outcome = await box
        .exec({
          argv: ['python3', '-c', 'import sys\nb = b"E" * (1 << 20)\nfor _ in range(300):\n    sys.stderr.buffer.write(b)\nsys.stderr.flush()\nprint("done")\n'],
          wallTimeMs: 120_000,
          stdoutLimit: 64 * 1024,
          stderrLimit: 64 * 1024,
        })
        .finally(() => clearInterval(sampler));
      expect(outcome.timedOut).toBe(false);
      expect(outcome.outputLimitExceeded).toBe(true);
      expect(outcome.stdout.toString()).toBe('');
      expect(outcome.stderr.length).toBe(64 * 1024);
      expect((peak - before) / MB).toBeLessThan(100);
    } finally {
      await box.destroy();
    }
  });

  it('invalid UTF-8, ANSI escapes and HTML in the output: wrong answer, and no raw output in the result', async () => {
    const source = `import sys\n${PY_SUM}MARK = ${MARKER_BYTES}\nsys.stdout.buffer.write(str(answer).encode() + b"\\n" + MARK + b"\\n")\nsys.stderr.buffer.write(MARK)\n`;
    const hidden = await judge('python', source);
    expectAll(hidden.result, 'wrong_answer');
    expectNoRawOutput(hidden.result);
    expectNoRawOutput(hidden.events);
    // Sample runs, whose details a candidate may see, carry no raw output in the result either.
    const samples = await judge('python', source, { testSet: 'samples' });
    expect(samples.result.verdict).toBe('wrong_answer');
    expectNoRawOutput(samples.result);
    expectNoRawOutput(samples.events);
  });

  it('a flood of invalid UTF-8, ANSI escapes and HTML: output limit, no raw output in the result', async () => {
    const { result, events, rssGrowthMb } = await judge(
      'python',
      `import sys\n${PY_SUM}MARK = ${MARKER_BYTES}\nsys.stdout.buffer.write(str(answer).encode() + b"\\n")\nblock = (MARK + b" ") * 20000\nfor _ in range(20):\n    sys.stdout.buffer.write(block)\n    sys.stderr.buffer.write(block)\n`,
    );
    expectAll(result, 'output_limit');
    expectNoRawOutput(result);
    expectNoRawOutput(events);
    expect(rssGrowthMb).toBeLessThan(100);
  });

  it('compiler messages that echo escapes and HTML from the source are shown without terminal control characters', async () => {
    // compileOutput is shown to the candidate, the recruiter and printed by `kodbro judge` in a terminal.
    const source = `#error KODBRO-MARK \x1b[2J\x1b]0;KODBRO-TITLE\x07 <script>kodbroXss()</script> \u202eKODBRO-RTL\n${C_SUM}int main(void) { printf("%lld\\n", read_sum()); }\n`;
    const { result } = await judge('c', source);
    expect(result.verdict).toBe('compile_error');
    expect(result.compileOutput ?? '').toContain('KODBRO-MARK');
    expect(result.compileOutput ?? '').not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('14: programs that will not stop', () => {
  it('ignoring SIGTERM and every catchable signal, then a busy loop: time limit once its CPU time passes the limit', async () => {
    const { result, seconds } = await judge(
      'python',
      `import signal\nfor s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2, signal.SIGXCPU, signal.SIGALRM, signal.SIGPIPE):\n    signal.signal(s, signal.SIG_IGN)\n${PY_SUM}print(answer, flush=True)\nwhile True:\n    pass\n`,
    );
    expectAll(result, 'time_limit');
    expect(seconds).toBeGreaterThan((Math.ceil(hiddenCount / LANES) * CPU_LIMIT_MS * 0.9) / 1000);
    for (const test of result.tests) expect(test.timeMs).toBeGreaterThan(CPU_LIMIT_MS);
    expect(seconds).toBeLessThan(120);
  });

  it('a child subreaper that ignores every signal, with children in their own sessions, paused forever: time limit', async () => {
    const { result, seconds } = await judge(
      'c',
      `#include <sys/prctl.h>\n${C_SUM}int main(void) {
  printf("%lld\\n", read_sum());
  fflush(stdout);
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  for (int sig = 1; sig < 65; sig++) signal(sig, SIG_IGN);
  for (int i = 0; i < 4; i++) if (fork() == 0) { setsid(); for (;;) pause(); }
  for (;;) pause();
}
`,
    );
    expectAll(result, 'time_limit');
    expect(seconds).toBeGreaterThan((Math.ceil(hiddenCount / LANES) * WALL_MS * 0.9) / 1000);
    expect(seconds).toBeLessThan(120);
  });

  it('sleeping forever with SIGTERM handled: time limit', async () => {
    const { result, seconds } = await judge(
      'javascript',
      `process.on('SIGTERM', () => {});\nprocess.on('SIGINT', () => {});\nprocess.on('SIGHUP', () => {});\n${JS_SUM}console.log(String(answer));\nsetInterval(() => {}, 1 << 30);\n`,
    );
    expectAll(result, 'time_limit');
    expect(seconds).toBeLessThan(120);
  });
});

/**
 * A C program for the daemon attacks. Each test's process either starts a
 * daemon (when it got input) or, when its input is already gone, exits 0
 * without printing: it then "passes" only if a daemon from the test before
 * read this test's input and wrote its answer into this test's output.
 */
function stdinThief(killWrapper: boolean): string {
  return `#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char buf[1 << 20];

static size_t read_all(int fd) {
  size_t n = 0; ssize_t r;
  while (n < sizeof buf - 1 && (r = read(fd, buf + n, sizeof buf - 1 - n)) > 0) n += (size_t)r;
  buf[n] = 0;
  return n;
}

static long long sum_of(const char *text) {
  char *end;
  long long n = strtoll(text, &end, 10), s = 0;
  for (long long i = 0; i < n; i++) s += strtoll(end, &end, 10);
  return s;
}

/* Waits for the next test's wrapper to appear, stops it before it can kill us, takes its streams. */
static void daemon_loop(void) {
  pid_t floor = getpid();
  int null = open("/dev/null", O_RDWR);
  dup2(null, 0); dup2(null, 1); dup2(null, 2);
  time_t until = time(NULL) + 30;
  while (time(NULL) < until) {
    DIR *dir = opendir("/proc");
    struct dirent *e;
    while ((e = readdir(dir))) {
      pid_t pid = atoi(e->d_name);
      if (pid <= floor) continue;
      char path[64], cmd[256];
      snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
      int c = open(path, O_RDONLY);
      if (c < 0) continue;
      ssize_t n = read(c, cmd, sizeof cmd - 1);
      close(c);
      if (n <= 0) continue;
      for (ssize_t i = 0; i < n; i++) if (!cmd[i]) cmd[i] = ' ';
      cmd[n] = 0;
      if (!strstr(cmd, "kodbro-run") || !strstr(cmd, "./main")) continue;
      if (kill(pid, SIGSTOP) != 0) continue;
      snprintf(path, sizeof path, "/proc/%d/fd/0", pid);
      int in = open(path, O_RDONLY);
      snprintf(path, sizeof path, "/proc/%d/fd/1", pid);
      int out = open(path, O_WRONLY);
      if (in >= 0 && out >= 0) {
        read_all(in);
        dprintf(out, "%lld\\n", sum_of(buf));
      }
      kill(pid, SIGCONT);
      _exit(0);
    }
    closedir(dir);
  }
  _exit(0);
}

int main(void) {
  if (read_all(0) == 0) return 0; /* a daemon answered for this test */
  pid_t wrapper = getppid();
  if (fork() == 0) {
    setsid();
    if (fork() == 0) daemon_loop();
    _exit(0);
  }
  wait(NULL);
  usleep(20000);
  ${killWrapper ? 'kill(wrapper, SIGKILL); /* the wrapper cannot kill the daemon after this test */' : '(void)wrapper;'}
  return 0;
}
`;
}

describe('15: daemons that outlive their test', () => {
  it('a double-forked, setsid daemon that prints the answer after its test’s process exited: not accepted', async () => {
    const { result } = await judge(
      'python',
      `import os, time\n${PY_SUM}if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        time.sleep(0.3)\n        os.write(1, b"%d\\n" % answer)\n        time.sleep(30)\n    os._exit(0)\nos._exit(0)\n`,
    );
    expectAll(result, 'wrong_answer');
  });

  it('a daemon waiting to write into a later test’s stream dies with its own test', async () => {
    const { result } = await judge('c', stdinThief(false));
    expectAll(result, 'wrong_answer');
  });

  it('a daemon that kills its test’s wrapper to survive cannot answer for the next test', async () => {
    // If it worked: every second test would be answered by the daemon of the test before it.
    const { result } = await judge('c', stdinThief(true));
    expect(result.tests.filter((t) => t.verdict === 'accepted').map((t) => t.id), 'tests answered by a daemon from an earlier test').toEqual([]);
    expect(result.score).toBe(0);
  });

  it('a daemon that ignores every signal and escapes each test does not survive the run', async () => {
    // A name no other process on this machine has, so the host's /proc can be searched for it.
    const name = `kbr${process.pid % 100000}${Date.now() % 10000}`.slice(0, 15);
    const source = `#include <sys/prctl.h>\n${C_SUM}int main(void) {
  printf("%lld\\n", read_sum());
  fflush(stdout);
  pid_t wrapper = getppid();
  if (fork() == 0) {
    setsid();
    if (fork() == 0) {
      prctl(PR_SET_NAME, "${name}");
      for (int sig = 1; sig < 65; sig++) signal(sig, SIG_IGN);
      for (int fd = 0; fd < 3; fd++) close(fd);
      for (;;) pause();
    }
    _exit(0);
  }
  usleep(800000);
  kill(wrapper, SIGKILL);
  return 0;
}
`;
    const hostHas = async () => {
      for (const pid of await readdir('/proc')) {
        if (!/^\d+$/.test(pid)) continue;
        const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
        if (comm.trim() === name) return true;
      }
      return false;
    };
    const sampled: Promise<boolean>[] = [];
    const result = await judgeSource(SUM_PACKAGE, 'c', source, {
      onEvent: (e) => {
        if (e.type === 'testing' && e.index === hiddenCount) sampled.push(sleep(400).then(hostHas));
      },
    });
    const seenDuringRun = await Promise.all(sampled);
    expect(result.score).toBe(0);
    expect(await hostHas(), 'a candidate process is still running on the host after the run').toBe(false);
    // When Docker runs on this machine the daemon was visible during the run, so the check above is not vacuous.
    console.log(`signal-proof daemon "${name}" visible on the host during the run: ${seenDuringRun.join(',')}`);
  });
});

describe('16: compile-time bombs', () => {
  const CORRECT_MAIN = 'int main(void) { printf("%lld\\n", read_sum()); return 0; }\n';
  const fast = { limits: { compileTimeMs: 10_000 } };

  async function expectBombDefused(language: LanguageId, source: string): Promise<Judged> {
    const judged = await judge(language, source, fast);
    expect(['compile_error', 'time_limit']).toContain(judged.result.verdict);
    expect(judged.result.score).toBe(0);
    expect(judged.seconds).toBeLessThan(90);
    return judged;
  }

  it('#include "/dev/zero"', async () => {
    const { result } = await expectBombDefused('c', `${C_SUM}#include "/dev/zero"\n${CORRECT_MAIN}`);
    expect(result.compileOutput).toBeTruthy();
  });

  it('#include "/dev/random"', async () => {
    await expectBombDefused('c', `${C_SUM}#include "/dev/random"\n${CORRECT_MAIN}`);
  });

  it('#include of the compiler’s own standard input', async () => {
    // Nothing is ever passed on the compiler's stdin: this compiles to an empty include, or fails.
    const judged = await judge('c', `${C_SUM}#include "/dev/stdin"\n${CORRECT_MAIN}`, fast);
    expect(['compile_error', 'accepted']).toContain(judged.result.verdict);
    expect(judged.seconds).toBeLessThan(90);
  });

  it('C++ templates with 2^40 distinct instantiations', async () => {
    await expectBombDefused(
      'cpp',
      `#include <cstdio>
#include <utility>
template <class T, int N> struct Blow {
  static constexpr long long value = Blow<std::pair<T, char>, N - 1>::value + Blow<std::pair<T, short>, N - 1>::value;
};
template <class T> struct Blow<T, 0> { static constexpr long long value = 1; };
int main() { long long n, s = 0, x; if (scanf("%lld", &n) != 1) return 1; while (n--) { if (scanf("%lld", &x) != 1) return 1; s += x; } printf("%lld\\n", s + Blow<int, 40>::value * 0); }
`,
    );
  });

  it('a C++ constexpr evaluation of 4·10^10 steps', async () => {
    await expectBombDefused(
      'cpp',
      `#include <cstdio>
constexpr long long spin() { long long s = 0; for (long long i = 0; i < 200000; i++) for (long long j = 0; j < 200000; j++) s += (i ^ j) & 1; return s; }
constexpr long long X = spin();
int main() { long long n, s = 0, x; if (scanf("%lld", &n) != 1) return 1; while (n--) { if (scanf("%lld", &x) != 1) return 1; s += x; } printf("%lld\\n", s + X * 0); }
`,
    );
  });

  it('a 180 KB generated source: 90,000 nested parentheses around a macro that expands to 2^40 terms', async () => {
    const macros = Array.from({ length: 40 }, (_, i) => `#define A${i + 1} (A${i}+A${i})\n`).join('');
    const source = `${C_SUM}#define A0 1\n${macros}static const long long Z = ${'('.repeat(90_000)}A40${')'.repeat(90_000)};\nint main(void) { printf("%lld\\n", read_sum() + 0 * Z); return 0; }\n`;
    expect(Buffer.byteLength(source)).toBeGreaterThan(180_000);
    await expectBombDefused('c', source);
  });

  it('100,000 nested parentheses in Python', async () => {
    await expectBombDefused('python', `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}\n${PY_SUM}print(answer)\n`);
  });

  it('a source over the size cap is refused before anything runs', async () => {
    const source = `${PY_SUM}print(answer)\n# ${'x'.repeat(MAX_SOURCE_BYTES)}\n`;
    await expect(judgeSource(SUM_PACKAGE, 'python', source)).rejects.toMatchObject({ code: 'source_too_large' });
  });
});
