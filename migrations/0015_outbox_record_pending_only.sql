-- A worker records an outcome only on a message that is still pending: a worker whose
-- lease ran out (outbox_claim, 0014) cannot turn a message another worker has since
-- sent back to pending, nor count its attempts twice. Same signature as before.
CREATE OR REPLACE FUNCTION outbox_record(p_id uuid, p_now timestamptz, p_error text, p_retry_at timestamptz)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    UPDATE email_outbox SET
        attempts = attempts + 1,
        status = CASE WHEN p_error IS NULL THEN 'sent' WHEN p_retry_at IS NULL THEN 'failed' ELSE 'pending' END,
        sent_at = CASE WHEN p_error IS NULL THEN p_now END,
        last_error = p_error,
        next_attempt_at = COALESCE(p_retry_at, next_attempt_at),
        -- tokens in a delivered (or given-up) message are of no more use to anyone but
        -- a thief reading the database or a backup: blanked, as before
        body_text = CASE WHEN p_error IS NULL OR p_retry_at IS NULL
                         THEN regexp_replace(body_text, 'token=[A-Za-z0-9_-]+', 'token=[used]', 'g')
                         ELSE body_text END
    WHERE id = p_id AND status = 'pending'
$$;
