-- The service catalog (seed 002, "Service Catalog"): a category tree, items, their
-- versioned forms (JSON Schema; a ticket keeps the version it was filed under) and
-- ordered approval rules.

CREATE TABLE service_categories (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    parent_id       uuid REFERENCES service_categories(id),
    department_id   uuid REFERENCES departments(id),
    name            text NOT NULL,
    description     text NOT NULL DEFAULT '',
    icon            text,
    position        integer NOT NULL DEFAULT 0,
    is_active       boolean NOT NULL DEFAULT true,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX service_categories_org ON service_categories (organisation_id, parent_id);

CREATE TABLE service_items (
    id                        uuid PRIMARY KEY,
    organisation_id           uuid NOT NULL REFERENCES organisations(id),
    category_id               uuid NOT NULL REFERENCES service_categories(id),
    name                      text NOT NULL,
    description               text NOT NULL DEFAULT '',
    kind                      text NOT NULL CHECK (kind IN ('request', 'incident')),
    default_priority          text NOT NULL DEFAULT 'medium'
                              CHECK (default_priority IN ('low', 'medium', 'high', 'critical')),
    fulfilment_unit_id        uuid REFERENCES units(id),
    response_target_minutes   integer CHECK (response_target_minutes > 0),
    resolution_target_minutes integer CHECK (resolution_target_minutes > 0),
    requires_approval         boolean NOT NULL DEFAULT false,
    is_active                 boolean NOT NULL DEFAULT true,
    keywords                  text[] NOT NULL DEFAULT '{}',
    position                  integer NOT NULL DEFAULT 0,
    created_at                timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organisation_id, name)
);
CREATE INDEX service_items_org_category ON service_items (organisation_id, category_id);

-- json, not jsonb: a form's property order is the order its fields are shown in.
CREATE TABLE service_item_forms (
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    service_item_id uuid NOT NULL REFERENCES service_items(id),
    version         integer NOT NULL CHECK (version > 0),
    schema          json NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid REFERENCES users(id),
    PRIMARY KEY (organisation_id, service_item_id, version)
);

CREATE TABLE approval_rules (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    service_item_id uuid NOT NULL REFERENCES service_items(id),
    step            integer NOT NULL CHECK (step > 0),
    approver_role   text NOT NULL CHECK (approver_role IN ('technician', 'manager', 'admin')),
    unit_scope      text NOT NULL CHECK (unit_scope IN ('same', 'parent', 'department', 'any')),
    is_required     boolean NOT NULL DEFAULT true,
    UNIQUE (organisation_id, service_item_id, step)
);
