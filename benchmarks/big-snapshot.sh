#!/usr/bin/env bash
# Multi-gigabyte snapshots against a real 3-node cluster (benchmarks/big_snapshot.py): fills the
# cluster with random KV data until its snapshot reaches the size asked, then saves and restores
# with curl, the server's own CLI, hvac, the facade (fresh and running JVM) and the vaultx CLI,
# through the active node and through a standby, recording wall time, CPU, peak RSS, peak heap, the
# nodes' memory and disk and how long the cluster stops serving during a restore; last, every node
# is restarted with a small max_request_duration, then a small http_read_timeout, to show what cuts
# a long transfer. Not part of `mvn verify`.
#
#   benchmarks/big-snapshot.sh [GiB] [server]     GiB: default 2; server: openbao (default) or vault
#
# Writes benchmarks/target/big-SERVER-GiB.json and the section between <!-- big-snapshot:start -->
# and <!-- big-snapshot:end --> of docs/benchmarks.md (OpenBao) or docs/benchmarks-vault.md, with
# every size measured so far on that server. Env: BIG_ROUNDS (1), BIG_PHASES
# (fill,active,standby,running_jvm,limits; `profile`, on request, says where the time goes: the
# CPU of the client's threads and of the active node, pinned and JIT variants, JFR; BIG_PROFILE=saves
# measures only saves to the disk and to tmpfs), BIG_RESTORE_TOOLS (all; a comma list of first words:
# curl,bao,vault,hvac,vaultx), BIG_LIMIT (2s), BIG_KEEP=1 (add this run's phases to the figures kept
# from an earlier run of the same size instead of starting afresh), BIG_RAFT_LOGS=N (every node keeps
# N Raft log entries, not 10,000, and compacts every 5 s: the log then holds about N entries instead
# of a second copy of the data, which cuts the disk a run needs from about 13 to about 9 times the
# size; the report names the setting), BIG_VALUE_KB (900: the size of each KV value, 1-900; a restore
# holds up to 50,000 entries in memory on every node, so 900 KB values make a 5 GiB restore need
# about 12 GB of memory per node, and 32 KB values about 3.5 GB), BIG_RAFT_MULTIPLIER (5: the
# nodes' performance_multiplier, Vault's default when unset; the test clusters use 1, whose 5x shorter
# leader lease lost the leader at the first 2 GiB restore on this 2-core machine). About 25 minutes
# for 2 GiB on 2 cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/benchmarks/target"
GIB="${1:-2}"
SERVER="${2:-openbao}"
log() { printf 'big-snapshot.sh: %s\n' "$*" >&2; }
[[ "$GIB" =~ ^[0-9]+([.][0-9]+)?$ ]] && python3 -c "import sys; sys.exit(not 0 < float('$GIB') <= 64)" ||
  { log "GiB must be a number above 0 and at most 64, not '$GIB'"; exit 2; }
case "$SERVER" in
  openbao) DOC="$ROOT/docs/benchmarks.md" ;;
  vault) DOC="$ROOT/docs/benchmarks-vault.md" ;;
  *) log "server must be openbao or vault, not '$SERVER'"; exit 2 ;;
esac

# Disk: each of the three nodes keeps the data twice (its database and the Raft log, unless
# BIG_RAFT_LOGS trims the log), a restore adds a decompressed temp file on the node that receives it
# and a new database on every node before the old one goes, and the tools keep the reference.
[[ "${BIG_VALUE_KB:-900}" =~ ^[1-9][0-9]{0,2}$ ]] && ((${BIG_VALUE_KB:-900} <= 900)) ||
  { log "BIG_VALUE_KB must be a whole number of KB from 1 to 900 (Raft refuses entries over 1 MiB), not '${BIG_VALUE_KB}'"; exit 2; }
[[ "${BIG_RAFT_MULTIPLIER:-5}" =~ ^[1-9][0-9]?$ ]] ||
  { log "BIG_RAFT_MULTIPLIER must be a whole number from 1 to 99 (the nodes' performance_multiplier), not '${BIG_RAFT_MULTIPLIER}'"; exit 2; }
export VAULTX_RAFT_PERFORMANCE_MULTIPLIER="${BIG_RAFT_MULTIPLIER:-5}"
FACTOR=13
if [[ -n "${BIG_RAFT_LOGS:-}" ]]; then
  [[ "$BIG_RAFT_LOGS" =~ ^[1-9][0-9]{0,5}$ ]] ||
    { log "BIG_RAFT_LOGS must be a whole number of log entries from 1 to 999999, not '$BIG_RAFT_LOGS'"; exit 2; }
  export VAULTX_RAFT_OPTIONS="  trailing_logs      = \"$BIG_RAFT_LOGS\"
  snapshot_threshold = \"$BIG_RAFT_LOGS\"
  snapshot_interval  = \"5s\""
  FACTOR=9
fi
mkdir -p "$WORK"
NEED_GB="$(python3 -c "print(round($GIB * 2**30 * ${BIG_DISK_FACTOR:-$FACTOR} / 1e9 + 2))")"
FREE_GB="$(df -P -B1000000000 "$WORK" | awk 'NR == 2 { print $4 }')"
if ((FREE_GB < NEED_GB)); then
  log "a $GIB GiB run needs about $NEED_GB GB free on $(df -P "$WORK" | awk 'NR == 2 { print $6 }'), where benchmarks/target and the cluster live; $FREE_GB GB are free. Free space or ask for a smaller size."
  exit 3
fi
log "$GIB GiB against $SERVER: $FREE_GB GB free, about $NEED_GB GB needed${BIG_RAFT_LOGS:+; Raft keeps $BIG_RAFT_LOGS log entries}"

export VAULTX_SERVER_FLAVOUR="$SERVER"
# shellcheck source=bench-tools.sh
source "$ROOT/benchmarks/bench-tools.sh"
bench_tools --time
log "building (the CLI jar and benchmarks/jmh)"
(cd "$ROOT" && mvn -B -q -Pbenchmarks package -DskipTests -DskipITs)

# shellcheck source=cluster-env.sh
source "$ROOT/benchmarks/cluster-env.sh"
export VAULTX_CLUSTER_NODES=3
# The nodes' logs outlive the cluster: a restore the cluster does not come back from is explained there.
cleanup() {
  local n logs
  if [[ "${1:-}" == keep-logs ]]; then
    logs="$WORK/logs-$SERVER-$GIB-$(date -u +%Y%m%dT%H%M)"
    mkdir -p "$logs"
    for n in "$VAULTX_CLUSTER_DIR"/node*; do
      if [[ -f "$n/server.log" ]]; then cp "$n/server.log" "$logs/$(basename "$n").log"; fi
    done
    log "the nodes' logs are in $logs"
  fi
  "$ROOT/scripts/local-cluster.sh" down >/dev/null 2>&1 || true
  rm -f "$WORK"/*.snap
}
trap 'cleanup keep-logs' EXIT
cleanup
log "starting a 3-node cluster on port ${VAULTX_CLUSTER_BASE_PORT}+"
eval "$("$ROOT/scripts/local-cluster.sh" up)"

BENCH_ROOT="$ROOT" BENCH_WORK="$WORK" BENCH_BAO="$BAO" BENCH_PYTHON="$PY" \
  BENCH_JAR="$ROOT/benchmarks/jmh/target/benchmarks.jar" BENCH_RUNTIME_CP="" BENCH_NODES=3 \
  BENCH_DOC="$DOC" BIG_GIB="$GIB" python3 "$ROOT/benchmarks/big_snapshot.py"
