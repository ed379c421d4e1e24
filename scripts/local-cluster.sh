#!/usr/bin/env bash
# Local 3-node Raft cluster of OpenBao (or Vault, see install-server.sh) on 127.0.0.1.
#
#   scripts/local-cluster.sh up       start, init, unseal, join; prints export lines
#   scripts/local-cluster.sh status   health of each node
#   scripts/local-cluster.sh down     stop the nodes and remove the state
#   scripts/local-cluster.sh env      print the export lines of a running cluster
#
# State lives in <repo>/.tools/cluster/ (per node: data dir, config, log, pid; plus
# init.json with the unseal key and root token).
#
# Env:
#   VAULTX_CLUSTER_BASE_PORT  base port (default 8200): node i listens on
#                             BASE+10*i (api) and BASE+10*i+1 (cluster), so 8210/8211,
#                             8220/8221, 8230/8231 by default
#   VAULTX_CLUSTER_NODES      number of nodes (default 3)
#   VAULTX_CLUSTER_DIR        state dir (default <repo>/.tools/cluster)
#   VAULTX_SERVER_BIN         server binary (else installed by install-server.sh)
#   VAULTX_SERVER_FLAVOUR     openbao (default) or vault: which server install-server.sh provides
#   VAULTX_CLUSTER_TIMEOUT    seconds to wait for each step (default 60)
#   VAULTX_DISABLE_STANDBY_READS  true (default) or false: OpenBao's disable_standby_reads
#   VAULTX_LISTENER_OPTIONS   extra HCL lines for each node's listener block, for example
#                             'http_read_timeout = "5s"' (benchmarks/big-snapshot.sh tries the limits)
#   VAULTX_RAFT_OPTIONS       extra HCL lines for each node's storage "raft" block, for example
#                             'trailing_logs = "64"' (benchmarks/big-snapshot.sh, BIG_RAFT_LOGS)
#   VAULTX_RAFT_PERFORMANCE_MULTIPLIER  the storage's performance_multiplier (default 1: Raft's
#                             timeouts at a fifth of Vault's default of 5, so that tests
#                             see elections quickly; benchmarks/big-snapshot.sh uses the default)
#
# Each node runs with TMPDIR=<node dir>/tmp: a restore first writes the uploaded snapshot's data,
# decompressed, to a temp file in the server's TMPDIR (hashicorp/raft-snapshot), so a node killed
# mid-restore leaves it in the cluster's state, removed by `down`, and the benchmarks see that disk.
#
# Progress goes to stderr; only the export lines go to stdout.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
STATE="${VAULTX_CLUSTER_DIR:-$REPO_ROOT/.tools/cluster}"
BASE_PORT="${VAULTX_CLUSTER_BASE_PORT:-8200}"
NODES="${VAULTX_CLUSTER_NODES:-3}"
TIMEOUT="${VAULTX_CLUSTER_TIMEOUT:-60}"
DISABLE_STANDBY_READS="${VAULTX_DISABLE_STANDBY_READS:-true}"

log() { printf '%s\n' "local-cluster: $*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "${VAULTX_RAFT_PERFORMANCE_MULTIPLIER:-1}" =~ ^[1-9][0-9]?$ ]] ||
  die "VAULTX_RAFT_PERFORMANCE_MULTIPLIER must be a whole number from 1 to 99, not '${VAULTX_RAFT_PERFORMANCE_MULTIPLIER}' (0 would set Raft's timeouts to zero)"

api_port() { echo $((BASE_PORT + 10 * $1)); }
cluster_port() { echo $((BASE_PORT + 10 * $1 + 1)); }
api_addr() { echo "http://127.0.0.1:$(api_port "$1")"; }

# json_get FILE-OR-STDIN FILTER: jq if present, else python3.
json_get() {
  local filter="$1"
  if command -v jq >/dev/null 2>&1; then
    jq -r "$filter"
  else
    python3 -c '
import json, sys
d = json.load(sys.stdin)
for k in sys.argv[1].lstrip(".").split("."):
    if k.endswith("[0]"):
        d = d[k[:-3]][0]
    elif k:
        d = d[k]
print(d)' "$filter"
  fi
}

# http_code METHOD URL [TOKEN] [BODY] [SECONDS] -> prints status code, body to $STATE/.last_body; gives up
# after SECONDS (10)
http() {
  local method="$1" url="$2" token="${3:-}" body="${4:-}" seconds="${5:-10}"
  local args=(-sS -o "$STATE/.last_body" -w '%{http_code}' -X "$method" --max-time "$seconds")
  [[ -n "$token" ]] && args+=(-H "X-Vault-Token: $token")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  curl "${args[@]}" "$url" 2>/dev/null || echo 000
}

health_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$(api_addr "$1")/v1/sys/health" 2>/dev/null || true
}

wait_health() { # node wanted-code
  local n="$1" want="$2" deadline=$((SECONDS + TIMEOUT)) code=""
  while ((SECONDS < deadline)); do
    code="$(health_code "$n")"
    [[ "$code" == "$want" ]] && return 0
    sleep 0.2
  done
  die "node$n: sys/health answered '$code', wanted $want after ${TIMEOUT}s (see $STATE/node$n/server.log)"
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

write_config() {
  local n="$1" dir="$STATE/node$n"
  # OpenBao 2.7 dropped mlock support and warns "unknown or unsupported field disable_mlock";
  # HashiCorp Vault still needs it (unless it may mlock).
  local MLOCK_LINE="disable_mlock = true"
  [[ "$SERVER_KIND" == openbao ]] && MLOCK_LINE="# disable_mlock: not a field in OpenBao 2.7 (no mlock support)"
  # OpenBao >= 2.5 serves reads on standbys; this restores Vault's forward/redirect behaviour
  # (top-level option; a standby then answers 307 for sys/storage/raft/snapshot). Vault has no
  # such option: its standbys always forward or redirect.
  local STANDBY_LINE="disable_standby_reads = $DISABLE_STANDBY_READS"
  [[ "$SERVER_KIND" == vault ]] && STANDBY_LINE="# disable_standby_reads: not a Vault option"
  mkdir -p "$dir/data" "$dir/tmp"
  cat >"$dir/config.hcl" <<EOF
# node$n of the vaultx-raft local test cluster (generated by scripts/local-cluster.sh)
storage "raft" {
  path                   = "$dir/data"
  node_id                = "node$n"
  performance_multiplier = ${VAULTX_RAFT_PERFORMANCE_MULTIPLIER:-1}
  # Autopilot loop periods (defaults 10s/2s); reconcile must exceed update.
  autopilot_reconcile_interval = "1s"
  autopilot_update_interval    = "500ms"
${VAULTX_RAFT_OPTIONS:-}
}

listener "tcp" {
  address         = "127.0.0.1:$(api_port "$n")"
  cluster_address = "127.0.0.1:$(cluster_port "$n")"
  tls_disable     = true
${VAULTX_LISTENER_OPTIONS:-}
}

api_addr     = "$(api_addr "$n")"
cluster_addr = "https://127.0.0.1:$(cluster_port "$n")"
ui           = false
log_level    = "info"
$MLOCK_LINE
$STANDBY_LINE
EOF
}

start_node() {
  local n="$1" dir="$STATE/node$n"
  if pid_alive "$dir/server.pid"; then
    log "node$n already running (pid $(cat "$dir/server.pid"))"
    return 0
  fi
  local port
  port="$(api_port "$n")"
  # The server does not exit when its cluster port is taken (it only logs an error), so check both.
  local p
  for p in "$port" "$(cluster_port "$n")"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      die "port $p is already in use by another process"
    fi
  done
  write_config "$n"
  # setsid: own process group, so the node survives this shell and is easy to stop.
  TMPDIR="$dir/tmp" setsid "$BIN" server -config="$dir/config.hcl" >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$dir/server.pid"
  local deadline=$((SECONDS + TIMEOUT))
  while ((SECONDS < deadline)); do
    pid_alive "$dir/server.pid" || die "node$n exited; see $dir/server.log"
    [[ "$(health_code "$n")" != "000" && -n "$(health_code "$n")" ]] && return 0
    sleep 0.1
  done
  die "node$n did not open its listener; see $dir/server.log"
}

unseal() {
  local n="$1" key="$2" code
  code="$(http PUT "$(api_addr "$n")/v1/sys/unseal" "" "{\"key\":\"$key\"}")"
  [[ "$code" == 200 ]] || die "node$n: unseal answered $code: $(cat "$STATE/.last_body")"
}

print_env() {
  [[ -f "$STATE/init.json" ]] || die "no cluster state in $STATE (run: $0 up)"
  echo "export VAULT_ADDR=$(api_addr 1)"
  echo "export VAULT_TOKEN=$(json_get .root_token <"$STATE/init.json")"
}

cmd_up() {
  local t0=$SECONDS start_ns
  start_ns=$(date +%s%N)
  BIN="$("$SCRIPT_DIR/install-server.sh")"
  SERVER_KIND=vault
  "$BIN" version 2>/dev/null | grep -q '^OpenBao' && SERVER_KIND=openbao
  mkdir -p "$STATE"
  if [[ -f "$STATE/init.json" ]] && pid_alive "$STATE/node1/server.pid"; then
    log "cluster already up"
    print_env
    return 0
  fi
  [[ -f "$STATE/init.json" ]] && die "stale state in $STATE (run: $0 down)"

  local n
  for ((n = 1; n <= NODES; n++)); do start_node "$n"; done

  # Node 1: init, unseal, wait until active.
  local code
  # The init answers once node 1 has won its first election: after 1-2 s of Raft's heartbeat
  # timeout per unit of performance_multiplier, so up to 10 s at Vault's default of 5 (the 10 s
  # limit of the other calls failed a start with it).
  code="$(http PUT "$(api_addr 1)/v1/sys/init" "" '{"secret_shares":1,"secret_threshold":1}' 60)"
  [[ "$code" == 200 ]] || die "init answered $code: $(cat "$STATE/.last_body")"
  cp "$STATE/.last_body" "$STATE/init.json"
  chmod 600 "$STATE/init.json"
  local key token
  key="$(json_get '.keys_base64[0]' <"$STATE/init.json")"
  token="$(json_get .root_token <"$STATE/init.json")"
  unseal 1 "$key"
  wait_health 1 200
  log "node1 active after $((SECONDS - t0))s"

  # Fast autopilot promotion of the joiners (default stabilization 10s).
  code="$(http POST "$(api_addr 1)/v1/sys/storage/raft/autopilot/configuration" "$token" \
    '{"server_stabilization_time":"1s","last_contact_threshold":"10s"}')"
  [[ "$code" == 204 || "$code" == 200 ]] || die "autopilot config answered $code: $(cat "$STATE/.last_body")"

  # Other nodes: join (no token), then unseal, wait for standby.
  for ((n = 2; n <= NODES; n++)); do
    code="$(http POST "$(api_addr "$n")/v1/sys/storage/raft/join" "" "{\"leader_api_addr\":\"$(api_addr 1)\"}")"
    [[ "$code" == 200 ]] || die "node$n: join answered $code: $(cat "$STATE/.last_body")"
    unseal "$n" "$key"
  done
  for ((n = 2; n <= NODES; n++)); do wait_health "$n" 429; done
  log "all nodes unsealed after $((SECONDS - t0))s"

  # Wait until autopilot reports every node as a healthy voter.
  local deadline=$((SECONDS + TIMEOUT)) voters=0 healthy=false
  while ((SECONDS < deadline)); do
    code="$(http GET "$(api_addr 1)/v1/sys/storage/raft/autopilot/state" "$token")"
    if [[ "$code" == 200 ]]; then
      if command -v jq >/dev/null 2>&1; then
        voters="$(jq '[.data.servers[] | select(((.node_type // .status) == "voter" or (.node_type // .status) == "leader") and .healthy)] | length' "$STATE/.last_body")"
        healthy="$(jq -r '.data.healthy' "$STATE/.last_body")"
      else
        read -r voters healthy < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["data"]
print(sum(1 for s in d["servers"].values() if s.get("node_type", s["status"]) in ("voter", "leader") and s["healthy"]), str(d["healthy"]).lower())' "$STATE/.last_body")
      fi
      [[ "$voters" == "$NODES" && "$healthy" == true ]] && break
    fi
    sleep 0.2
  done
  [[ "$voters" == "$NODES" && "$healthy" == true ]] ||
    die "autopilot shows $voters healthy voters (healthy=$healthy) after ${TIMEOUT}s"
  local ms=$((($(date +%s%N) - start_ns) / 1000000))
  log "cluster up: $NODES healthy voters in ${ms} ms"
  print_env
}

cmd_down() {
  local n dir pid
  [[ -d "$STATE" ]] || { log "nothing to stop"; return 0; }
  for dir in "$STATE"/node*; do
    [[ -f "$dir/server.pid" ]] || continue
    pid="$(cat "$dir/server.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then
        log "$(basename "$dir"): pid $pid did not stop, killing"
        kill -KILL "$pid" 2>/dev/null || true
      fi
      log "$(basename "$dir") stopped (pid $pid)"
    fi
  done
  rm -rf "$STATE"
  log "removed $STATE"
}

cmd_status() {
  local n code body
  for ((n = 1; n <= NODES; n++)); do
    body="$(curl -s --max-time 3 "$(api_addr "$n")/v1/sys/health" 2>/dev/null || true)"
    code="$(health_code "$n")"
    local what
    case "$code" in
      200) what=active ;; 429) what=standby ;; 472) what="dr secondary" ;;
      473) what="performance standby" ;; 501) what="not initialized" ;;
      503) what=sealed ;; 000 | "") what="not running" ;; *) what="unknown" ;;
    esac
    printf 'node%d %s %s %s\n' "$n" "$(api_addr "$n")" "${code:-000}" "$what"
    [[ -n "$body" ]] && printf '  %s\n' "$body"
  done
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) print_env ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
