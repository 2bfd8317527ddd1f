#!/usr/bin/env bash
# The package installs outside a checkout: `npm pack`, `npm install -g` of the tarball into a temporary prefix,
# then `tcpconform` from another directory, with no TypeScript toolchain on its module path. Also a profile file
# of the user's own (docs/examples/my-profile.js), which says require('tcpconform'). Exit 0 when all of it works.
# Usage: scripts/pack-smoke.sh   (from anywhere; needs npm and the registry for the runtime dependencies)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/tcpconform-pack-smoke.XXXXXX")
# Every exit path, failures and Ctrl-C included, removes what this script made.
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
prefix="$work/prefix"
elsewhere="$work/elsewhere"
mkdir -p "$prefix" "$elsewhere"

fail() {
  echo "pack-smoke: $*" >&2
  exit 1
}

# npm pack runs `prepare` (the build) first, so dist/ is in the tarball: a tarball install runs no build.
tarball=$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)
[ -f "$work/$tarball" ] || fail "npm pack made no tarball (said: $tarball)"
tar -tzf "$work/$tarball" >"$work/contents"
# The compiled specs are shipped for their declarations (`tcpconform rules` lists the specs testing each rule).
for must in package/dist/harness/cli/main.js package/bin/tcpconform.js package/adapters/lwip/build.sh \
  package/dist/spec/handshake.spec.js; do
  grep -qx "$must" "$work/contents" || fail "the tarball lacks $must"
done
if grep -E '\.test\.js$|\.spec\.ts$|linux-pair\.spec\.js$|^package/(harness|models|adapters|spec)/.*\.ts$' "$work/contents"; then
  fail 'the tarball carries tests or TypeScript sources (listed above)'
fi

npm install -g --prefix "$prefix" --no-audit --no-fund --loglevel=error "$work/$tarball" >/dev/null
bin="$prefix/bin/tcpconform"
[ -x "$bin" ] || fail "npm install -g put no executable at $bin"
installed="$prefix/lib/node_modules/tcpconform"
[ ! -e "$installed/node_modules/typescript" ] || fail 'typescript was installed: a runtime dependency is in the wrong list'

cd "$elsewhere"
# NODE_PATH and the checkout are out of reach: only what the tarball installed can run.
export NODE_PATH=
# --version, where the CLI has it, names the version packed.
expected=$(node -p "require('$installed/package.json').version")
if version=$("$bin" --version 2>/dev/null); then
  [[ "$version" == *"$expected"* ]] || fail "--version says \"$version\", the package is $expected"
  echo "tcpconform --version: $version"
fi
"$bin" check --runs 50 --seed 1 >"$work/check.out" 2>&1 || { cat "$work/check.out" >&2; fail "check --runs 50 --seed 1 did not exit 0"; }
tail -n 3 "$work/check.out"
# The spec catalogue loads from the compiled specs, with no test framework installed.
"$bin" rules | grep -q 'tested by: spec/handshake.spec.ts: ' || fail 'rules lists no spec of spec/handshake.spec.ts'

# A user's own profile, outside any node_modules: require('tcpconform') resolves to the installed package.
cp "$repo/docs/examples/my-profile.js" "$elsewhere/my-profile.js"
"$bin" check --adapter model --profile ./my-profile.js --runs 5 --seed 1 >"$work/profile.out" 2>&1 ||
  { cat "$work/profile.out" >&2; fail 'check --profile ./my-profile.js did not exit 0'; }
grep -q 'model/my-stack' "$work/profile.out" || fail 'check --profile ./my-profile.js did not check against my-stack'
echo "pack-smoke: $tarball installs and runs from $elsewhere"
