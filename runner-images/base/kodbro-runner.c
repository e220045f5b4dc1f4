/*
 * kodbro-runner: the trusted runner inside a sandbox box (DESIGN.md, invariant 4).
 *
 * One runner per box, started by the server's sandbox module as one `docker
 * exec`, runs the box's commands (a compile, then each test) one after another,
 * so a test costs a fork and an exec instead of a whole `docker exec`.
 *
 * It talks to the server over its own standard input and output, which are the
 * exec's pipes; no candidate process ever holds them. Every message is a frame:
 * one type byte, a little-endian u32 length, then that many bytes.
 *
 *   server -> runner   'R' run: u32 stdout cap, u32 stderr cap, u32 CPU seconds (0: none),
 *                          u32 argc, u32 envc, u32 stdin length, u32 warmc, then argc + envc
 *                          + warmc NUL-terminated strings; the stdin bytes follow the frame, unframed.
 *                          A stdin length of 0xFFFFFFFF means streamed: the bytes come in 'I' frames.
 *                          warmc > 0 names a warm interpreter (below) to fork the command from;
 *                          argv is then what runs if it cannot.
 *                      'I' streamed stdin (at most 65536 bytes); an empty one ends the input
 *   runner -> server   'H' hello: u32 protocol version, i32 own pid (once, at start)
 *                      'S' a streamed command has started (empty): the server sends 'I' frames after it
 *                      'O' / 'E' bytes the command wrote to its stdout / stderr
 *                      'X' the command is over: i32 exit status (128 + signal when killed),
 *                          u32 flags (1: an output cap was passed, 2: processes survived the kill),
 *                          i32 pid of the warm interpreter that stays for the next command (0: none)
 *                      'F' the command could not be started (text); the runner then exits
 *
 * The server sends nothing else (but a streamed command's 'I' frames) and the
 * next 'R' only after an 'X': it reads the host's cgroup accounting between
 * the two, while this runner waits.
 *
 * Streamed stdin is for interactive problems, where the server feeds the
 * command what another program answered: the input's end is the server's to
 * say, and 'X' still comes as soon as the command is over, without waiting for
 * it. 'I' frames the server sent before it saw that 'X' are read and dropped
 * (a finished command's, or one that closed its stdin); 'S' is sent only after
 * the fork, so a command refused with 'F' has taken none of the server's input,
 * and the server can give it whole to a fresh runner.
 *
 * Why candidate code cannot use it to forge a result (docs/sandbox-runner.md):
 *   - it runs as the candidate's uid (the box has no capabilities to switch
 *     uids with), but is not dumpable: same-uid code cannot ptrace it, read
 *     /proc/<pid>/fd or /proc/<pid>/mem of it, or take its descriptors;
 *   - its pipes to the server are never inherited: the command gets three
 *     fresh pipes as fds 0-2 and every other descriptor is closed;
 *   - whatever the command writes, however shaped, is carried inside 'O'/'E'
 *     frames whose lengths this runner sets;
 *   - streamed stdin comes only in 'I' frames on this runner's own input, and
 *     only their bytes reach the command's stdin pipe, one chunk at a time as
 *     the command reads: a command that does not read holds one chunk here
 *     and leaves the rest with the server, until the wall clock ends it;
 *   - it can be killed, stopped or starved by the candidate (same uid): then no
 *     'X' comes for the running command, the server fails that test only, kills
 *     every candidate process from outside and starts a fresh runner;
 *   - before and after every command, every other process of its uid is
 *     SIGKILLed and reaped (it is their subreaper), so a leftover cannot write
 *     into the next command's pipes, which do not exist yet when it is killed.
 *
 * A warm interpreter (protocol 3) saves an interpreted language's start on
 * every test: the runner starts it once, with no candidate process alive, on a
 * SOCK_SEQPACKET socket as its fd 3, and waits for its one-byte 'Z' (ready, and
 * no longer dumpable). For each command the runner sends it an 8-byte request
 * (u32 CPU seconds, u32 0) with the command's three pipe ends as SCM_RIGHTS. It
 * answers 'A' as soon as it holds them, before any fork, so an interpreter
 * that was already dying (killed during the last command, not yet reaped)
 * shows as an end before 'A': nothing ran, and the command goes to a fresh
 * interpreter (once; then it runs as a plain child). It then forks twice, so
 * the command's process is orphaned to this runner (its subreaper) and
 * waited for like any child, and answers 'P' + i32 pid, or 'F' (refused
 * before forking: the runner then runs argv itself). It is the one process of
 * our uid that the kill between commands, and at an output cap, spares (all
 * are SIGSTOPped first, so nothing forks meanwhile). Candidate code can kill,
 * stop or prlimit it while its own command runs, and so fail only that
 * command; the next one gets a fresh interpreter (docs/sandbox-runner.md).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PROTOCOL_VERSION 3
#define MAX_HEADER (1u << 20) /* argv and env of one command */
#define CHUNK 65536 /* also the largest 'I' frame */
#define STDIN_STREAMED 0xFFFFFFFFu
#define FLAG_OUTPUT_CAP 1u
#define FLAG_SURVIVORS 2u

static int sigchld_pipe[2];
static uid_t self_uid;
static struct rlimit start_limits[RLIM_NLIMITS];
/* The warm interpreter: its pid (0: none), our end of its socket, and the argv and env it was started with. */
static pid_t warm_pid;
static int warm_sock = -1;
static char *warm_key;
static size_t warm_key_len;

/* ---- the server's stream ---- */

static void die(const char *what) {
  /* Standard error is the exec's own stream, for operators; the server treats a missing 'X' as a failed test. */
  dprintf(2, "kodbro-runner: %s: %s\n", what, strerror(errno));
  _exit(70);
}

static void write_all(int fd, const void *data, size_t len) {
  const char *p = data;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) die("write to the server");
    p += n;
    len -= (size_t)n;
  }
}

static void put_u32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_u32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void send_frame(char type, const void *payload, uint32_t len) {
  unsigned char head[5];
  head[0] = (unsigned char)type;
  put_u32(head + 1, len);
  write_all(1, head, sizeof head);
  if (len) write_all(1, payload, len);
}

/* Reads exactly len bytes; 0 at a clean end of the stream before the first byte, 1 when read. */
static int read_exact(int fd, void *data, size_t len) {
  char *p = data;
  size_t got = 0;
  while (got < len) {
    ssize_t n = read(fd, p + got, len - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) die("read from the server");
    if (n == 0) {
      if (got == 0) return 0;
      errno = EPROTO;
      die("the server's stream ended inside a frame");
    }
    got += (size_t)n;
  }
  return 1;
}

static void fail(const char *what) {
  char text[256];
  int n = snprintf(text, sizeof text, "%s: %s", what, strerror(errno));
  send_frame('F', text, (uint32_t)(n < 0 ? 0 : n >= (int)sizeof text ? (int)sizeof text - 1 : n));
  _exit(71);
}

/* ---- processes of the candidate's uid ---- */

static void on_sigchld(int sig) {
  (void)sig;
  int saved = errno;
  (void)!write(sigchld_pipe[1], "c", 1);
  errno = saved;
}

/* Uid of a process from /proc/<pid>/status (readable even for a non-dumpable process, whose /proc directory root owns). */
static long uid_of(long pid) {
  char path[64], text[512];
  snprintf(path, sizeof path, "/proc/%ld/status", pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  if (n <= 0) return -1;
  text[n] = 0;
  char *line = strstr(text, "\nUid:");
  return line ? strtol(line + 5, NULL, 10) : -1;
}

/* Other live processes of our uid, seen in /proc (zombies of other parents count: they still hold a pid). */
static int others_alive(void) {
  DIR *dir = opendir("/proc");
  if (!dir) return -1;
  int count = 0;
  pid_t self = getpid();
  struct dirent *e;
  while ((e = readdir(dir))) {
    char *end;
    long pid = strtol(e->d_name, &end, 10);
    if (*end || pid <= 1 || pid == self || pid == warm_pid) continue;
    if (uid_of(pid) == (long)self_uid) count++;
  }
  closedir(dir);
  return count;
}

static void forget_warm(void) {
  if (warm_sock >= 0) close(warm_sock);
  warm_sock = -1;
  warm_pid = 0;
}

/* SIGKILLs every process of our uid in /proc but ourselves and the warm interpreter. */
static void kill_listed(void) {
  DIR *dir = opendir("/proc");
  if (!dir) return;
  pid_t self = getpid();
  struct dirent *e;
  while ((e = readdir(dir))) {
    char *end;
    long pid = strtol(e->d_name, &end, 10);
    if (*end || pid <= 1 || pid == self || pid == warm_pid) continue;
    if (uid_of(pid) == (long)self_uid) kill((pid_t)pid, SIGKILL);
  }
  closedir(dir);
}

/* Reaps our children that ended; notices the warm interpreter's end. */
static void reap(void) {
  pid_t pid;
  while ((pid = waitpid(-1, NULL, WNOHANG)) > 0) {
    if (pid == warm_pid) forget_warm();
  }
}

/*
 * SIGKILLs every other process of our uid (kill(-1) spares only the caller
 * and PID 1, which runs as another uid). With a warm interpreter, everything
 * is stopped first (it too, so a process cannot fork past the /proc listing),
 * every other process is killed one by one, and the interpreter is let go on.
 */
static void kill_round(void) {
  if (warm_pid) {
    kill(-1, SIGSTOP);
    kill_listed();
    kill(warm_pid, SIGCONT);
  } else {
    kill(-1, SIGKILL);
  }
}

/* Kills and reaps every other process of our uid. Returns 0 when none is left; repeats for a while, since a fork in flight may still land. */
static int kill_others(void) {
  for (int round = 0; round < 200; round++) {
    kill_round();
    reap();
    int alive = others_alive();
    if (alive == 0) return 0;
    struct timespec pause = {0, 1000000};
    nanosleep(&pause, NULL);
  }
  return -1;
}

/* The candidate (or a leftover) may have lowered our limits with prlimit(2): then we cannot be trusted to run more. */
static void check_own_limits(void) {
  for (int r = 0; r < RLIM_NLIMITS; r++) {
    struct rlimit now;
    if (getrlimit(r, &now) != 0) continue;
    if (now.rlim_cur != start_limits[r].rlim_cur || now.rlim_max != start_limits[r].rlim_max) {
      errno = EPERM;
      fail("the runner's resource limits were changed");
    }
  }
}

/* ---- one command ---- */

struct command {
  uint32_t stdout_cap, stderr_cap, cpu_seconds;
  char **argv, **envp;
  uint32_t stdin_len; /* STDIN_STREAMED: in 'I' frames */
  char **warm_argv; /* NULL: argv runs as it is */
  char *warm_key; /* the warm argv and env strings, whole, to compare with the running interpreter's */
  size_t warm_key_len;
  char *header; /* the strings argv, envp and warm_argv point into */
};

static void bad_input_frame(void) {
  errno = EPROTO;
  die("bad stdin frame from the server");
}

static int read_command(struct command *c) {
  unsigned char head[5];
  static char dropped[CHUNK];
  for (;;) {
    if (!read_exact(0, head, sizeof head)) return 0;
    if (head[0] != 'I') break;
    /* Input the server sent for a streamed command before it saw that command's 'X': nobody wants it now. */
    uint32_t stale = get_u32(head + 1);
    if (stale > CHUNK) bad_input_frame();
    if (stale && !read_exact(0, dropped, stale)) return 0;
  }
  /* Before anything is allocated: limits lowered by an earlier command (RLIMIT_AS) would make that fail. */
  check_own_limits();
  uint32_t len = get_u32(head + 1);
  if (head[0] != 'R' || len < 28 || len > MAX_HEADER) {
    errno = EPROTO;
    die("unexpected frame from the server");
  }
  unsigned char *buf = malloc(len + 1);
  if (!buf) die("allocate a command");
  read_exact(0, buf, len);
  buf[len] = 0;
  c->stdout_cap = get_u32(buf);
  c->stderr_cap = get_u32(buf + 4);
  c->cpu_seconds = get_u32(buf + 8);
  uint32_t argc = get_u32(buf + 12), envc = get_u32(buf + 16);
  c->stdin_len = get_u32(buf + 20);
  uint32_t warmc = get_u32(buf + 24);
  if (argc == 0 || argc > 4096 || envc > 4096 || warmc > 4096) {
    errno = EPROTO;
    die("bad command counts");
  }
  /* argv, NULL, envp, NULL, warm argv, NULL */
  char **strings = calloc((size_t)argc + envc + warmc + 3, sizeof *strings);
  if (!strings) die("allocate a command");
  char *p = (char *)buf + 28, *end = (char *)buf + len;
  char *warm_start = NULL;
  for (uint32_t i = 0; i < argc + envc + warmc; i++) {
    char *nul = memchr(p, 0, (size_t)(end - p));
    if (!nul) {
      errno = EPROTO;
      die("unterminated string in a command");
    }
    if (i == argc) warm_start = p;
    strings[i < argc ? i : i < argc + envc ? i + 1 : i + 2] = p;
    p = nul + 1;
  }
  c->argv = strings;
  c->envp = strings + argc + 1;
  c->warm_argv = warmc ? strings + argc + envc + 2 : NULL;
  /* The interpreter is kept while both its argv and its environment stay the same. */
  c->warm_key = warm_start;
  c->warm_key_len = warmc && warm_start ? (size_t)(p - warm_start) : 0;
  c->header = (char *)buf;
  return 1;
}

static void set_nonblocking(int fd) {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* In a child, between fork and exec: signals as a new program expects them, and the OOM killer's first choice. */
static void reset_child(void) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
  /* Before this runner and PID 1 (raising needs no capability). */
  int oom = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
  if (oom >= 0) {
    (void)!write(oom, "1000", 4);
    close(oom);
  }
}

static void exec_failed(const char *what) {
  int e = errno;
  static const char prefix[] = "kodbro-runner: cannot run ";
  (void)!write(2, prefix, sizeof prefix - 1);
  (void)!write(2, what, strlen(what));
  (void)!write(2, "\n", 1);
  _exit(e == ENOENT ? 127 : 126);
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void start_child(const struct command *c, int in, int out, int err) {
  reset_child();
  if (c->cpu_seconds) {
    struct rlimit cpu = {c->cpu_seconds, c->cpu_seconds + 1};
    setrlimit(RLIMIT_CPU, &cpu);
  }
  if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(126);
  /* Every other descriptor goes, whatever its close-on-exec flag. */
  if (syscall(SYS_close_range, 3, ~0u, 0) != 0) {
    for (int fd = 3; fd < 65536; fd++) close(fd);
  }
  execvpe(c->argv[0], c->argv, c->envp);
  exec_failed(c->argv[0]);
}

/* ---- the warm interpreter ---- */

#define WARM_READY_MS 10000

static void stop_warm(void) {
  if (warm_pid) {
    kill(warm_pid, SIGKILL);
    waitpid(warm_pid, NULL, 0);
  }
  forget_warm();
  free(warm_key);
  warm_key = NULL;
  warm_key_len = 0;
}

/*
 * The command's warm interpreter, started now if it is not running (or runs
 * another argv or env). Returns 0 when it cannot be had: the command then
 * runs as a plain child, and nothing is lost but time.
 */
static int ensure_warm(const struct command *c) {
  if (warm_pid && warm_key && warm_key_len == c->warm_key_len && memcmp(warm_key, c->warm_key, warm_key_len) == 0) return 1;
  stop_warm();
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) return 0;
  pid_t pid = fork();
  if (pid < 0) {
    close(sv[0]);
    close(sv[1]);
    return 0;
  }
  if (pid == 0) {
    reset_child();
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    /* Its own stderr is ours (the operators' stream): no candidate process ever holds it. */
    if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(sv[1], 3) < 0) _exit(126);
    if (syscall(SYS_close_range, 4, ~0u, 0) != 0) {
      for (int fd = 4; fd < 65536; fd++) close(fd);
    }
    execvpe(c->warm_argv[0], c->warm_argv, c->envp);
    exec_failed(c->warm_argv[0]);
  }
  close(sv[1]);
  warm_pid = pid;
  warm_sock = sv[0];
  struct pollfd ready = {warm_sock, POLLIN, 0};
  char byte = 0;
  int n;
  do n = poll(&ready, 1, WARM_READY_MS);
  while (n < 0 && errno == EINTR);
  if (n != 1 || recv(warm_sock, &byte, 1, 0) != 1 || byte != 'Z') {
    stop_warm();
    return 0;
  }
  warm_key = malloc(c->warm_key_len);
  if (!warm_key) {
    stop_warm();
    return 0;
  }
  memcpy(warm_key, c->warm_key, c->warm_key_len);
  warm_key_len = c->warm_key_len;
  return 1;
}

/* Hands the command's pipe ends to the warm interpreter; 0 when it did not take them (nothing was forked). */
static int send_to_warm(const struct command *c, int in, int out, int err) {
  unsigned char request[8];
  put_u32(request, c->cpu_seconds);
  put_u32(request + 4, 0);
  struct iovec iov = {request, sizeof request};
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE(3 * sizeof(int))];
  } control;
  memset(&control, 0, sizeof control);
  struct msghdr msg = {0};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control.buf;
  msg.msg_controllen = sizeof control.buf;
  struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
  cm->cmsg_level = SOL_SOCKET;
  cm->cmsg_type = SCM_RIGHTS;
  cm->cmsg_len = CMSG_LEN(3 * sizeof(int));
  int fds[3] = {in, out, err};
  memcpy(CMSG_DATA(cm), fds, sizeof fds);
  ssize_t sent;
  do sent = sendmsg(warm_sock, &msg, MSG_NOSIGNAL);
  while (sent < 0 && errno == EINTR);
  if (sent != (ssize_t)sizeof request) return 0;
  /* 'A' comes before any fork, so an end before it (an interpreter killed during the last command) ran nothing. */
  char ack = 0;
  ssize_t got;
  do got = recv(warm_sock, &ack, 1, 0);
  while (got < 0 && errno == EINTR);
  return got == 1 && ack == 'A';
}

static void run_command(struct command *c) {
  uint32_t flags = 0;
  if (kill_others() != 0) flags |= FLAG_SURVIVORS;

  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) fail("make pipes");
  pid_t child = -1;
  int status = 0, exited = 0;
  /* One more try with a fresh interpreter when the first was already dying: it took nothing, so nothing ran. */
  for (int attempt = 0; c->warm_argv && child < 0 && attempt < 2 && ensure_warm(c); attempt++) {
    if (!send_to_warm(c, in[0], out[1], err[1])) {
      stop_warm();
      continue;
    }
    /* Its answer comes after two forks. A command that stops the middle process first is stopped by the server's clock. */
    unsigned char answer[8];
    ssize_t got;
    do got = recv(warm_sock, answer, sizeof answer, 0);
    while (got < 0 && errno == EINTR);
    if (got == 5 && answer[0] == 'P') {
      child = (pid_t)get_u32(answer + 1);
    } else if (got < 1 || answer[0] != 'F') {
      /* Gone after 'A', with the command maybe begun: it is not run a second time; this command failed as if killed. */
      stop_warm();
      child = 0;
      exited = 1;
      status = 128 + SIGKILL;
      if (kill_others() != 0) flags |= FLAG_SURVIVORS;
    } else {
      /* Refused before forking (its limits were changed): the command runs as a plain child. */
      stop_warm();
      break;
    }
  }
  if (child < 0) {
    child = fork();
    if (child < 0) fail("fork");
    if (child == 0) start_child(c, in[0], out[1], err[1]);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  set_nonblocking(in[1]);
  set_nonblocking(out[0]);
  set_nonblocking(err[0]);

  static char buf[CHUNK];
  int streamed = c->stdin_len == STDIN_STREAMED;
  uint32_t to_send = streamed ? 0 : c->stdin_len; /* unframed stdin bytes still to come from the server */
  /* Streamed: the 'I' frame being read (header bytes so far, payload bytes still to come), and whether the empty one came. */
  unsigned char in_head[5];
  uint32_t in_head_got = 0, in_frame_left = 0;
  int input_ended = !streamed;
  uint32_t pending = 0, pending_at = 0; /* read from the server, not yet taken by the child */
  static char stdin_buf[CHUNK];
  int child_in = in[1], child_out = out[0], child_err = err[0];
  uint64_t seen_out = 0, seen_err = 0;
  uint32_t err_flood = c->stdout_cap > c->stderr_cap ? c->stdout_cap : c->stderr_cap;

  if (streamed) send_frame('S', NULL, 0);
  if (to_send == 0 && input_ended) {
    close(child_in);
    child_in = -1;
  }
  /*
   * Unframed stdin is read to its end even after the child is gone, or its rest would be taken for the next command.
   * Streamed stdin is not waited for, but a frame begun is read to its end, so the next read starts at a frame.
   */
  while (child_out >= 0 || child_err >= 0 || !exited || to_send > 0 || in_head_got > 0 || in_frame_left > 0) {
    struct pollfd fds[5];
    int n = 0, at_server = -1, at_in = -1, at_out = -1, at_err = -1;
    fds[n++] = (struct pollfd){sigchld_pipe[0], POLLIN, 0};
    /*
     * Flow control: more stdin is read from the server only when the child took the last chunk.
     * Once the child is gone, no new 'I' frame is begun: what follows may already be the next command.
     */
    int want_input = to_send > 0 || (!input_ended && (!exited || in_head_got > 0 || in_frame_left > 0));
    if (want_input && pending == 0) fds[at_server = n++] = (struct pollfd){0, POLLIN, 0};
    if (child_in >= 0 && pending > 0) fds[at_in = n++] = (struct pollfd){child_in, POLLOUT, 0};
    if (child_out >= 0) fds[at_out = n++] = (struct pollfd){child_out, POLLIN, 0};
    if (child_err >= 0) fds[at_err = n++] = (struct pollfd){child_err, POLLIN, 0};
    if (poll(fds, (nfds_t)n, -1) < 0) {
      if (errno == EINTR) continue;
      fail("poll");
    }
    if (fds[0].revents) {
      char drain[64];
      while (read(sigchld_pipe[0], drain, sizeof drain) > 0) {
      }
      int st;
      pid_t pid;
      while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        if (pid == child && !exited) {
          exited = 1;
          status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
          /* Like the end of the test: whatever it left behind dies now, so its pipes close. */
          if (kill_others() != 0) flags |= FLAG_SURVIVORS;
        } else if (pid == warm_pid) {
          forget_warm();
        }
      }
    }
    if (at_server >= 0 && fds[at_server].revents) {
      /* One read per poll, never more than the frame holds: the server's stream stays blocking, and this loop must not wait on it. */
      if (streamed && in_frame_left == 0) {
        ssize_t got = read(0, in_head + in_head_got, sizeof in_head - in_head_got);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) die("read a stdin frame from the server");
        in_head_got += (uint32_t)got;
        if (in_head_got < sizeof in_head) continue;
        in_head_got = 0;
        in_frame_left = get_u32(in_head + 1);
        if (in_head[0] != 'I' || in_frame_left > CHUNK) bad_input_frame();
        if (in_frame_left == 0) input_ended = 1;
      } else {
        uint32_t left = streamed ? in_frame_left : to_send;
        ssize_t got = read(0, stdin_buf, left < CHUNK ? left : CHUNK);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) die("read stdin bytes from the server");
        if (streamed) in_frame_left -= (uint32_t)got;
        else to_send -= (uint32_t)got;
        pending = (uint32_t)got;
        pending_at = 0;
        /* Nobody will read them: a child that is gone or closed its stdin. */
        if (child_in < 0) pending = 0;
      }
    }
    if (at_in >= 0 && fds[at_in].revents) {
      ssize_t put = write(child_in, stdin_buf + pending_at, pending);
      if (put > 0) {
        pending -= (uint32_t)put;
        pending_at += (uint32_t)put;
      } else if (put < 0 && errno != EAGAIN && errno != EINTR) {
        /* The child closed its stdin (EPIPE): the rest of the bytes are read and dropped. */
        close(child_in);
        child_in = -1;
        pending = 0;
      }
    }
    if (child_in >= 0 && pending == 0 && to_send == 0 && input_ended) {
      close(child_in);
      child_in = -1;
    }
    for (int which = 0; which < 2; which++) {
      int at = which ? at_err : at_out;
      int *fd = which ? &child_err : &child_out;
      if (at < 0 || !fds[at].revents) continue;
      ssize_t got = read(*fd, buf, sizeof buf);
      if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (got <= 0) {
        close(*fd);
        *fd = -1;
        continue;
      }
      uint64_t *seen = which ? &seen_err : &seen_out;
      uint32_t keep = which ? c->stderr_cap : c->stdout_cap;
      /* Only up to the cap is sent on; the server caps again and never trusts a count from here. */
      uint64_t room = *seen < keep ? keep - *seen : 0;
      uint32_t send = (uint64_t)got < room ? (uint32_t)got : (uint32_t)room;
      if (send) send_frame(which ? 'E' : 'O', buf, send);
      *seen += (uint64_t)got;
      if ((which == 0 && seen_out > c->stdout_cap) || (which == 1 && seen_err > err_flood)) {
        if (!(flags & FLAG_OUTPUT_CAP)) {
          flags |= FLAG_OUTPUT_CAP;
          kill_round();
        }
      }
    }
  }
  if (kill_others() != 0) flags |= FLAG_SURVIVORS;
  unsigned char done[12];
  put_u32(done, (uint32_t)status);
  put_u32(done + 4, flags);
  put_u32(done + 8, (uint32_t)warm_pid);
  send_frame('X', done, sizeof done);
  free(c->argv);
  free(c->header);
}

int main(void) {
  /* First of all: from here on, same-uid processes cannot ptrace us or open our /proc fd entries. */
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) die("become non-dumpable");
  /* Orphans of a command's process tree become ours, so they can be reaped before the next command. */
  if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) die("become a subreaper");
  self_uid = getuid();
  for (int r = 0; r < RLIM_NLIMITS; r++) getrlimit(r, &start_limits[r]);
  if (pipe2(sigchld_pipe, O_CLOEXEC | O_NONBLOCK) != 0) die("make the SIGCHLD pipe");
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigchld;
  sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigaction(SIGCHLD, &sa, NULL);
  /* Catchable signals from the candidate (same uid) are ignored; SIGKILL and SIGSTOP are the server's to notice. */
  for (int sig = 1; sig < NSIG; sig++) {
    if (sig != SIGCHLD && sig != SIGSEGV && sig != SIGBUS && sig != SIGFPE && sig != SIGILL && sig != SIGABRT) signal(sig, SIG_IGN);
  }

  unsigned char hello[8];
  put_u32(hello, PROTOCOL_VERSION);
  put_u32(hello + 4, (uint32_t)getpid());
  send_frame('H', hello, sizeof hello);

  struct command c;
  while (read_command(&c)) run_command(&c);
  return 0;
}
