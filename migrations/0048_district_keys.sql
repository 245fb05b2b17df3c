-- The cases family carries its district (issue 19 §3): `district_id` on cases, case_events,
-- case_meetings and follows, in each one's primary key and in the keys the family's rows point at
-- a case with, as Citus requires of co-located distributed tables. The district of a row is the
-- nearest `district` ancestor-or-self of its grid, or, where the tree has none above it (a
-- deployment whose top node is a street), the tree's top node: `linli_district_of`. Every insert
-- names it; nothing fills it in (Citus routes an insert by the value it carries, before any
-- trigger runs). `cases_id_key` keeps a case's id unique on one server, so the other modules'
-- rows still point at a case by id alone; it goes where cases are distributed.
CREATE FUNCTION linli_district_of(p_org_id bigint) RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT a.id FROM orgs o JOIN orgs a ON a.path @> o.path
      WHERE o.id = p_org_id AND a.kind = 'district' ORDER BY nlevel(a.path) DESC LIMIT 1),
    (SELECT subpath(o.path, 0, 1)::text::bigint FROM orgs o WHERE o.id = p_org_id))
$$;--> statement-breakpoint
-- A case moved to another district (a community moved under another street, orgs.move) takes its
-- timeline along: the one change of a timeline row allowed.
CREATE OR REPLACE FUNCTION linli_case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND to_jsonb(NEW) - 'district_id' = to_jsonb(OLD) - 'district_id' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'case_events is append-only';
END $$;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "district_id" bigint;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "district_id" bigint;--> statement-breakpoint
ALTER TABLE "case_meetings" ADD COLUMN "district_id" bigint;--> statement-breakpoint
ALTER TABLE "follows" ADD COLUMN "district_id" bigint;--> statement-breakpoint
-- Filled without touching the cases' updated_at (the backfill is no change a reader made).
ALTER TABLE "cases" DISABLE TRIGGER "cases_touch";--> statement-breakpoint
UPDATE "cases" c SET "district_id" = m.district_id
  FROM (SELECT g.org_id, linli_district_of(g.org_id) AS district_id FROM (SELECT DISTINCT org_id FROM "cases") g) m
  WHERE c.org_id = m.org_id;--> statement-breakpoint
ALTER TABLE "cases" ENABLE TRIGGER "cases_touch";--> statement-breakpoint
UPDATE "case_events" e SET "district_id" = c.district_id FROM "cases" c WHERE c.id = e.case_id;--> statement-breakpoint
UPDATE "case_meetings" m SET "district_id" = c.district_id FROM "cases" c WHERE c.id = m.case_id;--> statement-breakpoint
UPDATE "follows" f SET "district_id" = c.district_id FROM "cases" c WHERE c.id = f.case_id;--> statement-breakpoint
UPDATE "follows" f SET "district_id" = linli_district_of(f.org_id) WHERE f.org_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "district_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "case_events" ALTER COLUMN "district_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "case_meetings" ALTER COLUMN "district_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "follows" ALTER COLUMN "district_id" SET NOT NULL;--> statement-breakpoint
-- Every key that rests on the cases' primary key is dropped, the keys are remade with the
-- district, and the keys from outside the family point at `cases_id_key`.
ALTER TABLE "case_events" DROP CONSTRAINT "case_events_case_id_cases_id_fk";--> statement-breakpoint
ALTER TABLE "case_meetings" DROP CONSTRAINT "case_meetings_case_id_cases_id_fk";--> statement-breakpoint
ALTER TABLE "follows" DROP CONSTRAINT "follows_case_id_cases_id_fk";--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_merged_into_id_cases_id_fk";--> statement-breakpoint
ALTER TABLE "estate_ratings" DROP CONSTRAINT "estate_ratings_case_id_fk";--> statement-breakpoint
ALTER TABLE "emergency_hazards" DROP CONSTRAINT "emergency_hazards_case_id_cases_id_fk";--> statement-breakpoint
ALTER TABLE "secretary_projects" DROP CONSTRAINT "secretary_projects_source_case_id_cases_id_fk";--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_pkey";--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_pkey" PRIMARY KEY ("id", "district_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_id_key" ON "cases" USING btree ("id");--> statement-breakpoint
ALTER TABLE "case_meetings" DROP CONSTRAINT "case_meetings_pkey";--> statement-breakpoint
ALTER TABLE "case_meetings" ADD CONSTRAINT "case_meetings_pkey" PRIMARY KEY ("id", "district_id");--> statement-breakpoint
ALTER TABLE "follows" DROP CONSTRAINT "follows_pkey";--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_pkey" PRIMARY KEY ("id", "district_id");--> statement-breakpoint
-- case_events is partitioned by month on a PostgreSQL server that ran before (kernel/db/partitions.ts):
-- its key then also holds the month's column.
DO $$
BEGIN
  ALTER TABLE "case_events" DROP CONSTRAINT "case_events_pkey";
  IF (SELECT relkind FROM pg_class WHERE oid = 'case_events'::regclass) = 'p' THEN
    ALTER TABLE "case_events" ADD CONSTRAINT "case_events_pkey" PRIMARY KEY ("id", "district_id", "at");
  ELSE
    ALTER TABLE "case_events" ADD CONSTRAINT "case_events_pkey" PRIMARY KEY ("id", "district_id");
  END IF;
END $$;--> statement-breakpoint
-- ON UPDATE CASCADE: a case that changes district takes its rows along in one statement.
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id", "district_id") REFERENCES "public"."cases"("id", "district_id") ON UPDATE CASCADE;--> statement-breakpoint
ALTER TABLE "case_meetings" ADD CONSTRAINT "case_meetings_case_id_cases_id_fk" FOREIGN KEY ("case_id", "district_id") REFERENCES "public"."cases"("id", "district_id") ON UPDATE CASCADE;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_case_id_cases_id_fk" FOREIGN KEY ("case_id", "district_id") REFERENCES "public"."cases"("id", "district_id") ON UPDATE CASCADE;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_district_id_orgs_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."orgs"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_merged_into_id_cases_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."cases"("id");--> statement-breakpoint
ALTER TABLE "estate_ratings" ADD CONSTRAINT "estate_ratings_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id");--> statement-breakpoint
ALTER TABLE "emergency_hazards" ADD CONSTRAINT "emergency_hazards_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id");--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_source_case_id_cases_id_fk" FOREIGN KEY ("source_case_id") REFERENCES "public"."cases"("id");--> statement-breakpoint
DROP INDEX "cases_token_key";--> statement-breakpoint
CREATE UNIQUE INDEX "cases_token_key" ON "cases" USING btree ("token", "district_id");--> statement-breakpoint
DROP INDEX "follows_case_key";--> statement-breakpoint
CREATE UNIQUE INDEX "follows_case_key" ON "follows" USING btree ("person_id", "case_id", "district_id") WHERE case_id IS NOT NULL;--> statement-breakpoint
DROP INDEX "follows_org_key";--> statement-breakpoint
CREATE UNIQUE INDEX "follows_org_key" ON "follows" USING btree ("person_id", "org_id", "district_id") WHERE org_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "cases_district_id_idx" ON "cases" USING btree ("district_id");--> statement-breakpoint
DROP INDEX "case_events_case_idx";--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id", "district_id", "id");--> statement-breakpoint
DROP INDEX "case_meetings_case_idx";--> statement-breakpoint
CREATE INDEX "case_meetings_case_idx" ON "case_meetings" USING btree ("case_id", "district_id");--> statement-breakpoint
DROP INDEX "follows_case_idx";--> statement-breakpoint
CREATE INDEX "follows_case_idx" ON "follows" USING btree ("case_id", "district_id");
