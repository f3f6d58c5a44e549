#!/bin/sh
# The subset of the UBI OpenJDK image's run-java.sh that the Trellis images use, for the Debian-based
# local base (jre17.Dockerfile):
#   JAVA_APP_JAR        the jar to run (required)
#   JAVA_MAX_MEM_RATIO  heap = this percentage of the container's memory limit (-XX:MaxRAMPercentage)
#   JAVA_INITIAL_MEM_RATIO  initial heap percentage (-XX:InitialRAMPercentage), optional
#   JAVA_OPTS           replaces the defaults below when set; JAVA_OPTS_APPEND is added after them
# Arguments are passed to the application.
set -eu
: "${JAVA_APP_JAR:?JAVA_APP_JAR is not set (the image should set it)}"
opts="${JAVA_OPTS:--XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}"
[ -z "${JAVA_MAX_MEM_RATIO:-}" ] || opts="$opts -XX:MaxRAMPercentage=${JAVA_MAX_MEM_RATIO}.0"
[ -z "${JAVA_INITIAL_MEM_RATIO:-}" ] || opts="$opts -XX:InitialRAMPercentage=${JAVA_INITIAL_MEM_RATIO}.0"
# shellcheck disable=SC2086 # the options are a word list on purpose
set -- $opts ${JAVA_OPTS_APPEND:-} -jar "$JAVA_APP_JAR" "$@"
echo "run-java.sh: exec java $*" >&2
exec java "$@"
