-- Review of issue 3: a token's role and session are checked against the database on
-- every request, and delivered e-mail no longer keeps usable links.

-- The caller of an access token as it is now: its organisation and current role,
-- nothing if the user was deactivated or the token's session (refresh-token family)
-- was revoked (sign-out, password change or reset, session ended from the list).
CREATE FUNCTION auth_actor(p_user uuid, p_session uuid)
RETURNS TABLE (organisation_id uuid, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT u.organisation_id, u.role FROM users u
    WHERE u.id = p_user AND u.is_active
      AND (p_session IS NULL OR NOT EXISTS (
          SELECT 1 FROM refresh_tokens t
          WHERE t.organisation_id = u.organisation_id AND t.family_id = p_session AND t.revoked_at IS NOT NULL))
$$;
REVOKE ALL ON FUNCTION auth_actor(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_actor(uuid, uuid) TO ferrodesk_app;

-- Once a message is delivered (or given up), the single-use tokens in its links are of
-- no more use to anyone but a thief reading the database or a backup: blank them.
CREATE OR REPLACE FUNCTION outbox_record(p_id uuid, p_now timestamptz, p_error text, p_retry_at timestamptz)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    UPDATE email_outbox SET
        attempts = attempts + 1,
        status = CASE WHEN p_error IS NULL THEN 'sent' WHEN p_retry_at IS NULL THEN 'failed' ELSE 'pending' END,
        sent_at = CASE WHEN p_error IS NULL THEN p_now END,
        last_error = p_error,
        next_attempt_at = COALESCE(p_retry_at, next_attempt_at),
        body_text = CASE WHEN p_error IS NULL OR p_retry_at IS NULL
                         THEN regexp_replace(body_text, 'token=[A-Za-z0-9_-]+', 'token=[used]', 'g')
                         ELSE body_text END
    WHERE id = p_id
$$;
