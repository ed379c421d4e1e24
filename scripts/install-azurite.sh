#!/usr/bin/env bash
# Installs Azurite, Microsoft's Azure Storage emulator (the npm package azurite), for the tests of
# the agent's azure-blob storage, and prints the absolute path of its blob server (azurite-blob) as
# the only line on stdout. Progress goes to stderr.
#
#   scripts/install-azurite.sh
#
# The pinned release is installed with `npm install --prefix` into
#   ${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}/azurite-<version>
# outside the git clone, so a fresh clone (CI) reuses it. It needs Node.js (18 or later) and npm.
# A warm run (already installed) takes a fraction of a second.
#
# Env:
#   VAULTX_AZURITE_BIN      use this azurite-blob program instead of installing one (only checked
#                           for being executable)
#   VAULTX_AZURITE_VERSION  the release to install (default 3.37.0)
#   VAULTX_CACHE_DIR        where tools are kept (default ~/.cache/vaultx-raft)
set -euo pipefail

log() { printf '%s\n' "install-azurite: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

case "${1:-}" in
  "") ;;
  -h | --help)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 0
    ;;
  *) die "unknown argument $1" ;;
esac

if [[ -n "${VAULTX_AZURITE_BIN:-}" ]]; then
  [[ -f "$VAULTX_AZURITE_BIN" && -x "$VAULTX_AZURITE_BIN" ]] ||
    die "VAULTX_AZURITE_BIN=$VAULTX_AZURITE_BIN is not an executable file"
  log "using $VAULTX_AZURITE_BIN"
  printf '%s\n' "$(cd "$(dirname "$VAULTX_AZURITE_BIN")" && pwd)/$(basename "$VAULTX_AZURITE_BIN")"
  exit 0
fi

VERSION="${VAULTX_AZURITE_VERSION:-3.37.0}"
VERSION="${VERSION#v}"
CACHE_ROOT="${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}"
OUT_DIR="$CACHE_ROOT/azurite-$VERSION"
BIN="$OUT_DIR/node_modules/.bin/azurite-blob"

# Prints the version line if the installed program runs and is the wanted release.
check_install() {
  local out
  [[ -x "$BIN" ]] || return 1
  out="$("$BIN" --version 2>&1)" || return 1
  out="${out%%$'\n'*}"
  [[ "$out" == "$VERSION" ]] || return 1
  printf 'azurite-blob %s\n' "$out"
}

if line="$(check_install)"; then
  log "$line already installed in $OUT_DIR"
  printf '%s\n' "$BIN"
  exit 0
fi

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
  die "Node.js and npm are needed to install Azurite $VERSION (the npm package azurite).
  Install them (for example the Debian packages nodejs and npm), or point VAULTX_AZURITE_BIN at an
  azurite-blob program."

mkdir -p "$OUT_DIR"
# One install at a time per version, even from several clones or Maven runs.
exec 9>"$OUT_DIR/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  if line="$(check_install)"; then
    log "$line was installed meanwhile in $OUT_DIR"
    printf '%s\n' "$BIN"
    exit 0
  fi
fi

started=$SECONDS
log "installing azurite $VERSION with npm $(npm --version) (Node.js $(node --version)) into $OUT_DIR"
if ! output="$(npm install --prefix "$OUT_DIR" --no-audit --no-fund --no-save --omit=dev \
  --loglevel=error "azurite@$VERSION" 2>&1)"; then
  die "npm install azurite@$VERSION failed:
$output
  Check the network or npm's registry setting, or point VAULTX_AZURITE_BIN at an azurite-blob program."
fi
line="$(check_install)" ||
  die "the installed $BIN does not report version $VERSION: $("$BIN" --version 2>&1 | head -n 1)"
log "installed $line in $((SECONDS - started)) s: $BIN"
printf '%s\n' "$BIN"
