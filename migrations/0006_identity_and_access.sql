-- Identity and access, complete (issue 3): profile settings, invitations and password
-- resets, the e-mail outbox, API keys and login throttling.

ALTER TABLE users
    ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (length(locale) BETWEEN 2 AND 35),
    ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC' CHECK (length(time_zone) BETWEEN 1 AND 64),
    ADD COLUMN deactivated_at timestamptz;

-- Departments and units are managed through the API now (full CRUD).
GRANT DELETE ON departments, units TO ferrodesk_app;

-- Invitations and password resets: single-use, expiring tokens, stored as SHA-256
-- (the token itself only ever travels in the e-mail).
CREATE TABLE user_tokens (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    user_id         uuid NOT NULL,
    purpose         text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    token_hash      bytea NOT NULL UNIQUE,
    created_by      uuid,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    FOREIGN KEY (organisation_id, user_id) REFERENCES users (organisation_id, id),
    FOREIGN KEY (organisation_id, created_by) REFERENCES users (organisation_id, id)
);
CREATE INDEX user_tokens_org_user ON user_tokens (organisation_id, user_id, purpose);

-- E-mail outbox (DESIGN.md, "Architecture": background work goes through an outbox
-- written in the same transaction as the change that causes it).
CREATE TABLE email_outbox (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    to_address      text NOT NULL,
    subject         text NOT NULL,
    body_text       text NOT NULL,
    -- what caused it, e.g. 'invitation', 'password_reset'
    kind            text NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX email_outbox_org_created ON email_outbox (organisation_id, created_at DESC);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';

-- API keys for integrations: `fdk_<prefix>_<secret>`, stored as SHA-256 of the whole
-- key; the prefix stays visible so people can tell keys apart.
CREATE TABLE api_keys (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    user_id         uuid NOT NULL,
    name            text NOT NULL CHECK (length(trim(name)) > 0),
    prefix          text NOT NULL,
    key_hash        bytea NOT NULL UNIQUE,
    scopes          text[] NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz,
    last_used_at    timestamptz,
    revoked_at      timestamptz,
    FOREIGN KEY (organisation_id, user_id) REFERENCES users (organisation_id, id)
);
CREATE INDEX api_keys_org_user ON api_keys (organisation_id, user_id);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['user_tokens', 'email_outbox', 'api_keys']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant ON %I USING (organisation_id = current_org()) '
                       'WITH CHECK (organisation_id = current_org())', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO ferrodesk_app', t);
    END LOOP;
END
$$;

-- Login throttling (issue 3; OWASP ASVS 5.0 V6.3): failure counters per account
-- (lower-cased e-mail, known or not) and per client address. Not tenant data: it is
-- consulted before the organisation is known, and holds no more than a key and counts.
CREATE TABLE login_throttle (
    key              text PRIMARY KEY,
    failures         int NOT NULL,
    window_started_at timestamptz NOT NULL,
    blocked_until    timestamptz
);
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO ferrodesk_app;

-- Tokens and keys are presented before the organisation is known; like sign-in, these
-- SECURITY DEFINER functions are the only way around RLS and return just the owner.
CREATE FUNCTION auth_user_token_org(p_token_hash bytea)
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT organisation_id FROM user_tokens WHERE token_hash = p_token_hash
$$;

-- Resolves an API key and records its use (at most once a minute per key).
CREATE FUNCTION auth_api_key(p_key_hash bytea, p_now timestamptz)
RETURNS TABLE (id uuid, organisation_id uuid, user_id uuid, role text, scopes text[])
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE api_keys k SET last_used_at = p_now
    WHERE k.key_hash = p_key_hash AND (k.last_used_at IS NULL OR k.last_used_at < p_now - interval '1 minute');
    RETURN QUERY
        SELECT k.id, k.organisation_id, k.user_id, u.role, k.scopes
        FROM api_keys k JOIN users u ON u.id = k.user_id AND u.organisation_id = k.organisation_id
        WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
          AND (k.expires_at IS NULL OR k.expires_at > p_now) AND u.is_active;
END
$$;

-- The outbox worker serves every organisation: it claims due messages (skipping rows
-- another instance holds) and records the outcome. Locks last until its transaction ends.
CREATE FUNCTION outbox_claim(p_now timestamptz, p_limit int)
RETURNS TABLE (id uuid, to_address text, subject text, body_text text, attempts int)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    SELECT o.id, o.to_address, o.subject, o.body_text, o.attempts
    FROM email_outbox o
    WHERE o.status = 'pending' AND o.next_attempt_at <= p_now
    ORDER BY o.next_attempt_at
    LIMIT p_limit
    FOR UPDATE SKIP LOCKED
$$;

CREATE FUNCTION outbox_record(p_id uuid, p_now timestamptz, p_error text, p_retry_at timestamptz)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    UPDATE email_outbox SET
        attempts = attempts + 1,
        status = CASE WHEN p_error IS NULL THEN 'sent' WHEN p_retry_at IS NULL THEN 'failed' ELSE 'pending' END,
        sent_at = CASE WHEN p_error IS NULL THEN p_now END,
        last_error = p_error,
        next_attempt_at = COALESCE(p_retry_at, next_attempt_at)
    WHERE id = p_id
$$;

REVOKE ALL ON FUNCTION auth_user_token_org(bytea) FROM PUBLIC;
REVOKE ALL ON FUNCTION auth_api_key(bytea, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION outbox_claim(timestamptz, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION outbox_record(uuid, timestamptz, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_user_token_org(bytea) TO ferrodesk_app;
GRANT EXECUTE ON FUNCTION auth_api_key(bytea, timestamptz) TO ferrodesk_app;
GRANT EXECUTE ON FUNCTION outbox_claim(timestamptz, int) TO ferrodesk_app;
GRANT EXECUTE ON FUNCTION outbox_record(uuid, timestamptz, text, timestamptz) TO ferrodesk_app;

-- Organisation sign-up checks that an e-mail is free across organisations.
CREATE FUNCTION email_taken(p_email text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(trim(p_email)))
$$;
REVOKE ALL ON FUNCTION email_taken(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION email_taken(text) TO ferrodesk_app;
