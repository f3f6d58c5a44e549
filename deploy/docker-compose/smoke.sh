#!/usr/bin/env bash
# Smoke test of the compose deployment, on this machine and without an image registry: builds the images
# (deploy/build-images.sh --local), starts docker-compose.yml with local/host-network.yml on top, waits
# until every container is healthy by its own health check, runs the README walk-through
# (deploy/walkthrough.sh) against it, kills one service's process and checks that the restart policy
# brings it back with nothing lost, and takes it all down again (docker-compose down -v). Then the same,
# without the kill, for three brokers (docker-compose.kafka-cluster.yml + local/host-network.kafka-cluster.yml).
#
# Usage: deploy/docker-compose/smoke.sh [single|cluster|all]      (default: all)
#   TRELLIS_BUILD_LOCK  a lock file (e.g. /tmp/trellis-build.lock): the jar and image builds run under
#                       flock on it, the containers outside it. Unset: no lock.
#   SMOKE_KEEP=1        leave the containers (and a dockerd this script started) running on failure
#   SMOKE_HEALTH_TIMEOUT [600]  seconds for every container to become healthy
#
# Needs root and Debian's apt: it installs docker.io, docker-compose, debootstrap, curl and jq when they
# are missing. If no Docker engine answers, it starts dockerd with {"bridge": "none", "iptables": false}
# (every container of the local run is on the host network, all traffic on 127.0.0.1) and stops it at
# the end. Ports (local/host-network*.yml): services 28081-28085, Kafka 29092-29097, PostgreSQL 25432.
# Exits non-zero on the first failure; prints how long each phase took.
set -euo pipefail

COMPOSE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$COMPOSE_DIR/../.." && pwd -P)"
PROJECT=trellis-smoke
PORT_BASE=28080
PORTS=(28081 28082 28083 28084 28085 29092 29093 29094 29095 29096 29097 25432)
HEALTH_TIMEOUT="${SMOKE_HEALTH_TIMEOUT:-600}"
VARIANT="${1:-all}"
case "$VARIANT" in single | cluster | all) ;; *) echo "usage: $0 [single|cluster|all]" >&2; exit 2 ;; esac

log() { printf '[smoke %s] %s\n' "$(date +%T)" "$*"; }
die() { printf '[smoke %s] FAILED: %s\n' "$(date +%T)" "$*" >&2; exit 1; }

TIMINGS=()
phase_name=""
phase_start=0
phase() { # name: ends the running phase, starts the next
  if [[ -n "$phase_name" ]]; then
    TIMINGS+=("$(printf '%-34s %4d s' "$phase_name" $((SECONDS - phase_start)))")
    log "phase '$phase_name' took $((SECONDS - phase_start)) s"
  fi
  phase_name="$1"
  phase_start=$SECONDS
  [[ -z "$phase_name" ]] || log "=== $phase_name"
}

locked() { # command...: under flock on TRELLIS_BUILD_LOCK when set (the wait is logged: it is not build time)
  [[ -n "${TRELLIS_BUILD_LOCK:-}" ]] || { "$@"; return; }
  local fd waited=$SECONDS
  exec {fd}>>"$TRELLIS_BUILD_LOCK"
  flock "$fd"
  log "build lock $TRELLIS_BUILD_LOCK taken after $((SECONDS - waited)) s"
  "$@"
  flock -u "$fd"
  exec {fd}>&-
}

# ------------------------------------------------------------------------------------------ cleanup
started_dockerd=""
DOCKERD_DIR=""
compose_files=()
RENDERED=""
compose() { # docker-compose of the project: the rendered file of the running variant (see up)
  docker-compose -p "$PROJECT" -f "$RENDERED" "$@"
}

stop_dockerd() {
  [[ -n "$started_dockerd" ]] || return 0
  log "stopping the dockerd this script started (pid $started_dockerd)"
  kill "$started_dockerd" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do kill -0 "$started_dockerd" 2>/dev/null || break; sleep 0.5; done
  started_dockerd=""
}

finish() {
  local rc=$?
  trap - EXIT
  if ((rc != 0)); then
    if ((${#compose_files[@]})) && [[ "${SMOKE_KEEP:-0}" != 1 ]]; then
      log "failure: the last lines of every container's log"
      compose logs --no-color --tail=40 2>&1 | tail -n 300 || true
      compose down -v --remove-orphans >/dev/null 2>&1 || true
      rm -f "$RENDERED"
    fi
    [[ "${SMOKE_KEEP:-0}" == 1 ]] || stop_dockerd
  else
    stop_dockerd
  fi
  phase ""
  log "timings:"
  printf '  %s\n' "${TIMINGS[@]}"
  log "total $SECONDS s, $( ((rc == 0)) && echo PASSED || echo "FAILED (exit $rc)")"
  exit "$rc"
}
trap finish EXIT

# ------------------------------------------------------------------------------------------ tools
phase "tools and Docker engine"
((EUID == 0)) || die "run as root (it installs packages, runs debootstrap and may start dockerd)"
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if docker info >/dev/null 2>&1; then
  log "a Docker engine is running: using it ($(docker info -f '{{.ServerVersion}}'))"
else
  DOCKERD_DIR="$(mktemp -d /tmp/trellis-smoke-dockerd.XXXXXX)"
  printf '{"bridge": "none", "iptables": false}\n' >"$DOCKERD_DIR/daemon.json"
  log "starting dockerd (config $DOCKERD_DIR/daemon.json, log $DOCKERD_DIR/dockerd.log)"
  # In its own session and without our open descriptors beyond 0-2: a lock that a caller holds through
  # an inherited descriptor (flock without -o) must not be held by dockerd and its containers.
  (
    for fd in $(ls /proc/$BASHPID/fd); do ((fd <= 2)) || eval "exec $fd>&-" 2>/dev/null || true; done
    exec setsid dockerd --config-file "$DOCKERD_DIR/daemon.json" --pidfile "$DOCKERD_DIR/dockerd.pid" \
      </dev/null >"$DOCKERD_DIR/dockerd.log" 2>&1
  ) &
  started_dockerd=$!
  for i in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    kill -0 "$started_dockerd" 2>/dev/null || { tail -n 20 "$DOCKERD_DIR/dockerd.log" >&2; started_dockerd=""; die "dockerd exited"; }
    sleep 1
  done
  docker info >/dev/null 2>&1 || { tail -n 20 "$DOCKERD_DIR/dockerd.log" >&2; die "dockerd did not answer within 60 s"; }
  log "dockerd is up ($(docker info -f '{{.ServerVersion}} {{.Driver}} {{.CgroupDriver}}'))"
fi

# ------------------------------------------------------------------------------------------ build
phase "build: jars and images"
if ! compgen -G "$ROOT/deploy/target/kafka-libs/kafka_2.13-*.jar" >/dev/null ||
  ! ls "$ROOT"/{profile,invitation,connection,recommendation,notification}-service/target/quarkus-app/quarkus-run.jar >/dev/null 2>&1; then
  log "jars missing: ./mvnw -B -q package -DskipTests"
  (cd "$ROOT" && locked ./mvnw -B -q package -DskipTests)
fi
locked "$ROOT/deploy/build-images.sh" --local
kafka_jar="$(compgen -G "$ROOT/deploy/target/kafka-libs/kafka_2.13-*.jar" | head -n 1)"
kafka_jar="$(basename "$kafka_jar" .jar)"
export TRELLIS_LOCAL_KAFKA_VERSION="${kafka_jar#kafka_2.13-}"
export TRELLIS_IMAGE_PREFIX=trellis-local/
"$ROOT/deploy/generate-secrets.sh" compose
TRELLIS_ADMIN_TOKEN="$(sed -n 's/^TRELLIS_ADMIN_TOKEN=//p' "$COMPOSE_DIR/.env")"
export TRELLIS_ADMIN_TOKEN

# ------------------------------------------------------------------------------------------ helpers
ports_free() {
  local p busy=()
  for p in "${PORTS[@]}"; do
    ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || busy+=("$p")
  done
  ((${#busy[@]} == 0)) || die "ports in use on 127.0.0.1: ${busy[*]} (another smoke run, or docker-compose -p $PROJECT down -v)"
}

# container id of a service of the project (docker's labels: one quick call, no docker-compose start-up)
container_of() {
  docker ps -aq --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1"
}

# waits until every service of the project is healthy (or, for kafka-topics, exited 0)
wait_healthy() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT)) svc id status code health pending services
  services="$(compose config --services)"
  while :; do
    pending=()
    for svc in $services; do
      id="$(container_of "$svc")"
      [[ -n "$id" ]] || { pending+=("$svc:not-created"); continue; }
      read -r status code health < <(docker inspect -f \
        '{{.State.Status}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id")
      if [[ "$svc" == kafka-topics ]]; then
        [[ "$status" == exited && "$code" == 0 ]] && continue
        [[ "$status" == exited ]] && { compose logs --no-color kafka-topics | tail -n 30 >&2; die "kafka-topics exited $code"; }
        pending+=("$svc:$status")
      elif [[ "$health" != healthy ]]; then
        pending+=("$svc:$status/$health")
      fi
    done
    if ((${#pending[@]} == 0)); then
      log "every container is healthy ($((SECONDS - phase_start)) s)"
      return 0
    fi
    ((SECONDS < deadline)) || die "not healthy after ${HEALTH_TIMEOUT} s: ${pending[*]}"
    sleep 2
  done
}

# The variant's files (relative to this directory) merged by docker-compose config, without the
# published ports of the containers on the host network: Compose 1.29 refuses "ports" with
# network_mode host, and an override file cannot remove a list. The result holds the interpolated
# passwords: mode 0600, deleted by down.
render() {
  local args=(-p "$PROJECT") f
  for f in "$@"; do args+=(-f "$COMPOSE_DIR/$f"); done
  RENDERED="$(mktemp /tmp/trellis-smoke-compose.XXXXXX.yml)"
  chmod 600 "$RENDERED"
  docker-compose "${args[@]}" config | python3 -c '
import sys, yaml
doc = yaml.safe_load(sys.stdin)
for svc in doc["services"].values():
    if svc.get("network_mode") == "host":
        svc.pop("ports", None)
yaml.safe_dump(doc, sys.stdout, sort_keys=False)
' >"$RENDERED"
}

up() { # variant files...
  compose_files=("$@")
  ports_free
  render "$@"
  compose up -d --no-build
  wait_healthy
}

down() {
  compose down -v --remove-orphans
  rm -f "$RENDERED"
  compose_files=()
}

# ------------------------------------------------------------------------------------------ kill test
# Kills notification-service's process from outside (as a crash would; not "docker stop", which the
# restart policy respects). While it is down, Carol signs up and invites Bob: notification-service must
# catch up on those events from Kafka after its restart, and still have everything from before.
kill_and_recover() {
  local svc=notification-service id pid restarts before badge
  id="$(container_of "$svc")"
  before="$(wt_get "$WT_NOTIFICATION/notifications" "$BOB_TOKEN" | jq -c '[.items[].text]')"
  badge="$(wt_get "$WT_NOTIFICATION/badges" "$BOB_TOKEN" | jq -r .myNetwork)"
  restarts="$(docker inspect -f '{{.RestartCount}}' "$id")"
  pid="$(docker inspect -f '{{.State.Pid}}' "$id")"
  log "kill -9 of $svc's process (host pid $pid, restart count $restarts); Bob's notifications: $before"
  kill -9 "$pid"
  local carol carol_id carol_token invitation
  carol="$(wt_signup "carol.$WT_RUN@example.com" Carol White "Product manager")"
  carol_id="$(jq -r .memberId <<<"$carol")"
  carol_token="$(jq -r .token <<<"$carol")"
  invitation="$(wt_invite "$carol_token" "$BOB_ID" "Hello from Carol")"
  log "while $svc was down: Carol ($carol_id) invited Bob ($invitation)"
  local deadline=$((SECONDS + HEALTH_TIMEOUT))
  until [[ "$(docker inspect -f '{{.RestartCount}} {{.State.Health.Status}}' "$id")" == "$((restarts + 1)) healthy" ]]; do
    ((SECONDS < deadline)) || die "$svc did not come back healthy: $(docker inspect -f '{{.State.Status}} restarts={{.RestartCount}} {{.State.Health.Status}}' "$id")"
    sleep 2
  done
  log "$svc restarted by its restart policy ($(docker inspect -f '{{.HostConfig.RestartPolicy.Name}}' "$id"), restart count $((restarts + 1))) and is healthy"
  wt_expect "Bob's notifications after the restart: Carol's invitation first, then all the earlier ones" \
    "$(jq -c '["Carol White wants to connect: Hello from Carol"] + .' <<<"$before")" '[.items[].text] | tojson' \
    wt_get "$WT_NOTIFICATION/notifications" "$BOB_TOKEN"
  wt_expect "Bob's myNetwork badge counts Carol's invitation" $((badge + 1)) .myNetwork wt_get "$WT_NOTIFICATION/badges" "$BOB_TOKEN"
  wt_expect "Alice's conversation with Bob survived" "Bob Jones|1" '.items[0] | "\(.other.name)|\(.unread)"' \
    wt_get "$WT_NOTIFICATION/conversations" "$ALICE_TOKEN"
}

# ------------------------------------------------------------------------------------------ run
export TRELLIS_PORT_BASE=$PORT_BASE
# shellcheck source=../walkthrough.sh
. "$ROOT/deploy/walkthrough.sh"

if [[ "$VARIANT" != cluster ]]; then
  phase "single broker: up until healthy"
  up docker-compose.yml local/host-network.yml
  phase "single broker: walk-through"
  walkthrough
  phase "single broker: kill and restart"
  kill_and_recover
  phase "single broker: down -v"
  down
fi

if [[ "$VARIANT" != single ]]; then
  phase "three brokers: up until healthy"
  up docker-compose.yml docker-compose.kafka-cluster.yml local/host-network.yml local/host-network.kafka-cluster.yml
  # the whole answer first, then its first line: "| head -n 1" would end the pipe early, and with pipefail the
  # writer's SIGPIPE (exit 141) failed the run
  topics="$(docker exec "$(container_of kafka)" /opt/kafka/bin/kafka-topics.sh --bootstrap-server 127.0.0.1:29092 \
    --describe --topic trellis.invitation.events 2>/dev/null)"
  topics="${topics%%$'\n'*}"
  [[ "$topics" == *"ReplicationFactor: 3"* && "$topics" == *"min.insync.replicas=2"* ]] ||
    die "trellis.invitation.events is not replicated 3 / min ISR 2: $topics"
  log "ok: $topics"
  phase "three brokers: walk-through"
  WT_RUN="${WT_RUN}c"
  walkthrough
  phase "three brokers: down -v"
  down
fi
phase "stop"
