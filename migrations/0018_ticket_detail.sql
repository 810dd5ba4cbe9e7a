-- GET /tickets/{id} in one round trip: the API calls this function in a statement of
-- its own (autocommit), and it sets the organisation for row-level security, works out
-- the caller's queue and requester units when its role has them, and returns the
-- ticket with its comments, history and approvals as one JSON document, shaped as the
-- API's wire types (camelCase), or NULL when the caller may not read the ticket. It
-- replaces seven round trips (BEGIN with the organisation, the two unit subtrees, the
-- ticket, history, comments, approvals, COMMIT).
--
-- It runs with the caller's rights (not SECURITY DEFINER): row-level security applies
-- to every table it reads, and every query also names the organisation. The role-based
-- parts of the read scope are decided by the API's policy module and passed in:
--   p_all                 every ticket of the organisation (admins)
--   p_queue_own           tickets of the caller's unit and its sub-units (staff)
--   p_queue_managed       tickets of the units the caller manages, with sub-units
--   p_requester_managed   tickets filed by people of the units the caller manages
--   p_approver            tickets the caller is asked to approve
--   p_internal            internal comments are included
CREATE FUNCTION ticket_detail(p_org uuid, p_user uuid, p_ticket uuid, p_all boolean, p_queue_own boolean,
                              p_queue_managed boolean, p_requester_managed boolean, p_approver boolean,
                              p_internal boolean)
RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_queue uuid[] := '{}';
    v_requester uuid[] := '{}';
    v_detail text;
BEGIN
    -- Transaction-local: it ends with the caller's statement (or transaction).
    PERFORM set_config('app.current_org', p_org::text, true);
    IF p_queue_own OR p_queue_managed OR p_requester_managed THEN
        WITH RECURSIVE own AS (
            SELECT un.id FROM units un
            JOIN users u ON u.organisation_id = un.organisation_id AND u.unit_id = un.id
            WHERE p_queue_own AND u.organisation_id = p_org AND u.id = p_user
            UNION SELECT c.id FROM units c JOIN own ON c.organisation_id = p_org AND c.parent_id = own.id
        ), managed AS (
            SELECT m.unit_id AS id FROM unit_managers m
            WHERE (p_queue_managed OR p_requester_managed) AND m.organisation_id = p_org AND m.user_id = p_user
            UNION SELECT c.id FROM units c JOIN managed ON c.organisation_id = p_org AND c.parent_id = managed.id
        )
        SELECT ARRAY(SELECT id FROM own UNION SELECT id FROM managed WHERE p_queue_managed),
               ARRAY(SELECT id FROM managed WHERE p_requester_managed)
        INTO v_queue, v_requester;
    END IF;

    SELECT json_build_object(
        'ticket', json_build_object(
            'id', t.id, 'number', t.number, 'title', t.title, 'description', t.description,
            'status', t.status, 'priority', t.priority, 'serviceItemId', t.service_item_id,
            'serviceItemName', si.name, 'formVersion', t.form_version, 'formData', t.form_data,
            'createdBy', json_build_object('id', cu.id, 'name', cu.name, 'email', cu.email),
            'assignedTo', CASE WHEN au.id IS NOT NULL
                               THEN json_build_object('id', au.id, 'name', au.name, 'email', au.email) END,
            'fulfilmentUnitId', t.fulfilment_unit_id, 'fulfilmentUnitName', fu.name, 'version', t.version,
            'responseDueAt', t.response_due_at, 'resolutionDueAt', t.resolution_due_at,
            'createdAt', t.created_at, 'updatedAt', t.updated_at, 'resolvedAt', t.resolved_at,
            'closedAt', t.closed_at),
        'inQueue', COALESCE(t.fulfilment_unit_id = ANY (v_queue), false),
        'comments', COALESCE((
            SELECT json_agg(json_build_object(
                       'id', c.id, 'author', json_build_object('id', u.id, 'name', u.name, 'email', u.email),
                       'body', c.body, 'visibility', c.visibility, 'createdAt', c.created_at) ORDER BY c.seq)
            FROM ticket_comments c JOIN users u ON u.organisation_id = c.organisation_id AND u.id = c.author_id
            WHERE c.organisation_id = p_org AND c.ticket_id = t.id AND (p_internal OR c.visibility = 'public')), '[]'),
        'history', COALESCE((
            SELECT json_agg(json_build_object(
                       'id', h.id,
                       'actor', CASE WHEN u.id IS NOT NULL
                                     THEN json_build_object('id', u.id, 'name', u.name, 'email', u.email) END,
                       'field', h.field, 'fromValue', h.from_value, 'toValue', h.to_value, 'note', h.note,
                       'createdAt', h.created_at) ORDER BY h.seq)
            FROM ticket_history h LEFT JOIN users u ON u.organisation_id = h.organisation_id AND u.id = h.actor_id
            WHERE h.organisation_id = p_org AND h.ticket_id = t.id), '[]'),
        'approvals', COALESCE((
            SELECT json_agg(json_build_object(
                       'id', a.id, 'ticketId', a.ticket_id, 'step', a.step,
                       'approver', json_build_object('id', u.id, 'name', u.name, 'email', u.email),
                       'isRequired', a.is_required, 'isFallback', a.is_fallback, 'status', a.status,
                       'reason', a.reason, 'decidedAt', a.decided_at, 'createdAt', a.created_at) ORDER BY a.step)
            FROM approval_requests a JOIN users u ON u.organisation_id = a.organisation_id AND u.id = a.approver_id
            WHERE a.organisation_id = p_org AND a.ticket_id = t.id), '[]')
    )::text
    INTO v_detail
    FROM tickets t
    JOIN users cu ON cu.organisation_id = t.organisation_id AND cu.id = t.created_by
    LEFT JOIN users au ON au.organisation_id = t.organisation_id AND au.id = t.assigned_to
    LEFT JOIN service_items si ON si.organisation_id = t.organisation_id AND si.id = t.service_item_id
    LEFT JOIN units fu ON fu.organisation_id = t.organisation_id AND fu.id = t.fulfilment_unit_id
    WHERE t.organisation_id = p_org AND t.id = p_ticket
      AND (p_all OR t.created_by = p_user OR t.assigned_to = p_user
           OR t.fulfilment_unit_id = ANY (v_queue) OR cu.unit_id = ANY (v_requester)
           OR (p_approver AND EXISTS (SELECT 1 FROM approval_requests ar
                                      WHERE ar.organisation_id = p_org AND ar.ticket_id = t.id
                                        AND ar.approver_id = p_user)));
    RETURN v_detail;
END
$$;
REVOKE ALL ON FUNCTION ticket_detail(uuid, uuid, uuid, boolean, boolean, boolean, boolean, boolean, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_detail(uuid, uuid, uuid, boolean, boolean, boolean, boolean, boolean, boolean)
    TO ferrodesk_app;
