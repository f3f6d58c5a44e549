#!/usr/bin/env bash
# Make sure a PostgreSQL server is reachable for Trellis, and log in to it.
#
# Shared by deploy/local/trellis and .ci/run. Source it and call `trellis_ensure_postgres`,
# or run it directly (`deploy/local/ensure-postgres.sh`), which does the same.
#
# Environment (all optional):
#   TRELLIS_PG_HOST        server host                          (default 127.0.0.1)
#   TRELLIS_PG_PORT        server port                          (default 5432)
#   TRELLIS_PG_USER        user                                 (default postgres)
#   TRELLIS_PG_PASSWORD    password, when TCP uses password auth (default: $PGPASSWORD, else empty)
#   TRELLIS_PG_AUTOCONFIG  1 (default): on a *local* server that refuses the login, fix it as the
#                          postgres OS user: give the role TRELLIS_PG_PASSWORD when one is set and
#                          the role has no password yet, otherwise add `host all <user> 127.0.0.1/32 trust` (and ::1) to pg_hba.conf.
#                          This is what a fresh `apt-get install postgresql` needs (its TCP auth is
#                          scram-sha-256 and the postgres role has no password). 0 = never touch it.
#
# What it does, in order:
#   1. server answers and the login works        -> done
#   2. local host, PostgreSQL installed, cluster down -> pg_ctlcluster --skip-systemctl-redirect <ver> <name> start
#      (the cluster whose port is TRELLIS_PG_PORT, else the newest version's "main")
#   3. local host, PostgreSQL not installed      -> apt-get install -y postgresql, then 2.
#      (as root; otherwise through sudo when it exists)
#   4. login refused on a local server           -> see TRELLIS_PG_AUTOCONFIG
# Remote hosts are only checked, never started or changed.

# Guard against double sourcing.
if [[ -n "${_TRELLIS_ENSURE_PG_LOADED:-}" ]]; then
  # shellcheck disable=SC2317
  return 0 2>/dev/null || exit 0
fi
_TRELLIS_ENSURE_PG_LOADED=1

_trellis_pg_defaults() {
  TRELLIS_PG_HOST="${TRELLIS_PG_HOST:-127.0.0.1}"
  TRELLIS_PG_PORT="${TRELLIS_PG_PORT:-5432}"
  TRELLIS_PG_USER="${TRELLIS_PG_USER:-postgres}"
  TRELLIS_PG_PASSWORD="${TRELLIS_PG_PASSWORD:-${PGPASSWORD:-}}"
  TRELLIS_PG_AUTOCONFIG="${TRELLIS_PG_AUTOCONFIG:-1}"
  export TRELLIS_PG_HOST TRELLIS_PG_PORT TRELLIS_PG_USER TRELLIS_PG_PASSWORD
  if [[ -n "$TRELLIS_PG_PASSWORD" ]]; then
    export PGPASSWORD="$TRELLIS_PG_PASSWORD"
  fi
  export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-5}"
}

_trellis_pg_log() { printf '[postgres] %s\n' "$*" >&2; }

# Run a command as root: directly when we are root, through sudo when it exists.
_trellis_as_root() {
  if [[ "$(id -u)" == 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    if [[ -t 0 ]]; then sudo "$@"; else sudo -n "$@"; fi
  else
    _trellis_pg_log "need root for: $* (not root, and no sudo)"
    return 1
  fi
}

# Run a command as the postgres OS user (peer auth on the Unix socket).
_trellis_as_postgres() {
  if [[ "$(id -un)" == postgres ]]; then
    "$@"
  elif [[ "$(id -u)" == 0 ]]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  elif command -v sudo >/dev/null 2>&1; then
    if [[ -t 0 ]]; then sudo -u postgres "$@"; else sudo -n -u postgres "$@"; fi
  else
    _trellis_pg_log "need to run as the postgres OS user: $* (not root, and no sudo)"
    return 1
  fi
}

_trellis_pg_host_is_local() {
  case "$TRELLIS_PG_HOST" in
    127.*|localhost|::1|/*) return 0 ;;
    *) return 1 ;;
  esac
}

# psql against the maintenance database as the configured user. Extra args are passed on.
trellis_pg_psql() {
  _trellis_pg_defaults
  psql -X -q -w -v ON_ERROR_STOP=1 -h "$TRELLIS_PG_HOST" -p "$TRELLIS_PG_PORT" -U "$TRELLIS_PG_USER" -d postgres "$@"
}

# Does the server accept connections (no login needed)?
trellis_pg_is_up() {
  _trellis_pg_defaults
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$TRELLIS_PG_HOST" -p "$TRELLIS_PG_PORT" -t 3
  else
    (exec 3<>"/dev/tcp/$TRELLIS_PG_HOST/$TRELLIS_PG_PORT") 2>/dev/null
  fi
}

# Can we log in? Prints the error (if any) on stderr.
trellis_pg_can_login() {
  trellis_pg_psql -Atc 'select 1' >/dev/null
}

_trellis_pg_install() {
  local pkg="$1"
  _trellis_pg_log "installing $pkg with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! _trellis_as_root apt-get install -y -q "$pkg" >/dev/null; then
    _trellis_pg_log "apt-get install failed; running apt-get update and retrying"
    _trellis_as_root apt-get update -q >/dev/null || true
    _trellis_as_root apt-get install -y -q "$pkg" >/dev/null
  fi
}

# Prints "<version> <cluster>" of the local cluster to start, or nothing.
_trellis_pg_find_cluster() {
  local line ver name port best=""
  if command -v pg_lsclusters >/dev/null 2>&1; then
    while read -r ver name port _; do
      [[ -n "$ver" ]] || continue
      if [[ "$port" == "$TRELLIS_PG_PORT" ]]; then
        echo "$ver $name"
        return 0
      fi
    done < <(pg_lsclusters -h 2>/dev/null)
  fi
  # Otherwise the newest version (ls /etc/postgresql) that has a "main" cluster.
  local -a versions=()
  for line in /etc/postgresql/*/main; do
    [[ -d "$line" ]] || continue
    line="${line%/main}"
    versions+=("${line##*/}")
  done
  if ((${#versions[@]})); then
    best="$(printf '%s\n' "${versions[@]}" | sort -V | tail -n 1)"
    echo "$best main"
  fi
  return 0
}

_trellis_pg_start_local() {
  local cluster ver name
  cluster="$(_trellis_pg_find_cluster)"
  if [[ -z "$cluster" ]]; then
    _trellis_pg_install postgresql
    cluster="$(_trellis_pg_find_cluster)"
    if [[ -z "$cluster" ]]; then
      _trellis_pg_log "PostgreSQL installed but no cluster found under /etc/postgresql"
      return 1
    fi
  fi
  read -r ver name <<<"$cluster"
  _trellis_pg_log "starting cluster $ver/$name (pg_ctlcluster --skip-systemctl-redirect $ver $name start)"
  local -a cmd=(pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start)
  if [[ "$(id -u)" == 0 || "$(id -un)" == postgres ]]; then
    "${cmd[@]}" || true
  else
    _trellis_as_root "${cmd[@]}" || true
  fi
  local i
  for ((i = 0; i < 60; i++)); do
    trellis_pg_is_up && return 0
    sleep 0.5
  done
  _trellis_pg_log "cluster $ver/$name did not come up on $TRELLIS_PG_HOST:$TRELLIS_PG_PORT"
  return 1
}

_trellis_sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }
_trellis_sql_ident() { printf '"%s"' "${1//\"/\"\"}"; }

# Local server refuses our login: make it accept it (see TRELLIS_PG_AUTOCONFIG).
_trellis_pg_fix_login() {
  local port="$TRELLIS_PG_PORT" user="$TRELLIS_PG_USER" q
  local -a su_psql=(psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres)
  # The role must exist.
  q="SELECT 1 FROM pg_roles WHERE rolname = $(_trellis_sql_literal "$user")"
  if [[ "$(_trellis_as_postgres "${su_psql[@]}" -Atc "$q")" != 1 ]]; then
    _trellis_pg_log "creating role $user (LOGIN CREATEDB)"
    _trellis_as_postgres "${su_psql[@]}" -c "CREATE ROLE $(_trellis_sql_ident "$user") LOGIN CREATEDB" || return 1
  fi
  if [[ -n "$TRELLIS_PG_PASSWORD" ]]; then
    # Only a role without any password gets one; a wrong password for a role that has one is left alone.
    q="SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = $(_trellis_sql_literal "$user")"
    if [[ "$(_trellis_as_postgres "${su_psql[@]}" -Atc "$q")" != t ]]; then
      _trellis_pg_log "role $user already has a password that differs from TRELLIS_PG_PASSWORD; not changing it"
      return 1
    fi
    _trellis_pg_log "role $user has no password: setting it to TRELLIS_PG_PASSWORD"
    _trellis_as_postgres "${su_psql[@]}" \
      -c "ALTER ROLE $(_trellis_sql_ident "$user") WITH LOGIN PASSWORD $(_trellis_sql_literal "$TRELLIS_PG_PASSWORD")" || return 1
    trellis_pg_can_login 2>/dev/null && return 0
  fi
  local hba
  hba="$(_trellis_as_postgres "${su_psql[@]}" -Atc 'SHOW hba_file')" || return 1
  [[ -n "$hba" ]] || return 1
  _trellis_pg_log "adding trust rules for $user on 127.0.0.1/::1 at the top of $hba and reloading"
  local tmp
  tmp="$(mktemp)"
  {
    echo "# Added by Trellis deploy/local/ensure-postgres.sh (local development / CI): password-less TCP login."
    echo "host    all    $user    127.0.0.1/32    trust"
    echo "host    all    $user    ::1/128         trust"
    _trellis_as_root cat "$hba"
  } >"$tmp"
  _trellis_as_root cp "$tmp" "$hba"
  rm -f "$tmp"
  _trellis_as_postgres "${su_psql[@]}" -Atc 'SELECT pg_reload_conf()' >/dev/null || return 1
  sleep 0.5
}

# Main entry point: returns 0 when the server is up and the login works.
trellis_ensure_postgres() {
  _trellis_pg_defaults
  local local_host=0
  _trellis_pg_host_is_local && local_host=1

  if ! command -v psql >/dev/null 2>&1; then
    if ((local_host)) && [[ -z "$(_trellis_pg_find_cluster)" ]]; then
      _trellis_pg_install postgresql
    else
      _trellis_pg_install postgresql-client
    fi
  fi

  if ! trellis_pg_is_up; then
    if ((local_host)); then
      _trellis_pg_start_local || return 1
    else
      _trellis_pg_log "PostgreSQL at $TRELLIS_PG_HOST:$TRELLIS_PG_PORT is not reachable (remote host: not starting anything)"
      return 1
    fi
  fi

  local err
  if err="$(trellis_pg_can_login 2>&1)"; then
    _trellis_pg_log "ready at $TRELLIS_PG_HOST:$TRELLIS_PG_PORT (user $TRELLIS_PG_USER)"
    return 0
  fi
  _trellis_pg_log "login as $TRELLIS_PG_USER refused: $err"
  if ((local_host)) && [[ "$TRELLIS_PG_AUTOCONFIG" == 1 ]] && _trellis_pg_fix_login && trellis_pg_can_login; then
    _trellis_pg_log "ready at $TRELLIS_PG_HOST:$TRELLIS_PG_PORT (user $TRELLIS_PG_USER)"
    return 0
  fi
  _trellis_pg_log "cannot log in to PostgreSQL at $TRELLIS_PG_HOST:$TRELLIS_PG_PORT as $TRELLIS_PG_USER;" \
    "set TRELLIS_PG_USER / TRELLIS_PG_PASSWORD (or PGPASSWORD)"
  return 1
}

# Create each named database if it does not exist.
trellis_pg_create_databases() {
  local db
  for db in "$@"; do
    if [[ "$(trellis_pg_psql -Atc "SELECT 1 FROM pg_database WHERE datname = $(_trellis_sql_literal "$db")")" != 1 ]]; then
      trellis_pg_psql -c "CREATE DATABASE $(_trellis_sql_ident "$db")" || return 1
      _trellis_pg_log "created database $db"
    fi
  done
}

# Drop each named database (terminating its connections) if it exists.
trellis_pg_drop_databases() {
  local db
  for db in "$@"; do
    trellis_pg_psql -c "DROP DATABASE IF EXISTS $(_trellis_sql_ident "$db") WITH (FORCE)" || return 1
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  trellis_ensure_postgres
fi
