-- The figures of /cases/stats kept by triggers (issue 19 §1): a count over a city's five years of
-- cases took seconds; the rollup holds one row per (grid path, handling unit path, state) once the
-- minute sweep has merged it, and a delta row per change between merges (appended, so concurrent
-- writers never wait on a shared counter row). Row-level triggers reading only NEW and OLD: the
-- same on PostgreSQL, PGlite and a Citus coordinator (where cases is a Citus local table).
CREATE TABLE "case_stats_rollup" (
	"org_path" "ltree" NOT NULL,
	"handling_org_path" "ltree" NOT NULL,
	"state" text NOT NULL,
	"n" integer NOT NULL,
	"overdue" integer NOT NULL,
	"on_time" integer NOT NULL,
	"timed" integer NOT NULL,
	"closed_grid" integer NOT NULL,
	"closed_community" integer NOT NULL,
	"rating_sum" bigint NOT NULL,
	"rated" integer NOT NULL
);
--> statement-breakpoint
-- One row's contribution, signed: what caseStats (cases.repository.ts) counts of each case.
CREATE FUNCTION linli_cases_stats_delta(c cases, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO case_stats_rollup (org_path, handling_org_path, state, n, overdue, on_time, timed, closed_grid, closed_community, rating_sum, rated)
  VALUES (c.org_path, c.handling_org_path, c.state, sign,
    CASE WHEN c.overdue_at IS NOT NULL AND c.state NOT IN ('rejected', 'closed') THEN sign ELSE 0 END,
    CASE WHEN c.handled_on_time THEN sign ELSE 0 END,
    CASE WHEN c.handled_on_time IS NOT NULL THEN sign ELSE 0 END,
    CASE WHEN c.closed_level = 'grid' THEN sign ELSE 0 END,
    CASE WHEN c.closed_level IN ('grid', 'community') THEN sign ELSE 0 END,
    coalesce(c.rating, 0) * sign,
    CASE WHEN c.rating IS NOT NULL THEN sign ELSE 0 END)
$$;
--> statement-breakpoint
CREATE FUNCTION linli_cases_stats_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.org_path = OLD.org_path AND NEW.handling_org_path = OLD.handling_org_path AND NEW.state = OLD.state
     AND (NEW.overdue_at IS NULL) = (OLD.overdue_at IS NULL) AND NEW.handled_on_time IS NOT DISTINCT FROM OLD.handled_on_time
     AND NEW.closed_level IS NOT DISTINCT FROM OLD.closed_level AND NEW.rating IS NOT DISTINCT FROM OLD.rating THEN
    RETURN NULL; -- nothing counted changed (most updates: assignee, reminders, followers, text)
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM linli_cases_stats_delta(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM linli_cases_stats_delta(NEW, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_stats_rollup AFTER INSERT OR UPDATE OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION linli_cases_stats_rollup();
--> statement-breakpoint
-- TRUNCATE cases (a test's reset, an operator's) empties the figures too.
CREATE FUNCTION linli_cases_stats_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM case_stats_rollup;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_stats_rollup_truncate AFTER TRUNCATE ON cases FOR EACH STATEMENT EXECUTE FUNCTION linli_cases_stats_truncate();
--> statement-breakpoint
-- The cases there are: the trigger above holds writers to cases (SHARE ROW EXCLUSIVE) until this
-- migration commits, so none is counted twice or missed.
INSERT INTO case_stats_rollup (org_path, handling_org_path, state, n, overdue, on_time, timed, closed_grid, closed_community, rating_sum, rated)
SELECT org_path, handling_org_path, state, count(*),
  count(*) FILTER (WHERE overdue_at IS NOT NULL AND state NOT IN ('rejected', 'closed')),
  count(*) FILTER (WHERE handled_on_time),
  count(*) FILTER (WHERE handled_on_time IS NOT NULL),
  count(*) FILTER (WHERE closed_level = 'grid'),
  count(*) FILTER (WHERE closed_level IN ('grid', 'community')),
  coalesce(sum(rating), 0), count(rating)
FROM cases GROUP BY org_path, handling_org_path, state;
