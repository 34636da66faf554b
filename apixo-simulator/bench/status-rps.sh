#!/usr/bin/env bash
# Measures status requests/s of the APIXO simulator at time factor 1 with wrk.
# Usage: apixo-simulator/bench/status-rps.sh [duration=20s] [connections=64] [tasks=1000]
# Env: JAR (runner jar), PORT (default 18099), THREADS (wrk threads, default 2), EVENT_LOOPS (default: cores)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
module="$(dirname "$here")"
duration="${1:-20s}"
connections="${2:-64}"
tasks="${3:-1000}"
port="${PORT:-18099}"
threads="${THREADS:-2}"
jar="${JAR:-$module/target/apixo-simulator-0.1.0-SNAPSHOT-runner.jar}"
key="bench-$(date +%s)-$RANDOM"
base="http://127.0.0.1:$port"
work="$(mktemp -d)"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
if [ ! -f "$jar" ]; then
  (cd "$module" && mvn -B -q package -DskipTests)
fi

APIXO_SIM_PORT="$port" APIXO_SIM_KEYS="$key:unlimited:1000000" APIXO_SIM_TIME_FACTOR=1 \
  APIXO_SIM_EVENT_LOOPS="${EVENT_LOOPS:-$(nproc)}" \
  java -Xmx512m -jar "$jar" >"$work/simulator.log" 2>&1 &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 1 100); do
  curl -sf -o /dev/null -H "Authorization: Bearer $key" "$base/api/v1/apikeys/current-balance" && break
  sleep 0.1
done
head -1 "$work/simulator.log"

# a mix of states during the run: a third finish at once, a third within the run, a third stay in progress
models=(nano-banana nano-banana sora-2)
prompts=("bench #sim:duration=0s" "bench image" "bench video")
bodies=('{"input":{"mode":"text-to-image","prompt":"%s %d"}}' '{"input":{"mode":"text-to-image","prompt":"%s %d"}}'
        '{"provider":"official","input":{"mode":"text-to-video","prompt":"%s %d"}}')
: >"$work/tasks.txt"
for i in $(seq 1 "$tasks"); do
  k=$((i % 3))
  body="$(printf "${bodies[$k]}" "${prompts[$k]}" "$i")"
  id="$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$body" \
    "$base/api/v1/generateTask/${models[$k]}" | sed -E 's/.*"taskId":"([^"]+)".*/\1/')"
  echo "/api/v1/statusTask/${models[$k]}?taskId=$id" >>"$work/tasks.txt"
done
echo "created $(wc -l <"$work/tasks.txt") tasks"

# warm-up (JIT), then the measured run
TASKS_FILE="$work/tasks.txt" APIXO_BENCH_KEY="$key" wrk -t"$threads" -c"$connections" -d5s -s "$here/status.lua" "$base" >/dev/null
echo "wrk -t$threads -c$connections -d$duration -s bench/status.lua $base"
TASKS_FILE="$work/tasks.txt" APIXO_BENCH_KEY="$key" wrk -t"$threads" -c"$connections" -d"$duration" --latency \
  -s "$here/status.lua" "$base"
