#!/usr/bin/env bash
# The README's first command: install the server if missing, build, and run the demo tour
# (raft-examples DemoTour) against a local 3-node Raft cluster that it starts and stops.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
VAULTX_SERVER_BIN="$(scripts/install-server.sh)"
export VAULTX_SERVER_BIN
echo "server: $VAULTX_SERVER_BIN" >&2
echo "building (tests skipped; 'mvn -ntp verify' runs them)..." >&2
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -pl raft-examples test-compile exec:java \
  -Dexec.mainClass=io.github.vaultx.raft.examples.DemoTour \
  -Dexec.classpathScope=test \
  -Dvaultx.repo.root="$root"
