/* A fork server for the C shims (adapters/process/PROTOCOL.md): the process that printed the hello keeps the
 * stack's pristine image and serves each run from a forked copy of it, so every run starts from the same state
 * without a new exec. Shared by adapters/lwip and adapters/slirp; each includes it once, after jsonl.h.
 *
 * - The parent never touches stdin. It forks a child and waits for it; the child reads requests with read()
 *   into a buffer of its own and hands each line to the shim's handler, on the same stdin/stdout.
 * - A `reset` that reaches a child which has already served a request is the end of its run: the child puts
 *   that line (and anything read after it, though the harness sends one request at a time) in a MAP_SHARED
 *   buffer and exits 0; the parent forks the next child, which starts from those bytes and answers the reset.
 * - Any other end of the child is the parent's too: an exit code is exited with, a signal raised (SIGSEGV,
 *   SIGBUS: the harness sees the shim die exactly as a shim without a fork server would). End of input is the
 *   child's exit 0 without a handoff.
 * - The child dies with the parent (PR_SET_PDEATHSIG), and the harness's kill of the process group reaches
 *   both. Signal dispositions (slirp's SIG_IGN for SIGPIPE) carry over to the child with fork().
 */
#ifndef TCPCONFORM_FORKSERVER_H
#define TCPCONFORM_FORKSERVER_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define FS_HANDOFF_MAX (1 << 20)

struct fs_handoff {
  int pending;  /* the child ended its run at a reset: `bytes` are the next child's input */
  size_t len;
  char bytes[FS_HANDOFF_MAX];
};

static struct fs_handoff *fs_shared;

static void fs_die(const char *what) {
  fprintf(stderr, "fork server: %s: %s\n", what, strerror(errno));
  _exit(2);
}

static int fs_is_reset(const char *line) {
  char op[32];
  return get_str(line, "op", op, sizeof op) && !strcmp(op, "reset");
}

/* The child: serves lines until end of input (returns) or the next run's reset (exits 0 after the handoff). */
static void fs_child(void (*handle)(const char *line)) {
  size_t cap = 1 << 16, len = fs_shared->len, start = 0;
  while (cap < len + 1) cap *= 2;
  char *buf = malloc(cap);
  if (!buf) fs_die("malloc");
  memcpy(buf, fs_shared->bytes, len);
  fs_shared->pending = 0;
  fs_shared->len = 0;
  int served = 0;
  for (;;) {
    char *nl = memchr(buf + start, '\n', len - start);
    if (!nl) {
      if (start > 0) { /* keep the partial line at the front */
        memmove(buf, buf + start, len - start);
        len -= start;
        start = 0;
      }
      if (len + 1 >= cap) {
        cap *= 2;
        if (!(buf = realloc(buf, cap))) fs_die("realloc");
      }
      ssize_t n = read(0, buf + len, cap - len - 1);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fs_die("read stdin");
      if (n > 0) {
        len += (size_t)n;
        continue;
      }
      if (len == 0) return;
      nl = buf + len++; /* a last line without its newline, as getline() would give it */
    }
    *nl = 0;
    char *line = buf + start;
    size_t next = (size_t)(nl + 1 - buf);
    if (line[0] == 0 || (line[0] == '\r' && line[1] == 0)) {
      start = next;
      continue;
    }
    if (served && fs_is_reset(line)) {
      *nl = '\n';
      if (len - start > FS_HANDOFF_MAX) {
        fprintf(stderr, "fork server: %zu bytes to hand over at a reset, more than %d\n", len - start,
                FS_HANDOFF_MAX);
        _exit(2);
      }
      memcpy(fs_shared->bytes, line, len - start);
      fs_shared->len = len - start;
      fs_shared->pending = 1;
      _exit(0);
    }
    handle(line);
    served = 1;
    start = next;
  }
}

/* The child's end, made the parent's: same exit code, or the same signal (without a second core file). */
static void fs_end_like(int status) {
  if (WIFEXITED(status)) _exit(WEXITSTATUS(status));
  int sig = WIFSIGNALED(status) ? WTERMSIG(status) : SIGKILL;
  struct rlimit none = {0, 0};
  setrlimit(RLIMIT_CORE, &none);
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
  _exit(128 + sig);
}

/* Call once the stack is initialised and the hello is flushed. Returns only in a child, at end of input: the
 * shim then finishes as it would have without a fork server. */
static void fork_serve(void (*handle)(const char *line)) {
  fflush(NULL); /* nothing buffered may be written twice */
  fs_shared = mmap(NULL, sizeof *fs_shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (fs_shared == MAP_FAILED) fs_die("mmap");
  pid_t self = getpid();
  for (;;) {
    pid_t child = fork();
    if (child < 0) fs_die("fork");
    if (child == 0) {
      if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fs_die("prctl");
      if (getppid() != self) _exit(2); /* the parent died before the prctl */
      fs_child(handle);
      return;
    }
    int status;
    while (waitpid(child, &status, 0) < 0)
      if (errno != EINTR) fs_die("waitpid");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && fs_shared->pending) continue;
    fs_end_like(status);
  }
}

#endif
