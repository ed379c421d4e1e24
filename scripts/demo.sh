#!/usr/bin/env bash
# The README's first command: install the server if missing, build, and run the demo tour
# (raft-examples DemoTour) against a local 3-node Raft cluster that it starts and stops.
#
# Nothing is installed into your ~/.m2: the tour runs from the reactor's own target/ folders.
# (Maven still downloads the dependencies it lacks into ~/.m2, as every Maven build does.)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
VAULTX_SERVER_BIN="$(scripts/install-server.sh)"
export VAULTX_SERVER_BIN
echo "server: $VAULTX_SERVER_BIN" >&2
echo "building (tests skipped; 'mvn -ntp verify' runs them)..." >&2
# package (not install) builds the jars, the cluster harness (raft-testing) among them; build-classpath
# writes raft-examples' test class path, resolved inside the reactor.
mvn -B -ntp -q -pl raft-examples -am package dependency:build-classpath \
  -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/demo.classpath
classpath="raft-examples/target/test-classes:raft-examples/target/classes:$(cat raft-examples/target/demo.classpath)"
exec java -cp "$classpath" -Dvaultx.repo.root="$root" io.github.vaultx.raft.examples.DemoTour
