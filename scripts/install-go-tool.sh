#!/usr/bin/env bash
# Builds a pinned Go program a test needs (a real server, not a mock) from its Go module and prints
# its absolute path as the only line on stdout. Progress goes to stderr.
#
#   scripts/install-go-tool.sh toxiproxy    Toxiproxy's server, a TCP proxy that injects network faults
#   scripts/install-go-tool.sh versitygw    Versity's S3 gateway (an S3-compatible server over a folder)
#   scripts/install-go-tool.sh fakegcs      fake-gcs-server, a Google Cloud Storage emulator
#
# None of these programs ships a binary we can download here, so each is built with `go install`
# (CGO_ENABLED=0, the installed Go toolchain only), its version stamped in, into
#   ${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}/<tool>-<version>/<binary>
# outside the git clone, so a fresh clone (CI) reuses it. Modules come through Go's usual module
# cache. A warm run (the binary is cached) takes a fraction of a second.
#
# Env, per tool (TOXIPROXY, VERSITYGW, FAKEGCS):
#   VAULTX_<TOOL>_BIN      use this binary instead of building one (only checked for being executable)
#   VAULTX_<TOOL>_VERSION  the release to build
#   VAULTX_CACHE_DIR       where built binaries are kept (default ~/.cache/vaultx-raft)
set -euo pipefail

log() { printf '%s\n' "install-go-tool: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

TOOL="${1:-}"
case "$TOOL" in
  toxiproxy)
    # About 15 s once its modules are downloaded (about a minute cold).
    VERSION="${VAULTX_TOXIPROXY_VERSION:-2.12.0}"
    MODULE="github.com/Shopify/toxiproxy/v2"
    PACKAGE="$MODULE/cmd/server"
    BUILT_NAME="server"
    BINARY="toxiproxy-server"
    LDFLAGS="-s -w -X $MODULE.Version=${VERSION#v}"
    VERSION_FLAG="-version"
    OVERRIDE="${VAULTX_TOXIPROXY_BIN:-}"
    ;;
  versitygw)
    # A cold build takes one to three minutes on 2 cores, most of it compiling its modules.
    VERSION="${VAULTX_VERSITYGW_VERSION:-1.8.0}"
    MODULE="github.com/versity/versitygw"
    PACKAGE="$MODULE/cmd/versitygw"
    BUILT_NAME="versitygw"
    BINARY="versitygw"
    LDFLAGS="-s -w -X main.Version=v${VERSION#v} -X main.Build=module -X main.BuildTime=none"
    VERSION_FLAG="--version"
    OVERRIDE="${VAULTX_VERSITYGW_BIN:-}"
    ;;
  fakegcs)
    # It has no version flag: the version is checked against a stamp written beside the binary.
    VERSION="${VAULTX_FAKEGCS_VERSION:-1.56.1}"
    MODULE="github.com/fsouza/fake-gcs-server"
    PACKAGE="$MODULE"
    BUILT_NAME="fake-gcs-server"
    BINARY="fake-gcs-server"
    LDFLAGS="-s -w"
    VERSION_FLAG=""
    OVERRIDE="${VAULTX_FAKEGCS_BIN:-}"
    ;;
  -h | --help | "")
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2
    [[ -n "$TOOL" ]] && exit 0
    exit 2
    ;;
  *) die "unknown tool '$TOOL' (known: toxiproxy, versitygw, fakegcs)" ;;
esac
VERSION="${VERSION#v}"

if [[ -n "$OVERRIDE" ]]; then
  [[ -f "$OVERRIDE" && -x "$OVERRIDE" ]] || die "the $TOOL binary $OVERRIDE is not an executable file"
  log "using $OVERRIDE"
  printf '%s\n' "$(cd "$(dirname "$OVERRIDE")" && pwd)/$(basename "$OVERRIDE")"
  exit 0
fi

CACHE_ROOT="${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}"
OUT_DIR="$CACHE_ROOT/$TOOL-$VERSION"
BIN="$OUT_DIR/$BINARY"

# Prints the version line if the binary runs and is the wanted release.
check_binary() {
  local out line
  if [[ -z "$VERSION_FLAG" ]]; then
    [[ -x "$1" && "$(cat "$1.version" 2>/dev/null)" == "$MODULE v$VERSION" ]] || return 1
    printf '%s\n' "$MODULE v$VERSION"
    return 0
  fi
  # versitygw prints its version on stderr. The whole output is read first: a pipe into head could
  # end the program with SIGPIPE, which pipefail would report as a failure.
  out="$("$1" "$VERSION_FLAG" 2>&1)" || return 1
  line="${out%%$'\n'*}"
  [[ "$line" == *"$VERSION"* ]] || return 1
  printf '%s\n' "$line" | tr -s ' '
}

if [[ -x "$BIN" ]] && line="$(check_binary "$BIN")"; then
  log "$TOOL $line already built in $OUT_DIR"
  printf '%s\n' "$BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 ||
  die "Go is not installed (or not on the PATH): building $TOOL $VERSION needs the go command.
  Install Go, or point VAULTX_$(tr '[:lower:]' '[:upper:]' <<<"$TOOL")_BIN at a $TOOL binary."

mkdir -p "$OUT_DIR"
# One build at a time per version, even from several clones or Maven runs.
exec 9>"$OUT_DIR/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  if [[ -x "$BIN" ]] && line="$(check_binary "$BIN")"; then
    log "$TOOL $line was built meanwhile in $OUT_DIR"
    printf '%s\n' "$BIN"
    exit 0
  fi
fi

work="$(mktemp -d "$OUT_DIR/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# GOBIN puts the binary in our work folder; GOFLAGS is cleared because a user's -mod=... is refused
# by `go install pkg@version`.
export CGO_ENABLED=0 GOTOOLCHAIN=local GOBIN="$work" GOFLAGS=-buildvcs=false
started=$SECONDS
log "building $TOOL $VERSION from its Go module $MODULE (kept in $OUT_DIR)"
if ! output="$(go install -trimpath -ldflags "$LDFLAGS" "$PACKAGE@v$VERSION" 2>&1)"; then
  die "go install $PACKAGE@v$VERSION failed (GOPROXY=$(go env GOPROXY)):
$output
  Check the network or GOPROXY, or point VAULTX_$(tr '[:lower:]' '[:upper:]' <<<"$TOOL")_BIN at a $TOOL binary."
fi
[[ -x "$work/$BUILT_NAME" ]] || die "go install reported success but left no binary in $work"
mv -f "$work/$BUILT_NAME" "$BIN"
[[ -n "$VERSION_FLAG" ]] || printf '%s\n' "$MODULE v$VERSION" >"$BIN.version"
line="$(check_binary "$BIN")" ||
  die "the built $BIN does not report version $VERSION"
log "built $TOOL $line in $((SECONDS - started)) s: $BIN"
printf '%s\n' "$BIN"
