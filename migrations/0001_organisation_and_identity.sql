-- Organisations, their structure and people (DESIGN.md, "Data model"; seed 002,
-- "Database Schema Design"). Every tenant table carries organisation_id first in its
-- primary access index; row-level security is enabled in 0004.

-- The API connects as ferrodesk_app: not the owner, no BYPASSRLS, so RLS applies.
-- Provisioning normally creates it with LOGIN; create it here if it is missing so
-- the grants below always have a grantee.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ferrodesk_app') THEN
        CREATE ROLE ferrodesk_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;

CREATE TABLE organisations (
    id              uuid PRIMARY KEY,
    name            text NOT NULL CHECK (length(trim(name)) > 0),
    slug            text NOT NULL UNIQUE,
    -- last ticket number handed out; tickets take the next under a row lock
    ticket_seq      bigint NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE departments (
    id               uuid PRIMARY KEY,
    organisation_id  uuid NOT NULL REFERENCES organisations(id),
    name             text NOT NULL,
    is_service_owner boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organisation_id, name)
);

CREATE TABLE units (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    department_id   uuid NOT NULL REFERENCES departments(id),
    parent_id       uuid REFERENCES units(id),
    name            text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS NULL OR parent_id <> id),
    UNIQUE (organisation_id, name)
);
CREATE INDEX units_org_parent ON units (organisation_id, parent_id);

CREATE TABLE users (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    email           text NOT NULL,
    name            text NOT NULL,
    role            text NOT NULL CHECK (role IN ('requester', 'technician', 'manager', 'admin')),
    unit_id         uuid REFERENCES units(id),
    is_active       boolean NOT NULL DEFAULT true,
    -- argon2id PHC string (OWASP parameters)
    password_hash   text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- e-mail is the login name: unique across organisations, case-insensitively
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
CREATE INDEX users_org_role ON users (organisation_id, role);
CREATE INDEX users_org_unit ON users (organisation_id, unit_id);

CREATE TABLE unit_managers (
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    unit_id         uuid NOT NULL REFERENCES units(id),
    user_id         uuid NOT NULL REFERENCES users(id),
    PRIMARY KEY (organisation_id, unit_id, user_id)
);

-- Refresh tokens (RFC 9700 §4.14): opaque, stored as SHA-256, rotated on every use;
-- a token used twice revokes its whole family.
CREATE TABLE refresh_tokens (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    user_id         uuid NOT NULL REFERENCES users(id),
    family_id       uuid NOT NULL,
    parent_id       uuid REFERENCES refresh_tokens(id),
    token_hash      bytea NOT NULL UNIQUE,
    -- when the family's first token was issued (absolute lifetime)
    family_issued_at timestamptz NOT NULL,
    issued_at       timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    revoked_at      timestamptz,
    user_agent      text
);
CREATE INDEX refresh_tokens_org_family ON refresh_tokens (organisation_id, family_id);
CREATE INDEX refresh_tokens_org_user ON refresh_tokens (organisation_id, user_id);
