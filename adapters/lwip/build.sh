#!/bin/sh
# Builds the lwIP shim against Debian's liblwip-dev (lwIP 2.1.3): adapters/lwip/build/tcpconform-lwip.
# Needs: gcc, liblwip-dev (apt-get install -y gcc liblwip-dev).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! pkg-config --exists lwip 2>/dev/null && [ ! -f /usr/include/lwip/lwip/tcp.h ]; then
  echo "build:lwip: liblwip-dev is not installed (Debian/Ubuntu: apt-get install -y liblwip-dev)" >&2
  exit 3
fi
command -v gcc >/dev/null || { echo "build:lwip: gcc is not installed (apt-get install -y gcc)" >&2; exit 3; }
cflags=$(pkg-config --cflags lwip 2>/dev/null || echo -I/usr/include/lwip)
libs=$(pkg-config --libs lwip 2>/dev/null || echo -llwip)
mkdir -p "$here/build"
# Build beside the binary and rename over it: a shim that is running (another test, a check) keeps its file.
tmp="$here/build/tcpconform-lwip.tmp.$$"
trap 'rm -f "$tmp"' EXIT
gcc -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter $cflags \
  -o "$tmp" "$here/tcpconform-lwip.c" $libs
mv -f "$tmp" "$here/build/tcpconform-lwip"
echo "built $here/build/tcpconform-lwip"
