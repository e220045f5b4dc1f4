/**
 * Red-team catalogue item 35: attacks on what Kodbro runs inside a box beside
 * the candidate's program.
 *
 * What shares a box (a pid namespace, a uid, a pipe or a file) with candidate code:
 *   - PID 1 (Docker's tini) and its `sleep`, as uid 65534 (IDLE_USER);
 *   - kodbro-runner, as the candidate's own uid 1000 but not dumpable: the parent of every test's process
 *     (docs/sandbox-runner.md; the attacks on it are in runner.test.ts);
 *   - the unpack shell and tar of UNPACK_THEN_RUN (uid 1000; only before a compile or a first run,
 *     on a fresh box or one just restarted), which writes /tmp/.unpack;
 *   - the kill exec of box.ts killAll() (`kill -KILL -1`, uid 1000), on a stop or a sweep;
 *   - the leftover scan exec (uid 65534), only where the host's cgroup is not visible;
 *   - the runner exec's pipes to the server, framed by the Docker daemon and inside that by the runner
 *     (never by anything the candidate runs).
 * Custom checkers run in a container of their own (custom-checker.ts), never beside candidate code.
 * Daemons that outlive their test (and kill or outlast the wrapper) are item 15 in output.test.ts;
 * ptrace, /proc/<pid>/mem and environ of PID 1 are item 3 and 4 in escape.test.ts.
 *
 * The invariant checked here: only the candidate's own test can fail; the next test and the next
 * submission are judged correctly, no verdict is forged, and no fault of ours (an infrastructure
 * failure) comes out of it — `judgeSource` throws on anything that is not a verdict.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JudgeResult } from '../../server/src/contracts/index.ts';
import { expectDockerClean, judgeSource, SUM_PACKAGE } from '../support/sandbox.ts';

const HIDDEN = 5;
const CORRECT_PY = 'input()\nprint(sum(map(int, input().split())))\n';

/** Reads the sum input; `answer(won)` prints the correct sum only if the attack worked. */
const C = String.raw`
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
static long long SUM;
static void read_input(void) {
  long long n = 0, x;
  if (scanf("%lld", &n) != 1) return;
  for (long long i = 0; i < n && scanf("%lld", &x) == 1; i++) SUM += x;
}
static void answer(int won) {
  printf("%lld\n", won ? SUM : SUM + 1);
  fflush(stdout);
}
/* The uid of a process, or -1 when it is gone. */
static long uid_of(pid_t pid) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  long uid = -1;
  unsigned u;
  while (fgets(line, sizeof line, f)) if (sscanf(line, "Uid: %u", &u) == 1) { uid = u; break; }
  fclose(f);
  return uid;
}
`;

function verdicts(result: JudgeResult): string[] {
  return result.tests.map((t) => t.verdict);
}

/** The next submission, in fresh boxes, is judged as usual. */
async function expectNextSubmissionJudged(): Promise<void> {
  const next = await judgeSource(SUM_PACKAGE, 'python', CORRECT_PY);
  expect(verdicts(next)).toEqual(Array<string>(HIDDEN).fill('accepted'));
}

describe('35. attacks on what Kodbro runs beside the candidate', () => {
  afterEach(expectDockerClean);

  it('control: the harness is accepted when it reports that the attack worked', async () => {
    const result = await judgeSource(SUM_PACKAGE, 'c', `${C}\nint main(void) { read_input(); answer(1); return 0; }\n`);
    expect(result.verdict).toBe('accepted');
  });

  it('SIGSTOP, SIGKILL and SIGTERM to every process it can see (PID 1, sleep, any exec of ours): none of another uid is hit; every test is judged', async () => {
    // The wrapper (its parent, same uid) is spared here: killing it is item 15.
    const source = `${C}
int main(void) {
  read_input();
  pid_t me = getpid(), wrapper = getppid();
  int others = 0, hit = 0;
  DIR *proc = opendir("/proc");
  struct dirent *e;
  while (proc && (e = readdir(proc))) {
    pid_t pid = (pid_t)atoi(e->d_name);
    if (pid <= 0 || pid == me || pid == wrapper) continue;
    long uid = uid_of(pid);
    if (uid < 0) continue;
    int foreign = uid != (long)getuid();
    others += foreign;
    int sigs[] = { SIGSTOP, SIGTERM, SIGKILL };
    for (int i = 0; i < 3; i++) if (kill(pid, sigs[i]) == 0 && foreign) hit = 1;
  }
  /* PID 1 and its sleep (uid 65534) must have been seen, or the attack proved nothing. */
  answer(hit || others < 2);
  return 0;
}
`;
    const result = await judgeSource(SUM_PACKAGE, 'c', source);
    expect(result.compileOutput).toBeUndefined();
    expect(verdicts(result)).toEqual(Array<string>(HIDDEN).fill('wrong_answer'));
    await expectNextSubmissionJudged();
  });

  it('fake Docker stream frames on stderr and inside stdout do not move bytes between the streams', async () => {
    // stderr: a stdout frame header followed by the right answer; stdout: a stderr frame header
    // "holding" a wrong line, then the right answer. A demultiplexer that parsed what the program
    // wrote (rather than the daemon's framing) would find exactly the right answer on stdout.
    const source = `${C}
static void frame(FILE *to, unsigned char stream, const char *text) {
  unsigned len = (unsigned)strlen(text);
  unsigned char header[8] = { stream, 0, 0, 0, (unsigned char)(len >> 24), (unsigned char)(len >> 16), (unsigned char)(len >> 8), (unsigned char)len };
  fwrite(header, 1, 8, to);
  fputs(text, to);
  fflush(to);
}
int main(void) {
  read_input();
  char right[64];
  snprintf(right, sizeof right, "%lld\\n", SUM);
  frame(stderr, 1, right);
  frame(stdout, 2, "999999\\n");
  fputs(right, stdout);
  fflush(stdout);
  return 0;
}
`;
    const result = await judgeSource(SUM_PACKAGE, 'c', source);
    expect(result.compileOutput).toBeUndefined();
    expect(verdicts(result)).toEqual(Array<string>(HIDDEN).fill('wrong_answer'));
    // And on a run whose output the candidate sees: the fake header is part of stdout, stderr holds its own bytes.
    const own = await judgeSource(SUM_PACKAGE, 'c', source, { testSet: { customInput: Buffer.from('2\n2 4\n') }, captureOutput: true });
    const output = own.tests[0]?.output;
    expect(output?.stdout).toContain('999999');
    expect(output?.stdout.endsWith('6\n')).toBe(true);
    expect(output?.stderr.endsWith('6\n')).toBe(true);
  });

  it('a watcher that stops, traces and reads every process appearing during its run (the kill exec, any scan): only its own test fails', async () => {
    // It never ends by itself, so the server's timer sends the kill exec into the box while the
    // watcher scans /proc in a busy loop: it SIGSTOPs and PTRACE_SEIZEs each new process and opens
    // its environ, mem and fd folder, reporting each on stdout (shown for a custom-input run).
    // A stopped kill exec means a box restart, and the next test unpacks and compiles again in it:
    // the watcher fills every inode of /tmp first, so that unpack needs a /tmp the restart emptied.
    const source = `${C}
/* The uid class each pid was last attacked under (0: never seen): a pid that changes uid (runc init becoming the exec's user) is attacked again. */
static unsigned char seen[1 << 22];
static unsigned char uid_class(long uid) { return uid == 0 ? 2 : uid == 1000 ? 3 : uid == 65534 ? 4 : 5; }
static void scan(int attack) {
  DIR *proc = opendir("/proc");
  struct dirent *e;
  while (proc && (e = readdir(proc))) {
    pid_t pid = (pid_t)atoi(e->d_name);
    if (pid <= 0 || pid >= (1 << 22) || pid == getpid()) continue;
    long uid = uid_of(pid);
    if (uid < 0 || seen[pid] == uid_class(uid)) continue;
    seen[pid] = uid_class(uid);
    if (!attack) continue;
    int stop = kill(pid, SIGSTOP) == 0;
    int trace = ptrace(PTRACE_SEIZE, pid, 0, 0) == 0;
    char path[64], cmd[128] = "";
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    int c = open(path, O_RDONLY);
    if (c >= 0) { ssize_t n = read(c, cmd, sizeof cmd - 1); if (n > 0) { for (ssize_t i = 0; i < n; i++) if (!cmd[i]) cmd[i] = ' '; cmd[n] = 0; } close(c); }
    const char *what[] = { "environ", "mem" };
    int opened[2];
    for (int i = 0; i < 2; i++) {
      snprintf(path, sizeof path, "/proc/%d/%s", pid, what[i]);
      int fd = open(path, O_RDONLY);
      opened[i] = fd >= 0;
      if (fd >= 0) close(fd);
    }
    snprintf(path, sizeof path, "/proc/%d/fd", pid);
    DIR *fds = opendir(path);
    int fdlist = fds != NULL;
    if (fds) closedir(fds);
    printf("seen uid=%ld stop=%d trace=%d environ=%d mem=%d fd=%d cmd=%s\\n", uid, stop, trace, opened[0], opened[1], fdlist, cmd);
    fflush(stdout);
  }
  if (proc) closedir(proc);
}
int main(void) {
  read_input();
  /* Every inode of /tmp: if a restarted box kept its /tmp, the next test's unpack could not write /tmp/.unpack. */
  char path[64];
  for (int i = 0; i < 100000; i++) {
    snprintf(path, sizeof path, "/tmp/f%d", i);
    int f = open(path, O_CREAT | O_WRONLY, 0600);
    if (f < 0) break;
    close(f);
  }
  scan(0);
  printf("watching\\n");
  fflush(stdout);
  for (;;) scan(1);
}
`;
    const own = await judgeSource(SUM_PACKAGE, 'c', source, { testSet: { customInput: Buffer.from('2\n2 4\n') }, captureOutput: true });
    expect(own.tests.map((t) => t.verdict)).toEqual(['time_limit']);
    const report = own.tests[0]?.output?.stdout ?? '';
    console.log(`what the watcher saw appear beside it:\n${report}`);
    expect(report).toContain('watching');
    // Whatever of ours ran as another uid (runc setting up an exec as root, the scan as 65534 where used) resisted every attack.
    for (const line of report.split('\n').filter((l) => l.startsWith('seen ') && !l.includes('uid=1000 '))) {
      expect(line).toMatch(/^seen uid=(0|65534) stop=0 trace=0 environ=0 mem=0 fd=0 /);
    }

    // On one lane, with the judge's own budget (compile 5 s: 10 + 5 × 9 + 60 = 115 s). A stopped kill
    // exec used to hold each test for Docker's 30 s API timeout before the box was restarted, so this
    // judgement ran out of budget: an infrastructure failure, retried by the queue, caused by a candidate.
    const started = performance.now();
    const result = await judgeSource(SUM_PACKAGE, 'c', source, { limits: { boxesPerSubmission: 1, compileTimeMs: 5000 } });
    console.log(`watcher on one lane: judged in ${Math.round((performance.now() - started) / 1000)} s`);
    expect(verdicts(result)).toEqual(Array<string>(HIDDEN).fill('time_limit'));
    await expectNextSubmissionJudged();
  });

  it('fills /tmp and /dev/shm, holds every pid and kills its wrapper: a verdict for every test, the next submission judged', async () => {
    // The kill exec then has to start with (nearly) every pid held, and may fail to: the box is
    // killed from outside or restarted (and, restarted, the program compiled again in it).
    const source = `${C}
static void fill(const char *dir, int inodes) {
  static char block[1 << 16];
  char path[128];
  snprintf(path, sizeof path, "%s/big", dir);
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  if (fd >= 0) { while (write(fd, block, sizeof block) > 0) {} close(fd); }
  for (int i = 0; i < inodes; i++) {
    snprintf(path, sizeof path, "%s/f%d", dir, i);
    int f = open(path, O_CREAT | O_WRONLY, 0600);
    if (f < 0) break;
    close(f);
  }
}
static void hold_pids(void) {
  for (int fd = 0; fd < 3; fd++) close(fd);
  setsid();
  for (;;) {
    pid_t p = fork();
    if (p == 0) continue; /* the child grabs pids too */
    usleep(2000);
  }
}
int main(void) {
  read_input();
  /* Every inode of /tmp (4096); /dev/shm has far more, whose kernel memory would end the run as memory_limit first. */
  fill("/tmp", 100000);
  fill("/dev/shm", 0);
  answer(0);
  pid_t wrapper = getppid();
  if (fork() == 0) hold_pids();
  usleep(300000);
  kill(wrapper, SIGKILL);
  return 0;
}
`;
    const result = await judgeSource(SUM_PACKAGE, 'c', source);
    expect(result.compileOutput).toBeUndefined();
    expect(result.score).toBe(0);
    expect(result.tests).toHaveLength(HIDDEN);
    console.log(`pid holder with full /tmp: ${verdicts(result).join(', ')}`);
    // Its own limits, whichever it reaches first: the wrapper's kill, the clock, or the memory its files and processes take.
    for (const verdict of verdicts(result)) expect(['runtime_error', 'time_limit', 'memory_limit']).toContain(verdict);
    await expectNextSubmissionJudged();
  });
});
