-- Each claim of a job gets a lease id of its own, and a worker records its outcome
-- only while its lease is the job's current one. Counting attempts was not enough:
-- an admin's retry starts the count again, so a worker that hung on attempt 1 before
-- the job died could have matched the new attempt 1 and overwritten its outcome.
ALTER TABLE jobs ADD COLUMN lease_id uuid;

-- The claim returns the lease id (a new result column: the function is replaced).
DROP FUNCTION jobs_claim(timestamptz, int, interval, text[]);
CREATE FUNCTION jobs_claim(p_now timestamptz, p_limit int, p_lease interval, p_kinds text[])
RETURNS TABLE (organisation_id uuid, id uuid, kind text, payload jsonb, attempts int, max_attempts int,
               lease_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
    -- A lease that ran out on the job's last attempt: the job is dead.
    UPDATE jobs j SET status = 'dead', locked_until = NULL, lease_id = NULL, finished_at = p_now,
        last_error = concat_ws('; ', j.last_error, 'the worker did not finish its last attempt within the lease')
    FROM (SELECT c.organisation_id, c.id FROM jobs c
          WHERE c.status = 'running' AND c.locked_until <= p_now AND c.attempts >= c.max_attempts
          FOR UPDATE SKIP LOCKED) d
    WHERE j.organisation_id = d.organisation_id AND j.id = d.id;

    RETURN QUERY
    UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, locked_until = p_now + p_lease,
        lease_id = gen_random_uuid()
    FROM (SELECT c.organisation_id, c.id FROM jobs c
          WHERE c.kind = ANY (p_kinds)
            AND ((c.status = 'ready' AND c.run_at <= p_now) OR (c.status = 'running' AND c.locked_until <= p_now))
          ORDER BY c.run_at
          LIMIT p_limit
          FOR UPDATE SKIP LOCKED) d
    WHERE j.organisation_id = d.organisation_id AND j.id = d.id
    RETURNING j.organisation_id, j.id, j.kind, j.payload, j.attempts, j.max_attempts, j.lease_id;
END
$$;
REVOKE ALL ON FUNCTION jobs_claim(timestamptz, int, interval, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jobs_claim(timestamptz, int, interval, text[]) TO ferrodesk_app;
