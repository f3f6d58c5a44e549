#!/usr/bin/env bash
# Degree over HTTP under wrk: builds connection-service, starts PostgreSQL and the Kafka broker with the local
# launcher (no services), then runs dev.trellis.bench.HttpDegreeBench, which loads a seeded graph into its own
# database (trellis_connection_httpbench), starts the service jar on port 18083 and drives it with wrk.
# Writes bench/results/http.md (override with -out). Options: -members -connections -rate -duration -warmup
# -port -db -heap -seed -out (see HttpDegreeBench).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$ROOT"
command -v wrk >/dev/null 2>&1 || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
./mvnw -B -q install -DskipTests -pl events,platform,testing,connection-service
./mvnw -B -q -f bench/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
TRELLIS_SKIP_SERVICES=1 deploy/local/trellis start
exec java -Xmx2g -Dtrellis.root="$ROOT" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.trellis.bench.HttpDegreeBench "$@"
