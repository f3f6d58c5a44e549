#!/usr/bin/env bash
# Builds the five service images from their src/main/docker/Dockerfile.jvm (Quarkus fast-jar, JVM mode).
#
# Usage: deploy/build-images.sh [--package] [--push] [--local] [service...]
#   --package   build the jars first: ./mvnw -B package -DskipTests -pl <services> -am
#               (without it, target/quarkus-app of every service must exist)
#   --push      docker push each image after building it
#   --local     registry-free images for deploy/docker-compose/smoke.sh, nothing pulled from a registry:
#                 trellis-local/debian:bookworm   debootstrap --variant=minbase bookworm + docker import
#                 trellis-local/jre17:bookworm    + Debian's openjdk-17-jre-headless and curl
#                 trellis-local/postgres:15       + Debian's postgresql-15 (stands in for postgres:15)
#                 trellis-local/kafka:<version>   + the broker jars of deploy/target/kafka-libs (for apache/kafka)
#               and the five services on trellis-local/jre17 (image prefix trellis-local/ by default).
#               Each of the first four is built only when it is missing or its source files changed
#               (label trellis.source = hash of them); debootstrap and docker build need root and apt's
#               Debian mirror (from /etc/apt/sources.list*, or TRELLIS_DEBIAN_MIRROR).
#   service     profile invitation connection recommendation notification (default: all five)
#
# Environment:
#   TRELLIS_IMAGE_PREFIX [trellis/]          image name = <prefix><service>-service, e.g. registry.example.com/trellis/
#                                            (with --local: trellis-local/)
#   TRELLIS_IMAGE_TAG    [0.1.0-SNAPSHOT]    image tag (the compose file and the kustomize base use the same defaults)
#   BASE_IMAGE           [the Dockerfiles' default, UBI 9 OpenJDK 17]  the services' base image (build argument)
#   DOCKER               [docker]            a docker-compatible CLI (podman works too)
#
# It needs a running container engine. Without one it says so and exits with status 2, building nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
ALL=(profile invitation connection recommendation notification)
TAG="${TRELLIS_IMAGE_TAG:-0.1.0-SNAPSHOT}"
DOCKER="${DOCKER:-docker}"

log() { printf '[build-images] %s\n' "$*"; }
die() { printf '[build-images] ERROR: %s\n' "$1" >&2; exit "${2:-1}"; }

package=0
push=0
local_images=0
services=()
for arg in "$@"; do
  case "$arg" in
    --package) package=1 ;;
    --push) push=1 ;;
    --local) local_images=1 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) die "unknown option $arg" ;;
    *)
      [[ " ${ALL[*]} " == *" ${arg%-service} "* ]] || die "unknown service $arg (known: ${ALL[*]})"
      services+=("${arg%-service}")
      ;;
  esac
done
((${#services[@]})) || services=("${ALL[@]}")
if ((local_images)); then
  PREFIX="${TRELLIS_IMAGE_PREFIX:-trellis-local/}"
else
  PREFIX="${TRELLIS_IMAGE_PREFIX:-trellis/}"
fi

# ------------------------------------------------------------------------------------------ engine
if ! command -v "$DOCKER" >/dev/null 2>&1; then
  die "no '$DOCKER' command. Install Docker (or set DOCKER=podman) to build images.
  Without an engine you can still run Trellis with deploy/local/trellis (no containers at all), and
  check the compose and Kubernetes descriptors with deploy/validate.sh." 2
fi
if ! engine_error="$("$DOCKER" info 2>&1 >/dev/null)"; then
  die "'$DOCKER' is installed, but no container engine answers:
    ${engine_error//$'\n'/$'\n    '}
  Start the Docker daemon (or point DOCKER_HOST at one) and run this again. Nothing was built.
  Without an engine you can still run Trellis with deploy/local/trellis (no containers at all), and
  check the compose and Kubernetes descriptors with deploy/validate.sh." 2
fi

# ------------------------------------------------------------------------------------------ jars
if ((package)); then
  modules="$(printf '%s-service,' "${services[@]}")"
  log "packaging ${modules%,}"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl "${modules%,}" -am)
fi
for svc in "${services[@]}"; do
  [[ -f "$ROOT/$svc-service/target/quarkus-app/quarkus-run.jar" ]] ||
    die "$svc-service/target/quarkus-app is missing: run with --package, or ./mvnw package -DskipTests first"
done

# ------------------------------------------------------------------------------------------ local bases
LOCAL_DIR="$ROOT/deploy/docker-compose/local"
DEBIAN_IMAGE=trellis-local/debian:bookworm
JRE_IMAGE=trellis-local/jre17:bookworm
POSTGRES_IMAGE=trellis-local/postgres:15

# hash of files and strings: the label trellis.source that tells whether an image is up to date
source_hash() { { cat "$@"; printf '%s\n' "${HASH_EXTRA:-}"; } | sha256sum | cut -c1-16; }
image_source() { "$DOCKER" image inspect -f '{{index .Config.Labels "trellis.source"}}' "$1" 2>/dev/null || true; }

debian_mirror() {
  if [[ -n "${TRELLIS_DEBIAN_MIRROR:-}" ]]; then
    printf '%s' "$TRELLIS_DEBIAN_MIRROR"
    return
  fi
  local m
  m="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk '/^URIs:/ {u=$2} /^Suites:/ && / bookworm( |$)/ {print u; exit}')"
  [[ -n "$m" ]] || m="$(grep -hE '^deb +[^ ]+ +bookworm +' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '{print $2; exit}')"
  [[ -n "$m" ]] || die "no Debian bookworm mirror in /etc/apt/sources.list*: set TRELLIS_DEBIAN_MIRROR"
  printf '%s' "$m"
}

build_debian_base() {
  local id
  if id="$("$DOCKER" image inspect -f '{{.Id}}' "$DEBIAN_IMAGE" 2>/dev/null)"; then
    log "$DEBIAN_IMAGE exists (${id:7:12})"
    return
  fi
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap is needed for --local (apt-get install debootstrap)"
  local mirror dir
  mirror="$(debian_mirror)"
  dir="$(mktemp -d /tmp/trellis-debootstrap.XXXXXX)"
  log "debootstrap --variant=minbase bookworm from $mirror (about 2 minutes)"
  if ! debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.log" 2>&1; then
    tail -n 20 "$dir.log" >&2
    rm -rf "$dir"
    die "debootstrap failed (log above, full log $dir.log)"
  fi
  tar -C "$dir" -c . | "$DOCKER" import -c 'CMD ["/bin/bash"]' - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$dir" "$dir.log"
  log "imported $DEBIAN_IMAGE"
}

# image, Dockerfile, context dir, hash inputs...; builds when missing or when the sources changed
build_local() {
  local image="$1" dockerfile="$2" ctx="$3"
  shift 3
  local want have
  want="$(source_hash "$@")"
  have="$(image_source "$image")"
  if [[ "$have" == "$want" ]]; then
    log "$image is up to date (trellis.source=$want)"
    return
  fi
  log "building $image${have:+ (sources changed: $have -> $want)}"
  "$DOCKER" build --network host --label "trellis.source=$want" -f "$dockerfile" -t "$image" "$ctx"
}

if ((local_images)); then
  build_debian_base
  HASH_EXTRA="$("$DOCKER" image inspect -f '{{.Id}}' "$DEBIAN_IMAGE")"
  build_local "$JRE_IMAGE" "$LOCAL_DIR/jre17.Dockerfile" "$LOCAL_DIR" "$LOCAL_DIR/jre17.Dockerfile" "$LOCAL_DIR/run-java.sh"
  build_local "$POSTGRES_IMAGE" "$LOCAL_DIR/postgres15.Dockerfile" "$LOCAL_DIR" \
    "$LOCAL_DIR/postgres15.Dockerfile" "$LOCAL_DIR/postgres-entrypoint.sh"
  kafka_jar="$(compgen -G "$ROOT/deploy/target/kafka-libs/kafka_2.13-*.jar" | head -n 1)" ||
    die "deploy/target/kafka-libs has no broker jars: run ./mvnw -B package -DskipTests -pl deploy first"
  kafka_version="$(basename "$kafka_jar" .jar)"
  kafka_version="${kafka_version#kafka_2.13-}"
  kafka_ctx="$(mktemp -d)"
  cp -al "$ROOT/deploy/target/kafka-libs" "$kafka_ctx/" 2>/dev/null || cp -a "$ROOT/deploy/target/kafka-libs" "$kafka_ctx/"
  cp "$LOCAL_DIR/kafka-entrypoint.sh" "$LOCAL_DIR/kafka-tool.sh" "$kafka_ctx/"
  HASH_EXTRA="$HASH_EXTRA $("$DOCKER" image inspect -f '{{.Id}}' "$JRE_IMAGE") $(ls "$kafka_ctx/kafka-libs")" \
    build_local "trellis-local/kafka:$kafka_version" "$LOCAL_DIR/kafka.Dockerfile" "$kafka_ctx" \
    "$LOCAL_DIR/kafka.Dockerfile" "$LOCAL_DIR/kafka-entrypoint.sh" "$LOCAL_DIR/kafka-tool.sh"
  rm -rf "$kafka_ctx"
  BASE_IMAGE="$JRE_IMAGE"
fi

# ------------------------------------------------------------------------------------------ images
# The build context is only what the Dockerfile copies (target/quarkus-app), not the whole module with
# its sources and test output. Hard links make the copy cheap.
context_root="$(mktemp -d)"
trap 'rm -rf "$context_root"' EXIT

built=()
for svc in "${services[@]}"; do
  image="${PREFIX}${svc}-service:${TAG}"
  ctx="$context_root/$svc"
  mkdir -p "$ctx/target"
  cp -al "$ROOT/$svc-service/target/quarkus-app" "$ctx/target/" 2>/dev/null ||
    cp -a "$ROOT/$svc-service/target/quarkus-app" "$ctx/target/"
  log "building $image"
  "$DOCKER" build ${BASE_IMAGE:+--build-arg "BASE_IMAGE=$BASE_IMAGE"} \
    -f "$ROOT/$svc-service/src/main/docker/Dockerfile.jvm" -t "$image" "$ctx"
  built+=("$image")
  if ((push)); then
    log "pushing $image"
    "$DOCKER" push "$image"
  fi
done

log "built: ${built[*]}"
log "run them: cd deploy/docker-compose && docker compose up -d   (after deploy/generate-secrets.sh compose)"
