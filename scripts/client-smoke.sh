#!/usr/bin/env bash
# Runs the smoke test of a generated client (spec/generators/smoke/) against the server at VAULT_ADDR
# with VAULT_TOKEN: configuration (a token and no namespace), autopilot state and configuration, a bogus
# DR token, a snapshot streamed to a file and checked, an Enterprise-only call, a bad token, promote and
# demote (set VAULTX_SERVER_FLAVOUR to openbao or vault, else they are skipped) and, on a local recorder,
# the namespace and token headers. Exit code 0 only if every check passed.
#
#   scripts/client-smoke.sh python [CLIENT]             default CLIENT: target/clients/python
#   scripts/client-smoke.sh go [CLIENT]                 default CLIENT: target/clients/go
#   scripts/client-smoke.sh typescript-fetch [CLIENT]   default CLIENT: target/clients/typescript-fetch
#   scripts/client-smoke.sh rust [CLIENT]               default CLIENT: target/clients/rust
#
# CLIENT is what scripts/generate-client.sh wrote; the smoke test is built in CLIENT-smoke beside it.
# - python: the project's .tools/venv (created here if missing; the client's requirements go into it).
# - go: the machine's Go (the generated module needs no third-party module).
# - typescript-fetch: the machine's Node (18+, for fetch) and npm; TypeScript and @types/node at the
#   versions of spec/generators/smoke/typescript/package-lock.json, from npm's cache in CACHE/npm;
#   compiled with tsc --strict together with the generated sources.
# - rust: the machine's cargo; the crates are resolved once per pair of Cargo.toml files (the smoke
#   test's and the generated crate's) and that Cargo.lock is kept as CACHE/rust/Cargo-HASH.lock, so
#   later runs build --locked with the same versions; the build output stays in CACHE/rust/target.
# CACHE is ${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}, outside the clone.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
CACHE="${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}"
SMOKE_SRC="$REPO_ROOT/spec/generators/smoke"
die() { printf 'client-smoke: %s\n' "$*" >&2; exit 1; }
say() { printf 'client-smoke: %s\n' "$*" >&2; }

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
  typescript-fetch)
    command -v node >/dev/null && command -v npm >/dev/null || die "no node and npm on PATH"
    SMOKE="$CLIENT-smoke"
    rm -rf "$SMOKE" && mkdir -p "$SMOKE"
    cp "$SMOKE_SRC/typescript/package.json" "$SMOKE_SRC/typescript/package-lock.json" \
      "$SMOKE_SRC/typescript/tsconfig.json" "$SMOKE_SRC/typescript/smoke.ts" "$SMOKE/"
    ln -s "$CLIENT" "$SMOKE/client"
    cd "$SMOKE"
    say "node $(node --version), npm $(npm --version); npm cache $CACHE/npm"
    npm_config_cache="$CACHE/npm" npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error \
      || die "npm ci failed: the registry or $CACHE/npm must provide the versions of package-lock.json"
    node_modules/.bin/tsc -p . || die "the generated client or the smoke test does not compile under --strict"
    exec node out/smoke.js
    ;;
  rust)
    command -v cargo >/dev/null || die "no cargo on PATH"
    SMOKE="$CLIENT-smoke"
    rm -rf "$SMOKE" && mkdir -p "$SMOKE/smoke"
    cp -r "$SMOKE_SRC/rust/Cargo.toml" "$SMOKE_SRC/rust/src" "$SMOKE/smoke/"
    ln -s "$CLIENT" "$SMOKE/client"
    mkdir -p "$CACHE/rust"
    key="$(cat "$SMOKE_SRC/rust/Cargo.toml" "$CLIENT/Cargo.toml" | sha256sum | cut -c1-16)"
    lock="$CACHE/rust/Cargo-$key.lock"
    cd "$SMOKE/smoke"
    say "$(cargo --version); target $CACHE/rust/target"
    if [[ -f "$lock" ]]; then
      cp "$lock" Cargo.lock
    else
      cargo generate-lockfile --quiet || die "cargo could not resolve the crates of $SMOKE/smoke/Cargo.toml"
      cp Cargo.lock "$lock.tmp" && mv "$lock.tmp" "$lock"
      say "crates resolved anew and pinned in $lock"
    fi
    CARGO_TARGET_DIR="$CACHE/rust/target" cargo build --locked --quiet \
      || die "the generated client or the smoke test does not build (Cargo.lock: $lock)"
    # A copy, so another clone's build into the shared target folder cannot swap the program under us.
    cp "$CACHE/rust/target/debug/vault-raft-smoke" "$SMOKE/"
    exec "$SMOKE/vault-raft-smoke"
    ;;
  *) die "usage: $0 {python|go|typescript-fetch|rust} [CLIENT]" ;;
esac
