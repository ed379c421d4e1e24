#!/usr/bin/env bash
# Runs the smoke test of a generated client (spec/generators/smoke/) against the server at VAULT_ADDR
# with VAULT_TOKEN: configuration, autopilot state and configuration, a snapshot streamed to a file and
# checked, an Enterprise-only call and a bad token. Exit code 0 only if every check passed.
#
#   scripts/client-smoke.sh python [CLIENT]   default CLIENT: target/clients/python
#   scripts/client-smoke.sh go [CLIENT]       default CLIENT: target/clients/go
#
# CLIENT is what scripts/generate-client.sh wrote. Python runs in the project's .tools/venv (created
# here if missing; the client's requirements are installed into it); Go uses the machine's Go (the
# generated module needs no third-party module).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
die() { printf 'client-smoke: %s\n' "$*" >&2; exit 1; }

LANG_NAME="${1:-}"
CLIENT="${2:-$REPO_ROOT/target/clients/$LANG_NAME}"
[[ -n "${VAULT_ADDR:-}" && -n "${VAULT_TOKEN:-}" ]] || die "set VAULT_ADDR and VAULT_TOKEN"
[[ -f "$CLIENT/README.md" ]] || die "no generated client in $CLIENT: run scripts/generate-client.sh $LANG_NAME first"
CLIENT="$(cd "$CLIENT" && pwd)"

case "$LANG_NAME" in
  python)
    VENV="$REPO_ROOT/.tools/venv"
    if [[ ! -x "$VENV/bin/python" ]]; then
      "${VAULTX_PYTHON:-python3}" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$CLIENT/requirements.txt"
    PYTHONPATH="$CLIENT" exec "$VENV/bin/python" "$REPO_ROOT/spec/generators/smoke/python_smoke.py"
    ;;
  go)
    command -v go >/dev/null || die "no go on PATH"
    module="$(sed -n 's/^module //p' "$CLIENT/go.mod")"
    SMOKE="$CLIENT-smoke"
    rm -rf "$SMOKE" && mkdir -p "$SMOKE"
    cp "$REPO_ROOT/spec/generators/smoke/go/main.go" "$SMOKE/"
    cat > "$SMOKE/go.mod" <<GOMOD
module vaultx.invalid/smoke

go 1.23

require $module v0.0.0

replace $module => $CLIENT
GOMOD
    cd "$SMOKE"
    go vet ./... "$module"
    exec go run .
    ;;
  *) die "usage: $0 {python|go} [CLIENT]" ;;
esac
