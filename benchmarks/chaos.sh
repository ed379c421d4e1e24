#!/usr/bin/env bash
# The chaos run of issue 22: a 3-node cluster behind Toxiproxy links takes random leader kills and
# restarts, resets, latency spikes, bandwidth cuts, black holes and links going down while 64
# callers (half async) read and update, one sends remove-peer calls (counted in the server's audit
# log) and a loop saves, verifies and restores snapshots into a second cluster. Not part of CI.
#
#   benchmarks/chaos.sh [minutes] [server]     minutes: default 10; server: openbao (default) or vault
#
# Prints the table and writes it into docs/reliability.md between the markers
# <!-- chaos:SERVER:start --> and <!-- chaos:SERVER:end -->. Fails if a non-idempotent call was
# applied twice, one reported as never sent arrived, or a partial or corrupt snapshot file was left.
# CHAOS_FAULTS=0,3 narrows the run to those fault kinds (0 leader kill, 1 resets, 2 latency,
# 3 bandwidth, 4 black hole, 5 link down, 6 none: the load alone) to find which one hurts; such a
# run leaves the docs alone.
# CHAOS_WRITE_PERCENT (default 10) is the share of the callers' calls that write the autopilot
# configuration; the table names it.
# Beside the report, REPORT.timeline lists every fault and every failed idempotent call in time.
# Needs what `mvn verify` needs, Go for Toxiproxy (scripts/install-go-tool.sh toxiproxy) included.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MINUTES="${1:-10}"
SERVER="${2:-openbao}"
log() { printf 'chaos.sh: %s\n' "$*" >&2; }
[[ "$MINUTES" =~ ^[0-9]+$ && "$MINUTES" -ge 1 ]] || { log "minutes must be a whole number >= 1, not '$MINUTES'"; exit 2; }
[[ "${CHAOS_WRITE_PERCENT:-10}" =~ ^[0-9]+$ && "${CHAOS_WRITE_PERCENT:-10}" -le 100 ]] ||
  { log "CHAOS_WRITE_PERCENT must be a whole number from 0 to 100, not '$CHAOS_WRITE_PERCENT'"; exit 2; }
case "$SERVER" in
  openbao) SKIP=-DskipVaultITs ;;
  vault) SKIP=-DskipOpenBaoITs ;;
  *) log "server must be openbao or vault, not '$SERVER'"; exit 2 ;;
esac
REPORT="$ROOT/raft-client/target/chaos-$SERVER.md"
mkdir -p "$(dirname "$REPORT")"
rm -f "$REPORT"
log "$MINUTES minute(s) against $SERVER; the report goes to $REPORT and docs/reliability.md"
(cd "$ROOT" && mvn -B -ntp verify -pl raft-client -am "$SKIP" \
  -Dit.test=ChaosRun -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dopenapi.generator.skip=true \
  -Dchaos.seconds=$((MINUTES * 60)) -Dchaos.report="$REPORT" \
  ${CHAOS_FAULTS:+-Dchaos.faults=$CHAOS_FAULTS} \
  ${CHAOS_WRITE_PERCENT:+-Dchaos.writePercent=$CHAOS_WRITE_PERCENT}) >&2 || status=$?
[[ -f "$REPORT" ]] || { log "no report: the run failed before its end (see the Maven output above)"; exit 1; }
cat "$REPORT"
if [[ -n "${CHAOS_FAULTS:-}" ]]; then
  log "fault kinds narrowed to $CHAOS_FAULTS: docs/reliability.md left alone"
  exit "${status:-0}"
fi

DOC="$ROOT/docs/reliability.md"
python3 - "$DOC" "$SERVER" "$REPORT" <<'PY'
import sys
doc, server, report = sys.argv[1:]
start, end = f"<!-- chaos:{server}:start -->", f"<!-- chaos:{server}:end -->"
text, table = open(doc).read(), open(report).read()
if start not in text:
    sys.exit(f"chaos.sh: {doc} has no {start} marker")
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
open(doc, "w").write(head + start + "\n" + table + end + tail)
PY
log "wrote the $SERVER table into docs/reliability.md"
exit "${status:-0}"
