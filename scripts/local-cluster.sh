#!/usr/bin/env bash
# A throwaway cluster of broker nodes on loopback, for trying things out and for tests.
#
#   scripts/local-cluster.sh up [N]   starts a throwaway PostgreSQL and N nodes (default 3), waits until every node is
#                                     ready, and prints one line per node:
#                                     node <name> amqp 127.0.0.1:<port> management http://127.0.0.1:<port> pid <pid>
#   scripts/local-cluster.sh down     stops the nodes and the database and deletes their state
#
# Node i listens for AMQP on 5672 + 10*(i-1), for the management API on 15672 + 10*(i-1) and for Akka.Remote on
# 4053 + 10*(i-1); every node lists every node as a seed (in the same order), so they form one Akka.Cluster.
# Every node journals into one database, actorbroker, on that PostgreSQL server (actorbroker.journal.shared = on: each
# node's own journals are named after its node name; docs/decisions/cluster.md).
#
# Environment: ACTORBROKER_CLUSTER_DIR (state; default /tmp/actorbroker-local-cluster), ACTORBROKER_CLUSTER_AMQP_PORT,
# ACTORBROKER_CLUSTER_MANAGEMENT_PORT, ACTORBROKER_CLUSTER_AKKA_PORT (the base ports), ACTORBROKER_CLUSTER_PG_PORT
# (PostgreSQL's; default: a free one), ACTORBROKER_SERVER_DLL (the built node; default: built here in Release if
# missing), PG_BIN (default /usr/lib/postgresql/15/bin), ACTORBROKER_CLUSTER_HEARTBEAT_PAUSE (the failure detector's
# acceptable-heartbeat-pause, as in config/cluster/cluster.conf by default; to measure another).
set -euo pipefail
cd "$(dirname "$0")/.."

state=${ACTORBROKER_CLUSTER_DIR:-/tmp/actorbroker-local-cluster}
amqp_base=${ACTORBROKER_CLUSTER_AMQP_PORT:-5672}
management_base=${ACTORBROKER_CLUSTER_MANAGEMENT_PORT:-15672}
akka_base=${ACTORBROKER_CLUSTER_AKKA_PORT:-4053}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
server_dll=${ACTORBROKER_SERVER_DLL:-$PWD/src/ActorBroker.Server/bin/Release/net10.0/ActorBroker.Server.dll}
heartbeat_pause=${ACTORBROKER_CLUSTER_HEARTBEAT_PAUSE:-500ms}

fail() { echo "local-cluster: $*" >&2; exit 1; }

# PostgreSQL refuses to run as root: then its tools run as the postgres user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Whether nothing listens on 127.0.0.1:$1 (as a server binds: a port left in TIME_WAIT counts as free).
port_free() {
  python3 -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_postgres() {
  [ -x "$pg_bin/postgres" ] || fail "PostgreSQL is not installed ($pg_bin/postgres is missing; Debian: apt-get install postgresql)"
  mkdir -p "$state/pg"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$state/pg"
  as_pg "$pg_bin/initdb" -D "$state/pg/data" -U postgres -A trust -E UTF8 --locale=C >"$state/pg/initdb.log" 2>&1 \
    || fail "initdb failed: see $state/pg/initdb.log"
  pg_port=${ACTORBROKER_CLUSTER_PG_PORT:-$(free_port)}
  echo "$pg_port" >"$state/pg/port"
  as_pg "$pg_bin/pg_ctl" start -w -D "$state/pg/data" -l "$state/pg/server.log" \
    -o "-p $pg_port -h 127.0.0.1 -k $state/pg" >/dev/null || fail "PostgreSQL did not start: see $state/pg/server.log"
}

wait_ready() { # management port, node log
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  fail "a node did not become ready within 60 s: see $2"
}

up() {
  local nodes=${1:-3}
  [[ "$nodes" =~ ^[1-9][0-9]*$ ]] || fail "up takes a number of nodes, not '$nodes'"
  [ -e "$state" ] && fail "$state exists: run 'scripts/local-cluster.sh down' first"
  if [ ! -f "$server_dll" ]; then
    dotnet build src/ActorBroker.Server -c Release -v quiet >/dev/null || fail "the node did not build"
  fi
  # A port someone else holds would make a node fail to start, and a broker already there answer for it.
  for i in $(seq 1 "$nodes"); do
    for port in $((amqp_base + 10 * (i - 1))) $((management_base + 10 * (i - 1))) $((akka_base + 10 * (i - 1))); do
      port_free "$port" || fail "port $port is in use: stop what listens there, or choose other base ports (ACTORBROKER_CLUSTER_AMQP_PORT, ACTORBROKER_CLUSTER_MANAGEMENT_PORT, ACTORBROKER_CLUSTER_AKKA_PORT)"
    done
  done
  mkdir -p "$state"
  start_postgres
  as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres actorbroker

  local seeds="" i
  for i in $(seq 1 "$nodes"); do
    seeds+="${seeds:+, }\"akka.tcp://actorbroker@127.0.0.1:$((akka_base + 10 * (i - 1)))\""
  done

  for i in $(seq 1 "$nodes"); do
    local dir="$state/node$i"
    mkdir -p "$dir"
    cp config/broker.conf "$dir/broker.conf"
    cat >"$dir/node.conf" <<EOF
include "broker.conf"
actorbroker.node.name = "node$i@localhost"
actorbroker.amqp.port = $((amqp_base + 10 * (i - 1)))
actorbroker.management.port = $((management_base + 10 * (i - 1)))
actorbroker.journal.plugin = postgresql
actorbroker.journal.shared = on
actorbroker.journal.postgresql.connection-string = "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=actorbroker"
akka.remote.dot-netty.tcp.port = $((akka_base + 10 * (i - 1)))
akka.cluster.seed-nodes = [$seeds]
# Fast failover, as config/cluster/cluster.conf explains.
akka.cluster.failure-detector.heartbeat-interval = 200ms
akka.cluster.failure-detector.acceptable-heartbeat-pause = $heartbeat_pause
akka.cluster.split-brain-resolver.stable-after = 200ms
akka.cluster.down-removal-margin = 100ms
akka.cluster.gossip-interval = 200ms
akka.cluster.leader-actions-interval = 200ms
akka.cluster.unreachable-nodes-reaper-interval = 200ms
EOF
    # exec: the background job is the node itself, so its pid is the one down signals.
    (cd "$dir" && exec nohup dotnet "$server_dll" --config node.conf >node.log 2>&1) &
    echo $! >"$dir/pid"
  done

  for i in $(seq 1 "$nodes"); do
    wait_ready $((management_base + 10 * (i - 1))) "$state/node$i/node.log"
  done
  for i in $(seq 1 "$nodes"); do
    echo "node node$i@localhost amqp 127.0.0.1:$((amqp_base + 10 * (i - 1))) management http://127.0.0.1:$((management_base + 10 * (i - 1))) pid $(cat "$state/node$i/pid")"
  done
}

down() {
  [ -d "$state" ] || return 0
  local pid_file pid
  for pid_file in "$state"/node*/pid; do
    [ -f "$pid_file" ] || continue
    pid=$(cat "$pid_file")
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -f "$state/pg/port" ]; then
    as_pg "$pg_bin/pg_ctl" stop -w -m fast -D "$state/pg/data" >/dev/null 2>&1 || true
  fi
  rm -rf "$state"
}

case "${1:-}" in
  up) up "${2:-3}" ;;
  down) down ;;
  *) echo "usage: scripts/local-cluster.sh up [N] | down" >&2; exit 2 ;;
esac
