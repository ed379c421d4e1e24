#!/usr/bin/env bash
# Runs only the async-vs-sync-vs-hvac comparison (benchmarks/async_bench.py) and rewrites its section of
# docs/benchmarks.md; run.sh runs it too, after the rest. Not part of `mvn verify`. Needs python3, Maven
# and a JDK 17; installs OpenBao and hvac 2.4.0 into .tools/venv as run.sh does. About 5 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/benchmarks/target"
log() { printf 'async.sh: %s\n' "$*" >&2; }

mkdir -p "$WORK"
# shellcheck source=bench-tools.sh
source "$ROOT/benchmarks/bench-tools.sh"
bench_tools
log "building"
(cd "$ROOT" && mvn -B -q -Pbenchmarks package -DskipTests -DskipITs)
(cd "$ROOT" && mvn -B -q -pl raft-client -am package dependency:build-classpath -DskipTests -DskipITs \
  -DincludeScope=runtime -Dmdep.outputFile="$WORK/runtime.cp")
RUNTIME_CP="$ROOT/raft-client/target/classes:$(cat "$WORK/runtime.cp"):$ROOT/benchmarks/jmh/target/classes"

# shellcheck source=cluster-env.sh
source "$ROOT/benchmarks/cluster-env.sh"
export VAULTX_CLUSTER_NODES=1
cleanup() { "$ROOT/scripts/local-cluster.sh" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup
log "starting a 1-node cluster on port ${VAULTX_CLUSTER_BASE_PORT}+"
eval "$("$ROOT/scripts/local-cluster.sh" up)"

BENCH_ROOT="$ROOT" BENCH_PYTHON="$PY" BENCH_RUNTIME_CP="$RUNTIME_CP" python3 "$ROOT/benchmarks/async_bench.py"
