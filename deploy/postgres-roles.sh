#!/bin/sh
# Run once by the postgres image when it makes its cluster (/docker-entrypoint-initdb.d): the
# server's own role and the sign-in the FKP server uses (docs/operations.md, "The server's own
# role"). `fkp migrate`, as the owner, gives the role its privileges.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$FKP_WEB_PASSWORD" <<'SQL'
CREATE ROLE fkp_server NOLOGIN;
CREATE ROLE fkp_web LOGIN PASSWORD :'password' IN ROLE fkp_server;
SQL
