-- Tickets, their comments, history and approvals; the append-only audit log
-- (seed 002, "Ticket Management", "Approval Workflow", "Audit").

CREATE TABLE tickets (
    id                 uuid PRIMARY KEY,
    organisation_id    uuid NOT NULL REFERENCES organisations(id),
    number             bigint NOT NULL,
    title              text NOT NULL CHECK (length(trim(title)) > 0),
    description        text NOT NULL DEFAULT '',
    status             text NOT NULL CHECK (status IN ('draft', 'pending_approval', 'open', 'assigned',
                           'in_progress', 'pending_user', 'resolved', 'closed', 'cancelled')),
    priority           text NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
    service_item_id    uuid REFERENCES service_items(id),
    form_version       integer,
    form_data          jsonb NOT NULL DEFAULT '{}',
    created_by         uuid NOT NULL REFERENCES users(id),
    assigned_to        uuid REFERENCES users(id),
    fulfilment_unit_id uuid REFERENCES units(id),
    version            integer NOT NULL DEFAULT 1,
    response_due_at    timestamptz,
    resolution_due_at  timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    resolved_at        timestamptz,
    closed_at          timestamptz,
    search             tsvector GENERATED ALWAYS AS (
                           to_tsvector('simple', title || ' ' || description)) STORED,
    UNIQUE (organisation_id, number),
    FOREIGN KEY (organisation_id, service_item_id, form_version)
        REFERENCES service_item_forms (organisation_id, service_item_id, version)
);
-- keyset pagination (newest first) within an organisation, and the usual filters
CREATE INDEX tickets_org_created ON tickets (organisation_id, created_at DESC, id DESC);
CREATE INDEX tickets_org_creator ON tickets (organisation_id, created_by, created_at DESC);
CREATE INDEX tickets_org_assignee ON tickets (organisation_id, assigned_to, created_at DESC);
CREATE INDEX tickets_org_status ON tickets (organisation_id, status, created_at DESC);
CREATE INDEX tickets_search ON tickets USING gin (search);

CREATE TABLE ticket_comments (
    id              uuid PRIMARY KEY,
    -- insertion order, to order rows written in one transaction (same timestamp)
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    ticket_id       uuid NOT NULL REFERENCES tickets(id),
    author_id       uuid NOT NULL REFERENCES users(id),
    body            text NOT NULL CHECK (length(trim(body)) > 0),
    visibility      text NOT NULL CHECK (visibility IN ('public', 'internal')),
    created_at      timestamptz NOT NULL
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (organisation_id, ticket_id, seq);

CREATE TABLE ticket_history (
    id              uuid PRIMARY KEY,
    -- insertion order, to order rows written in one transaction (same timestamp)
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    ticket_id       uuid NOT NULL REFERENCES tickets(id),
    actor_id        uuid REFERENCES users(id),
    field           text NOT NULL,
    from_value      text,
    to_value        text,
    note            text,
    created_at      timestamptz NOT NULL
);
CREATE INDEX ticket_history_ticket ON ticket_history (organisation_id, ticket_id, seq);

CREATE TABLE approval_requests (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    ticket_id       uuid NOT NULL REFERENCES tickets(id),
    step            integer NOT NULL,
    approver_id     uuid NOT NULL REFERENCES users(id),
    is_required     boolean NOT NULL,
    -- routed to an admin because the rule found no eligible approver
    is_fallback     boolean NOT NULL DEFAULT false,
    status          text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'approved', 'rejected', 'skipped')),
    reason          text,
    decided_at      timestamptz,
    created_at      timestamptz NOT NULL,
    UNIQUE (organisation_id, ticket_id, step)
);
CREATE INDEX approval_requests_approver ON approval_requests (organisation_id, approver_id, status);

-- Append-only: a trigger refuses UPDATE and DELETE.
CREATE TABLE audit_log (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    actor_id        uuid REFERENCES users(id),
    action          text NOT NULL,
    entity_type     text NOT NULL,
    entity_id       uuid,
    changes         jsonb NOT NULL DEFAULT '{}',
    request_id      text,
    created_at      timestamptz NOT NULL
);
CREATE INDEX audit_log_org_created ON audit_log (organisation_id, created_at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
