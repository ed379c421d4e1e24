#!/usr/bin/env bash
# Measures leader elections: kill -9 of the active node of a 3-node cluster, RUNS times per server
# (default 20), the killed node restarted between runs, and prints each run and p50/p99/max of
# "kill -> a new active node answers" (raft-client's ElectionTimeIT). Not a CI step:
# CI runs the same test with 3 runs only. The servers are installed by the build's own scripts
# (OpenBao into .tools/venv, Vault built into the cached tool folder). Usage:
#   benchmarks/election.sh [runs] [openbao|vault|both]
# About 10 s per run on a 2-core machine, plus the build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-20}"
SERVER="${2:-both}"
OUT="$ROOT/benchmarks/target"
mkdir -p "$OUT"
case "$SERVER" in
  openbao) SKIP=(-DskipVaultITs) ;;
  vault) SKIP=(-DskipOpenBaoITs) ;;
  both) SKIP=() ;;
  *) echo "election.sh: the server must be openbao, vault or both, not '$SERVER'" >&2; exit 2 ;;
esac
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
  echo "election.sh: runs must be a positive whole number, not '$RUNS'" >&2
  exit 2
fi
LOG="$OUT/election.log"
echo "election.sh: $RUNS runs on $SERVER; the build log is $LOG" >&2
(cd "$ROOT" && mvn -B -ntp verify -pl raft-client -am -Dit.test=ElectionTimeIT -Dtest=NONE \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true "-Dvaultx.election.runs=$RUNS" ${SKIP[@]+"${SKIP[@]}"}) > "$LOG" 2>&1 || {
  echo "election.sh: the run failed; see $LOG" >&2
  grep -a "FIGURE" "$LOG" || true
  exit 1
}
grep -a "FIGURE" "$LOG"
