#!/usr/bin/env bash
# Runs once, when the postgres service starts on an empty data volume (docker-entrypoint-initdb.d):
# one login role and one database, owned by that role, per service, and the key vault of crypto-shredding
# (trellis_keys, owned by role keys, read and written by every service). The passwords come from the
# environment (docker-compose.yml, from the .env that deploy/generate-secrets.sh writes).
# An existing volume keeps what it was made with: to add a database later, see deploy/README.md ("Data").
# To change a password later: ALTER ROLE ... PASSWORD, or delete the volume (docker compose down -v).
set -euo pipefail

create_database() { # role, database, password
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$1" -v db="$2" -v pw="$3" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT ALL ON DATABASE :"db" TO :"role";
SQL
  echo "trellis: database $2 owned by role $1"
}

create_database profile trellis_profile "${TRELLIS_PROFILE_DB_PASSWORD:?}"
create_database invitation trellis_invitation "${TRELLIS_INVITATION_DB_PASSWORD:?}"
create_database connection trellis_connection "${TRELLIS_CONNECTION_DB_PASSWORD:?}"
create_database recommendation trellis_recommendation "${TRELLIS_RECOMMENDATION_DB_PASSWORD:?}"
create_database notification trellis_notification "${TRELLIS_NOTIFICATION_DB_PASSWORD:?}"
# The key vault (platform's db/keys migration, run by every service): every service logs in as keys.
create_database keys trellis_keys "${TRELLIS_KEYS_DB_PASSWORD:?}"
