/**
 * Red-team catalogue items 1–5: escape and host access.
 *
 * Every attack program is written so that, IF the attack worked, it prints the
 * correct sum and earns points; when the defence holds it prints a wrong sum.
 * Each test therefore asserts that all five hidden tests come back as
 * `wrong_answer` (the program ran to its end and observed the defence, rather
 * than crashing before it got there) and that the score is 0. A control test
 * proves that the same harness, told that the attack worked, is accepted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeResult, LanguageId } from '../../server/src/contracts/index.ts';
import {
  BOX_DIR,
  CANDIDATE_USER,
  IDLE_USER,
  imageFor,
  openBox,
  SANDBOX_CONSTANTS,
  type Box,
} from '../../server/src/sandbox/index.ts';
import { docker, expectDockerClean, judgeSource, SUM_PACKAGE } from '../support/sandbox.ts';

/** Reads the sum input; `answer(won)` prints the correct sum only if the attack worked. */
const PY = String.raw`
import os, sys
def _solve():
    data = sys.stdin.read().split()
    n = int(data[0])
    return sum(int(x) for x in data[1:1 + n])
def answer(won):
    print(_solve() if won else _solve() + 1, flush=True)
`;

const C = String.raw`
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
static long long solve(void) {
  long long n = 0, x, s = 0;
  if (scanf("%lld", &n) != 1) return 0;
  for (long long i = 0; i < n && scanf("%lld", &x) == 1; i++) s += x;
  return s;
}
static void answer(int won) {
  long long s = solve();
  printf("%lld\n", won ? s : s + 1);
  fflush(stdout);
}
`;

const ALL_WRONG = Array<string>(5).fill('wrong_answer');

/** Judges an attack on the sum fixture and asserts that the defence held on every test. */
async function expectHeld(language: LanguageId, source: string): Promise<JudgeResult> {
  const result = await judgeSource(SUM_PACKAGE, language, source);
  expect(result.compileOutput, 'the attack program must compile').toBeUndefined();
  expect(result.verdict).not.toBe('accepted');
  expect(result.score).toBe(0);
  expect(result.tests.map((t) => t.verdict)).toEqual(ALL_WRONG);
  return result;
}

/** Opens a sandbox box directly, for facts seen from the outside (docker inspect, the server's own write path). */
async function withBox<T>(language: string, fn: (box: Box, info: Docker.ContainerInspectInfo) => Promise<T>): Promise<T> {
  const box = await openBox(docker, {
    image: await imageFor(language),
    memoryMb: 64,
    deadline: Date.now() + 120_000,
    purpose: 'run',
  });
  try {
    return await fn(box, await docker.getContainer(box.id).inspect());
  } finally {
    await box.destroy();
  }
}

async function sh(box: Box, script: string): Promise<{ code: number | null; out: string; err: string }> {
  const run = await box.exec({ argv: ['/bin/sh', '-c', script], wallTimeMs: 20_000, stdoutLimit: 1 << 20, stderrLimit: 1 << 20 });
  return { code: run.exitCode, out: run.stdout.toString('utf8'), err: run.stderr.toString('utf8') };
}

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

describe('red team: escape and host access (items 1–5)', () => {
  afterEach(expectDockerClean);

  it('control: the attack harness is accepted when it reports that the attack worked', async () => {
    const py = await judgeSource(SUM_PACKAGE, 'python', `${PY}\nanswer(True)\n`);
    expect(py.verdict).toBe('accepted');
    const c = await judgeSource(SUM_PACKAGE, 'c', `${C}\nint main(void) { answer(1); return 0; }\n`);
    expect(c.verdict).toBe('accepted');
  });

  describe('1. symlinks left where the server might write or read', () => {
    let hostDir: string;
    let sentinel: string;
    let sentinelText: string;
    let pwned: string;

    beforeAll(async () => {
      hostDir = await mkdtemp(path.join(tmpdir(), 'kodbro-redteam-'));
      sentinel = path.join(hostDir, 'sentinel.txt');
      pwned = path.join(hostDir, 'pwned.txt');
      sentinelText = `kodbro-sentinel:${randomUUID()}\n`;
      await writeFile(sentinel, sentinelText);
    });
    afterAll(async () => {
      await rm(hostDir, { recursive: true, force: true });
    });

    it('links to /etc/passwd, /proc/1/root, the Docker socket and host paths reach nothing; later tests and submissions are judged normally', async () => {
      const sentinelBefore = await stat(sentinel);
      const passwdBefore = await sha256('/etc/passwd');
      const links: Record<string, string> = {
        run: '/etc/passwd',
        'passwd': '/etc/passwd',
        'pid1-root': '/proc/1/root',
        'pid1-shadow': '/proc/1/root/etc/shadow',
        'docker.sock': '/var/run/docker.sock',
        'docker-run.sock': '/run/docker.sock',
        'host-sentinel': sentinel,
        'host-pwned': pwned,
      };
      const source = `${PY}
import json, socket
LINKS = json.loads(${JSON.stringify(JSON.stringify(links))})
# The first test plants the links; later tests of the same run find them still there.
for name, target in LINKS.items():
    try:
        os.symlink(target, '/box/' + name)
    except FileExistsError:
        pass
won = False
for name in ('run', 'passwd', 'host-sentinel', 'host-pwned'):
    try:
        with open('/box/' + name, 'a') as f:
            f.write('kodbro-redteam-pwned\\n')
        if name in ('run', 'passwd'):
            won = True  # wrote /etc/passwd
    except OSError:
        pass
try:
    with open('/box/host-sentinel') as f:
        won = won or f.read().startswith('kodbro-sentinel:')  # read the host's file
except OSError:
    pass
for name in ('pid1-root', 'pid1-shadow'):
    try:
        os.listdir('/box/' + name) if name == 'pid1-root' else open('/box/' + name).read()
        won = True
    except OSError:
        pass
for name in ('docker.sock', 'docker-run.sock'):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect('/box/' + name)
        won = True
    except OSError:
        pass
    finally:
        s.close()
answer(won)
`;
      await expectHeld('python', source);

      // Nothing on the host changed, and no file the attack named appeared.
      expect(await readFile(sentinel, 'utf8')).toBe(sentinelText);
      expect((await stat(sentinel)).mtimeMs).toBe(sentinelBefore.mtimeMs);
      expect(await readdir(hostDir)).toEqual(['sentinel.txt']);
      expect(await sha256('/etc/passwd')).toBe(passwdBefore);

      // The next submission runs in a fresh box and is judged normally.
      const next = await judgeSource(SUM_PACKAGE, 'python', 'input()\nprint(sum(map(int, input().split())))\n');
      expect(next.verdict).toBe('accepted');
      expect(next.score).toBe(100);
    });

    it("the server's only write into a box (a tar on stdin, as the candidate uid) replaces planted links instead of following them", async () => {
      await withBox('python', async (box) => {
        const plant = await sh(box, 'ln -s /tmp/kodbro-target /box/main.py && ln -s /etc/passwd /box/run && echo planted');
        expect(plant.out.trim()).toBe('planted');
        await box.writeFiles([
          { path: 'main.py', content: Buffer.from('print(1)\n') },
          { path: 'run', content: Buffer.from('x\n') },
        ]);
        const after = await sh(
          box,
          'for f in /box/main.py /box/run; do [ -L "$f" ] && echo "$f link" || echo "$f file"; done; ' +
            '[ -e /tmp/kodbro-target ] && echo "target written" || echo "target absent"; grep -c kodbro /etc/passwd || true',
        );
        expect(after.out.split('\n').filter(Boolean)).toEqual(['/box/main.py file', '/box/run file', 'target absent', '0']);
      });
    });
  });

  describe('2. capabilities and privilege', () => {
    it('CapEff (and every other capability set) is 0, no_new_privs and seccomp are on; docker inspect agrees', async () => {
      await expectHeld(
        'python',
        `${PY}
status = dict(line.split(':', 1) for line in open('/proc/self/status').read().splitlines() if ':' in line)
caps = [int(status[k].strip(), 16) for k in ('CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb')]
won = any(caps) or status['NoNewPrivs'].strip() != '1' or status['Seccomp'].strip() != '2'
answer(won)
`,
      );
      await withBox('python', async (_box, info) => {
        expect(info.HostConfig.Privileged).toBe(false);
        expect(info.HostConfig.CapDrop).toEqual(['ALL']);
        expect(info.HostConfig.CapAdd ?? []).toEqual([]);
        // Docker's default seccomp profile applies: none is named, and it is not switched off.
        expect(info.HostConfig.SecurityOpt).toEqual(['no-new-privileges:true']);
      });
    });

    it('unshare (syscall, every namespace kind, and the unshare binary) fails', async () => {
      await expectHeld(
        'python',
        `${PY}
import ctypes, subprocess
libc = ctypes.CDLL(None, use_errno=True)
CLONE = {'user': 0x10000000, 'mnt': 0x00020000, 'net': 0x40000000, 'pid': 0x20000000,
         'uts': 0x04000000, 'ipc': 0x08000000, 'cgroup': 0x02000000, 'user+mnt': 0x10020000}
won = any(libc.unshare(flag) == 0 for flag in CLONE.values())
for argv in (['unshare', '-r', 'true'], ['unshare', '-U', 'true'], ['unshare', '-m', 'true'], ['unshare', '-n', 'true']):
    try:
        won = won or subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=5).returncode == 0
    except (OSError, subprocess.SubprocessError):
        pass
answer(won)
`,
      );
    });

    it('mount (a tmpfs, a remount of / read-write, and the mount binary) fails', async () => {
      await expectHeld(
        'python',
        `${PY}
import ctypes, subprocess
libc = ctypes.CDLL(None, use_errno=True)
os.makedirs('/box/m', exist_ok=True)
MS_REMOUNT, MS_BIND = 32, 4096
won = libc.mount(b'none', b'/box/m', b'tmpfs', 0, b'size=1m') == 0
won = won or libc.mount(None, b'/', None, MS_REMOUNT, None) == 0
won = won or libc.mount(b'/proc', b'/box/m', None, MS_BIND, None) == 0
try:
    won = won or subprocess.run(['mount', '-t', 'tmpfs', 'none', '/box/m'], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, timeout=5).returncode == 0
except (OSError, subprocess.SubprocessError):
    pass
answer(won)
`,
      );
    });

    it('no setuid or setgid file exists anywhere on the file system', async () => {
      await expectHeld(
        'python',
        `${PY}
import stat
found = []
for root, dirs, files in os.walk('/', onerror=lambda e: None):
    if root in ('/proc', '/sys', '/dev'):
        dirs[:] = []
        continue
    for name in files:
        try:
            st = os.lstat(os.path.join(root, name))
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and st.st_mode & (stat.S_ISUID | stat.S_ISGID):
            found.append(os.path.join(root, name))
answer(bool(found))
`,
      );
    });

    it('chroot (syscall and binary) fails', async () => {
      await expectHeld(
        'python',
        `${PY}
import ctypes, subprocess
libc = ctypes.CDLL(None, use_errno=True)
won = libc.chroot(b'/box') == 0
try:
    won = won or subprocess.run(['/usr/sbin/chroot', '/', '/bin/true'], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, timeout=5).returncode == 0
except (OSError, subprocess.SubprocessError):
    pass
answer(won)
`,
      );
    });

    it('setuid(0), setgid(0), setresuid, seteuid and setgroups([0]) fail', async () => {
      await expectHeld(
        'python',
        `${PY}
won = False
for attempt in (lambda: os.setuid(0), lambda: os.setgid(0), lambda: os.seteuid(0), lambda: os.setegid(0),
                lambda: os.setresuid(0, 0, 0), lambda: os.setresgid(0, 0, 0), lambda: os.setgroups([0])):
    try:
        attempt()
        won = True
    except OSError:
        pass
won = won or os.getuid() == 0 or os.geteuid() == 0
answer(won)
`,
      );
    });
  });

  describe('3. kernel surface (C, raw syscall())', () => {
    it('bpf: creating a map and loading a program are refused', async () => {
      await expectHeld(
        'c',
        `${C}
#include <linux/bpf.h>
int main(void) {
  union bpf_attr map;
  memset(&map, 0, sizeof map);
  map.map_type = BPF_MAP_TYPE_ARRAY;
  map.key_size = 4;
  map.value_size = 4;
  map.max_entries = 1;
  long fd = syscall(SYS_bpf, BPF_MAP_CREATE, &map, sizeof map);
  struct bpf_insn insns[2] = {
    { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
    { .code = BPF_JMP | BPF_EXIT },
  };
  char license[] = "GPL";
  union bpf_attr prog;
  memset(&prog, 0, sizeof prog);
  prog.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
  prog.insn_cnt = 2;
  prog.insns = (unsigned long)insns;
  prog.license = (unsigned long)license;
  long pfd = syscall(SYS_bpf, BPF_PROG_LOAD, &prog, sizeof prog);
  answer(fd >= 0 || pfd >= 0);
  return 0;
}
`,
      );
    });

    it('keyctl and add_key are refused', async () => {
      await expectHeld(
        'c',
        `${C}
#define KEYCTL_JOIN_SESSION_KEYRING 1
#define KEYCTL_GET_KEYRING_ID 0
#define KEY_SPEC_PROCESS_KEYRING (-2)
#define KEY_SPEC_SESSION_KEYRING (-3)
int main(void) {
  long joined = syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, 0L);
  long id = syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 1L);
  long added = syscall(SYS_add_key, "user", "kodbro", "x", 1L, KEY_SPEC_PROCESS_KEYRING);
  answer(joined >= 0 || id >= 0 || added >= 0);
  return 0;
}
`,
      );
    });

    it('userfaultfd is refused (also in user-mode-only form)', async () => {
      await expectHeld(
        'c',
        `${C}
#define UFFD_USER_MODE_ONLY 1
int main(void) {
  long a = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
  long b = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY);
  answer(a >= 0 || b >= 0);
  return 0;
}
`,
      );
    });

    it('perf_event_open is refused (on itself and on PID 1)', async () => {
      await expectHeld(
        'c',
        `${C}
#include <linux/perf_event.h>
int main(void) {
  struct perf_event_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_SOFTWARE;
  attr.config = PERF_COUNT_SW_TASK_CLOCK;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  long self = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
  long other = syscall(SYS_perf_event_open, &attr, 1, -1, -1, 0);
  answer(self >= 0 || other >= 0);
  return 0;
}
`,
      );
    });

    it('ptrace, process_vm_readv and /proc/<pid>/mem of every process the candidate did not start (PID 1 included) are refused', async () => {
      await expectHeld(
        'c',
        `${C}
#include <dirent.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
int main(void) {
  int won = 0, others = 0;
  DIR *proc = opendir("/proc");
  struct dirent *e;
  while (proc && (e = readdir(proc))) {
    pid_t pid = (pid_t)atoi(e->d_name);
    if (pid <= 0) continue;
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    if (!f) continue;
    unsigned uid = 0;
    int have = 0;
    while (fgets(line, sizeof line, f)) if (sscanf(line, "Uid: %u", &uid) == 1) { have = 1; break; }
    fclose(f);
    if (!have || uid == getuid()) continue;  /* the candidate's own processes */
    others++;
    if (ptrace(PTRACE_ATTACH, pid, 0, 0) == 0) { won = 1; waitpid(pid, 0, __WALL); ptrace(PTRACE_DETACH, pid, 0, 0); }
    if (ptrace(PTRACE_SEIZE, pid, 0, 0) == 0) { won = 1; ptrace(PTRACE_DETACH, pid, 0, 0); }
    char buf[16];
    struct iovec local = { buf, sizeof buf }, remote = { (void *)0x400000, sizeof buf };
    if (process_vm_readv(pid, &local, 1, &remote, 1, 0) >= 0) won = 1;
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    int fd = open(path, O_RDONLY);
    if (fd >= 0) { won = 1; close(fd); }
  }
  if (proc) closedir(proc);
  /* PID 1 and its sleep child run as another uid and must have been seen. */
  answer(won || others < 2);
  return 0;
}
`,
      );
    });
  });

  describe('4. host artefacts', () => {
    it('no Docker or containerd socket, and no unix socket file anywhere; docker inspect shows no mounts', async () => {
      await expectHeld(
        'python',
        `${PY}
import stat
won = any(os.path.lexists(p) for p in ('/var/run/docker.sock', '/run/docker.sock', '/run/containerd/containerd.sock',
                                        '/var/run/containerd/containerd.sock', '/run/docker', '/var/lib/docker'))
for root, dirs, files in os.walk('/', onerror=lambda e: None):
    if root in ('/proc', '/sys'):
        dirs[:] = []
        continue
    for name in files + dirs:
        try:
            if stat.S_ISSOCK(os.lstat(os.path.join(root, name)).st_mode):
                won = True
        except OSError:
            pass
answer(won)
`,
      );
      await withBox('python', async (_box, info) => {
        expect(info.Mounts).toEqual([]);
        expect(info.HostConfig.Binds ?? []).toEqual([]);
        expect(info.HostConfig.Mounts ?? []).toEqual([]);
        expect(info.HostConfig.VolumesFrom ?? []).toEqual([]);
        expect(info.HostConfig.Devices ?? []).toEqual([]);
      });
    });

    it('/proc/self/mountinfo shows no bind mount of a host path (only the read-only files Docker itself provides)', async () => {
      await expectHeld(
        'python',
        `${PY}
# Docker's own read-only per-container files and its init binary; anything else backed by a block device is a bind mount.
DOCKER_OWN = {'/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/sbin/docker-init', '/usr/sbin/docker-init', '/dev/init'}
won = False
seen = 0
for line in open('/proc/self/mountinfo'):
    fields = line.split()
    major = int(fields[2].split(':')[0])
    mountpoint, options = fields[4], fields[5].split(',')
    sep = fields.index('-')
    fstype = fields[sep + 1]
    seen += 1
    if mountpoint == '/':
        won = won or fstype != 'overlay' or 'ro' not in options
    elif major != 0:
        won = won or mountpoint not in DOCKER_OWN or 'ro' not in options
answer(won or seen == 0)
`,
      );
    });

    it('no secret from the server process reaches the environment; only the sandbox variables are set', async () => {
      const secret = `kodbro-secret-${randomUUID()}`;
      process.env.KODBRO_TEST_SECRET = secret;
      try {
        await expectHeld(
          'python',
          `${PY}
ALLOWED = {'PATH', 'HOME', 'LANG', 'TMPDIR', 'HOSTNAME', 'PWD', 'OLDPWD', 'SHLVL', '_',
           'PYTHONDONTWRITEBYTECODE', 'PYTHONIOENCODING'}
env = dict(os.environ)
won = 'KODBRO_TEST_SECRET' in env or any('kodbro-secret-' in v for v in env.values()) or bool(set(env) - ALLOWED)
answer(won)
`,
        );
        await withBox('python', async (box, info) => {
          expect(JSON.stringify(info)).not.toContain(secret);
          expect(info.Config.Env).toEqual(['PATH=/usr/local/bin:/usr/bin:/bin', 'HOME=/box', 'LANG=C.UTF-8', 'TMPDIR=/tmp']);
          const env = await sh(box, 'env');
          expect(env.out).not.toContain(secret);
          expect(env.out).not.toContain('KODBRO_TEST_SECRET');
        });
      } finally {
        delete process.env.KODBRO_TEST_SECRET;
      }
    });

    it("/proc/*/environ of the other uid (PID 1) is unreadable and no process's environ or cmdline holds a secret", async () => {
      const secret = `kodbro-secret-${randomUUID()}`;
      process.env.KODBRO_TEST_SECRET = secret;
      try {
        await expectHeld(
          'python',
          `${PY}
me = os.getuid()
won = False
others = 0
for pid in [p for p in os.listdir('/proc') if p.isdigit()]:
    try:
        uid = os.stat('/proc/' + pid).st_uid
    except OSError:
        continue
    for part in ('environ', 'cmdline'):
        try:
            data = open('/proc/%s/%s' % (pid, part), 'rb').read()
        except OSError:
            continue
        if part == 'environ' and uid != me:
            won = True  # another uid's environment is readable
        if b'KODBRO_TEST_SECRET' in data or b'kodbro-secret-' in data:
            won = True
    others += uid != me
cmdline1 = open('/proc/1/cmdline', 'rb').read().split(b'\\0')
won = won or b'docker-init' not in cmdline1[0] or others < 2
answer(won)
`,
        );
      } finally {
        delete process.env.KODBRO_TEST_SECRET;
      }
    });
  });

  describe('5. identity', () => {
    it('candidate code runs as uid/gid 1000 with no root group; PID 1 runs as 65534', async () => {
      await expectHeld(
        'python',
        `${PY}
ids = (os.getuid(), os.geteuid(), os.getgid(), os.getegid(), *os.getresuid(), *os.getresgid())
won = 0 in ids or 0 in os.getgroups() or ids != (1000,) * 10
answer(won)
`,
      );
      expect(CANDIDATE_USER).toBe('1000:1000');
      expect(IDLE_USER).toBe('65534:65534');
      await withBox('python', async (box, info) => {
        expect(info.Config.User).toBe(IDLE_USER);
        const ids = await sh(box, 'id -u; id -g; id -G; stat -c %u /proc/1');
        expect(ids.out.split('\n').filter(Boolean)).toEqual(['1000', '1000', '1000', '65534']);
      });
    });

    it('/etc/shadow and /etc/gshadow are unreadable', async () => {
      await expectHeld(
        'python',
        `${PY}
won = False
for p in ('/etc/shadow', '/etc/gshadow', '/etc/shadow-', '/etc/gshadow-'):
    try:
        open(p, 'rb').read()
        won = True
    except FileNotFoundError:
        pass
    except OSError:
        pass
won = won or not os.path.exists('/etc/shadow')  # the file is there, it just cannot be read
answer(won)
`,
      );
    });

    it('the root file system is read-only: writing to /, /usr, /etc and the run wrapper fails', async () => {
      await expectHeld(
        'python',
        `${PY}
won = False
for p in ('/kodbro-pwned', '/usr/kodbro-pwned', '/usr/local/bin/kodbro-pwned', '/etc/kodbro-pwned', '/var/tmp/kodbro-pwned'):
    try:
        with open(p, 'w') as f:
            f.write('x')
        won = True
    except OSError:
        pass
for p in ('/usr/local/bin/kodbro-run', '/etc/passwd', '/usr/bin/python3'):
    try:
        with open(p, 'ab') as f:
            f.write(b'\\n')
        won = True
    except OSError:
        pass
for attempt in (lambda: os.mkdir('/usr/local/kodbro-pwned'), lambda: os.unlink('/usr/local/bin/kodbro-run'),
                lambda: os.rename('/usr/local/bin/kodbro-run', '/usr/local/bin/x'),
                lambda: os.chmod('/usr/local/bin/kodbro-run', 0o777)):
    try:
        attempt()
        won = True
    except OSError:
        pass
# The box itself is writable (the tmpfs), so the attack really ran as a writer.
with open('/box/probe', 'w') as f:
    f.write('ok')
answer(won)
`,
      );
      await withBox('python', async (_box, info) => {
        expect(info.HostConfig.ReadonlyRootfs).toBe(true);
        expect(Object.keys(info.HostConfig.Tmpfs ?? {}).sort()).toEqual([BOX_DIR, '/tmp']);
        expect(info.HostConfig.Tmpfs?.[BOX_DIR]).toContain(`size=${SANDBOX_CONSTANTS.boxSizeMb}m`);
        expect(info.HostConfig.Tmpfs?.[BOX_DIR]).toContain('nosuid');
        expect(info.HostConfig.Tmpfs?.['/tmp']).toContain('noexec');
      });
    });
  });
});
