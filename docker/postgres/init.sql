-- Runs once, when the compose PostgreSQL volume is created (docker-entrypoint-initdb.d).
-- Behind PgBouncer the API's statement_timeout startup parameter is ignored (see
-- docker/pgbouncer/pgbouncer.ini), so the read timeout is the database's default instead: keep it
-- equal to SERIALGRAPH_STATEMENT_TIMEOUT_MS (15 s). Postings still raise it per transaction.
ALTER DATABASE serialgraph SET statement_timeout = '15s';
