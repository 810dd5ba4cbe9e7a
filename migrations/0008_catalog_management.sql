-- Catalog management (issue 4): full-text search over service items, and deletes of
-- categories and items that nothing uses.

-- Name weighs most, then keywords, then the description (seed 002, "Service Catalog":
-- requesters find services by what they call them). English stemming, so "laptops"
-- finds "Laptop".
CREATE FUNCTION service_item_search(p_name text, p_keywords text[], p_description text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english'::regconfig, coalesce(p_name, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(p_keywords, ' '), '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(p_description, '')), 'C')
$$;

ALTER TABLE service_items
    ADD COLUMN search tsvector GENERATED ALWAYS AS (service_item_search(name, keywords, description)) STORED;
CREATE INDEX service_items_search ON service_items USING gin (search);

GRANT DELETE ON service_categories, service_items, service_item_forms, approval_rules TO ferrodesk_app;
