-- The cases' rollup ready for shards (issue 19 §3). On Citus the cases are distributed by district
-- and their row triggers run on the shards, where (1) the row is of the shard's type
-- (cases_102008), for which linli_cases_stats_delta(cases, int) does not exist, and (2) a trigger
-- may write only shards on its own node. So the trigger passes the counted columns instead of the
-- row, and the rollup carries the case's district, to be distributed with the cases. What it counts
-- is unchanged (0047); the same on PostgreSQL, PGlite and Citus.
-- The rollup again, per district: writers to cases wait (SHARE ROW EXCLUSIVE, as a trigger's
-- creation takes) until this migration commits, so no case is counted twice or missed.
LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
DELETE FROM case_stats_rollup;
--> statement-breakpoint
ALTER TABLE "case_stats_rollup" ADD COLUMN "district_id" bigint NOT NULL;
--> statement-breakpoint
INSERT INTO case_stats_rollup (district_id, org_path, handling_org_path, state, n, overdue, on_time, timed, closed_grid, closed_community, rating_sum, rated)
SELECT district_id, org_path, handling_org_path, state, count(*),
  count(*) FILTER (WHERE overdue_at IS NOT NULL AND state NOT IN ('rejected', 'closed')),
  count(*) FILTER (WHERE handled_on_time),
  count(*) FILTER (WHERE handled_on_time IS NOT NULL),
  count(*) FILTER (WHERE closed_level = 'grid'),
  count(*) FILTER (WHERE closed_level IN ('grid', 'community')),
  coalesce(sum(rating), 0), count(rating)
FROM cases GROUP BY district_id, org_path, handling_org_path, state;
--> statement-breakpoint
CREATE FUNCTION linli_cases_stats_add(district_id bigint, org_path ltree, handling_org_path ltree, state text, overdue_at timestamptz,
    handled_on_time boolean, closed_level text, rating smallint, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO case_stats_rollup (district_id, org_path, handling_org_path, state, n, overdue, on_time, timed, closed_grid, closed_community, rating_sum, rated)
  VALUES (district_id, org_path, handling_org_path, state, sign,
    CASE WHEN overdue_at IS NOT NULL AND state NOT IN ('rejected', 'closed') THEN sign ELSE 0 END,
    CASE WHEN handled_on_time THEN sign ELSE 0 END,
    CASE WHEN handled_on_time IS NOT NULL THEN sign ELSE 0 END,
    CASE WHEN closed_level = 'grid' THEN sign ELSE 0 END,
    CASE WHEN closed_level IN ('grid', 'community') THEN sign ELSE 0 END,
    coalesce(rating, 0) * sign,
    CASE WHEN rating IS NOT NULL THEN sign ELSE 0 END)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION linli_cases_stats_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.district_id = OLD.district_id AND NEW.org_path = OLD.org_path AND NEW.handling_org_path = OLD.handling_org_path AND NEW.state = OLD.state
     AND (NEW.overdue_at IS NULL) = (OLD.overdue_at IS NULL) AND NEW.handled_on_time IS NOT DISTINCT FROM OLD.handled_on_time
     AND NEW.closed_level IS NOT DISTINCT FROM OLD.closed_level AND NEW.rating IS NOT DISTINCT FROM OLD.rating THEN
    RETURN NULL; -- nothing counted changed (most updates: assignee, reminders, followers, text)
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM linli_cases_stats_add(OLD.district_id, OLD.org_path, OLD.handling_org_path, OLD.state, OLD.overdue_at, OLD.handled_on_time, OLD.closed_level, OLD.rating, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM linli_cases_stats_add(NEW.district_id, NEW.org_path, NEW.handling_org_path, NEW.state, NEW.overdue_at, NEW.handled_on_time, NEW.closed_level, NEW.rating, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP FUNCTION linli_cases_stats_delta(cases, integer);
