-- One job runner for all background work (e-mail now; notifications, webhooks, SLA
-- timers and imports next). A job is enqueued by an INSERT in the transaction of the
-- change that causes it, so it exists exactly when the change does. Workers claim due
-- jobs with FOR UPDATE SKIP LOCKED inside one short statement that leases them
-- (`locked_until`), so any number of API instances can work the queue and no
-- transaction or row lock is held while a job talks to the network. A failed attempt
-- is retried with exponential backoff; after `max_attempts` the job is `dead`, where
-- admins see it and may run it again.

CREATE TABLE jobs (
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    id              uuid NOT NULL,
    -- what to do, e.g. 'mail.send'; the runner dispatches on it
    kind            text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    -- the handler's input, a JSON object
    payload         jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
    status          text NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'running', 'done', 'dead')),
    -- not before this instant
    run_at          timestamptz NOT NULL,
    -- attempts started, the one running included
    attempts        int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts    int NOT NULL CHECK (max_attempts BETWEEN 1 AND 100),
    -- a running job's lease: another worker may claim it once this has passed
    locked_until    timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    PRIMARY KEY (organisation_id, id)
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'ready';
CREATE INDEX jobs_leased ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_org_created ON jobs (organisation_id, created_at DESC, id DESC);

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON jobs USING (organisation_id = current_org()) WITH CHECK (organisation_id = current_org());
GRANT SELECT, INSERT, UPDATE ON jobs TO ferrodesk_app;

-- Workers serve every organisation: they claim through this function, which leases up
-- to p_limit due jobs of the kinds they can run (ready and due, or running with an
-- expired lease: a worker that died), counts the attempt, and returns them. A job whose
-- lease ran out on its last attempt is dead instead. Rows another worker is claiming
-- are skipped, never waited for; no lock outlives the call.
CREATE FUNCTION jobs_claim(p_now timestamptz, p_limit int, p_lease interval, p_kinds text[])
RETURNS TABLE (organisation_id uuid, id uuid, kind text, payload jsonb, attempts int, max_attempts int)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE jobs j SET status = 'dead', locked_until = NULL, finished_at = p_now,
        last_error = concat_ws('; ', j.last_error, 'the worker did not finish its last attempt within the lease')
    FROM (SELECT c.organisation_id, c.id FROM jobs c
          WHERE c.status = 'running' AND c.locked_until <= p_now AND c.attempts >= c.max_attempts
          FOR UPDATE SKIP LOCKED) d
    WHERE j.organisation_id = d.organisation_id AND j.id = d.id;

    RETURN QUERY
    UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, locked_until = p_now + p_lease
    FROM (SELECT c.organisation_id, c.id FROM jobs c
          WHERE c.kind = ANY (p_kinds)
            AND ((c.status = 'ready' AND c.run_at <= p_now) OR (c.status = 'running' AND c.locked_until <= p_now))
          ORDER BY c.run_at
          LIMIT p_limit
          FOR UPDATE SKIP LOCKED) d
    WHERE j.organisation_id = d.organisation_id AND j.id = d.id
    RETURNING j.organisation_id, j.id, j.kind, j.payload, j.attempts, j.max_attempts;
END
$$;

-- Finished jobs are kept a while for admins to look at, then removed by the runner.
CREATE FUNCTION jobs_prune(p_before timestamptz)
RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    WITH gone AS (DELETE FROM jobs WHERE status = 'done' AND finished_at < p_before RETURNING 1)
    SELECT count(*) FROM gone
$$;

REVOKE ALL ON FUNCTION jobs_claim(timestamptz, int, interval, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION jobs_prune(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jobs_claim(timestamptz, int, interval, text[]) TO ferrodesk_app;
GRANT EXECUTE ON FUNCTION jobs_prune(timestamptz) TO ferrodesk_app;

-- E-mail is delivered by jobs now: each message waiting in the outbox gets its job.
INSERT INTO jobs (organisation_id, id, kind, payload, run_at, attempts, max_attempts, created_at)
SELECT organisation_id, gen_random_uuid(), 'mail.send', jsonb_build_object('emailId', id),
       next_attempt_at, attempts, 8, created_at
FROM email_outbox WHERE status = 'pending';

-- The outbox's own claim and record functions are replaced by the job runner's.
DROP FUNCTION outbox_claim(timestamptz, int);
DROP FUNCTION outbox_record(uuid, timestamptz, text, timestamptz);
