-- The single-column keys ticket_id -> tickets(id) of 0003 are implied by the
-- same-organisation keys (organisation_id, ticket_id) -> tickets(organisation_id, id)
-- of 0005, and cost twice: every history, comment and approval row was checked against
-- tickets two times, and deleting a ticket looked for its rows with `ticket_id = $1`,
-- which no index leads with (they lead with organisation_id): one scan of all 6 million
-- history rows per deleted ticket (issue 5, found clearing the benchmark's own tickets).
ALTER TABLE ticket_history DROP CONSTRAINT ticket_history_ticket_id_fkey;
ALTER TABLE ticket_comments DROP CONSTRAINT ticket_comments_ticket_id_fkey;
ALTER TABLE approval_requests DROP CONSTRAINT approval_requests_ticket_id_fkey;
