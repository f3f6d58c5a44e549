# Apache Kafka (KRaft) from the broker jars the deploy module copies from Maven Central
# (deploy/target/kafka-libs), on the local Java 17 base, for the registry-free local run only (users get
# the official apache/kafka image). It behaves as apache/kafka does for what the compose files use:
# every KAFKA_X_Y variable becomes the server property x.y, CLUSTER_ID formats an empty log directory,
# and /opt/kafka/bin has kafka-topics.sh and kafka-broker-api-versions.sh.
# Build context: a directory holding kafka-libs/ and the files next to this one (deploy/build-images.sh).
ARG JRE_IMAGE=trellis-local/jre17:bookworm
FROM ${JRE_IMAGE}

USER root
RUN useradd --uid 1000 --user-group --home-dir /opt/kafka --no-create-home --shell /usr/sbin/nologin appuser \
 && mkdir -p /opt/kafka/bin /opt/kafka/config /var/lib/kafka/data \
 && chown appuser:appuser /opt/kafka/config /var/lib/kafka/data
COPY kafka-libs/ /opt/kafka/libs/
COPY kafka-entrypoint.sh kafka-tool.sh /opt/kafka/bin/
RUN chmod 755 /opt/kafka/bin/*.sh \
 && ln -s kafka-tool.sh /opt/kafka/bin/kafka-topics.sh \
 && ln -s kafka-tool.sh /opt/kafka/bin/kafka-broker-api-versions.sh \
 && ln -s kafka-tool.sh /opt/kafka/bin/kafka-storage.sh

USER appuser
WORKDIR /opt/kafka
EXPOSE 9092 9093
ENTRYPOINT ["/opt/kafka/bin/kafka-entrypoint.sh"]
