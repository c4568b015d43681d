#!/usr/bin/env bash
# The resident memory of a real node process holding a durable backlog: starts a node (Release build) on a
# throwaway data directory, publishes COUNT (default 5,000,000) persistent 1 KiB messages into one durable queue
# with confirms, then prints the node's peak and current RSS (VmHWM, VmRSS) and the journal's size, and stops it.
#   scripts/backlog-rss.sh [COUNT]
# Needs the Release build (dotnet build -c Release) and Node.js; amqplib is installed into the end-to-end tests'
# npm folder when missing. Takes several minutes and about 1.2 GB of disk per million messages.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
COUNT=${1:-5000000}
PORT=${PORT:-5798}
NODE_DLL=$ROOT/src/ActorBroker.Server/bin/Release/net10.0/ActorBroker.Server.dll
NPM_DIR=$ROOT/tests/ActorBroker.Amqp.EndToEnd.Tests/amqplib
[ -f "$NODE_DLL" ] || { echo "build first: dotnet build $ROOT/ActorBroker.sln -c Release" >&2; exit 1; }
[ -d "$NPM_DIR/node_modules/amqplib" ] || (cd "$NPM_DIR" && npm ci --silent)

WORK=$(mktemp -d)
trap 'kill "$NODE_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
cat > "$WORK/node.conf" <<CONF
include "$ROOT/config/broker.conf"
actorbroker.data-directory = "$WORK/data"
actorbroker.amqp.port = $PORT
actorbroker.management.port = $((PORT + 10000))
CONF

dotnet "$NODE_DLL" --config "$WORK/node.conf" > "$WORK/node.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 1; done

NODE_PATH=$NPM_DIR/node_modules node "$ROOT/scripts/backlog/publish.js" "amqp://guest:guest@127.0.0.1:$PORT" backlog "$COUNT"
grep -E "VmHWM|VmRSS" "/proc/$NODE_PID/status"
du -sh "$WORK/data"
kill -TERM "$NODE_PID"
wait "$NODE_PID" || true
