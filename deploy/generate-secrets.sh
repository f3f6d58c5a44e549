#!/usr/bin/env bash
# Makes the development secrets that deploy/docker-compose/ and deploy/kubernetes/ read, where they are
# missing (never overwrites one that exists). Every file it writes is ignored by git (deploy/.gitignore).
#
# Usage: deploy/generate-secrets.sh [compose|kubernetes|all]     (default: all)
#
#   compose     deploy/docker-compose/secrets/jwt/{privateKey.pem,publicKey.pem}   RS256 pair (PKCS#8)
#               deploy/docker-compose/.env      PostgreSQL passwords (superuser + one role per service +
#                                               the key vault's role keys),
#                                               TRELLIS_ADMIN_TOKEN (operator commands) and
#                                               TRELLIS_CONTACTS_EMAIL_HMAC_KEY (profile-service's contacts import)
#   kubernetes  deploy/kubernetes/base/secrets/jwt/{privateKey.pem,publicKey.pem}
#               deploy/kubernetes/base/secrets/db/<service>.password   (no trailing newline)
#               deploy/kubernetes/base/secrets/db/keys.password        the key vault's role keys (no trailing newline)
#               deploy/kubernetes/base/secrets/admin/token             operator token (no trailing newline)
#               deploy/kubernetes/base/secrets/contacts/email-hmac-key key of the e-mail HMAC (no trailing newline)
#
# These are throw-away secrets for a laptop, a CI check or a test cluster. For production, put your own
# files in the same places before `kubectl apply -k` (or replace the secretGenerator in
# deploy/kubernetes/base/kustomization.yaml by your secret manager); see deploy/README.md.
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
SERVICES=(profile invitation connection recommendation notification)
# The PostgreSQL login roles: one per service, and keys, owner of the key vault trellis_keys (crypto-shredding).
DB_ROLES=("${SERVICES[@]}" keys)

log() { printf '[generate-secrets] %s\n' "$*"; }
die() { printf '[generate-secrets] ERROR: %s\n' "$*" >&2; exit 1; }

command -v openssl >/dev/null 2>&1 || die "openssl is needed (apt-get install openssl)"

# 32 random characters from [A-Za-z0-9]: safe in .env files, SQL literals and URLs.
random_password() {
  local p=""
  while ((${#p} < 32)); do
    p+="$(openssl rand -base64 48 | tr -dc 'A-Za-z0-9')"
  done
  printf '%s' "${p:0:32}"
}

# $1 = directory. Keys readable by the container user (uid 185): the directory itself is 0700, so on the
# host only its owner can reach them; a bind-mounted file keeps its own mode inside the container.
jwt_pair() {
  local dir="$1"
  if [[ -s "$dir/privateKey.pem" && -s "$dir/publicKey.pem" ]]; then
    return 0
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/privateKey.pem" 2>/dev/null
  openssl pkey -in "$dir/privateKey.pem" -pubout -out "$dir/publicKey.pem"
  chmod 644 "$dir/privateKey.pem" "$dir/publicKey.pem"
  log "made an RS256 key pair in ${dir#"$DEPLOY_DIR/"}"
}

compose_secrets() {
  local dir="$DEPLOY_DIR/docker-compose"
  jwt_pair "$dir/secrets/jwt"
  local env="$dir/.env"
  touch "$env"
  chmod 600 "$env"
  local -a vars=(TRELLIS_PG_SUPERUSER_PASSWORD TRELLIS_ADMIN_TOKEN TRELLIS_CONTACTS_EMAIL_HMAC_KEY)
  local svc
  for svc in "${DB_ROLES[@]}"; do vars+=("TRELLIS_${svc^^}_DB_PASSWORD"); done
  local var added=0
  for var in "${vars[@]}"; do
    if ! grep -q "^$var=" "$env"; then
      printf '%s=%s\n' "$var" "$(random_password)" >>"$env"
      added=$((added + 1))
    fi
  done
  ((added == 0)) || log "wrote $added password(s) to ${env#"$DEPLOY_DIR/"}"
}

kubernetes_secrets() {
  local dir="$DEPLOY_DIR/kubernetes/base/secrets"
  jwt_pair "$dir/jwt"
  mkdir -p "$dir/db"
  chmod 700 "$dir/db"
  local svc f added=0
  for svc in "${DB_ROLES[@]}"; do
    f="$dir/db/$svc.password"
    if [[ ! -s "$f" ]]; then
      (umask 077 && random_password >"$f")
      added=$((added + 1))
    fi
  done
  ((added == 0)) || log "wrote $added database password(s) to ${dir#"$DEPLOY_DIR/"}/db"
  if [[ ! -s "$dir/admin/token" ]]; then
    mkdir -p "$dir/admin"
    chmod 700 "$dir/admin"
    (umask 077 && random_password >"$dir/admin/token")
    log "wrote the operator token to ${dir#"$DEPLOY_DIR/"}/admin/token"
  fi
  if [[ ! -s "$dir/contacts/email-hmac-key" ]]; then
    mkdir -p "$dir/contacts"
    chmod 700 "$dir/contacts"
    (umask 077 && random_password >"$dir/contacts/email-hmac-key")
    log "wrote the contacts e-mail HMAC key to ${dir#"$DEPLOY_DIR/"}/contacts/email-hmac-key"
  fi
}

case "${1:-all}" in
  compose) compose_secrets ;;
  kubernetes) kubernetes_secrets ;;
  all) compose_secrets && kubernetes_secrets ;;
  -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" ;;
  *) die "unknown target '$1' (compose, kubernetes or all)" ;;
esac
