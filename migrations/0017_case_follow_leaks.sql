-- Cases read rule (security review, issue 11).
-- Following a grid, community or street used to tell the follower of every case there, with its
-- description, cases of non-public categories included, which the follower may not read. Those
-- notifications (delivered or waiting for the daily digest) leave the inboxes of everyone who may
-- not read the case today: not its reporter or assignee, and no staff role (grid worker and up)
-- over its grid or the unit handling it.
-- The rows are picked in a subquery (not DELETE … USING a join): Citus refuses the join form on a
-- database whose cases are Citus local tables beside reference categories ("recursive complex
-- joins"); the same rows go on every engine.
DELETE FROM notifications
WHERE id IN (
  SELECT n.id FROM notifications n
    JOIN cases c ON c.id = (n.link->>'caseId')::bigint
    JOIN case_categories cat ON cat.code = c.category_code
    LEFT JOIN case_categories parent ON parent.code = cat.parent_code
  WHERE n.kind = 'case.update'
    AND n.link->>'caseId' ~ '^[0-9]{1,18}$'
    AND NOT (cat.public AND coalesce(parent.public, true))
    AND n.person_id IS DISTINCT FROM c.reporter_id
    AND n.person_id IS DISTINCT FROM c.assignee_id
    AND NOT EXISTS (
      SELECT 1 FROM role_assignments r JOIN orgs o ON o.id = r.org_id AND o.deleted_at IS NULL
      WHERE r.person_id = n.person_id
        AND r.role IN ('admin', 'district_admin', 'street_admin', 'community_cadre', 'grid_leader', 'grid_worker')
        AND r.valid_from <= CURRENT_DATE AND (r.valid_to IS NULL OR r.valid_to > CURRENT_DATE)
        AND (o.path @> c.org_path OR o.path @> c.handling_org_path)));
