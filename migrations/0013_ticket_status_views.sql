-- The views people open most are filtered by status: a requester's open or closed
-- requests, a technician's assigned or queued open tickets. The set indexes of 0010
-- check status in the index, but still walk past every other status: the benchmark's
-- busiest requester has 9,266 tickets, 601 of them closed, and the closed list read
-- all 9,266 entries for its count (4.6 ms of SQL per request; 1.9 ms with these,
-- EXPLAIN ANALYZE as ferrodesk_app, issue 5). Keyed on status, a filtered branch reads
-- only its matches, newest first. Unfiltered and priority-filtered lists keep using 0010's.
CREATE INDEX tickets_org_creator_status
    ON tickets (organisation_id, created_by, status, created_at DESC, id DESC);
CREATE INDEX tickets_org_assignee_status
    ON tickets (organisation_id, assigned_to, status, created_at DESC, id DESC);
CREATE INDEX tickets_org_unit_status
    ON tickets (organisation_id, fulfilment_unit_id, status, created_at DESC, id DESC);

-- Index-only scans skip the heap only on pages the visibility map marks all-visible,
-- which vacuum sets. By default inserts trigger vacuum after 20 % of the table (200,000
-- new tickets at 1,000,000), so the newest tickets, the ones lists show first, were
-- read from the heap one by one: 3,600 fresh tickets halved a technician's list rate in
-- the benchmark. Vacuum after 1 % instead.
ALTER TABLE tickets SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.02,
                         autovacuum_analyze_scale_factor = 0.02);
