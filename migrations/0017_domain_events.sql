-- The domain event log: every change to the service desk's data writes its events
-- here, in the change's own transaction (ticket.created, comment.created,
-- approval.decided, user.created, …; the catalogue and payloads are the API's wire
-- types). Each organisation numbers its events 1, 2, 3, … with no gaps: the counter
-- row in event_sequences is updated in the same transaction, so a rolled-back change
-- takes its numbers back, and its row lock (held until commit) makes the organisation's
-- events commit in sequence order. A reader that has seen event n has seen every event
-- before it. Notifications, live updates, webhooks and the change feed read this log.

CREATE TABLE event_sequences (
    organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
    last_seq        bigint NOT NULL CHECK (last_seq >= 1)
);

CREATE TABLE domain_events (
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    seq             bigint NOT NULL CHECK (seq >= 1),
    id              uuid NOT NULL,
    -- e.g. 'ticket.created'
    type            text NOT NULL CHECK (type ~ '^[a-z_]+\.[a-z_]+$'),
    -- the payload's version for this type
    version         smallint NOT NULL CHECK (version >= 1),
    -- what the event is about, e.g. ('ticket', id)
    subject_type    text NOT NULL,
    subject_id      uuid NOT NULL,
    -- who did it; none for the system
    actor_id        uuid,
    payload         jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
    request_id      text,
    occurred_at     timestamptz NOT NULL,
    PRIMARY KEY (organisation_id, seq),
    UNIQUE (organisation_id, id)
);
CREATE INDEX domain_events_subject ON domain_events (organisation_id, subject_type, subject_id, seq);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['event_sequences', 'domain_events']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant ON %I USING (organisation_id = current_org()) '
                       'WITH CHECK (organisation_id = current_org())', t);
    END LOOP;
END
$$;
-- The log is append-only for the application.
GRANT SELECT, INSERT ON domain_events TO ferrodesk_app;
GRANT SELECT, INSERT, UPDATE ON event_sequences TO ferrodesk_app;
