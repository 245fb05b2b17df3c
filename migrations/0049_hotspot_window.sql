-- Hotspots of a city (issue 19 §1): the last weeks' cases read from a narrow copy kept by the cases
-- module, and the orders of the window by creation time. Counts per grid and day were weighed and
-- left: at the bench city 30,638 cases of 16 weeks fall on 30,482 (grid, day, category) keys, so
-- such counts would be as many rows as the cases, and the clustering needs each point anyway.
CREATE TABLE "case_points" (
	"id" bigint NOT NULL,
	"district_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"category_code" text NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	CONSTRAINT "case_points_pkey" PRIMARY KEY("id","district_id")
);
--> statement-breakpoint
ALTER TABLE "case_points" ADD CONSTRAINT "case_points_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_points_created_at_idx" ON "case_points" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "case_points_org_id_idx" ON "case_points" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "orders_created_at_idx" ON "orders" USING btree ("created_at");
--> statement-breakpoint
-- A row trigger reading only NEW and OLD, in the writer's transaction (as case_stats_rollup, 0047):
-- the same on PostgreSQL, PGlite and a Citus coordinator. A case counts unless merged or rejected.
CREATE FUNCTION linli_case_points_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.created_at = OLD.created_at AND NEW.district_id = OLD.district_id AND NEW.org_id = OLD.org_id AND NEW.org_path = OLD.org_path
     AND NEW.category_code = OLD.category_code AND NEW.location = OLD.location
     AND (NEW.merged_into_id IS NULL) = (OLD.merged_into_id IS NULL) AND (NEW.state = 'rejected') = (OLD.state = 'rejected') THEN
    RETURN NULL; -- nothing hotspots read changed (most updates: state, assignee, reminders, text)
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN DELETE FROM case_points WHERE id = OLD.id AND district_id = OLD.district_id; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.merged_into_id IS NULL AND NEW.state <> 'rejected' THEN
    INSERT INTO case_points (id, district_id, created_at, org_id, org_path, category_code, location)
    VALUES (NEW.id, NEW.district_id, NEW.created_at, NEW.org_id, NEW.org_path, NEW.category_code, NEW.location);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_points_sync AFTER INSERT OR UPDATE OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION linli_case_points_sync();
--> statement-breakpoint
CREATE FUNCTION linli_case_points_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM case_points;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_points_truncate AFTER TRUNCATE ON cases FOR EACH STATEMENT EXECUTE FUNCTION linli_case_points_truncate();
--> statement-breakpoint
-- The cases there are, in creation order (the order the trigger appends them in): the trigger
-- above holds writers to cases until this migration commits, so none is missed or copied twice.
INSERT INTO case_points (id, district_id, created_at, org_id, org_path, category_code, location)
SELECT id, district_id, created_at, org_id, org_path, category_code, location FROM cases
WHERE merged_into_id IS NULL AND state <> 'rejected' ORDER BY created_at, id;
--> statement-breakpoint
ANALYZE case_points;
