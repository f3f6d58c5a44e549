#!/usr/bin/env bash
# Entry point of postgres15.Dockerfile: what the official postgres image does, for the variables and
# files docker-compose.yml uses. On an empty $PGDATA: initdb with POSTGRES_USER / POSTGRES_PASSWORD
# (scram-sha-256 over TCP), then a temporary server on the Unix socket only runs
# /docker-entrypoint-initdb.d/* (*.sh executed if executable, else sourced; *.sql with psql), and stops.
# Then it runs the command ("postgres -c ..."), as the official image does.
set -euo pipefail
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

if [[ "${1:-}" == postgres && ! -s "$PGDATA/PG_VERSION" ]]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required (as with the official image)}"
  export POSTGRES_USER="${POSTGRES_USER:-postgres}"
  echo "entrypoint: initdb in $PGDATA (superuser $POSTGRES_USER)"
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
  printf '\nhost all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql" start >/dev/null
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        if [[ -x "$f" ]]; then echo "entrypoint: running $f"; "$f"; else echo "entrypoint: sourcing $f"; . "$f"; fi ;;
      *.sql) echo "entrypoint: running $f"; psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -f "$f" ;;
      *) [[ ! -e "$f" ]] || echo "entrypoint: ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "entrypoint: PostgreSQL init process complete; ready for start up."
fi
exec "$@"
