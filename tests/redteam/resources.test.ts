/**
 * Red-team catalogue items 9–12: resources (fork bombs, many threads and
 * processes, memory bombs, disk and inode fills).
 *
 * Each attack prints the correct sum if it "worked" (the judge scored its
 * output, or it got past the cap it attacks), so any verdict but accepted
 * proves that the defence held. Alongside, the host is watched from this test
 * process while the attack runs: a trivial command keeps completing quickly,
 * MemAvailable and the free space of / do not drop by anything near what the
 * attack tries to take.
 *
 * Memory and disk attacks run on a copy of the sum fixture with a 10 s time
 * limit (64 MB as before), so that an attack the caps failed to stop would have
 * the time to finish and be accepted rather than be cut short by the clock.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, readlink, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadChallenge, type Challenge } from '../../server/src/challenges/index.ts';
import type { JudgeResult, LanguageId, Verdict } from '../../server/src/contracts/index.ts';
import { judgeSubmission } from '../../server/src/judge/index.ts';
import {
  containerSpec,
  dockerAnswers,
  imageFor,
  listSandboxContainers,
  openBox,
  SANDBOX_CONSTANTS,
  type Box,
} from '../../server/src/sandbox/index.ts';
import { docker, expectDockerClean, judgeDeps, judged, judgeSource, REPO_ROOT, SUM_PACKAGE } from '../support/sandbox.ts';

const MiB = 1024 * 1024;

const PY = String.raw`
import os, sys
def _read():
    data = sys.stdin.read().split()
    n = int(data[0])
    return n, sum(int(x) for x in data[1:1 + n])
N, SUM = _read()
def answer(won):
    print(SUM if won else SUM + 1, flush=True)
`;

const C = String.raw`
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
static long long N, SUM;
static void read_input(void) {
  long long x;
  if (scanf("%lld", &N) != 1) return;
  for (long long i = 0; i < N && scanf("%lld", &x) == 1; i++) SUM += x;
}
static void answer(int won) {
  printf("%lld\n", won ? SUM : SUM + 1);
  fflush(stdout);
}
`;

const CORRECT_PY = 'input()\nprint(sum(map(int, input().split())))\n';

// ---------------------------------------------------------------------------
// Watching the host while an attack runs

/** Runs `work` while sampling `probe` every `everyMs`; returns the result and the samples. */
async function watching<T>(work: Promise<T>, probe: () => Promise<number>, everyMs = 100): Promise<{ result: T; samples: number[] }> {
  const samples: number[] = [];
  let done = false;
  const loop = (async () => {
    while (!done) {
      samples.push(await probe());
      await sleep(everyMs);
    }
  })();
  try {
    return { result: await work, samples };
  } finally {
    done = true;
    await loop;
  }
}

const run = promisify(execFile);
/** How long a trivial host command takes, in ms. */
async function hostCommandMs(): Promise<number> {
  const started = performance.now();
  await run('/bin/true');
  return performance.now() - started;
}

async function memAvailableBytes(): Promise<number> {
  const kb = /^MemAvailable:\s+(\d+) kB/m.exec(await readFile('/proc/meminfo', 'utf8'))?.[1];
  return Number(kb) * 1024;
}

async function freeDiskBytes(): Promise<number> {
  const s = await statfs('/');
  return s.bavail * s.bsize;
}

/** Open sockets of this process (Docker API connections among them). */
async function openSockets(): Promise<number> {
  let count = 0;
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target.startsWith('socket:')) count += 1;
  }
  return count;
}

// ---------------------------------------------------------------------------

function expectNoneAccepted(result: JudgeResult): void {
  expect(result.compileOutput, 'the attack program must compile').toBeUndefined();
  expect(result.verdict).not.toBe('accepted');
  expect(result.score).toBe(0);
  expect(result.tests).toHaveLength(5);
  for (const test of result.tests) expect(test.verdict).not.toBe('accepted');
}

describe('red team: resources (items 9–12)', () => {
  afterEach(expectDockerClean);

  let roomyDir: string;
  let roomy: Challenge;
  beforeAll(async () => {
    roomyDir = await mkdtemp(path.join(tmpdir(), 'kodbro-redteam-roomy-'));
    await cp(path.join(REPO_ROOT, SUM_PACKAGE), roomyDir, { recursive: true });
    const manifest = await readFile(path.join(roomyDir, 'kodbro.yaml'), 'utf8');
    await writeFile(path.join(roomyDir, 'kodbro.yaml'), manifest.replace(/timeMs: \d+/, 'timeMs: 10000'));
    roomy = await loadChallenge(roomyDir);
    expect(roomy.limits).toEqual({ timeMs: 10_000, memoryMb: 64 });
  });
  afterAll(async () => {
    await rm(roomyDir, { recursive: true, force: true });
  });

  /** Judges on the 10 s / 64 MB copy of the sum fixture. */
  async function judgeRoomy(language: LanguageId, source: string, options: Parameters<typeof judgeSubmission>[3] = {}): Promise<JudgeResult> {
    return judged(await judgeSubmission(roomy, { language, source }, judgeDeps(), options));
  }

  it('control: the harnesses are accepted when they report that the attack worked', async () => {
    expect((await judgeSource(SUM_PACKAGE, 'python', `${PY}\nanswer(True)\n`)).verdict).toBe('accepted');
    expect((await judgeSource(SUM_PACKAGE, 'c', `${C}\nint main(void) { read_input(); answer(1); return 0; }\n`)).verdict).toBe('accepted');
  });

  describe('9. fork bombs', () => {
    /**
     * The bomb goes off in the first hidden test (n = 2) only, after printing
     * the correct sum; the other four tests answer correctly. If the judge
     * scored a bombed run by what it had printed, test 1 would be accepted.
     * That the other four ARE accepted shows the same box recovers.
     */
    async function expectBombContained(language: LanguageId, source: string): Promise<void> {
      const quiet = Math.max(...(await Promise.all([hostCommandMs(), hostCommandMs(), hostCommandMs()])));
      const { result, samples } = await watching(judgeSource(SUM_PACKAGE, language, source), hostCommandMs, 200);

      expect(result.compileOutput).toBeUndefined();
      expect(result.tests[0]!.verdict).not.toBe('accepted');
      expect(['time_limit', 'memory_limit', 'runtime_error']).toContain(result.tests[0]!.verdict);
      expect(result.groups[0]!.earned).toBe(0);
      expect(result.tests.slice(1).map((t) => t.verdict)).toEqual(Array<Verdict>(4).fill('accepted'));
      expect(result.verdict).not.toBe('accepted');
      expect(result.score).toBe(80);

      // The host stayed responsive throughout (generous: other runs may share the machine).
      expect(samples.length).toBeGreaterThan(3);
      expect(Math.max(...samples)).toBeLessThan(Math.max(2000, quiet * 20));
      expect(await dockerAnswers(docker, 5000)).toBe(true);

      // The next submission is judged normally.
      const next = await judgeSource(SUM_PACKAGE, 'python', CORRECT_PY);
      expect(next.verdict).toBe('accepted');
      expect(next.score).toBe(100);
    }

    it('Python: os.fork() in an endless loop, in every child too', async () => {
      await expectBombContained(
        'python',
        `${PY}
print(SUM, flush=True)
if N == 2:
    while True:
        try:
            os.fork()
        except OSError:
            pass
`,
      );
    });

    it('C: for (;;) fork();', async () => {
      await expectBombContained(
        'c',
        `${C}
int main(void) {
  read_input();
  answer(1);
  if (N == 2) for (;;) fork();
  return 0;
}
`,
      );
    });

    /*
     * Every time-limited run once leaked its socket to dockerd: a submission
     * that sleeps, on a challenge with many tests, would exhaust the server's
     * file descriptors.
     */
    it('runs stopped by the wall-clock timer leave no Docker connection open in the server', async () => {
      const box = await openBox(docker, { image: await imageFor('python'), memoryMb: 64, deadline: Date.now() + 120_000, purpose: 'run' });
      const before = await openSockets();
      const RUNS = 6;
      try {
        for (let i = 0; i < RUNS; i++) {
          const outcome = await box.exec({ argv: ['sleep', '100'], wallTimeMs: 300, stdoutLimit: 1024, stderrLimit: 1024 });
          expect(outcome.timedOut).toBe(true);
        }
      } finally {
        await box.destroy();
      }
      await sleep(500);
      expect(await openSockets()).toBeLessThanOrEqual(before + 2);
    });

    /*
     * When a run can only be stopped by restarting the box (the fork-bomb
     * path), the cgroup's counters restart too: the run must report no CPU
     * figure rather than a negative one. The reset is forced here by freezing
     * the box (docker pause), so that the kill process cannot run.
     */
    it('a run that ends with a box reset reports no negative CPU time', async () => {
      const box = await openBox(docker, { image: await imageFor('python'), memoryMb: 64, deadline: Date.now() + 120_000, purpose: 'run' });
      try {
        const warm = await box.exec({
          argv: ['python3', '-c', 'import time\nt = time.process_time()\nwhile time.process_time() - t < 0.5: pass'],
          wallTimeMs: 10_000,
          stdoutLimit: 1024,
          stderrLimit: 1024,
        });
        expect(warm.exitCode).toBe(0);
        const spinning = box.exec({ argv: ['python3', '-c', 'while True: pass'], wallTimeMs: 1500, stdoutLimit: 1024, stderrLimit: 1024 });
        await sleep(700);
        await docker.getContainer(box.id).pause();
        const outcome = await spinning;
        expect(outcome.reset).toBe(true);
        expect(outcome.cpuMs === null || outcome.cpuMs >= 0, `cpuMs ${outcome.cpuMs}`).toBe(true);
      } finally {
        await box.destroy();
      }
    });
  });

  describe('10. thousands of threads or processes held at once', () => {
    /** Each program prints the correct sum only if it held at least 1000 at once. */
    async function expectCapped(language: LanguageId, source: string): Promise<void> {
      const result = await judgeSource(SUM_PACKAGE, language, source);
      expectNoneAccepted(result);
      expect(result.tests.map((t) => t.verdict)).toEqual(Array<Verdict>(5).fill('wrong_answer'));
    }

    it('C: 5000 pthreads (64 KB stacks) that sleep', async () => {
      await expectCapped(
        'c',
        `${C}
#include <pthread.h>
static void *idle(void *arg) { (void)arg; for (;;) pause(); return 0; }
int main(void) {
  read_input();
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  int held = 0;
  pthread_t t;
  while (held < 5000 && pthread_create(&t, &attr, idle, 0) == 0) held++;
  answer(held >= 1000);
  return 0;
}
`,
      );
    });

    it('C: 5000 child processes that sleep', async () => {
      await expectCapped(
        'c',
        `${C}
int main(void) {
  read_input();
  fflush(stdout);
  int held = 0;
  while (held < 5000) {
    pid_t pid = fork();
    if (pid == 0) for (;;) pause();
    if (pid < 0) break;
    held++;
  }
  answer(held >= 1000);
  return 0; /* the run wrapper kills the children */
}
`,
      );
    });

    it('Python: 5000 threads (smallest stacks) that sleep', async () => {
      await expectCapped(
        'python',
        `${PY}
import threading, time
threading.stack_size(32 * 1024)
held = 0
try:
    while held < 5000:
        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
        held += 1
except RuntimeError:
    pass
answer(held >= 1000)
os._exit(0)
`,
      );
    });

    it('the cap is the pids limit: a server constant in every container spec', () => {
      const spec = containerSpec({ image: 'x', memoryMb: 64, deadline: 0, purpose: 'run' });
      expect(spec.HostConfig!.PidsLimit).toBe(SANDBOX_CONSTANTS.pidsLimit);
      expect(SANDBOX_CONSTANTS.pidsLimit).toBeLessThan(1000);
    });
  });

  describe('11. memory bombs', () => {
    /** Judges on the roomy package while watching MemAvailable and inspecting the live box. */
    async function expectMemoryCapped(language: LanguageId, source: string): Promise<Docker.ContainerInspectInfo> {
      const before = await memAvailableBytes();
      let live: Promise<Docker.ContainerInspectInfo> | undefined;
      const { result, samples } = await watching(
        judgeRoomy(language, source, {
          onEvent: (event) => {
            if (event.type === 'testing' && !live) {
              live = listSandboxContainers(docker, { ownOnly: true }).then((boxes) => docker.getContainer(boxes[0]!.Id).inspect());
            }
          },
        }),
        memAvailableBytes,
      );
      expectNoneAccepted(result);
      expect(result.tests.map((t) => t.verdict)).toEqual(Array<Verdict>(5).fill('memory_limit'));
      for (const test of result.tests) {
        // The host's own accounting (cgroup peak) never saw more than the limit.
        expect(test.memoryKb).toBeLessThanOrEqual(64 * 1024 + 1024);
      }
      // The attack asks for 4 GiB; the host never lost anything near that (other runs may share the machine).
      expect(before - Math.min(...samples)).toBeLessThan(1.5 * 1024 * MiB);
      expect(live).toBeDefined();
      return live!;
    }

    it('Python: a list that grows by 1 MiB blocks up to 4 GiB → memory_limit; no swap (Memory = MemorySwap = 64 MB)', async () => {
      const live = await expectMemoryCapped(
        'python',
        `${PY}
blocks = []
while len(blocks) < 4096:
    blocks.append(b'x' * (1 << 20))
answer(True)
`,
      );
      expect(live.HostConfig.Memory).toBe(64 * MiB);
      expect(live.HostConfig.MemorySwap).toBe(64 * MiB);
      expect(live.HostConfig.MemorySwappiness).toBe(0);
      expect(live.HostConfig.OomKillDisable).toBe(false);
    });

    it('C: one 4 GiB malloc, every page touched → memory_limit', async () => {
      await expectMemoryCapped(
        'c',
        `${C}
int main(void) {
  read_input();
  size_t size = (size_t)4 << 30;
  char *p = malloc(size);
  if (!p) { answer(0); return 0; }
  /* volatile: otherwise the compiler may drop the stores (and the memory use) altogether */
  volatile char *q = p;
  for (size_t i = 0; i < size; i += 4096) q[i] = 1;
  answer(q[size - 4096] == 1);
  return 0;
}
`,
      );
    });

    it('Python: one 4 GiB bytearray, every page touched → memory_limit', async () => {
      await expectMemoryCapped(
        'python',
        `${PY}
try:
    big = bytearray(4 << 30)
except MemoryError:
    answer(False)
    sys.exit(0)
for i in range(0, len(big), 4096):
    big[i] = 1
answer(True)
`,
      );
    });
  });

  describe('12. disk and inode fills', () => {
    /** Judges on the roomy package while watching the free space of the host's /. */
    async function expectDiskCapped(language: LanguageId, source: string, firstVerdicts: Verdict[]): Promise<JudgeResult> {
      const before = await freeDiskBytes();
      const { result, samples } = await watching(judgeRoomy(language, source), freeDiskBytes);
      expectNoneAccepted(result);
      expect(firstVerdicts).toContain(result.tests[0]!.verdict);
      // The attack tries to write 512 MiB; the host disk never lost anything near that.
      expect(before - Math.min(...samples)).toBeLessThan(256 * MiB);
      return result;
    }

    /** Writes up to 512 MiB as 32 MiB files (under the 64 MiB fsize cap); correct sum only if it all fit. */
    const fill = (place: string) => `${PY}
TARGET = 512 << 20
chunk = b'x' * (1 << 20)
written = 0
try:
    for i in range(TARGET // (32 << 20)):
        fd = os.open('${place}/fill-%d-%d' % (N, i), os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        try:
            for _ in range(32):
                n = os.write(fd, chunk)
                written += n
                if n < len(chunk):
                    raise OSError('short write')
        finally:
            os.close(fd)
except OSError:
    pass
answer(written >= TARGET)
`;

    it('/box (128 MB tmpfs, charged to the 64 MB memory cap): filling it is stopped', async () => {
      // The writer runs into the memory cap before the tmpfs is full; its files stay and keep the
      // box's memory full, so later tests of this submission may not even start. No test is accepted.
      await expectDiskCapped('python', fill('/box'), ['memory_limit', 'wrong_answer']);
    });

    it('/tmp (16 MB tmpfs): filling it stops at ENOSPC', async () => {
      const result = await expectDiskCapped('python', fill('/tmp'), ['wrong_answer']);
      expect(result.tests.map((t) => t.verdict)).toEqual(Array<Verdict>(5).fill('wrong_answer'));
    });

    it('/dev/shm (4 MB): filling it stops at ENOSPC', async () => {
      const result = await expectDiskCapped('python', fill('/dev/shm'), ['wrong_answer']);
      expect(result.tests.map((t) => t.verdict)).toEqual(Array<Verdict>(5).fill('wrong_answer'));
    });

    /*
     * The inodes pin kernel memory in the box's cgroup. PID 1 (tini, sleep)
     * runs with oom_score_adj -1000 and candidate processes with +1000, so the
     * OOM killer takes the candidate's process, never the box: no system_error.
     */
    it('inode fill: empty files in /box, /tmp and /dev/shm until 500 000 exist → stopped (by the memory cap)', async () => {
      const result = await expectDiskCapped(
        'c',
        `${C}
int main(void) {
  read_input();
  const char *places[3] = { "/box", "/tmp", "/dev/shm" };
  int alive[3] = { 1, 1, 1 };
  long created = 0;
  char path[96];
  for (long i = 0; created < 500000 && (alive[0] || alive[1] || alive[2]); i++) {
    for (int p = 0; p < 3; p++) {
      if (!alive[p]) continue;
      snprintf(path, sizeof path, "%s/i%lld-%ld", places[p], N, i);
      int fd = open(path, O_CREAT | O_WRONLY | O_EXCL, 0600);
      if (fd < 0) { alive[p] = 0; continue; }
      close(fd);
      created++;
    }
  }
  answer(created >= 500000);
  return 0;
}
`,
        ['memory_limit', 'wrong_answer'],
      );
      expect(result.verdict).not.toBe('system_error');
    });

    it('with memory to spare, the caps are exactly the tmpfs sizes and fsize: 64 MiB per file, 128 MiB in /box, 16 MiB in /tmp, 4 MiB in /dev/shm', async () => {
      const box: Box = await openBox(docker, { image: await imageFor('python'), memoryMb: 512, deadline: Date.now() + 120_000, purpose: 'run' });
      const before = await freeDiskBytes();
      try {
        const script = String.raw`
import errno, json, os
chunk = b'x' * (1 << 20)
def fill(path, limit):
    written, err = 0, None
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        while written < limit:
            n = os.write(fd, chunk)
            written += n
            if n < len(chunk):
                break
    except OSError as e:
        err = errno.errorcode[e.errno]
    finally:
        os.close(fd)
    return written, err
report = {}
for place in ('/box', '/tmp', '/dev/shm'):
    one, one_err = fill(place + '/single', 512 << 20)
    total, err, i = one, one_err, 0
    while err != 'ENOSPC' and total < (1 << 30):
        n, err = fill('%s/more-%d' % (place, i), 32 << 20)
        total, i = total + n, i + 1
    report[place] = {'single': one, 'single_err': one_err, 'total': total, 'err': err}
print(json.dumps(report))
`;
        const outcome = await box.exec({ argv: ['python3', '-c', script], wallTimeMs: 60_000, stdoutLimit: 64 * 1024, stderrLimit: 64 * 1024 });
        expect(outcome.exitCode, outcome.stderr.toString()).toBe(0);
        expect(outcome.oomKilled).toBe(false);
        const report = JSON.parse(outcome.stdout.toString()) as Record<string, { single: number; single_err: string; total: number; err: string }>;
        // fsize: no single file grows past 64 MiB (EFBIG; SIGXFSZ is ignored by Python).
        expect(report['/box']).toMatchObject({ single: SANDBOX_CONSTANTS.fileSizeBytes, single_err: 'EFBIG', err: 'ENOSPC' });
        expect(report['/box']!.total).toBeLessThanOrEqual(SANDBOX_CONSTANTS.boxSizeMb * MiB);
        expect(report['/box']!.total).toBeGreaterThan((SANDBOX_CONSTANTS.boxSizeMb - 2) * MiB);
        expect(report['/tmp']!.err).toBe('ENOSPC');
        expect(report['/tmp']!.total).toBeLessThanOrEqual(SANDBOX_CONSTANTS.tmpSizeMb * MiB);
        expect(report['/dev/shm']!.err).toBe('ENOSPC');
        expect(report['/dev/shm']!.total).toBeLessThanOrEqual(SANDBOX_CONSTANTS.shmSizeBytes);
        // The ~150 MB went to the box's tmpfs (RAM), not to the host's disk.
        expect(before - (await freeDiskBytes())).toBeLessThan(100 * MiB);
      } finally {
        await box.destroy();
      }
    });
  });
});
