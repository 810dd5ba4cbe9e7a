-- The outbox worker claims due messages with a lease instead of holding their row
-- locks while it talks SMTP (up to 20 messages of 15 s each in one transaction
-- before). The claim moves each claimed row's next_attempt_at ten minutes ahead in a
-- statement of its own, so no other worker takes it meanwhile and no transaction stays
-- open across the network; the outcome is recorded afterwards (outbox_record), which
-- sets next_attempt_at again. A worker that dies mid-batch leaves its rows to be
-- claimed again when the lease ends: delivery stays at least once. Same signature, so
-- a running older API keeps working with it.
CREATE OR REPLACE FUNCTION outbox_claim(p_now timestamptz, p_limit int)
RETURNS TABLE (id uuid, to_address text, subject text, body_text text, attempts int)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    UPDATE email_outbox o SET next_attempt_at = p_now + interval '10 minutes'
    FROM (SELECT c.id FROM email_outbox c
          WHERE c.status = 'pending' AND c.next_attempt_at <= p_now
          ORDER BY c.next_attempt_at
          LIMIT p_limit
          FOR UPDATE SKIP LOCKED) due
    WHERE o.id = due.id
    RETURNING o.id, o.to_address, o.subject, o.body_text, o.attempts
$$;
