#!/usr/bin/env bash
# Validates the deployment descriptors without a Docker engine or a cluster:
#   1. `docker-compose config -q` on every compose variant (deploy/docker-compose/);
#   2. `kubectl kustomize` on every overlay (deploy/kubernetes/overlays/*), which also builds the base.
# Any failure is printed with the tool's own message and makes the script exit 1.
#
# Usage: deploy/validate.sh
#   DOCKER_COMPOSE   compose command [docker-compose, else "docker compose" when that plugin works]
#   KUBECTL          kubectl binary  [kubectl]
#
# It runs deploy/generate-secrets.sh first (it only adds what is missing): both descriptors read the
# generated secrets, and docker-compose refuses to interpolate a missing password. What this does NOT do:
# build images, start containers or apply to a cluster (see deploy/README.md, "What was validated").
# The config-drift test (deploy/config-test, in ./mvnw verify) checks the content against the services, and
# K8sManifestsTest there reads every rendered object into its typed model (fabric8, Strimzi, CloudNativePG
# schemas) with unknown fields refused, plus the namespace/HPA/connections/image rules.
set -uo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
COMPOSE_DIR="$DEPLOY_DIR/docker-compose"
OVERLAYS_DIR="$DEPLOY_DIR/kubernetes/overlays"

failures=0
checks=0
log() { printf '[validate] %s\n' "$*"; }
fail() { printf '[validate] FAILED: %s\n' "$*" >&2; failures=$((failures + 1)); }

# ------------------------------------------------------------------------------------------ tools
if [[ -n "${DOCKER_COMPOSE:-}" ]]; then
  read -r -a COMPOSE <<<"$DOCKER_COMPOSE"
elif command -v docker-compose >/dev/null 2>&1; then
  COMPOSE=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
else
  printf '[validate] FAILED: no docker-compose (apt-get install docker-compose) and no "docker compose" plugin\n' >&2
  exit 1
fi
KUBECTL="${KUBECTL:-kubectl}"
if ! command -v "$KUBECTL" >/dev/null 2>&1; then
  printf '[validate] FAILED: no %s (apt-get install kubernetes-client)\n' "$KUBECTL" >&2
  exit 1
fi
log "compose: ${COMPOSE[*]} ($("${COMPOSE[@]}" version --short 2>/dev/null || "${COMPOSE[@]}" version 2>/dev/null | head -n 1))"
log "kubectl: $KUBECTL ($("$KUBECTL" version --client 2>/dev/null | head -n 2 | tr '\n' ' '))"

"$DEPLOY_DIR/generate-secrets.sh" all || { fail "generate-secrets.sh"; exit 1; }

# ------------------------------------------------------------------------------------------ compose
# Each variant is a list of files, relative to deploy/docker-compose/.
COMPOSE_VARIANTS=(
  "docker-compose.yml"
  "docker-compose.yml docker-compose.kafka-cluster.yml"
)
# Every compose file must be part of some variant, so that a new file cannot go unchecked.
for f in "$COMPOSE_DIR"/docker-compose*.yml; do
  name="$(basename "$f")"
  if ! printf '%s\n' "${COMPOSE_VARIANTS[@]}" | tr ' ' '\n' | grep -qxF "$name"; then
    fail "$name is in no variant of deploy/validate.sh (COMPOSE_VARIANTS)"
  fi
done
for variant in "${COMPOSE_VARIANTS[@]}"; do
  args=()
  for f in $variant; do args+=(-f "$f"); done
  checks=$((checks + 1))
  if out="$(cd "$COMPOSE_DIR" && "${COMPOSE[@]}" "${args[@]}" config -q 2>&1)"; then
    log "ok   compose config: $variant"
    [[ -z "$out" ]] || printf '%s\n' "$out" | sed 's/^/       /'
  else
    fail "compose config: $variant"
    printf '%s\n' "$out" | sed 's/^/       /' >&2
  fi
done

# ------------------------------------------------------------------------------------------ kustomize
shopt -s nullglob
overlays=("$OVERLAYS_DIR"/*/)
((${#overlays[@]})) || fail "no overlays in $OVERLAYS_DIR"
for dir in "${overlays[@]}"; do
  dir="${dir%/}"
  name="${dir#"$DEPLOY_DIR/"}"
  checks=$((checks + 1))
  err="$(mktemp)"
  if out="$("$KUBECTL" kustomize "$dir" 2>"$err")"; then
    kinds="$(printf '%s\n' "$out" | grep -c '^kind:' || true)"
    if ((kinds == 0)); then
      fail "kustomize $name: produced no resources"
    else
      log "ok   kustomize $name: $kinds resources"
    fi
    # kustomize v5 warns about the fields kept for v2.0.3 (bases, patchesStrategicMerge); show the rest.
    grep -v "^# Warning: '[A-Za-z0-9]*' is deprecated" "$err" | sed 's/^/       /' || true
  else
    fail "kustomize $name"
    sed 's/^/       /' "$err" >&2
  fi
  rm -f "$err"
done

if ((failures)); then
  log "$failures of $checks checks FAILED"
  exit 1
fi
log "all $checks checks passed"
