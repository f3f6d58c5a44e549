#!/bin/sh
# Creates the Trellis topics (idempotent: --if-not-exists), run once by the kafka-topics service of
# docker-compose.yml with the apache/kafka image. Everything comes from the environment:
#   BOOTSTRAP            e.g. kafka:9092
#   PARTITIONS           partitions of every topic (the key keeps one aggregate's events on one partition)
#   REPLICATION_FACTOR   1 for one broker, 3 for the three-broker file
#   EVENT_TOPICS, EVENT_TOPIC_CONFIG   domain event topics and their config (retention.ms=-1: kept forever)
#   DLQ_TOPICS, DLQ_TOPIC_CONFIG       dead-letter topics and their config
# The topic list is the one deploy/local/trellis creates; deploy/config-test checks they agree.
set -eu

TOPICS_CMD="${TOPICS_CMD:-/opt/kafka/bin/kafka-topics.sh}"
: "${BOOTSTRAP:?}" "${PARTITIONS:?}" "${REPLICATION_FACTOR:?}" "${EVENT_TOPICS:?}" "${DLQ_TOPICS:?}"

create() { # topic, comma-separated config
  topic="$1"
  config="$2"
  set -- --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$topic" \
    --partitions "$PARTITIONS" --replication-factor "$REPLICATION_FACTOR"
  old_ifs="$IFS"
  IFS=,
  for c in $config; do
    [ -n "$c" ] && set -- "$@" --config "$c"
  done
  IFS="$old_ifs"
  "$TOPICS_CMD" "$@"
}

# The broker is healthy before this runs, but be patient with a slow start all the same.
tries=0
until "$TOPICS_CMD" --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 30 ] || { echo "Kafka at $BOOTSTRAP does not answer" >&2; exit 1; }
  sleep 2
done

for t in $EVENT_TOPICS; do create "$t" "${EVENT_TOPIC_CONFIG:-}"; done
for t in $DLQ_TOPICS; do create "$t" "${DLQ_TOPIC_CONFIG:-}"; done

echo "Topics on $BOOTSTRAP:"
"$TOPICS_CMD" --bootstrap-server "$BOOTSTRAP" --describe --exclude-internal | grep -v '^	' || true
