#!/usr/bin/env bash
# The graph benchmark in one command, from a fresh clone (bench/README.md):
#   bench/run.sh small [more bench args]   # 100k members / 5M connections, about a minute; writes bench/target/graph-small.*
#   bench/run.sh full  [more bench args]   # 1M / 50M (results/graph.md); needs about 8 GB of heap and 11 GB of disk
# It first installs what the bench module resolves from the local Maven repository (the parent pom, events, platform,
# testing, connection-service: `-pl connection-service -am` takes the parent along), then runs the bench's exec
# plugin. Set BENCH_SKIP_INSTALL=1 to skip the install when those modules are unchanged.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
size="${1:-small}"
shift || true
case "$size" in
  small)
    heap=2g
    args="-members 100000 -connections 5000000 -fast-samples 50000 -slow-samples 1000 -warmup-seconds 2
          -sql-fast-samples 500 -sql-slow-samples 50 -sql-weighted-samples 10
          -out target/graph-small.md -chart target/graph-small.png" ;;
  full)
    heap=8g
    args="" ;;
  *)
    echo "usage: bench/run.sh small|full [bench args]" >&2
    exit 2 ;;
esac
if [[ "${BENCH_SKIP_INSTALL:-0}" != 1 ]]; then
  ./mvnw -B -q install -DskipTests -pl connection-service -am
fi
./mvnw -B -q -f bench/pom.xml exec:exec -Dbench.heap="$heap" -Dbench.args="$(echo $args) $*"
