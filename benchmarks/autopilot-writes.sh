#!/usr/bin/env bash
# Concurrent autopilot configuration writes against a real 3-node cluster: does the server keep
# answering? Vault 1.21.4's active node deadlocks under them (docs/servers.md); OpenBao does not.
# Not part of CI: whether and when the deadlock comes is a race, so a test of it could pass by luck.
#
#   benchmarks/autopilot-writes.sh [server] [writers] [seconds]
#       server: vault (default) or openbao; writers: default 16; seconds: default 30
#
# Starts its own cluster (scripts/local-cluster.sh, base port 8600, state in .tools/autopilot-writes),
# has WRITERS threads each POST sys/storage/raft/autopilot/configuration to the active node in a loop
# for SECONDS, then asks every node's sys/health and the active node's raft configuration (5 s each).
# Prints the writes that succeeded and timed out, and "deadlocked: yes" when the active node no
# longer answers raft calls. DUMP=1 then sends SIGQUIT to the active node, which writes its
# goroutines into its log (the cluster is stopped afterwards either way). Exit status 0 either way:
# the answer is the finding.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER="${1:-vault}"
WRITERS="${2:-16}"
SECONDS_TO_RUN="${3:-30}"
log() { printf 'autopilot-writes: %s\n' "$*" >&2; }
case "$SERVER" in openbao | vault) ;; *) log "server must be vault or openbao, not '$SERVER'"; exit 2 ;; esac
[[ "$WRITERS" =~ ^[0-9]+$ && "$WRITERS" -ge 1 ]] || { log "writers must be a whole number >= 1"; exit 2; }
[[ "$SECONDS_TO_RUN" =~ ^[0-9]+$ && "$SECONDS_TO_RUN" -ge 1 ]] || { log "seconds must be a whole number >= 1"; exit 2; }

export VAULTX_SERVER_FLAVOUR="$SERVER" VAULTX_CLUSTER_BASE_PORT=8600
export VAULTX_CLUSTER_DIR="$ROOT/.tools/autopilot-writes"
cluster() { "$ROOT/scripts/local-cluster.sh" "$@"; }
trap 'cluster down >/dev/null 2>&1 || true' EXIT
eval "$(cluster up)"
log "$WRITERS writers for $SECONDS_TO_RUN s against $SERVER at $VAULT_ADDR"

VAULT_TOKEN="$VAULT_TOKEN" python3 - "$VAULT_ADDR" "$WRITERS" "$SECONDS_TO_RUN" <<'PY'
import os, sys, threading, time, urllib.request

addr, writers, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
token = os.environ["VAULT_TOKEN"]
counts = {"ok": 0, "timed out": 0, "other": 0}
lock = threading.Lock()


def call(url, data=None, timeout=10.0):
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    request.add_header("X-Vault-Token", token)
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        return answer.status


def write(end):
    while time.time() < end:
        try:
            call(addr + "/v1/sys/storage/raft/autopilot/configuration", b'{"max_trailing_logs":1000}')
            outcome = "ok"
        except TimeoutError:
            outcome = "timed out"
        except Exception:
            outcome = "other"
        with lock:
            counts[outcome] += 1


end = time.time() + seconds
threads = [threading.Thread(target=write, args=(end,)) for _ in range(writers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"writes: {counts['ok']} answered, {counts['timed out']} timed out (10 s), {counts['other']} failed otherwise")
PY

deadlocked=yes
code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H "X-Vault-Token: $VAULT_TOKEN" \
  "$VAULT_ADDR/v1/sys/storage/raft/configuration" || true)
[[ "$code" == 200 ]] && deadlocked=no
health=""
for port in 8610 8620 8630; do
  health+="$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/sys/health" || true) "
done
echo "raft configuration on the active node: ${code/000/no answer in 5 s}"
echo "sys/health of the three nodes (200 active, 429 standby, 474 standby that cannot reach the active): $health"
echo "deadlocked: $deadlocked"
if [[ "$deadlocked" == yes && "${DUMP:-0}" == 1 ]]; then
  node="$VAULTX_CLUSTER_DIR/node1"
  kill -QUIT "$(cat "$node/server.pid")"
  sleep 2
  mkdir -p "$ROOT/benchmarks/target"
  cp "$node/server.log" "$ROOT/benchmarks/target/autopilot-writes-goroutines.log"
  echo "goroutine dump: benchmarks/target/autopilot-writes-goroutines.log"
fi
