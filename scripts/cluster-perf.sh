#!/usr/bin/env bash
# Throughput and CPU per message of 1 node against a cluster of N, on one shared PostgreSQL journal each time
# (docs/decisions/cluster.md, "Figures"). For each cluster size it starts a local cluster (scripts/local-cluster.sh),
# runs every workload ROUNDS times with `actorbroker perf`, the nodes' URLs and process ids and the PostgreSQL
# postmaster's, with the clients on each queue's owner and, on more than one node, on the next node (the remote hop),
# notes the load average before and after each run and the journal's commits per second (over the whole run, declare
# and drain included), stops the cluster, and prints the medians. Before the runs it notes what the nodes cost at rest.
#
#   scripts/cluster-perf.sh [OUT_DIR]      raw JSON per run, runs.tsv and medians.tsv in OUT_DIR
#                                           (default /tmp/actorbroker-cluster-perf-<timestamp>)
#
# Environment (defaults in brackets): SIZES [1 3] (nodes per cluster), WORKLOADS [durable-30 transient-30],
# ROUNDS [3], DURATION [20s], SIZE [1024] (message body bytes), ACTORBROKER_CLUSTER_DIR,
# ACTORBROKER_CLUSTER_AMQP_PORT [25672], ACTORBROKER_CLUSTER_MANAGEMENT_PORT [35672], ACTORBROKER_CLUSTER_AKKA_PORT
# [24053] (away from local-cluster.sh's defaults, which a developer's own cluster may hold), ACTORBROKER_CLI_DLL and
# ACTORBROKER_SERVER_DLL (built here in Release if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-/tmp/actorbroker-cluster-perf-$(date +%Y%m%d-%H%M%S)}
sizes=${SIZES:-1 3}
workloads=${WORKLOADS:-durable-30 transient-30}
rounds=${ROUNDS:-3}
duration=${DURATION:-20s}
size=${SIZE:-1024}
export ACTORBROKER_CLUSTER_DIR=${ACTORBROKER_CLUSTER_DIR:-/tmp/actorbroker-cluster-perf-state}
export ACTORBROKER_CLUSTER_AMQP_PORT=${ACTORBROKER_CLUSTER_AMQP_PORT:-25672}
export ACTORBROKER_CLUSTER_MANAGEMENT_PORT=${ACTORBROKER_CLUSTER_MANAGEMENT_PORT:-35672}
export ACTORBROKER_CLUSTER_AKKA_PORT=${ACTORBROKER_CLUSTER_AKKA_PORT:-24053}
cli_dll=${ACTORBROKER_CLI_DLL:-$PWD/src/ActorBroker.Cli/bin/Release/net10.0/actorbroker.dll}

fail() { echo "cluster-perf: $*" >&2; exit 1; }
load() { cut -d' ' -f1 /proc/loadavg; }
# Transactions committed in the journal's database so far (PostgreSQL's own count).
commits() {
  "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -h 127.0.0.1 -p "$(cat "$ACTORBROKER_CLUSTER_DIR/pg/port")" -U postgres -d actorbroker -Atc \
    "select xact_commit from pg_stat_database where datname = 'actorbroker'"
}
# CPU seconds (user + system) the given processes used so far.
cpu_seconds() { for pid in "$@"; do cut -d')' -f2 "/proc/$pid/stat"; done | awk '{ ticks += $12 + $13 } END { printf "%.2f", ticks / 100 }'; }

[ -f "$cli_dll" ] || dotnet build src/ActorBroker.Cli -c Release -v quiet >/dev/null || fail "the CLI did not build"
mkdir -p "$out"
# The nodes' logs are kept before a cluster is removed: a run that fails is explained there.
keep_logs() { for log in "$ACTORBROKER_CLUSTER_DIR"/node*/node.log; do [ -f "$log" ] && cp "$log" "$out/$1-$(basename "$(dirname "$log")").log"; done; return 0; }
trap 'keep_logs last; scripts/local-cluster.sh down' EXIT
printf 'nodes\tworkload\tplacement\tround\tmsgs_per_s\tp50_us\tp99_us\tnode_cpu_us\tdb_cpu_us\tperf_cpu_us\tdelivered\tlost\tduplicated\tload_before\tload_after\tdb_commits_per_s\n' >"$out/runs.tsv"

for nodes in $sizes; do
  keep_logs "before-$nodes"
  scripts/local-cluster.sh down
  scripts/local-cluster.sh up "$nodes" | tee "$out/cluster-$nodes.txt" >&2
  urls=() pids=()
  while read -r _ _ _ amqp _ _ _ pid; do
    urls+=(--url "amqp://guest:guest@$amqp/")
    pids+=("$pid")
  done <"$out/cluster-$nodes.txt"
  # The postmaster's pid is the first line of its pid file; its backends are counted with it.
  database_pid=$(head -1 "$ACTORBROKER_CLUSTER_DIR/pg/data/postmaster.pid")
  # What the nodes cost at rest (heartbeats, gossip, timers), in CPU seconds per second over 10 s.
  idle_before=$(cpu_seconds "${pids[@]}"); sleep 10; idle_after=$(cpu_seconds "${pids[@]}")
  echo "$nodes nodes at rest: $(echo "$idle_before $idle_after" | awk '{ printf "%.3f", ($2 - $1) / 10 }') CPU s/s, load $(load)" | tee "$out/idle-$nodes.txt" >&2
  placements=owner
  [ "$nodes" -gt 1 ] && placements="owner remote"
  for round in $(seq 1 "$rounds"); do
    for workload in $workloads; do
      for placement in $placements; do
        json="$out/$nodes-$workload-$placement-$round.json"
        before=$(load) commits_before=$(commits) started=$(date +%s.%N)
        dotnet "$cli_dll" perf "${urls[@]}" --placement "$placement" --node-pids "$(IFS=,; echo "${pids[*]}")" \
          --database-pid "$database_pid" --workload "$workload" --duration "$duration" --size "$size" --output json >"$json" \
          || echo "cluster-perf: $nodes nodes, $workload, $placement, round $round: perf exited $? (see $json)" >&2
        after=$(load)
        commits_per_s=$(echo "$commits_before $(commits) $started $(date +%s.%N)" | awk '{ printf "%.0f", ($2 - $1) / ($4 - $3) }')
        python3 - "$json" "$nodes" "$workload" "$placement" "$round" "$before" "$after" "$commits_per_s" >>"$out/runs.tsv" <<'PY'
import json, sys
path, *labels = sys.argv[1:]
try:
    r = json.load(open(path))["results"][0]
except (ValueError, LookupError):
    r = {}  # perf failed before it reported: the row keeps its labels and the load
cells = [r.get(k, "") for k in ("msgsPerSecond", "p50Micros", "p99Micros", "nodeCpuMicrosPerMessage", "databaseCpuMicrosPerMessage",
                                 "clientCpuMicrosPerMessage", "delivered", "lost", "duplicated")]
print("\t".join(map(str, labels[:4] + cells + labels[4:])))
PY
        tail -1 "$out/runs.tsv" >&2
        for pid in "${pids[@]}"; do
          kill -0 "$pid" 2>/dev/null || fail "node pid $pid of the $nodes-node cluster died during $workload ($placement, round $round): see $out/last-node*.log"
        done
      done
    done
  done
done

python3 - "$out/runs.tsv" >"$out/medians.tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
groups = {}
for row in rows:
    groups.setdefault((row["nodes"], row["workload"], row["placement"]), []).append(row)
columns = ["msgs_per_s", "p99_us", "node_cpu_us", "db_cpu_us", "perf_cpu_us", "load_before", "load_after", "db_commits_per_s"]
print("\t".join(["nodes", "workload", "placement", "runs"] + ["median_" + c for c in columns]))
for key, group in groups.items():
    medians = [statistics.median(float(r[c]) for r in group if r[c] != "") if any(r[c] != "" for r in group) else "" for c in columns]
    print("\t".join(list(key) + [str(len(group))] + [f"{m:.1f}" if m != "" else "" for m in medians]))
PY
column -t -s$'\t' "$out/medians.tsv"
echo "cluster-perf: runs in $out/runs.tsv, medians in $out/medians.tsv" >&2
