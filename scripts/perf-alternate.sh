#!/usr/bin/env bash
# Alternates `actorbroker perf` workloads on nodes that run side by side, round after round, so that each figure
# shares the machine's load with its neighbours (the method of docs/decisions/streams.md). Each node is a Release
# build of a checkout (this one, or an older commit's worktree to compare with) on a throwaway data directory; a
# URL instead of a checkout measures a broker that already runs (RabbitMQ).
#   scripts/perf-alternate.sh ROUNDS DURATION "WORKLOAD..." TARGET...
#   TARGET: a checkout folder (built with dotnet build -c Release), that folder followed by ::FILE to add a HOCON file
#           to its node's settings (scripts/perf-plugins/ has those of each journal plugin and database), or an
#           amqp:// URL
# e.g. scripts/perf-alternate.sh 3 10s "durable stream" . ../streams2-base amqp://guest:guest@127.0.0.1:5682/
# Each round starts with the next target in turn. PERF_ARGS adds options to every run (e.g. PERF_ARGS="--size 1024").
# Prints one line per run: round, target, workload and the perf tool's summary line; the full output is kept.
# For a node it starts, the line also gives what the node spent per message sent, read from its /metrics before and
# after the run (management port MGMT_PORT and up): bytes allocated, GC pause and CPU time. Those move far less with
# the machine's load than rates do, so they judge a change on a busy machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=$1 DURATION=$2 WORKLOADS=$3
shift 3
CLI=$ROOT/src/ActorBroker.Cli/bin/Release/net10.0/actorbroker.dll
[ -f "$CLI" ] || { echo "build first: dotnet build $ROOT/ActorBroker.sln -c Release" >&2; exit 1; }

WORK=$(mktemp -d)
PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; rm -rf "$WORK"' EXIT

URLS=()
declare -A METRICS
PORT=${PORT:-25679}
MGMT_PORT=${MGMT_PORT:-35679}
for spec in "$@"; do
  if [[ $spec == amqp://* ]]; then URLS+=("$spec"); continue; fi
  target=${spec%%::*}
  settings=""
  [[ $spec == *::* ]] && settings="include \"$(realpath "${spec#*::}")\""
  dll=$(cd "$target" && pwd)/src/ActorBroker.Server/bin/Release/net10.0/ActorBroker.Server.dll
  [ -f "$dll" ] || { echo "no Release build in $target" >&2; exit 1; }
  dir=$WORK/node-$PORT
  mkdir -p "$dir"
  cat > "$dir/node.conf" <<CONF
include "$(cd "$target" && pwd)/config/broker.conf"
actorbroker.data-directory = "$dir/data"
actorbroker.amqp.port = $PORT
actorbroker.management.port = $MGMT_PORT
$settings
CONF
  dotnet "$dll" --config "$dir/node.conf" > "$dir/node.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 1; done
  URLS+=("amqp://guest:guest@127.0.0.1:$PORT/")
  METRICS["amqp://guest:guest@127.0.0.1:$PORT/"]="http://127.0.0.1:$MGMT_PORT/metrics"
  PORT=$((PORT + 1)) MGMT_PORT=$((MGMT_PORT + 1))
done

# The node's cumulative allocated bytes, GC pause seconds and CPU seconds (user and system lines summed), space-separated.
node_counters() {
  curl -sf "$1" | awk '$1 == "dotnet_gc_heap_total_allocated_bytes_total" { a = $2 }
    $1 == "dotnet_gc_pause_time_seconds_total" { g = $2 } $1 ~ /^dotnet_process_cpu_time_seconds_total/ { c += $2 }
    END { printf "%s %s %s", a, g, c }'
}

# Per message sent, from the counters before and after a run and the run's JSON output.
per_message() {
  local sent
  sent=$(grep -o '"sent": [0-9]*' "$3" | head -1 | grep -o '[0-9]*$' || echo 0)
  awk -v before="$1" -v after="$2" -v sent="$sent" 'BEGIN {
    split(before, b, " "); split(after, a, " ")
    if (sent == 0) { print "node: no messages"; exit }
    printf "node %.0f B/msg, gc pause %.2f us/msg, cpu %.2f us/msg", (a[1] - b[1]) / sent, (a[2] - b[2]) * 1e6 / sent, (a[3] - b[3]) * 1e6 / sent }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  # The first target of a round runs on a machine the previous round left warm and busy: rotate who goes first.
  shift_by=$(( (round - 1) % ${#URLS[@]} ))
  for url in "${URLS[@]:shift_by}" "${URLS[@]:0:shift_by}"; do
    for workload in $WORKLOADS; do
      out=$WORK/run-$round-${url//[^0-9]/}-$workload.txt
      metrics=${METRICS[$url]:-}
      [ -n "$metrics" ] && before=$(node_counters "$metrics")
      dotnet "$CLI" perf --url "$url" --workload "$workload" --duration "$DURATION" ${PERF_ARGS:-} --output json > "$out" 2>&1 || true
      cost=""
      [ -n "$metrics" ] && cost=" | $(per_message "$before" "$(node_counters "$metrics")" "$out")"
      echo "round $round | $url | $workload | load $(cut -d' ' -f1 /proc/loadavg)$cost | $(tr -d '\n' < "$out" | head -c 600)"
    done
  done
done
