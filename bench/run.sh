#!/usr/bin/env bash
# Runs the benchmark harness (seven scenarios) and prints one results table.
#   bench/run.sh                      full sizes; also writes the table into docs/benchmarks.md
#   bench/run.sh --size smoke         every scenario small (a few minutes), report in bench/target only
#   bench/run.sh --scenarios 1,3      only these scenarios
#   bench/run.sh --profile            JFR-record the services during each scenario; summaries in the report
#   bench/run.sh --running api=...    measure a running stack instead of starting one (see docs/benchmarks.md)
#   bench/run.sh --isolated-build ... first copy the sources to bench/target/source and package them there, and run
#                                     the stack from that copy: jars rebuilt in the checkout meanwhile do not
#                                     change a long run
# Builds the project first when a packaged artifact is missing; after changing code, run
# mvn -B -q install -DskipTests yourself so the measured jars are current.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
COMMAND="bench/run.sh $*"

if ! command -v wrk >/dev/null 2>&1; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing wrk (scenario 2)..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null || echo "could not install wrk: scenario 2 will be skipped"
  else
    echo "wrk is not installed (apt-get install wrk): scenario 2 will be skipped"
  fi
fi

ARTIFACTS=""
if [[ "${1:-}" == "--isolated-build" ]]; then
  shift
  COPY=bench/target/source
  echo "Packaging a copy of the sources in $COPY..."
  mkdir -p "$COPY"
  rsync -a --delete --exclude target --exclude .git --exclude .genqueue --exclude '.mvn/wrapper/*.properties' ./ "$COPY"/
  (cd "$COPY" && mvn -B -q -o package -Dmaven.test.skip=true -pl api-service,worker-service,apixo-simulator,stack -am)
  ARTIFACTS="$ROOT/$COPY"
fi

artifacts=(bench/target/bench.classpath bench/target/classes stack/target/kafka-libs
  api-service/target/quarkus-app/quarkus-run.jar worker-service/target/quarkus-app/quarkus-run.jar)
for artifact in "${artifacts[@]}"; do
  if [[ ! -e "$artifact" ]] || ! ls apixo-simulator/target/apixo-simulator-*-runner.jar >/dev/null 2>&1; then
    echo "Building genqueue (mvn -B -q install -DskipTests)..."
    mvn -B -q install -DskipTests
    break
  fi
done

exec java -Xms256m -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  -Dgenqueue.root="$ROOT" -Dbench.artifacts="$ARTIFACTS" -Dbench.command="$COMMAND" dev.genqueue.bench.BenchMain "$@"
