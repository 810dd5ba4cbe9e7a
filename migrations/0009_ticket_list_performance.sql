-- Ticket lists and search at scale (issue 5, measured with 1,000,000 tickets).

-- Full-text search under row-level security: `@@` is not leakproof, so with the tenant
-- policy in force PostgreSQL never evaluates it inside an index scan and every search
-- read all of the organisation's tickets. ticket_search runs as the owner and applies
-- the tenant rule itself (current_org(), the setting the policy reads, so it returns the
-- caller's organisation's tickets only), letting the GIN index answer. The index leads
-- with organisation_id (btree_gin, a trusted extension) so a common word is looked up in
-- one organisation, not in all of them.
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX tickets_search;
CREATE INDEX tickets_org_search ON tickets USING gin (organisation_id, search);

CREATE FUNCTION ticket_search(p_query text)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public ROWS 200 AS $$
    SELECT t.id FROM tickets t
    WHERE t.organisation_id = current_org() AND t.search @@ websearch_to_tsquery('simple', p_query)
$$;
REVOKE ALL ON FUNCTION ticket_search(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_search(text) TO ferrodesk_app;

-- A technician's or manager's queue (tickets of its units), combined with the creator
-- and assignee indexes in one bitmap scan.
CREATE INDEX tickets_org_unit ON tickets (organisation_id, fulfilment_unit_id, created_at DESC);
