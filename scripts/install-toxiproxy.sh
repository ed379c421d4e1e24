#!/usr/bin/env bash
# Builds the Toxiproxy server (a TCP proxy that injects network faults: latency, bandwidth caps,
# resets, black holes, ...) for the fault tests and prints its absolute path as the only line on
# stdout. Progress goes to stderr.
#
#   scripts/install-toxiproxy.sh
#
# Toxiproxy ships no binary we can download here, so it is built from its Go module with
# `go install` (CGO_ENABLED=0, the installed Go toolchain only), its version stamped in, into
#   ${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}/toxiproxy-<version>/toxiproxy-server
# outside the git clone, so a fresh clone (CI) reuses it. Modules come through Go's usual module
# cache (GOMODCACHE). A cold build takes about 15 seconds once the modules are there; a warm one
# (the binary is cached) a fraction of a second.
#
# Switch: if VAULTX_TOXIPROXY_BIN is set, it is only checked for being executable and printed.
#
# Env:
#   VAULTX_TOXIPROXY_BIN      use this toxiproxy server binary instead of building one
#   VAULTX_TOXIPROXY_VERSION  the release to build (default 2.12.0)
#   VAULTX_CACHE_DIR          where built binaries are kept (default ~/.cache/vaultx-raft)
set -euo pipefail

log() { printf '%s\n' "install-toxiproxy: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
  *) die "unknown option $1 (the script takes none)" ;;
esac

if [[ -n "${VAULTX_TOXIPROXY_BIN:-}" ]]; then
  if [[ -f "$VAULTX_TOXIPROXY_BIN" && -x "$VAULTX_TOXIPROXY_BIN" ]]; then
    log "using VAULTX_TOXIPROXY_BIN=$VAULTX_TOXIPROXY_BIN"
    printf '%s\n' "$(cd "$(dirname "$VAULTX_TOXIPROXY_BIN")" && pwd)/$(basename "$VAULTX_TOXIPROXY_BIN")"
    exit 0
  fi
  die "VAULTX_TOXIPROXY_BIN=$VAULTX_TOXIPROXY_BIN is not an executable file"
fi

VERSION="${VAULTX_TOXIPROXY_VERSION:-2.12.0}"
VERSION="${VERSION#v}"
MODULE="github.com/Shopify/toxiproxy/v2"
CACHE_ROOT="${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}"
OUT_DIR="$CACHE_ROOT/toxiproxy-$VERSION"
BIN="$OUT_DIR/toxiproxy-server"

# Prints the version line if the binary runs and is the wanted release.
check_binary() {
  local line
  line="$("$1" -version 2>/dev/null | head -n 1)" || return 1
  [[ "$line" == *"$VERSION"* ]] || return 1
  printf '%s\n' "$line"
}

if [[ -x "$BIN" ]] && line="$(check_binary "$BIN")"; then
  log "toxiproxy $line already built in $OUT_DIR"
  printf '%s\n' "$BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 ||
  die "Go is not installed (or not on the PATH): building Toxiproxy $VERSION needs the go command.
  Install Go, or point VAULTX_TOXIPROXY_BIN at a toxiproxy-server binary."

mkdir -p "$OUT_DIR"
# One build at a time per version, even from several clones or Maven runs.
exec 9>"$OUT_DIR/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  if [[ -x "$BIN" ]] && line="$(check_binary "$BIN")"; then
    log "toxiproxy $line was built meanwhile in $OUT_DIR"
    printf '%s\n' "$BIN"
    exit 0
  fi
fi

work="$(mktemp -d "$OUT_DIR/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# GOBIN puts the binary (Go names it "server" after its folder) in our work folder; GOFLAGS is
# cleared because a user's -mod=... is refused by `go install pkg@version`.
export CGO_ENABLED=0 GOTOOLCHAIN=local GOBIN="$work" GOFLAGS=-buildvcs=false
started=$SECONDS
log "building Toxiproxy $VERSION from its Go module $MODULE (about 15 s once its modules are"
log "downloaded; the binary is kept in $OUT_DIR)"
if ! output="$(go install -trimpath -ldflags "-s -w -X $MODULE.Version=$VERSION" \
  "$MODULE/cmd/server@v$VERSION" 2>&1)"; then
  die "go install $MODULE/cmd/server@v$VERSION failed (GOPROXY=$(go env GOPROXY)):
$output
  Check the network or GOPROXY, or point VAULTX_TOXIPROXY_BIN at a toxiproxy-server binary."
fi
[[ -x "$work/server" ]] || die "go install reported success but left no binary in $work"
mv -f "$work/server" "$BIN"
line="$(check_binary "$BIN")" ||
  die "the built $BIN does not report version $VERSION: $("$BIN" -version 2>&1 | head -n 1)"
log "built toxiproxy $line in $((SECONDS - started)) s: $BIN"
printf '%s\n' "$BIN"
