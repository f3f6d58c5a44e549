# The Java 17 base of the registry-free local run: Debian bookworm's openjdk-17-jre-headless and curl on
# the debootstrap-made base (deploy/build-images.sh --local). It provides what the services'
# Dockerfile.jvm expect of their base image (see the BASE_IMAGE comment there): user 185, /deployments and
# a run-java.sh at the UBI image's path. Built with --network host (apt reaches Debian's mirror).
ARG DEBIAN_IMAGE=trellis-local/debian:bookworm
FROM ${DEBIAN_IMAGE}

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 185 --gid 0 --home-dir /home/default --create-home --shell /usr/sbin/nologin default \
 && mkdir -p /deployments && chown 185:0 /deployments

COPY run-java.sh /opt/jboss/container/java/run/run-java.sh
RUN chmod 755 /opt/jboss/container/java/run/run-java.sh

ENV LANG=C.UTF-8
WORKDIR /deployments
USER 185
