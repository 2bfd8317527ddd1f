/* The process protocol's requests as the C shims read them (adapters/process/PROTOCOL.md): one JSON object per
 * line, written by the harness with unique keys and hex payloads, so a key search is enough (spaces allowed
 * around the colon). Shared by adapters/lwip and adapters/slirp; each includes it once. */
#ifndef TCPCONFORM_JSONL_H
#define TCPCONFORM_JSONL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *find_key(const char *line, const char *key) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\"", key);
  for (const char *p = strstr(line, pat); p; p = strstr(p + 1, pat)) {
    const char *q = p + strlen(pat);
    while (*q == ' ') q++;
    if (*q != ':') continue;
    for (q++; *q == ' ';) q++;
    return q;
  }
  return NULL;
}

static int get_str(const char *line, const char *key, char *buf, size_t cap) {
  const char *p = find_key(line, key);
  if (!p || *p != '"') return 0;
  p++;
  size_t i = 0;
  while (*p && *p != '"' && i + 1 < cap) buf[i++] = *p++;
  buf[i] = 0;
  return *p == '"';
}

static int get_num(const char *line, const char *key, double *v) {
  const char *p = find_key(line, key);
  if (!p) return 0;
  char *end;
  *v = strtod(p, &end);
  return end != p;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static long unhex(const char *s, unsigned char *buf, size_t cap) {
  size_t n = strlen(s);
  if (n % 2 || n / 2 > cap) return -1;
  for (size_t i = 0; i < n / 2; i++) {
    int h = hexval(s[2 * i]), l = hexval(s[2 * i + 1]);
    if (h < 0 || l < 0) return -1;
    buf[i] = (unsigned char)(h << 4 | l);
  }
  return (long)(n / 2);
}

static void error_reply(long id, const char *msg) {
  printf("{\"id\":%ld,\"error\":\"%s\"}\n", id, msg);
  fflush(stdout);
}

#endif
