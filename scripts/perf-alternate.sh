#!/usr/bin/env bash
# Alternates `actorbroker perf` workloads on nodes that run side by side, round after round, so that each figure
# shares the machine's load with its neighbours (the method of docs/decisions/streams.md). Each node is a Release
# build of a checkout (this one, or an older commit's worktree to compare with) on a throwaway data directory; a
# URL instead of a checkout measures a broker that already runs (RabbitMQ).
#   scripts/perf-alternate.sh ROUNDS DURATION "WORKLOAD..." TARGET...
#   TARGET: a checkout folder (built with dotnet build -c Release) or an amqp:// URL
# e.g. scripts/perf-alternate.sh 3 10s "durable stream" . ../streams2-base amqp://guest:guest@127.0.0.1:5682/
# Each round starts with the next target in turn. PERF_ARGS adds options to every run (e.g. PERF_ARGS="--size 1024").
# Prints one line per run: round, target, workload and the perf tool's summary line; the full output is kept.
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
PORT=${PORT:-25679}
for target in "$@"; do
  if [[ $target == amqp://* ]]; then URLS+=("$target"); continue; fi
  dll=$(cd "$target" && pwd)/src/ActorBroker.Server/bin/Release/net10.0/ActorBroker.Server.dll
  [ -f "$dll" ] || { echo "no Release build in $target" >&2; exit 1; }
  dir=$WORK/node-$PORT
  mkdir -p "$dir"
  cat > "$dir/node.conf" <<CONF
include "$(cd "$target" && pwd)/config/broker.conf"
actorbroker.data-directory = "$dir/data"
actorbroker.amqp.port = $PORT
actorbroker.management.port = 0
CONF
  dotnet "$dll" --config "$dir/node.conf" > "$dir/node.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 1; done
  URLS+=("amqp://guest:guest@127.0.0.1:$PORT/")
  PORT=$((PORT + 1))
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  # The first target of a round runs on a machine the previous round left warm and busy: rotate who goes first.
  shift_by=$(( (round - 1) % ${#URLS[@]} ))
  for url in "${URLS[@]:shift_by}" "${URLS[@]:0:shift_by}"; do
    for workload in $WORKLOADS; do
      out=$WORK/run-$round-${url//[^0-9]/}-$workload.txt
      dotnet "$CLI" perf --url "$url" --workload "$workload" --duration "$DURATION" ${PERF_ARGS:-} --output json > "$out" 2>&1 || true
      echo "round $round | $url | $workload | load $(cut -d' ' -f1 /proc/loadavg) | $(tr -d '\n' < "$out" | head -c 600)"
    done
  done
done
