/*
 * tcpconform-slirp: libslirp 4.7.0 (QEMU's user-mode network stack, 4.4BSD-Lite TCP; Debian's libslirp-dev) as
 * an IUT speaking tcpconform's process protocol (adapters/process/PROTOCOL.md) on stdin/stdout.
 *
 * - The tester is slirp's guest (192.0.2.1), the IUT is slirp's virtual host (192.0.2.2). A packet from the
 *   tester goes to slirp_input() in an Ethernet frame; slirp's frames come back through send_packet, and the
 *   IPv4 ones, without their Ethernet header, are the reply's packets. A guest ARP request at reset fills
 *   slirp's ARP table, so slirp never has to ask.
 * - slirp is a proxy: the "user" of its TCP is a host socket. Those sockets live in a network namespace of
 *   their own, made afresh at every reset (unshare(CLONE_NEWNET), only lo up): slirp maps 192.0.2.2 to the
 *   namespace's 127.0.0.1, and nothing can leave it. Passive OPEN is a listener on 127.0.0.1:5001, where slirp
 *   connects when the tester's SYN arrives; active OPEN is a host forward (slirp_add_hostfwd, 127.0.0.1:6001
 *   to the tester's 40001) and a client socket bound to 127.0.0.1:5001 connecting to it (slirp keeps the
 *   client's port as its source port). Needs root, for the namespace.
 * - Time is virtual: clock_get_ns() is a virtual clock that starts far from 0 (slirp takes time_fasttimo == 0
 *   for "no delayed ACK pending"). All of slirp's TCP timers run from slirp_pollfds_poll(), so a `wait` steps
 *   the clock 1 ms at a time and polls at every step, and every request ends with a settle loop that polls,
 *   without moving the clock, until the host side has stopped moving.
 * - The state is slirp's own tcpcb state, read from slirp_connection_info(); LISTEN is the shim's listener
 *   with no slirp connection yet. Signals are not reported: the host socket shows a reset and a close alike.
 *
 * - Every run starts from the image that printed the hello: the process forks a copy of itself for each run
 *   (../process/shim/forkserver.h), which serves the run's requests and ends at the next reset.
 *
 * Logs go to stderr. Exits at end of input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../process/shim/jsonl.h"
#include "../process/shim/forkserver.h"
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <slirp/libslirp.h>

#define IUT_PORT 5001
#define TESTER_PORT 40001
#define FWD_PORT 6001
/* The virtual clock at a reset: far from 0, since slirp reads time 0 as "nothing pending". */
#define CLOCK_BASE_MS 1000000ULL

static const uint8_t guest_mac[6] = {0x02, 0x00, 0xc0, 0x00, 0x02, 0x01};
static const uint8_t slirp_mac[6] = {0x52, 0x55, 0xc0, 0x00, 0x02, 0x02};

static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("tcpconform-slirp: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(2);
}

/* ------------------------------------------------------------------------------------------ virtual time */
static uint64_t vnow_ms; /* virtual ms since the last reset */

static int64_t clock_get_ns(void *opaque) {
  (void)opaque;
  return (int64_t)((CLOCK_BASE_MS + vnow_ms) * 1000000ULL);
}

/* ------------------------------------------------------------------------------------------ reply building */
static char *reply;
static size_t reply_len, reply_cap;

static void out(const char *fmt, ...) {
  va_list ap;
  for (;;) {
    va_start(ap, fmt);
    int n = vsnprintf(reply + reply_len, reply_cap - reply_len, fmt, ap);
    va_end(ap);
    if (n >= 0 && reply_len + (size_t)n < reply_cap) {
      reply_len += (size_t)n;
      return;
    }
    reply_cap = reply_cap * 2 + (size_t)n + 64;
    reply = realloc(reply, reply_cap);
    if (!reply) die("out of memory");
  }
}

static char packets[65536 * 8];
static size_t packets_len;
static int npackets;
static int discard_output;
static int emitted; /* frames slirp sent since the counter was last cleared (settle loop) */

/* slirp's send_packet: an Ethernet frame to the guest. IPv4 ones go into the reply, trimmed to the IP length. */
static ssize_t send_packet(const void *buf, size_t len, void *opaque) {
  (void)opaque;
  const uint8_t *f = buf;
  emitted++;
  if (discard_output || len < 14 + 20 || f[12] != 0x08 || f[13] != 0x00) return (ssize_t)len;
  const uint8_t *ip = f + 14;
  size_t iplen = (size_t)ip[2] << 8 | ip[3];
  if (iplen > len - 14) iplen = len - 14;
  if (packets_len + 2 * iplen + 4 >= sizeof packets) {
    fprintf(stderr, "tcpconform-slirp: too many packets in one reply, dropping one\n");
    return (ssize_t)len;
  }
  packets_len += (size_t)sprintf(packets + packets_len, "%s\"", npackets ? "," : "");
  for (size_t i = 0; i < iplen; i++) packets_len += (size_t)sprintf(packets + packets_len, "%02x", ip[i]);
  packets[packets_len++] = '"';
  packets[packets_len] = 0;
  npackets++;
  return (ssize_t)len;
}

static void guest_error(const char *msg, void *opaque) {
  (void)opaque;
  fprintf(stderr, "tcpconform-slirp: slirp says the guest erred: %s\n", msg);
}

/* slirp's only timer is IPv6's router advertisement, and IPv6 is off: timers are accepted and never fire. */
static int dummy_timer;
static void *timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque) {
  (void)cb; (void)cb_opaque; (void)opaque;
  return &dummy_timer;
}
static void *timer_new_opaque(SlirpTimerId id, void *cb_opaque, void *opaque) {
  (void)id; (void)cb_opaque; (void)opaque;
  return &dummy_timer;
}
static void timer_free(void *t, void *opaque) { (void)t; (void)opaque; }
static void timer_mod(void *t, int64_t expire, void *opaque) { (void)t; (void)expire; (void)opaque; }
static void register_poll_fd(int fd, void *opaque) { (void)fd; (void)opaque; }
static void unregister_poll_fd(int fd, void *opaque) { (void)fd; (void)opaque; }
static void notify(void *opaque) { (void)opaque; }

static const SlirpCb callbacks = {
    .send_packet = send_packet,
    .guest_error = guest_error,
    .clock_get_ns = clock_get_ns,
    .timer_new = timer_new,
    .timer_free = timer_free,
    .timer_mod = timer_mod,
    .register_poll_fd = register_poll_fd,
    .unregister_poll_fd = unregister_poll_fd,
    .notify = notify,
    .timer_new_opaque = timer_new_opaque,
};

/* ------------------------------------------------------------------------------------------ the namespace */
/* A fresh network namespace with only lo up: every host socket slirp or the shim opens lives there. */
static void fresh_namespace(void) {
  if (unshare(CLONE_NEWNET) != 0)
    die("unshare(CLONE_NEWNET): %s (the slirp adapter needs root for its private network namespace)",
        strerror(errno));
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strcpy(ifr.ifr_name, "lo");
  if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) != 0) die("SIOCGIFFLAGS lo: %s", strerror(errno));
  ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
  if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0) die("SIOCSIFFLAGS lo: %s", strerror(errno));
  close(s);
}

/* ------------------------------------------------------------------------------------------ slirp and polling */
static Slirp *slirp;

#define MAX_FDS 64
static struct pollfd pfds[MAX_FDS];
static int npfds;

static int add_poll(int fd, int events, void *opaque) {
  (void)opaque;
  if (npfds >= MAX_FDS) die("more than %d descriptors to poll", MAX_FDS);
  short ev = 0;
  if (events & SLIRP_POLL_IN) ev |= POLLIN;
  if (events & SLIRP_POLL_OUT) ev |= POLLOUT;
  if (events & SLIRP_POLL_PRI) ev |= POLLPRI;
  pfds[npfds].fd = fd;
  pfds[npfds].events = ev;
  pfds[npfds].revents = 0;
  return npfds++;
}

static int get_revents(int idx, void *opaque) {
  (void)opaque;
  short r = pfds[idx].revents;
  int e = 0;
  if (r & POLLIN) e |= SLIRP_POLL_IN;
  if (r & POLLOUT) e |= SLIRP_POLL_OUT;
  if (r & POLLPRI) e |= SLIRP_POLL_PRI;
  if (r & POLLERR) e |= SLIRP_POLL_ERR;
  if (r & POLLHUP) e |= SLIRP_POLL_HUP;
  return e;
}

/* The user's side: the listener of a passive OPEN, and the host socket of the connection. */
static int listen_fd = -1;
static int user_fd = -1;
static int opens;   /* OPENs in this run: each active one has a host forward port of its own */
static int let_go;  /* the user closed (halfDuplex) or aborted: the connection left is slirp's */
static int shut_wr; /* close (shutdown(SHUT_WR)) was called */

static void accept_pending(void);

/* One round of slirp's main loop without moving the clock; returns whether anything moved. */
static int poll_once(int real_timeout_ms) {
  uint32_t timeout = UINT32_MAX;
  npfds = 0;
  slirp_pollfds_fill(slirp, &timeout, add_poll, NULL);
  int lidx = -1;
  if (listen_fd >= 0 && user_fd < 0) {
    lidx = npfds;
    pfds[npfds].fd = listen_fd;
    pfds[npfds].events = POLLIN;
    pfds[npfds].revents = 0;
    npfds++;
  }
  int n = poll(pfds, (nfds_t)npfds, real_timeout_ms);
  int moved = 0;
  if (n < 0 && errno != EINTR) fprintf(stderr, "tcpconform-slirp: poll: %s\n", strerror(errno));
  for (int i = 0; i < npfds; i++)
    if (pfds[i].revents & ~POLLOUT) moved = 1;
  int before = emitted;
  slirp_pollfds_poll(slirp, n < 0, get_revents, NULL);
  if (lidx >= 0 && (pfds[lidx].revents & POLLIN)) accept_pending();
  return moved || emitted != before;
}

/* Lets the host side catch up with slirp and slirp with the host side, at the current virtual time. */
static void settle(void) {
  int quiet = 0;
  for (int i = 0; i < 200 && quiet < 3; i++) quiet = poll_once(quiet == 2 ? 1 : 0) ? 0 : quiet + 1;
}

static void close_fd(int *fd) {
  if (*fd < 0) return;
  close(*fd);
  *fd = -1;
}

/* ------------------------------------------------------------------------------------------ the state */
enum st { CLOSED, LISTEN, SYN_SENT, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK,
          TIME_WAIT };
static const char *const st_rfc[] = {"CLOSED",     "LISTEN",     "SYN-SENT",   "SYN-RECEIVED", "ESTABLISHED",
                                     "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING",      "LAST-ACK",
                                     "TIME-WAIT"};
static const struct { const char *slirp; enum st st; } st_slirp[] = {
    {"CLOSED", CLOSED},           {"LISTEN", LISTEN},         {"SYN_SENT", SYN_SENT},
    {"SYN_RCVD", SYN_RCVD},       {"ESTABLISHED", ESTABLISHED}, {"CLOSE_WAIT", CLOSE_WAIT},
    {"FIN_WAIT_1", FIN_WAIT_1},   {"CLOSING", CLOSING},       {"LAST_ACK", LAST_ACK},
    {"FIN_WAIT_2", FIN_WAIT_2},   {"TIME_WAIT", TIME_WAIT},
};

/* slirp's TCP connection (not its host forwards) from slirp_connection_info(): "  TCP[STATE] ..." lines. */
static enum st slirp_state(void) {
  char *info = slirp_connection_info(slirp);
  enum st found = CLOSED;
  int have = 0;
  for (char *p = info; p && (p = strstr(p, "TCP[")) != NULL;) {
    p += 4;
    char *end = strchr(p, ']');
    if (!end) break;
    size_t n = (size_t)(end - p);
    for (size_t i = 0; i < sizeof st_slirp / sizeof st_slirp[0]; i++)
      if (strlen(st_slirp[i].slirp) == n && !strncmp(p, st_slirp[i].slirp, n)) {
        if (!have || found == CLOSED) found = st_slirp[i].st;
        have = 1;
      }
    p = end;
  }
  free(info); /* g_string_free(.., FALSE): glib's g_free is free() */
  return found;
}

static enum st current_state(void) {
  enum st s = slirp_state();
  if (s == CLOSED && listen_fd >= 0) return LISTEN;
  return s;
}

/* A passive OPEN makes one connection: the listener goes once slirp's connection is synchronized. Until then a
   reset from the tester (SYN-RECEIVED back to LISTEN) leaves it listening. */
static void close_listener_once_established(void) {
  if (listen_fd < 0) return;
  enum st s = slirp_state();
  if (s != CLOSED && s != LISTEN && s != SYN_RCVD) {
    close(listen_fd);
    listen_fd = -1;
  }
}

/* A connection slirp dropped before it was synchronized (a RST in SYN-RECEIVED) leaves its host side accepted:
   that socket goes, and the listener listens on. */
static void forget_dropped(void) {
  if (listen_fd >= 0 && user_fd >= 0 && slirp_state() == CLOSED) close_fd(&user_fd);
}

static void accept_pending(void) {
  int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) return;
  if (user_fd >= 0) close(user_fd); /* a connection slirp dropped in SYN-RECEIVED: its host side goes too */
  user_fd = fd;
}

/* ------------------------------------------------------------------------------------------ user calls */
static const char *result_error;
static unsigned char rx[1 << 17];
static size_t rxlen;
static int result_has_data;

static void fail_call(const char *e) { result_error = e; }

static int host_socket(void) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  if (fd < 0) die("socket: %s", strerror(errno));
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static struct sockaddr_in loopback(int port) {
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((uint16_t)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

static void call_open(int passive) {
  if (current_state() != CLOSED) return fail_call("connection already exists");
  opens++;
  close_fd(&user_fd); /* the host side of an earlier connection of this run, which slirp has closed */
  let_go = shut_wr = 0;
  rxlen = 0;
  struct sockaddr_in a = loopback(IUT_PORT);
  if (passive) {
    listen_fd = host_socket();
    if (bind(listen_fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(listen_fd, 1) != 0)
      die("listen on 127.0.0.1:%d: %s", IUT_PORT, strerror(errno));
    return;
  }
  struct in_addr host = {htonl(INADDR_LOOPBACK)}, guest;
  inet_pton(AF_INET, "192.0.2.1", &guest);
  int fwd = FWD_PORT + opens; /* a fresh 4-tuple on the host side for every active OPEN */
  if (slirp_add_hostfwd(slirp, 0, host, fwd, guest, TESTER_PORT) != 0)
    die("slirp_add_hostfwd 127.0.0.1:%d: %s", fwd, strerror(errno));
  user_fd = host_socket();
  if (bind(user_fd, (struct sockaddr *)&a, sizeof a) != 0) die("bind 127.0.0.1:%d: %s", IUT_PORT, strerror(errno));
  struct sockaddr_in f = loopback(fwd);
  if (connect(user_fd, (struct sockaddr *)&f, sizeof f) != 0 && errno != EINPROGRESS)
    die("connect to the host forward: %s", strerror(errno));
  /* The forward is for this one connection: no later SYN from a host client. */
  settle();
  slirp_remove_hostfwd(slirp, 0, host, fwd);
}

static int exists(void) { return current_state() != CLOSED; }

static int need_conn(void) {
  if (user_fd >= 0 && !let_go && slirp_state() != CLOSED) return 1;
  fail_call(exists() && (let_go || shut_wr) ? "connection closing" : "connection does not exist");
  return 0;
}

static void call_send(const unsigned char *data, size_t len) {
  if (user_fd < 0 && !let_go && listen_fd >= 0) return fail_call("foreign socket unspecified"); /* RFC 9293 §3.10.2 */
  if (!need_conn()) return;
  enum st s = current_state();
  if (shut_wr || s == FIN_WAIT_1 || s == FIN_WAIT_2 || s == CLOSING || s == LAST_ACK || s == TIME_WAIT)
    return fail_call("connection closing");
  if (s == CLOSED) return fail_call("connection does not exist");
  ssize_t n = send(user_fd, data, len, MSG_NOSIGNAL);
  if (n < 0) {
    fprintf(stderr, "tcpconform-slirp: send: %s\n", strerror(errno));
    return fail_call(errno == ECONNRESET ? "connection reset" : "connection closing");
  }
  if ((size_t)n < len) fprintf(stderr, "tcpconform-slirp: send took %zd of %zu bytes\n", n, len);
}

static void call_receive(void) {
  if (let_go && exists()) return fail_call("connection closing");
  enum st s = current_state();
  if (s == CLOSED) return fail_call("connection does not exist"); /* a reset flushes what was not received */
  if (user_fd < 0) {
    return; /* LISTEN, or SYN-RECEIVED before the host side was accepted: nothing yet */
  }
  ssize_t n = recv(user_fd, rx, sizeof rx, 0);
  if (n > 0) {
    rxlen = (size_t)n;
    result_has_data = 1;
    return;
  }
  if (n == 0) return fail_call(s == CLOSED ? "connection does not exist" : "connection closing");
  if (errno == EAGAIN || errno == EWOULDBLOCK) {
    if (s == CLOSED) return fail_call("connection does not exist");
    return;
  }
  if (errno == ECONNRESET) return fail_call("connection reset");
  fail_call("connection does not exist");
}

static void call_close(int half_duplex) {
  if (user_fd < 0 && !let_go && listen_fd >= 0) {
    close(listen_fd);
    listen_fd = -1;
    return;
  }
  if (!need_conn()) return;
  if (half_duplex) {
    enum st s = current_state();
    /* RFC 9293 §3.10.4: CLOSE once the FIN has gone and the peer's has come is an error, whatever sockets say. */
    if (s == CLOSING || s == LAST_ACK || s == TIME_WAIT) return fail_call("connection closing");
    close(user_fd); /* the kernel sends RST to slirp's host socket if received data is unread */
    user_fd = -1;
    let_go = 1;
    return;
  }
  if (shut_wr) return fail_call("connection closing");
  shut_wr = 1;
  if (shutdown(user_fd, SHUT_WR) != 0) {
    fprintf(stderr, "tcpconform-slirp: shutdown: %s\n", strerror(errno));
    fail_call("connection closing");
  }
}

static void call_abort(void) {
  if (user_fd < 0 && !let_go && listen_fd >= 0) {
    close(listen_fd);
    listen_fd = -1;
    return;
  }
  if (!need_conn()) return;
  struct linger l = {1, 0};
  setsockopt(user_fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  close(user_fd); /* a RST to slirp's host socket: slirp's soread() sees ECONNRESET and drops the connection */
  user_fd = -1;
  let_go = 1;
}

/* ------------------------------------------------------------------------------------------ reset, wait */
static void guest_arp(void) {
  /* An ARP request from the guest for 192.0.2.2: slirp learns the guest's address and answers (discarded). */
  uint8_t f[42];
  memset(f, 0xff, 6);
  memcpy(f + 6, guest_mac, 6);
  f[12] = 0x08, f[13] = 0x06;
  const uint8_t arp[8] = {0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01};
  memcpy(f + 14, arp, 8);
  memcpy(f + 22, guest_mac, 6);
  const uint8_t sip[4] = {192, 0, 2, 1}, tip[4] = {192, 0, 2, 2};
  memcpy(f + 28, sip, 4);
  memset(f + 32, 0, 6);
  memcpy(f + 38, tip, 4);
  slirp_input(slirp, f, sizeof f);
}

/* Everything goes: the user's sockets, slirp itself and the namespace its sockets lived in. */
static void reset_all(void) {
  discard_output = 1;
  close_fd(&user_fd);
  close_fd(&listen_fd);
  if (slirp) slirp_cleanup(slirp);
  fresh_namespace();
  vnow_ms = 0;
  SlirpConfig cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.version = 4;
  cfg.in_enabled = true;
  inet_pton(AF_INET, "192.0.2.0", &cfg.vnetwork);
  inet_pton(AF_INET, "255.255.255.0", &cfg.vnetmask);
  inet_pton(AF_INET, "192.0.2.2", &cfg.vhost);
  inet_pton(AF_INET, "192.0.2.15", &cfg.vdhcp_start);
  inet_pton(AF_INET, "192.0.2.3", &cfg.vnameserver);
  cfg.in6_enabled = false;
  cfg.disable_dns = true;
  cfg.disable_dhcp = true;
  slirp = slirp_new(&cfg, &callbacks, NULL);
  if (!slirp) die("slirp_new failed");
  guest_arp();
  settle();
  opens = let_go = shut_wr = 0;
  rxlen = 0;
  discard_output = 0;
}

static void advance(uint64_t ms) {
  for (uint64_t i = 0; i < ms; i++) {
    vnow_ms++;
    poll_once(0);
    close_listener_once_established();
  }
  settle();
  forget_dropped();
}

/* JSON, minimal: ../process/shim/jsonl.h */

static void inject(const unsigned char *ip, size_t len) {
  static uint8_t frame[14 + 100000];
  memcpy(frame, slirp_mac, 6);
  memcpy(frame + 6, guest_mac, 6);
  frame[12] = 0x08, frame[13] = 0x00;
  memcpy(frame + 14, ip, len);
  slirp_input(slirp, frame, (int)(14 + len));
}

static void handle(const char *line) {
  static char sbuf[200000];
  static unsigned char bytes[100000];
  double num;
  if (!get_num(line, "id", &num)) { error_reply(-1, "request without an id"); return; }
  long id = (long)num;
  char op[32], call[32], mode[32];
  if (!get_str(line, "op", op, sizeof op)) { error_reply(id, "request without an op"); return; }
  if (!slirp && strcmp(op, "reset")) { error_reply(id, "no reset yet"); return; }

  packets_len = 0; packets[0] = 0; npackets = 0;
  result_error = NULL;
  result_has_data = 0;
  int is_call = 0;

  if (!strcmp(op, "reset")) {
    reset_all();
    packets_len = 0; packets[0] = 0; npackets = 0;
  } else if (!strcmp(op, "state")) {
  } else if (!strcmp(op, "wait")) {
    if (!get_num(line, "ms", &num) || num < 0) { error_reply(id, "wait: bad ms"); return; }
    advance((uint64_t)num);
  } else if (!strcmp(op, "segment")) {
    long n;
    if (!get_str(line, "packet", sbuf, sizeof sbuf) || (n = unhex(sbuf, bytes, sizeof bytes)) < 20) {
      error_reply(id, "segment: bad packet");
      return;
    }
    inject(bytes, (size_t)n);
    settle();
    forget_dropped();
  } else if (!strcmp(op, "call")) {
    is_call = 1;
    if (!get_str(line, "call", call, sizeof call)) { error_reply(id, "call without a name"); return; }
    int has_mode = get_str(line, "mode", mode, sizeof mode);
    if (!strcmp(call, "open")) call_open(has_mode && !strcmp(mode, "passive"));
    else if (!strcmp(call, "send")) {
      long n;
      if (!get_str(line, "data", sbuf, sizeof sbuf) || (n = unhex(sbuf, bytes, 65535)) < 0) {
        error_reply(id, "send: bad data");
        return;
      }
      call_send(bytes, (size_t)n);
    } else if (!strcmp(call, "receive")) call_receive();
    else if (!strcmp(call, "close")) call_close(has_mode && !strcmp(mode, "halfDuplex"));
    else if (!strcmp(call, "abort")) call_abort();
    else { error_reply(id, "unknown call"); return; }
    settle();
  } else {
    error_reply(id, "unknown op");
    return;
  }
  close_listener_once_established();

  reply_len = 0;
  out("{\"id\":%ld,\"packets\":[%s]", id, packets);
  if (is_call) {
    if (result_error) out(",\"result\":{\"ok\":false,\"error\":\"%s\"}", result_error);
    else if (result_has_data) {
      out(",\"result\":{\"ok\":true,\"data\":\"");
      for (size_t i = 0; i < rxlen; i++) out("%02x", rx[i]);
      out("\"}");
    } else out(",\"result\":{\"ok\":true}");
  }
  out(",\"state\":\"%s\"}\n", st_rfc[current_state()]);
  fputs(reply, stdout);
  fflush(stdout);
  rxlen = 0;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  reply_cap = 4096;
  reply = malloc(reply_cap);
  /* slirp writes to its host sockets with send() and no MSG_NOSIGNAL (slirp.c: slirp_send()), so a write to a
   * socket the user has closed would kill the process with SIGPIPE; QEMU, which embeds libslirp, ignores
   * SIGPIPE, and so does this shim: the write then fails with EPIPE, which slirp handles. */
  signal(SIGPIPE, SIG_IGN);
  /* Fail before the hello if the namespace cannot be made: the harness shows this line. */
  fresh_namespace();
  printf("{\"tcpconform\":1,\"iut\":\"libslirp %s\",\"capabilities\":{\"calls\":[\"open.passive\",\"open.active\","
         "\"send\",\"receive\",\"close\",\"close.halfDuplex\",\"abort\"],\"segments\":true,\"state\":true,"
         "\"signals\":false,\"clock\":\"virtual\",\"features\":[]}}\n",
         slirp_version_string());
  fflush(stdout);

  /* slirp keeps process-wide state (curtime): every run is served by a fork of this image, which has no Slirp
     yet; the run's reset makes its namespace and Slirp. */
  fork_serve(handle);
  close_fd(&user_fd);
  close_fd(&listen_fd);
  if (slirp) slirp_cleanup(slirp);
  return 0;
}
