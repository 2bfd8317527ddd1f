#!/bin/sh
# Builds the libslirp shim against Debian's libslirp-dev (libslirp 4.7.0): adapters/slirp/build/tcpconform-slirp.
# Needs: gcc, libslirp-dev (apt-get install -y gcc libslirp-dev). libslirp.h needs no glib headers.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f /usr/include/slirp/libslirp.h ] && ! pkg-config --exists slirp 2>/dev/null; then
  echo "build:slirp: libslirp-dev is not installed (Debian/Ubuntu: apt-get install -y libslirp-dev)" >&2
  exit 3
fi
command -v gcc >/dev/null || { echo "build:slirp: gcc is not installed (apt-get install -y gcc)" >&2; exit 3; }
mkdir -p "$here/build"
# Build beside the binary and rename over it: a shim that is running (another test, a check) keeps its file.
tmp="$here/build/tcpconform-slirp.tmp.$$"
trap 'rm -f "$tmp"' EXIT
gcc -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter -o "$tmp" "$here/tcpconform-slirp.c" -lslirp
mv -f "$tmp" "$here/build/tcpconform-slirp"
echo "built $here/build/tcpconform-slirp"
