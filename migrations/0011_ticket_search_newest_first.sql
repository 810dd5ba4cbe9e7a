-- Text search that can stop early (issue 5, measured with 1,000,000 tickets).
--
-- ticket_search(q) of 0009 returned every match: a common word (`printer`, one ticket
-- in five) meant 9,500 heap rows fetched before the first page could be cut, 70-120 ms
-- however few were shown. This version returns the newest `p_limit` matches (all of
-- them when NULL) before an optional keyset cursor. The statement is planned for its
-- actual values on every call (EXECUTE ... USING): a rare word is looked up in the GIN
-- index, a common word found by walking (organisation_id, created_at DESC, id DESC)
-- and checking each ticket until enough match. Inside this SECURITY DEFINER function
-- row-level security does not apply, so `@@` may be used either way; the tenant rule
-- is applied here, from current_org(), the setting the policies read.
DROP FUNCTION ticket_search(text);

CREATE FUNCTION ticket_search(p_query text, p_limit bigint, p_before_at timestamptz, p_before_id uuid)
RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 200 AS $$
BEGIN
    IF current_org() IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE
        'SELECT t.id FROM tickets t
         WHERE t.organisation_id = $1 AND t.search @@ websearch_to_tsquery(''simple'', $2)
           AND ($3::timestamptz IS NULL OR (t.created_at, t.id) < ($3, $4))
         ORDER BY t.created_at DESC, t.id DESC LIMIT $5'
    USING current_org(), p_query, p_before_at, p_before_id, p_limit;
END
$$;
REVOKE ALL ON FUNCTION ticket_search(text, bigint, timestamptz, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_search(text, bigint, timestamptz, uuid) TO ferrodesk_app;
