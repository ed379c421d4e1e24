#!/usr/bin/env bash
# Builds HashiCorp Vault CE from its Go module and prints the binary's absolute path as the only
# line on stdout; progress goes to stderr. Called by `scripts/install-server.sh --vault`.
#
# Why a build: there is no download site here, and `go install github.com/hashicorp/vault@vX`
# is refused because the release's go.mod replaces its nested api and sdk modules with local
# folders that are not in the module zip. So: copy the module out of the module cache, delete
# those local replace lines, and make the three places where the published sdk differs from the
# release's in-tree sdk compile (docs/servers.md, "Building Vault"). Each adjustment checks
# that the source reads exactly as expected and stops the build otherwise - a new release
# gets a reviewed recipe, never a silently different Vault.
#
# The binary is kept outside the git clone so that a fresh clone reuses it:
#   ${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}/vault-<version>/vault
#
# Env: VAULTX_VAULT_VERSION (default 1.21.4), VAULTX_CACHE_DIR.
set -euo pipefail

log() { printf '%s\n' "install-server: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

VERSION="${VAULTX_VAULT_VERSION:-1.21.4}"
VERSION="${VERSION#v}"
MODULE="github.com/hashicorp/vault"
CACHE_ROOT="${VAULTX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vaultx-raft}"
OUT_DIR="$CACHE_ROOT/vault-$VERSION"
BIN="$OUT_DIR/vault"

# The build date the binary was given (the release tag's time), written beside it.
DATE_FILE="$OUT_DIR/build-date"

# Prints the version line if the binary runs, is the wanted release and reports the build date
# given to it ($2). Without one, Vault's own init sets the date to "now minus a year" at every
# start: a binary built by an earlier recipe is rebuilt once.
check_binary() {
  local line
  [[ -n "$2" ]] || return 1
  line="$("$1" version 2>/dev/null | head -n 1)" || return 1
  [[ "$line" == "Vault v$VERSION, built $2"* ]] || return 1
  printf '%s\n' "$line"
}

built_date() { [[ -f "$DATE_FILE" ]] && cat "$DATE_FILE" || true; }

if [[ -x "$BIN" ]] && line="$(check_binary "$BIN" "$(built_date)")"; then
  log "$line already built in $OUT_DIR"
  printf '%s\n' "$BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 ||
  die "Go is not installed (or not on the PATH): building Vault $VERSION needs the go command
  (Go 1.25 or newer). Install Go, or point VAULTX_SERVER_BIN at a vault binary."

mkdir -p "$OUT_DIR"
# One build at a time per version, even from several clones or Maven runs.
exec 9>"$OUT_DIR/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  if [[ -x "$BIN" ]] && line="$(check_binary "$BIN" "$(built_date)")"; then
    log "$line was built meanwhile in $OUT_DIR"
    printf '%s\n' "$BIN"
    exit 0
  fi
fi

export CGO_ENABLED=0 GOFLAGS=-mod=mod
# Use the installed Go; never download another toolchain behind the user's back.
export GOTOOLCHAIN=local

started=$SECONDS
log "building Vault $VERSION from its Go module (cold: about 10 minutes on 2 cores and ~700 MB of"
log "modules; the binary is kept in $OUT_DIR)"

if ! download="$(go mod download -json "$MODULE@v$VERSION" 2>&1)"; then
  die "cannot download $MODULE@v$VERSION through the Go module proxy (GOPROXY=$(go env GOPROXY)):
$download
  Check the network or GOPROXY, or point VAULTX_SERVER_BIN at a vault binary."
fi
src_dir="$(printf '%s\n' "$download" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
[[ -n "$src_dir" && -f "$src_dir/go.mod" ]] ||
  die "go mod download did not report the module folder: $download"
# HashiCorp's release builds set version.BuildDate; this one gets the release tag's time, so that the
# binary reports the same date at every start, as a release binary does.
info_file="$(printf '%s\n' "$download" | sed -n 's/^[[:space:]]*"Info": "\(.*\)",\{0,1\}$/\1/p')"
build_date="$(sed -n 's/.*"Time": *"\([^"]*\)".*/\1/p' "$info_file" 2>/dev/null || true)"
[[ "$build_date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]] ||
  die "go mod download did not report the release's time in $info_file (found '$build_date')"

work="$(mktemp -d "$OUT_DIR/build.XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -R "$src_dir/." "$work/src"
chmod -R u+w "$work/src"
cd "$work/src"

# delete_line FILE LINE: removes the line that reads exactly LINE; it must occur exactly once.
delete_line() {
  local file="$1" line="$2" count
  count="$(grep -cxF -- "$line" "$file" || true)"
  [[ "$count" == 1 ]] ||
    die "$file: expected the line '$line' once, found it $count times: this recipe is for Vault 1.21.x"
  grep -vxF -- "$line" "$file" >"$file.new"
  mv "$file.new" "$file"
}

# replace_once FILE OLD NEW: replaces the literal text OLD (which must occur exactly once, within
# one line) by NEW, and checks the result.
replace_once() {
  local file="$1" old="$2" new="$3" count
  [[ -f "$file" ]] || die "$file is missing: this recipe is for Vault 1.21.x"
  count="$(grep -cF -- "$old" "$file" || true)"
  [[ "$count" == 1 ]] ||
    die "$file: expected '$old' once, found it $count times: this recipe is for Vault 1.21.x"
  OLD="$old" NEW="$new" awk '
    { i = index($0, ENVIRON["OLD"]) }
    i > 0 { $0 = substr($0, 1, i - 1) ENVIRON["NEW"] substr($0, i + length(ENVIRON["OLD"])) }
    { print }' "$file" >"$file.new"
  mv "$file.new" "$file"
  grep -qF -- "$new" "$file" || die "$file: the adjustment did not apply"
  log "adjusted $file"
}

# 1. Use the published api, api/auth/* and sdk modules instead of the nested folders the zip
#    lacks (go.mod requires each at a version; the auth ones are reached through consul-template).
for nested in api api/auth/approle api/auth/kubernetes api/auth/userpass sdk; do
  delete_line go.mod "replace $MODULE/$nested => ./$nested"
done
grep -n '=> \./' go.mod >&2 && die "go.mod still replaces a module with a local folder (above)"

# 2. The published sdk's framework.Backend.ActivationFunc takes a third string argument (the
#    activation flag's name); the identity store's callback does not need it.
replace_once vault/identity_store.go \
  "ActivationFunc: iStore.activateDeduplication," \
  "ActivationFunc: func(ctx context.Context, req *logical.Request, _ string) error { return iStore.activateDeduplication(ctx, req) },"
replace_once vault/logical_system_activation_flags.go \
  "b.idStoreBackend.ActivationFunc(ctx, nil)" \
  "b.idStoreBackend.ActivationFunc(ctx, nil, \"\")"

# 3. The published sdk's keysutil RestorePolicy returns only an error; the restored key's name is
#    the requested one (it is only recorded in an audit observation).
replace_once builtin/logical/transit/path_restore.go \
  "restoredKeyName, err := b.lm.RestorePolicy(ctx, req.Storage, keyName, backupB64, force)" \
  "restoredKeyName, err := keyName, b.lm.RestorePolicy(ctx, req.Storage, keyName, backupB64, force)"

log "compiling (go build, CGO_ENABLED=0, -ldflags \"-s -w\", build date $build_date)"
if ! go build -ldflags "-s -w -X $MODULE/version.BuildDate=$build_date" -o "$work/vault" . >&2; then
  die "go build of Vault $VERSION failed (see above). If a module download failed, check the network
  or GOPROXY; otherwise the published sdk no longer matches this recipe."
fi
line="$(check_binary "$work/vault" "$build_date")" ||
  die "the built binary does not report Vault v$VERSION, built $build_date"
mv -f "$work/vault" "$BIN"
printf '%s\n' "$build_date" >"$DATE_FILE"
log "built $line in $((SECONDS - started)) s: $BIN"
printf '%s\n' "$BIN"
