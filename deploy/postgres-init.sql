-- Ferrodesk roles and database for the `postgres` service of docker-compose.yml.
-- The official postgres image runs this once, as the superuser, when it initialises
-- an empty data volume (/docker-entrypoint-initdb.d). Passwords come from the
-- container's environment (psql 15's \getenv), never from this file.
--
--   ferrodesk      owns the database and the tables; runs migrations and seeds.
--   ferrodesk_app  what the API connects as: not the tables' owner, no superuser,
--                  no BYPASSRLS, so row-level security applies to every query.
\set ON_ERROR_STOP on
\getenv owner_password FERRODESK_DB_PASSWORD
\getenv app_password FERRODESK_APP_DB_PASSWORD

CREATE ROLE ferrodesk LOGIN PASSWORD :'owner_password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
CREATE ROLE ferrodesk_app LOGIN PASSWORD :'app_password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
CREATE DATABASE ferrodesk OWNER ferrodesk ENCODING 'UTF8';
REVOKE ALL ON DATABASE ferrodesk FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE ferrodesk TO ferrodesk_app;
