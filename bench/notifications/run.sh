#!/usr/bin/env bash
# notification-service benchmark: badge read latency and accepted-invitation -> SSE push latency.
#
# Needs a running local suite with at least profile-, invitation- and notification-service:
#   deploy/local/trellis start
#   (or: TRELLIS_SERVICES="profile invitation notification" deploy/local/trellis start)
# then:
#   bench/notifications/run.sh [-badge-reads 20000] [-warmup 2000] [-accepts 500] [-inviters 10] [-pause-ms 20]
#                              [-profile URL] [-invitation URL] [-notification URL] [-out FILE] [-note TEXT]
# It compiles the one class with javac (no Maven reactor needed), signs up fresh members, and writes
# bench/results/notifications.md (between its <!-- bench-output --> markers). Not part of ./mvnw verify.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
HDR="${HOME}/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar"
if [[ ! -f "$HDR" ]]; then
  (cd "$ROOT" && ./mvnw -q -B dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2)
fi
CLASSES="$ROOT/bench/target/notification-bench-classes"
mkdir -p "$CLASSES"
javac -q -d "$CLASSES" -cp "$HDR" "$ROOT"/bench/src/main/java/dev/trellis/bench/notifications/*.java 2>/dev/null \
  || javac -d "$CLASSES" -cp "$HDR" "$ROOT"/bench/src/main/java/dev/trellis/bench/notifications/*.java
cd "$ROOT/bench"
exec java -Xmx512m -cp "$CLASSES:$HDR" dev.trellis.bench.notifications.NotificationBench "$@"
