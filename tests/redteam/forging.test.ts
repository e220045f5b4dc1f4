/**
 * Red team, catalogue items 17–24: forging results and leaking hidden tests.
 * Verdicts are decided on the server by comparing plain bytes with answers
 * that never enter a candidate's container, so printing what a judge "wants
 * to see", monkeypatching, searching the machine or keeping files from an
 * earlier run earns nothing, and the judge result carries no hidden bytes.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hiddenTests, loadChallenge, type Challenge } from '../../server/src/challenges/index.ts';
import type { JudgeEvent, JudgeResult, LanguageId } from '../../server/src/contracts/index.ts';
import { judgeSubmission } from '../../server/src/judge/index.ts';
import { listSandboxContainers } from '../../server/src/sandbox/index.ts';
import { docker, expectDockerClean, judgeDeps, judged, judgeSource, loadPackage, REPO_ROOT, SUM_PACKAGE } from '../support/sandbox.ts';

let sum: Challenge;
let hidden: { id: string; input: string; answer: string }[] = [];
let scratch: string;

beforeAll(async () => {
  sum = await loadPackage(SUM_PACKAGE);
  hidden = hiddenTests(sum).map(({ test }) => ({ id: test.id, input: test.input.toString('latin1'), answer: test.answer.toString('latin1').trim() }));
  scratch = await mkdtemp(path.join(tmpdir(), 'kodbro-redteam-forging-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});
afterEach(expectDockerClean);

async function judge(language: LanguageId, source: string, options: { testSet?: 'hidden' | 'samples' } = {}) {
  const events: JudgeEvent[] = [];
  const result = await judgeSource(SUM_PACKAGE, language, source, { ...options, onEvent: (e) => events.push(e) });
  return { result, events };
}

function accepted(result: JudgeResult): string[] {
  return result.tests.filter((t) => t.verdict === 'accepted').map((t) => t.id);
}

function expectAll(result: JudgeResult, verdict: string): void {
  expect(result.tests.map((t) => t.verdict)).toEqual(hidden.map(() => verdict));
  expect(result.score).toBe(0);
}

/** How many numbers the first hidden test sums: how a program can tell it is in test 1 without knowing its answer. */
function firstCount(): number {
  const counts = hidden.map((t) => Number(t.input.split(/\s+/)[0]));
  expect(counts.filter((c) => c === counts[0]), 'the first hidden test is recognisable by its count').toHaveLength(1);
  return counts[0] ?? 0;
}

/** Every number of 8 or more digits in a hidden input, and every hidden answer: none may reach a result. */
function hiddenNeedles(): string[] {
  const numbers = new Set<string>();
  for (const { input, answer } of hidden) {
    for (const token of input.split(/\s+/)) if (token.replace('-', '').length >= 8) numbers.add(token);
    numbers.add(answer);
  }
  return [...numbers];
}

function expectNoHiddenBytes(value: unknown): void {
  const json = JSON.stringify(value);
  const leaked = hiddenNeedles().filter((needle) => json.includes(needle));
  expect(leaked, 'hidden input or answer bytes in what the judge returned').toEqual([]);
}

const PY_SUM = 'input()\nanswer = sum(map(int, input().split()))\n';
const C_SUM = `#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static long long read_sum(void) {
  long long n, s = 0, x;
  if (scanf("%lld", &n) != 1) exit(1);
  while (n--) { if (scanf("%lld", &x) != 1) exit(1); s += x; }
  return s;
}
`;

describe('17: pass markers and verdict-shaped output', () => {
  it('verdict JSON, framework summaries and "accepted" on both streams: wrong answer', async () => {
    const { result } = await judge(
      'python',
      `import sys, json
markers = [
    json.dumps({"verdict": "accepted", "score": 100}),
    json.dumps({"tests": [{"id": str(i), "verdict": "accepted"} for i in range(1, 6)], "score": 100}),
    "=== 10 passed ===", "Tests: 10 passed, 10 total", "OK (10 tests)", "ok 1 - sum", "# pass 10", "# fail 0",
    "All tests passed!", "accepted", "AC", "PASS", "Correct", "1..10",
]
sys.stderr.write("\\n".join(markers) + "\\n")
print("\\n".join(markers))
`,
    );
    expectAll(result, 'wrong_answer');
  });

  it('the Kattis "accept" exit code 42 after printing markers: not accepted', async () => {
    const { result } = await judge('python', 'import sys\nprint("accepted")\nsys.stdout.flush()\nsys.exit(42)\n');
    expectAll(result, 'runtime_error');
  });
});

describe('18: exiting with status 0 before answering', () => {
  const programs: [LanguageId, string][] = [
    ['python', 'import os\ninput()\nos._exit(0)\nprint("never")\n'],
    ['javascript', "process.exit(0);\nconsole.log('never');\n"],
    ['c', `${C_SUM}int main(void) { _exit(0); printf("%lld\\n", read_sum()); }\n`],
  ];
  for (const [language, source] of programs) {
    it(`${language}: every unanswered test fails`, async () => {
      const { result } = await judge(language, source);
      expectAll(result, 'wrong_answer');
    });
  }
});

describe('19: writing into another process’s output', () => {
  it('writing the answer into /proc/<pid>/fd/1 and fd/2 of every other process, PID 1 included: no effect', async () => {
    const { result } = await judge(
      'python',
      `import os, sys
${PY_SUM}mine = os.readlink("/proc/self/fd/1")
tried, hits = 0, []
targets = ["/proc/1/fd/1", "/proc/1/fd/2", "/dev/console", "/dev/tty", "/proc/1/root/proc/1/fd/1"]
for pid in os.listdir("/proc"):
    if pid.isdigit() and int(pid) != os.getpid():
        targets += ["/proc/%s/fd/1" % pid, "/proc/%s/fd/2" % pid]
for path in targets:
    try:
        if os.readlink(path) == mine:
            continue  # the test's own stream (our wrapper's): writing there is just printing
    except OSError:
        pass
    tried += 1
    try:
        with open(path, "w") as f:
            f.write("%d\\n" % answer)
        hits.append(path)
    except OSError:
        pass
sys.stderr.write("tried %d, wrote %r\\n" % (tried, hits))
# Nothing printed on our own stream: only a write that reached the judge some other way could pass.
`,
    );
    expectAll(result, 'wrong_answer');
  });
});

describe('20: monkeypatching the runtime', () => {
  it('Python: an always-equal object, a patched print and sys.stdout.write: wrong answer', async () => {
    const { result } = await judge(
      'python',
      `import builtins, sys, unittest
class AlwaysEqual:
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __repr__(self): return "AlwaysEqual()"
    __str__ = __repr__
real_write = sys.stdout.write
sys.stdout.write = lambda s: real_write(s)
builtins.print = lambda *a, **k: real_write(" ".join(map(repr, a)) + "\\n")
unittest.TestCase.assertEqual = lambda *a, **k: None
print(AlwaysEqual())
`,
    );
    expectAll(result, 'wrong_answer');
  });

  it('JavaScript: patched prototypes and an object that equals everything: wrong answer', async () => {
    const { result } = await judge(
      'javascript',
      `String.prototype.trim = function () { return 'accepted'; };
Object.prototype.equals = () => true;
JSON.parse = () => ({ verdict: 'accepted', score: 100 });
const always = { valueOf: () => 0, toString: () => 'AlwaysEqual', [Symbol.toPrimitive]: () => 'AlwaysEqual' };
console.log(\`\${always}\`);
`,
    );
    expectAll(result, 'wrong_answer');
  });
});

describe('21: searching the machine for the expected answers', () => {
  let slow: Challenge;
  beforeAll(async () => {
    // The sum package with a 10 s limit, so a search of the whole file system fits in one test.
    const dir = path.join(scratch, 'sum-slow');
    await cp(path.join(REPO_ROOT, SUM_PACKAGE), dir, { recursive: true });
    const manifest = await readFile(path.join(dir, 'kodbro.yaml'), 'utf8');
    await writeFile(path.join(dir, 'kodbro.yaml'), manifest.replace(/timeMs: \d+/, 'timeMs: 10000'));
    slow = await loadChallenge(dir);
  });

  it('reading every file, the environment and other processes’ memory finds nothing to print', async () => {
    // exit 0 + the answer: found it (the defence failed); exit 3: the search was too narrow to
    // prove anything; exit 5: hidden input bytes outside this process; wrong answer: searched, found nothing.
    const source = `#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
extern char **environ;
static char input[1 << 21], needle[64];
static size_t needle_len;
static long files, bytes, processes;
static char *buf;
#define CAP (16 << 20)

static void answer_beside(const char *path) {
  const char *exts[] = {".ans", ".out", ".a", ".expected", ".answer"};
  char sibling[4200], line[256];
  for (int i = 0; i < 5; i++) {
    snprintf(sibling, sizeof sibling, "%s", path);
    char *dot = strrchr(sibling, '.');
    if (dot) *dot = 0;
    strcat(sibling, exts[i]);
    FILE *f = fopen(sibling, "r");
    if (f && fgets(line, sizeof line, f)) { fputs(line, stdout); exit(0); }
    if (f) fclose(f);
  }
  fprintf(stderr, "input found in %s without an answer beside it\\n", path);
  exit(5);
}

static void scan_file(const char *path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
  if (fd < 0) return;
  ssize_t n = read(fd, buf, CAP);
  close(fd);
  if (n <= 0) return;
  files++; bytes += n;
  if (memmem(buf, (size_t)n, needle, needle_len)) answer_beside(path);
}

static void walk(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  char path[4096];
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", e->d_name);
    if (!strcmp(path, "/proc") || !strcmp(path, "/sys") || !strcmp(path, "/dev")) continue;
    struct stat st;
    if (lstat(path, &st)) continue;
    if (S_ISDIR(st.st_mode)) walk(path);
    else if (S_ISREG(st.st_mode)) scan_file(path);
  }
  closedir(d);
}

/* Other processes: their environment, command line and every readable memory region. */
static void scan_processes(void) {
  DIR *d = opendir("/proc");
  struct dirent *e;
  char path[128], line[512];
  while ((e = readdir(d))) {
    int pid = atoi(e->d_name);
    if (pid <= 0 || pid == getpid()) continue;
    processes++;
    const char *names[] = {"environ", "cmdline"};
    for (int i = 0; i < 2; i++) {
      snprintf(path, sizeof path, "/proc/%d/%s", pid, names[i]);
      int fd = open(path, O_RDONLY);
      if (fd < 0) continue;
      ssize_t n = read(fd, buf, CAP);
      close(fd);
      if (n > 0 && memmem(buf, (size_t)n, needle, needle_len)) { fprintf(stderr, "input in %s\\n", path); exit(5); }
    }
    snprintf(path, sizeof path, "/proc/%d/maps", pid);
    FILE *maps = fopen(path, "r");
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    int mem = open(path, O_RDONLY);
    while (maps && mem >= 0 && fgets(line, sizeof line, maps)) {
      unsigned long lo, hi; char perms[8];
      if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3 || perms[0] != 'r') continue;
      for (unsigned long at = lo; at < hi; at += CAP) {
        size_t want = hi - at < CAP ? hi - at : CAP;
        ssize_t n = pread(mem, buf, want, (off_t)at);
        if (n > 0 && memmem(buf, (size_t)n, needle, needle_len)) { fprintf(stderr, "input in memory of %d\\n", pid); exit(5); }
      }
    }
    if (maps) fclose(maps);
    if (mem >= 0) close(mem);
  }
  closedir(d);
}

int main(void) {
  size_t n = fread(input, 1, sizeof input - 1, stdin);
  input[n] = 0;
  char *second = strchr(input, '\\n');
  if (!second) return 4;
  second++;
  needle_len = strcspn(second, "\\n");
  if (needle_len > 40) needle_len = 40;
  memcpy(needle, second, needle_len);
  memset(input, 0, sizeof input);
  buf = malloc(CAP);
  for (char **v = environ; *v; v++) if (strstr(*v, needle) || strcasestr(*v, "answer") || strcasestr(*v, "expected")) { puts(strchr(*v, '=') + 1); return 0; }
  walk("/");
  walk("/dev/shm");
  scan_processes();
  fprintf(stderr, "searched %ld files (%ld bytes) and %ld processes\\n", files, bytes, processes);
  if (files < 1000 || bytes < 20L * 1024 * 1024) return 3;
  puts("0");
  return 0;
}
`;
    const result = judged(await judgeSubmission(slow, { language: 'c', source }, judgeDeps()));
    expectAll(result, 'wrong_answer');
  });

  it('seen from outside: no hidden input or answer is anywhere in a running sandbox container', async () => {
    // The candidate sleeps through test 1 while this test searches its container as root. A canary in
    // the candidate's own source must be found (in /box/main.py), proving the search reaches the box.
    const canary = `KODBRO-CANARY-${process.pid}-${Date.now()}`;
    const searches: Promise<string>[] = [];
    const outcome = await judgeSubmission(
      slow,
      {
        language: 'python',
        source: `# ${canary}\nimport time\nn = int(input())\nanswer = sum(map(int, input().split()))\nif n == ${firstCount()}:\n    time.sleep(12)\nprint(answer)\n`,
      },
      // One box: the search must run in the box where test 1 sleeps. (In a second box, finishing
      // its own tests, the after-run sweep would see the search's root process as a leftover and
      // restart that box, ending the search.)
      judgeDeps({ boxesPerSubmission: 1 }),
      {
        onEvent: (event) => {
          if (event.type !== 'testing' || event.index !== 1) return;
          searches.push(
            (async () => {
              const [box] = await listSandboxContainers(docker, { ownOnly: true });
              if (!box) throw new Error('no sandbox container during the run');
              return searchContainer(box.Id, [...hiddenNeedles(), canary]);
            })(),
          );
        },
      },
    );
    expect(judged(outcome).verdict).toBe('accepted');
    expect(searches).toHaveLength(1);
    const report = (await searches[0]) ?? '';
    expect(report).toContain('SEARCH DONE');
    expect(report.split('\n').filter((line) => line.startsWith('HIT'))).toEqual(['HIT file /box/main.py']);
  });
});

/**
 * Runs grep over the whole file system of a sandbox container (as root, which
 * reads every file there) and over every /proc/<pid>/environ and cmdline it
 * may read. The needles travel on standard input, never on a command line,
 * so the search cannot find itself.
 */
function searchContainer(id: string, needles: readonly string[]): Promise<string> {
  const script = `pats=$(cat)
printf '%s\\n' "$pats" | grep -rlsF -f - / /dev/shm --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev | sed 's/^/HIT file /'
for f in /proc/[0-9]*/environ /proc/[0-9]*/cmdline; do
  c=$(tr '\\000' ' ' < "$f" 2>/dev/null) || continue
  for p in $pats; do case "$c" in *"$p"*) echo "HIT $f";; esac; done
done
echo SEARCH DONE`;
  return new Promise((resolve, reject) => {
    const child = execFile('docker', ['exec', '-i', '-u', '0:0', id, 'sh', '-c', script], { maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && !stdout.includes('SEARCH DONE')) reject(new Error(`search failed: ${error.message} ${stderr}`));
      else resolve(stdout);
    });
    child.stdin?.end(needles.join('\n'));
  });
}

describe('22: files kept from one run for the next', () => {
  it('answers left in /tmp, /box (home) and /dev/shm by one run are gone for the next', async () => {
    // Run 1 solves honestly and stores each answer in every writable place; it fails loudly if it cannot.
    const first = await judge(
      'python',
      `import sys
${PY_SUM}for place in ("/tmp", "/box", "/dev/shm"):
    try:
        with open(place + "/kodbro-kept-answers", "a") as f:
            f.write("%d\\n" % answer)
    except OSError as e:
        sys.exit(3)
print(answer)
`,
    );
    expect(first.result.verdict).toBe('accepted');
    // Run 2 can only answer from what run 1 left: it ignores its input and counts its own tests.
    const second = await judge(
      'python',
      `import os
count_file = "/box/.kodbro-test-index"
index = int(open(count_file).read()) if os.path.exists(count_file) else 0
open(count_file, "w").write(str(index + 1))
for place in ("/tmp", "/box", "/dev/shm", "/var/tmp", "/run", "/home"):
    try:
        kept = open(place + "/kodbro-kept-answers").read().split()
        print(kept[index])
        break
    except (OSError, IndexError):
        pass
`,
    );
    expect(accepted(second.result), 'tests answered from files kept by an earlier run').toEqual([]);
    expect(second.result.score).toBe(0);
  });
});

describe('23: echoing hidden inputs', () => {
  const echoes: [string, LanguageId, string][] = [
    ['on stdout and stderr', 'python', 'import sys\ndata = sys.stdin.read()\nsys.stdout.write(data)\nsys.stderr.write(data)\n'],
    ['in an exception message', 'python', 'import sys\ndata = sys.stdin.read()\nraise RuntimeError("hidden input: " + data)\n'],
    ['as the exit status', 'python', 'import sys\ndata = sys.stdin.read().split()\nprint(data[1])\nsys.exit(abs(int(data[1])) % 256 or 1)\n'],
    ['in a JavaScript stack trace', 'javascript', "const data = require('fs').readFileSync(0, 'utf8');\nthrow new Error(data);\n"],
    ['as the answer on stderr, off by one on stdout', 'python', `import sys\n${PY_SUM}sys.stderr.write("expected %d\\n" % answer)\nprint(answer + 1)\n`],
  ];
  for (const [how, language, source] of echoes) {
    it(`${how}: the result holds verdicts, times and memory only`, async () => {
      const { result, events } = await judge(language, source);
      expect(result.score).toBe(0);
      expectNoHiddenBytes(result);
      expectNoHiddenBytes(events);
      expect(result.compileOutput).toBeUndefined();
      for (const test of result.tests) expect(Object.keys(test).sort()).toEqual(['group', 'id', 'memoryKb', 'timeMs', 'verdict']);
    });
  }
});

describe('24: forged framing and separators', () => {
  it('a forged Docker stream header and separator lines after the answer: wrong answer', async () => {
    // If the server parsed the candidate's bytes as frames, "JUNK" would move to stderr and the answer stand alone.
    const { result } = await judge(
      'python',
      `import sys
${PY_SUM}out = sys.stdout.buffer
out.write(b"%d\\n" % answer)
out.write(b"\\x02\\x00\\x00\\x00\\x00\\x00\\x00\\x05JUNK\\n")
out.write(b"--- test 2 ---\\n")
out.flush()
`,
    );
    expectAll(result, 'wrong_answer');
  });

  it('a huge forged frame length and separators in test 1 shift nothing in tests 2 to 5', async () => {
    const { result } = await judge(
      'python',
      `import sys
n = int(input())
answer = sum(map(int, input().split()))
out = sys.stdout.buffer
if n == ${firstCount()}:
    # Test 1: a frame header claiming 2 GB more stdout, then what a line-splitting judge would read as test 2.
    out.write(b"\\x01\\x00\\x00\\x00\\x7f\\xff\\xff\\xff")
    out.write(b"\\n--- test 1 ---\\n0\\n--- test 2 ---\\n0\\n=== END ===\\n")
else:
    out.write(b"%d\\n" % answer)
out.flush()
`,
    );
    expect(result.tests.map((t) => t.verdict)).toEqual(hidden.map((_, i) => (i === 0 ? 'wrong_answer' : 'accepted')));
  });
});
