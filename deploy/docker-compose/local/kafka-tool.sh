#!/bin/sh
# kafka-topics.sh, kafka-broker-api-versions.sh and kafka-storage.sh of the local Kafka image (links to
# this file): the class of each, run from the jars in /opt/kafka/libs with a small heap.
case "$(basename "$0")" in
  kafka-topics.sh) class=org.apache.kafka.tools.TopicCommand ;;
  kafka-broker-api-versions.sh) class=org.apache.kafka.tools.BrokerApiVersionsCommand ;;
  kafka-storage.sh) class=kafka.tools.StorageTool ;;
  *) echo "kafka-tool.sh: unknown tool $(basename "$0")" >&2; exit 2 ;;
esac
exec java -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '/opt/kafka/libs/*' "$class" "$@"
