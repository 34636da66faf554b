#!/usr/bin/env bash
# Runs the chaos suite and prints the figures table that docs/reliability.md quotes.
#   chaos/run.sh                   full size: 2,000 jobs with worker kills, a broker and a PostgreSQL restart,
#                                  then a rolling restart of all workers under 600 more jobs (about 6 minutes)
#   chaos/run.sh ci                the reduced size ChaosIT runs in `mvn verify`
#   chaos/run.sh --snapshot [size] first copy the packaged jars to system-tests/target/chaos-artifacts and run
#                                  from that copy, so jars rebuilt in the checkout meanwhile do not change a run
#   CHAOS_JOBS=5000 chaos/run.sh   another number of jobs for the kill scenario (CHAOS_SEED: the monkey's seed)
# The stack is isolated: an embedded PostgreSQL of its own (never the machine's server), a Kafka broker JVM,
# the simulator, api-service and three workers on free ports. State and logs: system-tests/target/chaos-run/.
# Builds the project first when a packaged artifact is missing; after changing code run
# mvn -B -q install -DskipTests yourself so the measured jars are current.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ARTIFACTS="$ROOT"
if [[ "${1:-}" == "--snapshot" ]]; then
  shift
  ARTIFACTS="$ROOT/system-tests/target/chaos-artifacts"
  echo "Copying the packaged jars to $ARTIFACTS..."
  rm -rf "$ARTIFACTS"
  for dir in api-service/target/quarkus-app worker-service/target/quarkus-app stack/target/kafka-libs; do
    mkdir -p "$ARTIFACTS/$(dirname "$dir")"
    cp -a "$dir" "$ARTIFACTS/$dir"
  done
  mkdir -p "$ARTIFACTS/apixo-simulator/target"
  cp -a apixo-simulator/target/apixo-simulator-*-runner.jar "$ARTIFACTS/apixo-simulator/target/"
  mkdir -p "$ARTIFACTS/stack" && touch "$ARTIFACTS/pom.xml"
fi
SIZE="${1:-full}"

for artifact in stack/target/kafka-libs api-service/target/quarkus-app/quarkus-run.jar \
    worker-service/target/quarkus-app/quarkus-run.jar; do
  if [[ ! -e "$ARTIFACTS/$artifact" ]] || ! ls "$ARTIFACTS"/apixo-simulator/target/apixo-simulator-*-runner.jar >/dev/null 2>&1; then
    echo "Building genqueue (mvn -B -q install -DskipTests)..."
    mvn -B -q install -DskipTests
    break
  fi
done

echo "Compiling the chaos harness (system-tests)..."
mvn -B -q -pl system-tests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/chaos.classpath

echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
exec java -Xms128m -Xmx1g -cp "system-tests/target/test-classes:$(cat system-tests/target/chaos.classpath)" \
  -Dgenqueue.root="$ARTIFACTS" -Dchaos.target="$ROOT/system-tests/target" -Dchaos.jobs="${CHAOS_JOBS:-}" -Dchaos.seed="${CHAOS_SEED:-}" \
  dev.genqueue.system.chaos.ChaosMain "$SIZE"
