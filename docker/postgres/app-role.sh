#!/bin/sh
# Runs once, when the compose PostgreSQL volume is created (docker-entrypoint-initdb.d, after
# init.sql). The API connects as serialgraph_app: it owns nothing, cannot bypass row-level security
# and may not update or delete history; migrations run as the owner (POSTGRES_USER). The grants and
# policies themselves come with the migrations.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="${SERIALGRAPH_APP_PASSWORD:?set SERIALGRAPH_APP_PASSWORD}" <<'SQL'
create role serialgraph_app login nosuperuser nocreatedb nocreaterole noinherit nobypassrls
  password :'app_password';
SQL
