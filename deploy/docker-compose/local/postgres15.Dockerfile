# PostgreSQL 15 from Debian bookworm's packages, for the registry-free local run only (users get the
# official postgres:15 image). It behaves as the official image does for what docker-compose.yml uses:
# POSTGRES_USER / POSTGRES_PASSWORD, PGDATA=/var/lib/postgresql/data, the scripts in
# /docker-entrypoint-initdb.d run once on an empty data directory, the command "postgres -c ...",
# and pg_isready on the PATH.
ARG DEBIAN_IMAGE=trellis-local/debian:bookworm
FROM ${DEBIAN_IMAGE}

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* \
 && pg_dropcluster --stop 15 main \
 && mkdir -p /var/lib/postgresql/data /docker-entrypoint-initdb.d /var/run/postgresql \
 && chown postgres:postgres /var/lib/postgresql/data /var/run/postgresql \
 && chmod 700 /var/lib/postgresql/data

COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 755 /usr/local/bin/docker-entrypoint.sh

ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data LANG=C.UTF-8
USER postgres
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["postgres"]
