-- Every foreign key between tenant tables names the organisation, so the schema stays
-- distributable by tenant (a tenant-sharded PostgreSQL such as Citus co-locates rows
-- by organisation_id and needs it in every key between distributed tables). The
-- first migrations declared single-column keys (`created_by REFERENCES users(id)`);
-- 0005 added a same-organisation twin of each (`(organisation_id, created_by)
-- REFERENCES users (organisation_id, id)`), which already refuses everything the
-- single-column key refused (both are plain NO ACTION keys), and 0012 dropped the
-- ticket ones. These are the rest of the twins: each child row was checked twice on
-- every insert and update. Dropping a foreign key only changes the catalog (no table
-- is rewritten or scanned).
--
-- Left for later, listed in tests/api/schema.rs: the single-column primary keys of
-- the tenant tables (a primary key on (organisation_id, id) needs every query that
-- joins by id alone to name the organisation first) and refresh_tokens.parent_id,
-- which has no twin yet.
ALTER TABLE approval_requests  DROP CONSTRAINT approval_requests_approver_id_fkey;
ALTER TABLE approval_rules     DROP CONSTRAINT approval_rules_service_item_id_fkey;
ALTER TABLE audit_log          DROP CONSTRAINT audit_log_actor_id_fkey;
ALTER TABLE refresh_tokens     DROP CONSTRAINT refresh_tokens_user_id_fkey;
ALTER TABLE service_categories DROP CONSTRAINT service_categories_department_id_fkey,
                               DROP CONSTRAINT service_categories_parent_id_fkey;
ALTER TABLE service_item_forms DROP CONSTRAINT service_item_forms_created_by_fkey,
                               DROP CONSTRAINT service_item_forms_service_item_id_fkey;
ALTER TABLE service_items      DROP CONSTRAINT service_items_category_id_fkey,
                               DROP CONSTRAINT service_items_fulfilment_unit_id_fkey;
ALTER TABLE ticket_comments    DROP CONSTRAINT ticket_comments_author_id_fkey;
ALTER TABLE ticket_history     DROP CONSTRAINT ticket_history_actor_id_fkey;
ALTER TABLE tickets            DROP CONSTRAINT tickets_assigned_to_fkey,
                               DROP CONSTRAINT tickets_created_by_fkey,
                               DROP CONSTRAINT tickets_fulfilment_unit_id_fkey,
                               DROP CONSTRAINT tickets_service_item_id_fkey;
ALTER TABLE unit_managers      DROP CONSTRAINT unit_managers_unit_id_fkey,
                               DROP CONSTRAINT unit_managers_user_id_fkey;
ALTER TABLE units              DROP CONSTRAINT units_department_id_fkey,
                               DROP CONSTRAINT units_parent_id_fkey;
ALTER TABLE users              DROP CONSTRAINT users_unit_id_fkey;
