#!/bin/sh
# Builds the gVisor shim against Debian's golang-gvisor-gvisor-dev (the netstack snapshot 0.0~20221219):
# adapters/gvisor/build/tcpconform-gvisor. Needs: golang-go (Go 1.19), golang-gvisor-gvisor-dev
# (apt-get install -y golang-go golang-gvisor-gvisor-dev). Offline: GOPATH mode over /usr/share/gocode.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gocode=${TCPCONFORM_GOCODE:-/usr/share/gocode}
command -v go >/dev/null || {
  echo "build:gvisor: Go is not installed (Debian/Ubuntu: apt-get install -y golang-go golang-gvisor-gvisor-dev)" >&2
  exit 3
}
if [ ! -f "$gocode/src/gvisor.dev/gvisor/pkg/tcpip/stack/stack.go" ]; then
  echo "build:gvisor: golang-gvisor-gvisor-dev is not installed" \
    "(Debian/Ubuntu: apt-get install -y golang-gvisor-gvisor-dev)" >&2
  exit 3
fi
mkdir -p "$here/build"
# Build beside the binary and rename over it: a shim that is running (another test, a check) keeps its file.
tmp="$here/build/tcpconform-gvisor.tmp.$$"
trap 'rm -f "$tmp"' EXIT
# GOPATH mode, no network, no HOME needed: the build cache lives in build/ too.
cd "$here"
GO111MODULE=off GOFLAGS= GOPATH="$here/build/gopath:$gocode" GOCACHE="$here/build/cache" GOTOOLCHAIN=local \
  go build -o "$tmp" .
mv -f "$tmp" "$here/build/tcpconform-gvisor"
echo "built $here/build/tcpconform-gvisor"
