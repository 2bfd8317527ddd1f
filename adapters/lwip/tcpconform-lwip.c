/*
 * tcpconform-lwip: lwIP 2.1.3 (Debian's liblwip-dev) as an IUT speaking tcpconform's process protocol
 * (adapters/process/PROTOCOL.md) on stdin/stdout.
 *
 * - lwIP's raw API from a single thread: lwip_init(), never tcpip_init(), so no lwIP thread runs and no lock
 *   is needed (the Debian library is built with NO_SYS=0 for the Hurd, but its raw API works without the
 *   tcpip thread as long as nothing else calls in).
 * - One netif, 192.0.2.2/24, no link layer: its output function captures every IPv4 packet lwIP emits; an
 *   injected packet goes to ip_input() as if it had just been received.
 * - Time is virtual: sys_now() returns the virtual clock, and tcp_tmr() runs every 250 ms of virtual time
 *   during a `wait` (TCP_TMR_INTERVAL; tcp_fasttmr every call, tcp_slowtmr every second call).
 * - User calls map onto the raw API: open passive = tcp_bind + tcp_listen (the listening pcb is closed when
 *   the connection is accepted: one passive OPEN, one connection, as in the RFC), open active = tcp_bind +
 *   tcp_connect, send = tcp_write + tcp_output (Nagle off), receive = what the recv callback queued +
 *   tcp_recved, close = tcp_shutdown(tx), close halfDuplex = tcp_close, abort = tcp_abort.
 * - The state is read from lwIP's own pcb lists, so it stays right after the application let go of the pcb.
 *
 * - Every run starts from lwIP as lwip_init() left it: the process forks a copy of itself for each run
 *   (../process/shim/forkserver.h), which serves the run's requests and ends at the next reset.
 *
 * Logs go to stderr. Exits at end of input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../process/shim/jsonl.h"
#include "../process/shim/forkserver.h"
#include <stdarg.h>

#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/ip.h"
#include "lwip/ip4.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"

#define IUT_PORT 5001
#define TESTER_PORT 40001
#define TMR_INTERVAL 250

/* ------------------------------------------------------------------------------------------ virtual time */
static u32_t vnow;             /* virtual ms since the last reset */
static unsigned long tmr_calls; /* tcp_tmr() calls since start: its fast/slow phase depends on parity */

/* Interposes the library's sys_now(): lwIP's own notion of time is the virtual clock. */
u32_t sys_now(void) { return vnow; }

/* ------------------------------------------------------------------------------------------ reply building */
static char *reply;
static size_t reply_len, reply_cap;
static int discard_output;
static int npackets;

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
    if (!reply) { fprintf(stderr, "tcpconform-lwip: out of memory\n"); exit(1); }
  }
}

static char packets[65536 * 4];
static size_t packets_len;

/* The netif's output: every IPv4 packet lwIP sends, hex-encoded into the reply's packet list. */
static err_t capture_ip4(struct netif *n, struct pbuf *p, const ip4_addr_t *dst) {
  (void)n; (void)dst;
  static unsigned char buf[65536];
  if (discard_output) return ERR_OK;
  u16_t len = pbuf_copy_partial(p, buf, p->tot_len, 0);
  if (packets_len + 2 * (size_t)len + 4 >= sizeof packets) {
    fprintf(stderr, "tcpconform-lwip: too many packets in one reply, dropping one\n");
    return ERR_OK;
  }
  packets_len += (size_t)sprintf(packets + packets_len, "%s\"", npackets ? "," : "");
  for (u16_t i = 0; i < len; i++) packets_len += (size_t)sprintf(packets + packets_len, "%02x", buf[i]);
  packets[packets_len++] = '"';
  packets[packets_len] = 0;
  npackets++;
  return ERR_OK;
}

#if LWIP_IPV6
static err_t drop_ip6(struct netif *n, struct pbuf *p, const ip6_addr_t *dst) {
  (void)n; (void)p; (void)dst;
  return ERR_OK;
}
#endif

static struct netif nif;

static err_t nif_init(struct netif *n) {
  n->name[0] = 't';
  n->name[1] = 'c';
  n->mtu = 1500;
  n->output = capture_ip4;
#if LWIP_IPV6
  n->output_ip6 = drop_ip6;
#endif
  n->flags = NETIF_FLAG_LINK_UP; /* no NETIF_FLAG_ETHARP: IP packets go straight to output */
  return ERR_OK;
}

/* ------------------------------------------------------------------------------------------ the connection */
static struct tcp_pcb *conn;   /* the connection pcb the application holds (NULL: none, or let go) */
static struct tcp_pcb *lpcb;   /* the listening pcb of a passive OPEN */
static int let_go;             /* the application closed (halfDuplex) or aborted: pcbs left are lwIP's */
static int shut_tx;            /* close (shutdown tx) was called */
static int fin_received;       /* the recv callback saw the end of data */
static int reset_seen;         /* the err callback reported a reset */
static unsigned char rx[1 << 17];
static size_t rxlen;
static enum tcp_state state_before; /* the connection's state when the current request began */
static const char *signals[8];
static int nsignals;

static void add_signal(const char *s) {
  if (nsignals < 8) signals[nsignals++] = s;
}

static int ours(const struct tcp_pcb *p) { return p->local_port == IUT_PORT; }

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err) {
  (void)arg; (void)pcb; (void)err;
  if (!p) {
    if (!fin_received) add_signal("connection closing");
    fin_received = 1;
    return ERR_OK;
  }
  if (rxlen + p->tot_len > sizeof rx) return ERR_MEM; /* lwIP keeps it and retries later */
  rxlen += pbuf_copy_partial(p, rx + rxlen, p->tot_len, 0);
  pbuf_free(p);
  return ERR_OK; /* the window is reopened (tcp_recved) only when the user RECEIVEs */
}

static void on_err(void *arg, err_t err) {
  (void)arg;
  /* The pcb is already freed. */
  conn = NULL;
  if (err == ERR_RST) {
    reset_seen = 1;
    /* lwIP reports ERR_RST in every state; in SYN-SENT RFC 9293 §3.10.7.3 also says "connection reset". */
    add_signal("connection reset");
  } else if (err == ERR_ABRT) {
    add_signal("connection aborted due to user timeout"); /* tcp_slowtmr gave up retransmitting */
  }
  /* ERR_CLSD: closed normally (LAST-ACK acknowledged): no signal. */
}

static void hold(struct tcp_pcb *pcb) {
  conn = pcb;
  tcp_arg(pcb, NULL);
  tcp_recv(pcb, on_recv);
  tcp_err(pcb, on_err);
  tcp_nagle_disable(pcb);
}

static err_t on_accept(void *arg, struct tcp_pcb *newpcb, err_t err) {
  (void)arg;
  if (err != ERR_OK || !newpcb) return ERR_VAL;
  hold(newpcb);
  if (lpcb) { /* one passive OPEN, one connection */
    tcp_close(lpcb);
    lpcb = NULL;
  }
  return ERR_OK;
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err) {
  (void)arg; (void)pcb; (void)err;
  return ERR_OK;
}

/* The state of the one connection, from lwIP's own lists. */
static const char *state_name(enum tcp_state s) {
  switch (s) {
    case CLOSED: return "CLOSED";
    case LISTEN: return "LISTEN";
    case SYN_SENT: return "SYN-SENT";
    case SYN_RCVD: return "SYN-RECEIVED";
    case ESTABLISHED: return "ESTABLISHED";
    case FIN_WAIT_1: return "FIN-WAIT-1";
    case FIN_WAIT_2: return "FIN-WAIT-2";
    case CLOSE_WAIT: return "CLOSE-WAIT";
    case CLOSING: return "CLOSING";
    case LAST_ACK: return "LAST-ACK";
    case TIME_WAIT: return "TIME-WAIT";
  }
  return "CLOSED";
}

static enum tcp_state current_state(void) {
  struct tcp_pcb *p;
  for (p = tcp_active_pcbs; p; p = p->next)
    if (ours(p)) return p->state;
  for (p = tcp_tw_pcbs; p; p = p->next)
    if (ours(p)) return TIME_WAIT;
  for (struct tcp_pcb_listen *l = tcp_listen_pcbs.listen_pcbs; l; l = l->next)
    if (l->local_port == IUT_PORT) return LISTEN;
  return CLOSED;
}

/* ------------------------------------------------------------------------------------------ requests */
static const char *result_error; /* NULL: ok */
static int result_has_data;

static void fail_call(const char *e) { result_error = e; }

static int exists(void) { return current_state() != CLOSED; }

/* lwIP frees a pcb without a callback when TIME-WAIT (or a timeout in FIN-WAIT-2 after tcp_close) ends:
   forget the application's pointer once the pcb is on no list, before anything reads through it. */
static void forget_freed_conn(void) {
  if (!conn) return;
  for (struct tcp_pcb *p = tcp_active_pcbs; p; p = p->next) if (p == conn) return;
  for (struct tcp_pcb *p = tcp_tw_pcbs; p; p = p->next) if (p == conn) return;
  conn = NULL;
}

static void bind_ours(struct tcp_pcb *pcb) {
  ip_addr_t a;
  IP_ADDR4(&a, 192, 0, 2, 2);
  err_t e = tcp_bind(pcb, &a, IUT_PORT);
  if (e != ERR_OK) fprintf(stderr, "tcpconform-lwip: tcp_bind: %d\n", e);
}

static void call_open(int passive) {
  if (exists()) return fail_call("connection already exists");
  struct tcp_pcb *pcb = tcp_new();
  if (!pcb) return fail_call("insufficient resources");
  bind_ours(pcb);
  let_go = shut_tx = fin_received = reset_seen = 0;
  rxlen = 0;
  if (passive) {
    lpcb = tcp_listen(pcb);
    if (!lpcb) return fail_call("insufficient resources");
    tcp_accept(lpcb, on_accept);
  } else {
    ip_addr_t peer;
    IP_ADDR4(&peer, 192, 0, 2, 1);
    hold(pcb);
    err_t e = tcp_connect(pcb, &peer, TESTER_PORT, on_connected);
    if (e != ERR_OK) {
      fprintf(stderr, "tcpconform-lwip: tcp_connect: %d\n", e);
      fail_call("insufficient resources");
    }
  }
}

/* Calls that need the connection: no pcb left means "does not exist", unless lwIP still finishes a close. */
static int need_conn(void) {
  if (conn) return 1;
  fail_call(exists() && (let_go || shut_tx) ? "connection closing" : "connection does not exist");
  return 0;
}

static void call_send(const unsigned char *data, size_t len) {
  if (!conn && lpcb) return fail_call("foreign socket unspecified"); /* RFC 9293 §3.10.2, LISTEN */
  if (!need_conn()) return;
  if (shut_tx) return fail_call("connection closing");
  switch (conn->state) {
    case FIN_WAIT_1: case FIN_WAIT_2: case CLOSING: case LAST_ACK: case TIME_WAIT:
      return fail_call("connection closing");
    default: break;
  }
  err_t e = tcp_write(conn, data, (u16_t)len, TCP_WRITE_FLAG_COPY);
  if (e != ERR_OK) {
    fprintf(stderr, "tcpconform-lwip: tcp_write: %d\n", e);
    return fail_call(e == ERR_MEM ? "insufficient resources" : "connection closing");
  }
  tcp_output(conn);
}

static void call_receive(void) {
  /* A half-open connection whose listener was closed before the accept: the application holds nothing. */
  if (!conn && !lpcb && !let_go && !shut_tx && current_state() == SYN_RCVD) return fail_call("connection does not exist");
  /* After tcp_close() (the half-duplex CLOSE) the application may not read any more (RFC 9293 §3.6.1). */
  if (let_go && !conn && current_state() != CLOSED) return fail_call("connection closing");
  switch (current_state()) {
    case CLOSED: return fail_call("connection does not exist");
    case LISTEN: case SYN_SENT: case SYN_RCVD: return; /* nothing yet: "" */
    default: break;
  }
  if (rxlen > 0) {
    result_has_data = 1;
    return; /* the data is written into the reply, then tcp_recved */
  }
  if (fin_received) return fail_call("connection closing");
}

static void call_close(int half_duplex) {
  if (!conn && lpcb) {
    tcp_close(lpcb);
    lpcb = NULL;
    return;
  }
  if (!need_conn()) return;
  if (half_duplex) {
    struct tcp_pcb *pcb = conn;
    conn = NULL;
    let_go = 1;
    tcp_err(pcb, NULL);
    tcp_recv(pcb, NULL);
    err_t e = tcp_close(pcb); /* sends RST if received data is unread (RFC 1122 4.2.2.13) */
    if (e != ERR_OK) fprintf(stderr, "tcpconform-lwip: tcp_close: %d\n", e);
    return;
  }
  if (shut_tx) return fail_call("connection closing");
  if (conn->state == SYN_SENT) { /* RFC: delete the TCB; lwIP's tcp_shutdown refuses SYN-SENT */
    struct tcp_pcb *pcb = conn;
    conn = NULL;
    tcp_err(pcb, NULL);
    tcp_close(pcb);
    return;
  }
  shut_tx = 1;
  err_t e = tcp_shutdown(conn, 0, 1);
  if (e != ERR_OK) {
    fprintf(stderr, "tcpconform-lwip: tcp_shutdown: %d\n", e);
    fail_call("connection closing");
  }
}

static void call_abort(void) {
  if (!conn && lpcb) {
    tcp_close(lpcb);
    lpcb = NULL;
    return;
  }
  if (!need_conn()) return;
  struct tcp_pcb *pcb = conn;
  conn = NULL;
  let_go = 1;
  tcp_err(pcb, NULL);
  tcp_abort(pcb);
}

static void advance(u32_t ms) {
  u32_t target = vnow + ms;
  for (;;) {
    u32_t next = (vnow / TMR_INTERVAL + 1) * TMR_INTERVAL;
    if (next > target) break;
    vnow = next;
    tcp_tmr();
    tmr_calls++;
  }
  vnow = target;
}

/* Everything lwIP holds goes; packets it sends meanwhile are discarded. */
static void reset_all(void) {
  discard_output = 1;
  int guard = 0;
  while ((tcp_active_pcbs || tcp_tw_pcbs || tcp_listen_pcbs.pcbs || tcp_bound_pcbs) && guard++ < 100) {
    if (tcp_active_pcbs) { tcp_err(tcp_active_pcbs, NULL); tcp_abort(tcp_active_pcbs); continue; }
    if (tcp_tw_pcbs) { tcp_abort(tcp_tw_pcbs); continue; }
    if (tcp_listen_pcbs.pcbs) { tcp_close(tcp_listen_pcbs.pcbs); continue; }
    if (tcp_bound_pcbs) { tcp_close(tcp_bound_pcbs); continue; }
  }
  if (guard >= 100) fprintf(stderr, "tcpconform-lwip: reset could not free every pcb\n");
  conn = NULL;
  lpcb = NULL;
  let_go = shut_tx = fin_received = reset_seen = 0;
  rxlen = 0;
  vnow = 0;
  /* Every run starts at the same phase of tcp_tmr's fast/slow alternation. */
  if (tmr_calls & 1) { tcp_tmr(); tmr_calls++; }
  discard_output = 0;
}

/* JSON, minimal: ../process/shim/jsonl.h */

static void inject(const unsigned char *bytes, size_t len) {
  /* PBUF_RAM, one block. With Debian's liblwip (2.1.3, MEM_LIBC_MALLOC, MEMP_MEM_MALLOC) pbuf_take() into a
   * PBUF_POOL chain for a packet longer than one pool buffer wrote past the chain's first 616-byte block
   * (valgrind), and the corrupted heap aborted the shim on the next ACK lwIP sent. */
  struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);
  if (!p) { fprintf(stderr, "tcpconform-lwip: pbuf_alloc failed\n"); return; }
  pbuf_take(p, bytes, (u16_t)len);
  if (nif.input(p, &nif) != ERR_OK) pbuf_free(p);
}

static void handle(const char *line) {
  static char sbuf[200000];
  static unsigned char bytes[100000];
  double num;
  if (!get_num(line, "id", &num)) { error_reply(-1, "request without an id"); return; }
  long id = (long)num;
  char op[32], call[32], mode[32];
  if (!get_str(line, "op", op, sizeof op)) { error_reply(id, "request without an op"); return; }

  packets_len = 0; packets[0] = 0; npackets = 0;
  nsignals = 0;
  result_error = NULL;
  result_has_data = 0;
  int is_call = 0;
  forget_freed_conn();
  state_before = conn ? conn->state : CLOSED;

  if (!strcmp(op, "reset")) {
    reset_all();
    packets_len = 0; packets[0] = 0; npackets = 0;
    nsignals = 0;
  } else if (!strcmp(op, "state")) {
  } else if (!strcmp(op, "wait")) {
    if (!get_num(line, "ms", &num) || num < 0) { error_reply(id, "wait: bad ms"); return; }
    advance((u32_t)num);
    forget_freed_conn();
  } else if (!strcmp(op, "segment")) {
    long n;
    if (!get_str(line, "packet", sbuf, sizeof sbuf) || (n = unhex(sbuf, bytes, sizeof bytes)) < 20) {
      error_reply(id, "segment: bad packet");
      return;
    }
    inject(bytes, (size_t)n);
  } else if (!strcmp(op, "call")) {
    is_call = 1;
    if (!get_str(line, "call", call, sizeof call)) { error_reply(id, "call without a name"); return; }
    int has_mode = get_str(line, "mode", mode, sizeof mode);
    if (!strcmp(call, "open")) call_open(has_mode && !strcmp(mode, "passive"));
    else if (!strcmp(call, "send")) {
      long n;
      if (!get_str(line, "data", sbuf, sizeof sbuf) || (n = unhex(sbuf, bytes, 65535)) < 0) { error_reply(id, "send: bad data"); return; }
      call_send(bytes, (size_t)n);
    } else if (!strcmp(call, "receive")) call_receive();
    else if (!strcmp(call, "close")) call_close(has_mode && !strcmp(mode, "halfDuplex"));
    else if (!strcmp(call, "abort")) call_abort();
    else { error_reply(id, "unknown call"); return; }
  } else {
    error_reply(id, "unknown op");
    return;
  }

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
  if (nsignals) {
    out(",\"signals\":[");
    for (int i = 0; i < nsignals; i++) out("%s\"%s\"", i ? "," : "", signals[i]);
    out("]");
  }
  out(",\"state\":\"%s\"}\n", state_name(current_state()));
  fputs(reply, stdout);
  fflush(stdout);

  if (result_has_data) {
    /* Data handed to the user: reopen the window. A window update lwIP sends now belongs to the next reply. */
    size_t n = rxlen;
    rxlen = 0;
    if (conn) tcp_recved(conn, (u16_t)n);
  }
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  reply_cap = 4096;
  reply = malloc(reply_cap);
  lwip_init();
  ip4_addr_t addr, mask, gw;
  IP4_ADDR(&addr, 192, 0, 2, 2);
  IP4_ADDR(&mask, 255, 255, 255, 0);
  IP4_ADDR(&gw, 0, 0, 0, 0);
  if (!netif_add(&nif, &addr, &mask, &gw, NULL, nif_init, ip_input)) {
    fprintf(stderr, "tcpconform-lwip: netif_add failed\n");
    return 1;
  }
  netif_set_default(&nif);
  netif_set_up(&nif);
  netif_set_link_up(&nif);

  printf("{\"tcpconform\":1,\"iut\":\"lwIP %s\",\"capabilities\":{\"calls\":[\"open.passive\",\"open.active\",\"send\","
         "\"receive\",\"close\",\"close.halfDuplex\",\"abort\"],\"segments\":true,\"state\":true,\"signals\":true,"
         "\"clock\":\"virtual\",\"features\":[]}}\n",
         LWIP_VERSION_STRING);
  fflush(stdout);

  /* lwIP's state carries over from run to run (tcp_next_iss()'s static, tcp_ticks, the port counter, pools):
     every run is served by a fork of this pristine image. */
  fork_serve(handle);
  return 0;
}
