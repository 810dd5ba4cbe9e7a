-- Row-level security as defence in depth (DESIGN.md, "Data model"): every tenant
-- table is visible to the API role only for the organisation in the transaction
-- setting app.current_org. Unset (or empty) means no rows at all.

CREATE FUNCTION current_org() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT NULLIF(current_setting('app.current_org', true), '')::uuid
$$;

ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON organisations USING (id = current_org()) WITH CHECK (id = current_org());

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['departments', 'units', 'users', 'unit_managers', 'refresh_tokens',
        'service_categories', 'service_items', 'service_item_forms', 'approval_rules',
        'tickets', 'ticket_comments', 'ticket_history', 'approval_requests', 'audit_log']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant ON %I USING (organisation_id = current_org()) '
                       'WITH CHECK (organisation_id = current_org())', t);
    END LOOP;
END
$$;

-- Sign-in happens before the organisation is known. These two functions are the only
-- way around RLS: they run as the owner and return just what authentication needs.
CREATE FUNCTION auth_user_by_email(p_email text)
RETURNS TABLE (id uuid, organisation_id uuid, password_hash text, is_active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT u.id, u.organisation_id, u.password_hash, u.is_active
    FROM users u WHERE lower(u.email) = lower(p_email)
$$;

CREATE FUNCTION auth_refresh_token_org(p_token_hash bytea)
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT organisation_id FROM refresh_tokens WHERE token_hash = p_token_hash
$$;

REVOKE ALL ON FUNCTION auth_user_by_email(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION auth_refresh_token_org(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_user_by_email(text) TO ferrodesk_app;
GRANT EXECUTE ON FUNCTION auth_refresh_token_org(bytea) TO ferrodesk_app;

GRANT USAGE ON SCHEMA public TO ferrodesk_app;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ferrodesk_app;
GRANT DELETE ON unit_managers TO ferrodesk_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ferrodesk_app;
REVOKE UPDATE ON audit_log FROM ferrodesk_app;
REVOKE ALL ON _sqlx_migrations FROM ferrodesk_app;
