#!/usr/bin/env bash
# Builds the five service images from their src/main/docker/Dockerfile.jvm (Quarkus fast-jar, JVM mode).
#
# Usage: deploy/build-images.sh [--package] [--push] [service...]
#   --package   build the jars first: ./mvnw -B package -DskipTests -pl <services> -am
#               (without it, target/quarkus-app of every service must exist)
#   --push      docker push each image after building it
#   service     profile invitation connection recommendation notification (default: all five)
#
# Environment:
#   TRELLIS_IMAGE_PREFIX [trellis/]          image name = <prefix><service>-service, e.g. registry.example.com/trellis/
#   TRELLIS_IMAGE_TAG    [0.1.0-SNAPSHOT]    image tag (the compose file and the kustomize base use the same defaults)
#   DOCKER               [docker]            a docker-compatible CLI (podman works too)
#
# It needs a running container engine. Without one it says so and exits with status 2, building nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
ALL=(profile invitation connection recommendation notification)
PREFIX="${TRELLIS_IMAGE_PREFIX:-trellis/}"
TAG="${TRELLIS_IMAGE_TAG:-0.1.0-SNAPSHOT}"
DOCKER="${DOCKER:-docker}"

log() { printf '[build-images] %s\n' "$*"; }
die() { printf '[build-images] ERROR: %s\n' "$1" >&2; exit "${2:-1}"; }

package=0
push=0
services=()
for arg in "$@"; do
  case "$arg" in
    --package) package=1 ;;
    --push) push=1 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) die "unknown option $arg" ;;
    *)
      [[ " ${ALL[*]} " == *" ${arg%-service} "* ]] || die "unknown service $arg (known: ${ALL[*]})"
      services+=("${arg%-service}")
      ;;
  esac
done
((${#services[@]})) || services=("${ALL[@]}")

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
  "$DOCKER" build -f "$ROOT/$svc-service/src/main/docker/Dockerfile.jvm" -t "$image" "$ctx"
  built+=("$image")
  if ((push)); then
    log "pushing $image"
    "$DOCKER" push "$image"
  fi
done

log "built: ${built[*]}"
log "run them: cd deploy/docker-compose && docker compose up -d   (after deploy/generate-secrets.sh compose)"
