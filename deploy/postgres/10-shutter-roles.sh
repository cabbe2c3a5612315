#!/bin/bash
# Runs once, when the PostgreSQL data directory is initialised (docker-entrypoint-initdb.d).
#
# shutter_command owns the event store database `eventstore`: command-side's Flyway creates
# the schema as this role. shutter_reader is what projections uses to replay events for a
# rebuild: it may connect and SELECT the event tables (domain_event_entry,
# snapshot_event_entry) and the users' keys that open the personal data sealed in events
# (user_keys), and nothing else: not the accounts table with its password hashes, not the
# relay's tracking token.
#
# The event tables do not exist yet when this runs (Flyway creates them when command-side
# first starts), so an event trigger grants SELECT the moment such a table is created.
#
# No `set -u`: the image sources (rather than runs) a script that lost its executable bit,
# and the option would then leak into the image's own entrypoint.
set -eo pipefail

: "${SHUTTER_COMMAND_DB_PASSWORD:?SHUTTER_COMMAND_DB_PASSWORD must be set}"
: "${SHUTTER_READER_DB_PASSWORD:?SHUTTER_READER_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
  -v command_password="$SHUTTER_COMMAND_DB_PASSWORD" \
  -v reader_password="$SHUTTER_READER_DB_PASSWORD" <<'SQL'
CREATE ROLE shutter_command LOGIN PASSWORD :'command_password';
CREATE ROLE shutter_reader LOGIN PASSWORD :'reader_password';
-- A second line of defence: even a mistaken grant cannot let the reader write.
ALTER ROLE shutter_reader SET default_transaction_read_only = on;

CREATE DATABASE eventstore OWNER shutter_command;
REVOKE ALL ON DATABASE eventstore FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE eventstore TO shutter_command;
GRANT CONNECT ON DATABASE eventstore TO shutter_reader;

\connect eventstore

-- Runs as the role executing the DDL (shutter_command, the table's owner), which may grant on
-- its own tables.
CREATE FUNCTION grant_event_tables_to_reader() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  created record;
BEGIN
  FOR created IN
    SELECT c.oid::regclass AS relation
    FROM pg_event_trigger_ddl_commands() AS d
    JOIN pg_class AS c ON c.oid = d.objid
    WHERE d.object_type = 'table' AND c.relname IN ('domain_event_entry', 'snapshot_event_entry', 'user_keys')
  LOOP
    EXECUTE format('GRANT SELECT ON %s TO shutter_reader', created.relation);
  END LOOP;
END
$$;

CREATE EVENT TRIGGER grant_event_tables_to_reader ON ddl_command_end
  WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION grant_event_tables_to_reader();
SQL
