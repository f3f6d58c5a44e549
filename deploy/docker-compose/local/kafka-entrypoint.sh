#!/bin/bash
# Entry point of kafka.Dockerfile. Like apache/kafka: each KAFKA_X_Y variable is the property x.y
# ("___" stands for "-", "__" for "_"); KAFKA_HEAP_OPTS and KAFKA_OPTS are JVM options, not properties.
# An empty log directory is formatted with CLUSTER_ID (required), then the broker runs in the foreground.
set -euo pipefail
: "${CLUSTER_ID:?CLUSTER_ID is required}"
config=/opt/kafka/config/server.properties
: >"$config"
while IFS='=' read -r name value; do
  case "$name" in
    KAFKA_HEAP_OPTS | KAFKA_OPTS | KAFKA_JVM_PERFORMANCE_OPTS | KAFKA_LOG4J_OPTS) continue ;;
    KAFKA_*)
      prop="${name#KAFKA_}"
      prop="${prop//___/-}"
      prop="${prop//__/@}"
      prop="${prop//_/.}"
      prop="${prop//@/_}"
      printf '%s=%s\n' "${prop,,}" "$value" >>"$config"
      ;;
  esac
done < <(env)
echo "kafka-entrypoint: server.properties:"
sed 's/^/  /' "$config"
log_dirs="$(sed -n 's/^log\.dirs=//p' "$config")"
if [[ ! -f "${log_dirs%%,*}/meta.properties" ]]; then
  echo "kafka-entrypoint: formatting ${log_dirs} (cluster id $CLUSTER_ID)"
  java -Xmx128m -cp '/opt/kafka/libs/*' kafka.tools.StorageTool format --ignore-formatted \
    -t "$CLUSTER_ID" -c "$config"
fi
# shellcheck disable=SC2086 # option lists
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_OPTS:-} -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
  -cp '/opt/kafka/libs/*' kafka.Kafka "$config"
