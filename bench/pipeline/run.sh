#!/usr/bin/env bash
# Write-path pipeline benchmark (issue 13): open-loop sends and accepts at fixed rates against the running local
# suite, in steps up to saturation, then pgbench TPC-B on the same PostgreSQL. See bench/README.md.
#
# Needs the suite running (deploy/local/trellis start) and psql + pgbench (postgresql-client). Then:
#   bench/pipeline/run.sh -label before|after [-rates 10,20,40,80] [-step-seconds 60] [options...]
#   bench/pipeline/run.sh -redraw            # redraw bench/results/pipeline.png from the CSVs
# Without -label a trial run writes bench/target/pipeline-trial.{md,csv,png} and leaves bench/results alone.
# It compiles its classes with javac (no Maven reactor). On the 2-core machine run it under the shared lock:
#   flock /tmp/trellis-build.lock bench/pipeline/run.sh -label after ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
HDR="${HOME}/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar"
if [[ ! -f "$HDR" ]]; then
  (cd "$ROOT" && ./mvnw -q -B dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2)
fi
KAFKA_LIBS="${TRELLIS_KAFKA_LIBS:-$ROOT/deploy/target/kafka-libs}"
KAFKA_CLIENTS="$(ls "$KAFKA_LIBS"/kafka-clients-*.jar 2>/dev/null | head -1 || true)"
if [[ -z "$KAFKA_CLIENTS" ]]; then
  echo "no kafka-clients jar in $KAFKA_LIBS: build the suite first (deploy/local/trellis start)" >&2
  exit 1
fi
for tool in psql pgbench; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install postgresql-client)" >&2; exit 1; }
done
CP="$HDR:$KAFKA_LIBS/*"
CLASSES="$ROOT/bench/target/pipeline-bench-classes"
mkdir -p "$CLASSES"
SRC=("$ROOT"/bench/src/main/java/dev/trellis/bench/pipeline/*.java "$ROOT"/bench/src/main/java/dev/trellis/bench/Progress.java)
javac -nowarn -d "$CLASSES" -cp "$CP" "${SRC[@]}"
cd "$ROOT/bench"
CMD="bench/pipeline/run.sh $*"
exec java -Xms1g -Xmx1g -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Djdk.httpclient.keepalive.timeout=120 -cp "$CLASSES:$CP" dev.trellis.bench.pipeline.PipelineBench -command "$CMD" "$@"
