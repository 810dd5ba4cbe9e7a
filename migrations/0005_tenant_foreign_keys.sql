-- Tenancy in the schema itself: every reference between tenant rows also matches
-- organisation_id, so no row can point into another organisation whatever the code
-- does (RLS hides rows; these constraints stop cross-tenant links being written).
-- The single-column foreign keys stay; these composite ones add the organisation.

ALTER TABLE departments        ADD CONSTRAINT departments_org_id UNIQUE (organisation_id, id);
ALTER TABLE units              ADD CONSTRAINT units_org_id UNIQUE (organisation_id, id);
ALTER TABLE users              ADD CONSTRAINT users_org_id UNIQUE (organisation_id, id);
ALTER TABLE service_categories ADD CONSTRAINT service_categories_org_id UNIQUE (organisation_id, id);
ALTER TABLE service_items      ADD CONSTRAINT service_items_org_id UNIQUE (organisation_id, id);
ALTER TABLE tickets            ADD CONSTRAINT tickets_org_id UNIQUE (organisation_id, id);

ALTER TABLE units
    ADD CONSTRAINT units_department_same_org FOREIGN KEY (organisation_id, department_id) REFERENCES departments (organisation_id, id),
    ADD CONSTRAINT units_parent_same_org FOREIGN KEY (organisation_id, parent_id) REFERENCES units (organisation_id, id);
ALTER TABLE users
    ADD CONSTRAINT users_unit_same_org FOREIGN KEY (organisation_id, unit_id) REFERENCES units (organisation_id, id);
ALTER TABLE unit_managers
    ADD CONSTRAINT unit_managers_unit_same_org FOREIGN KEY (organisation_id, unit_id) REFERENCES units (organisation_id, id),
    ADD CONSTRAINT unit_managers_user_same_org FOREIGN KEY (organisation_id, user_id) REFERENCES users (organisation_id, id);
ALTER TABLE refresh_tokens
    ADD CONSTRAINT refresh_tokens_user_same_org FOREIGN KEY (organisation_id, user_id) REFERENCES users (organisation_id, id);
ALTER TABLE service_categories
    ADD CONSTRAINT service_categories_parent_same_org FOREIGN KEY (organisation_id, parent_id) REFERENCES service_categories (organisation_id, id),
    ADD CONSTRAINT service_categories_department_same_org FOREIGN KEY (organisation_id, department_id) REFERENCES departments (organisation_id, id);
ALTER TABLE service_items
    ADD CONSTRAINT service_items_category_same_org FOREIGN KEY (organisation_id, category_id) REFERENCES service_categories (organisation_id, id),
    ADD CONSTRAINT service_items_unit_same_org FOREIGN KEY (organisation_id, fulfilment_unit_id) REFERENCES units (organisation_id, id);
ALTER TABLE service_item_forms
    ADD CONSTRAINT service_item_forms_item_same_org FOREIGN KEY (organisation_id, service_item_id) REFERENCES service_items (organisation_id, id),
    ADD CONSTRAINT service_item_forms_author_same_org FOREIGN KEY (organisation_id, created_by) REFERENCES users (organisation_id, id);
ALTER TABLE approval_rules
    ADD CONSTRAINT approval_rules_item_same_org FOREIGN KEY (organisation_id, service_item_id) REFERENCES service_items (organisation_id, id);
ALTER TABLE tickets
    ADD CONSTRAINT tickets_creator_same_org FOREIGN KEY (organisation_id, created_by) REFERENCES users (organisation_id, id),
    ADD CONSTRAINT tickets_assignee_same_org FOREIGN KEY (organisation_id, assigned_to) REFERENCES users (organisation_id, id),
    ADD CONSTRAINT tickets_unit_same_org FOREIGN KEY (organisation_id, fulfilment_unit_id) REFERENCES units (organisation_id, id),
    ADD CONSTRAINT tickets_item_same_org FOREIGN KEY (organisation_id, service_item_id) REFERENCES service_items (organisation_id, id);
ALTER TABLE ticket_comments
    ADD CONSTRAINT ticket_comments_ticket_same_org FOREIGN KEY (organisation_id, ticket_id) REFERENCES tickets (organisation_id, id),
    ADD CONSTRAINT ticket_comments_author_same_org FOREIGN KEY (organisation_id, author_id) REFERENCES users (organisation_id, id);
ALTER TABLE ticket_history
    ADD CONSTRAINT ticket_history_ticket_same_org FOREIGN KEY (organisation_id, ticket_id) REFERENCES tickets (organisation_id, id),
    ADD CONSTRAINT ticket_history_actor_same_org FOREIGN KEY (organisation_id, actor_id) REFERENCES users (organisation_id, id);
ALTER TABLE approval_requests
    ADD CONSTRAINT approval_requests_ticket_same_org FOREIGN KEY (organisation_id, ticket_id) REFERENCES tickets (organisation_id, id),
    ADD CONSTRAINT approval_requests_approver_same_org FOREIGN KEY (organisation_id, approver_id) REFERENCES users (organisation_id, id);
ALTER TABLE audit_log
    ADD CONSTRAINT audit_log_actor_same_org FOREIGN KEY (organisation_id, actor_id) REFERENCES users (organisation_id, id);
