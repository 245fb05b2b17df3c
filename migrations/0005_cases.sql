CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"workday" boolean NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "case_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text,
	"accept_hours" integer DEFAULT 24 NOT NULL,
	"handle_days" integer DEFAULT 3 NOT NULL,
	"limits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"working_days" boolean DEFAULT true NOT NULL,
	"revisit_days" integer DEFAULT 7 NOT NULL,
	"department_id" bigint,
	"public" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_categories_code_check" CHECK ("case_categories"."code" ~ '^[a-z][a-z0-9_]{1,30}(\.[a-z0-9_]{1,30})?$'),
	CONSTRAINT "case_categories_limits_check" CHECK ("case_categories"."accept_hours" BETWEEN 1 AND 720 AND "case_categories"."handle_days" BETWEEN 1 AND 365 AND "case_categories"."revisit_days" BETWEEN 0 AND 365)
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"actor_id" bigint,
	"actor_kind" text DEFAULT 'person' NOT NULL,
	"note" text,
	"public" boolean DEFAULT true NOT NULL,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_meetings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"participants" text[] NOT NULL,
	"conclusion" text NOT NULL,
	"recorded_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"category_code" text NOT NULL,
	"description" text NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"address" text,
	"state" text DEFAULT 'reported' NOT NULL,
	"level" text DEFAULT 'grid' NOT NULL,
	"handling_org_id" bigint NOT NULL,
	"handling_org_path" "ltree" NOT NULL,
	"assignee_id" bigint,
	"last_handler_id" bigint,
	"reporter_id" bigint,
	"anonymous" boolean DEFAULT false NOT NULL,
	"channel" text NOT NULL,
	"contact" jsonb,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"visit_id" bigint,
	"estate_rating_id" bigint,
	"merged_into_id" bigint,
	"token" uuid DEFAULT gen_random_uuid() NOT NULL,
	"accept_due_at" timestamp with time zone,
	"handle_due_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_level" text,
	"handled_on_time" boolean,
	"result" text,
	"reject_reason" text,
	"escalations" smallint DEFAULT 0 NOT NULL,
	"reopens" smallint DEFAULT 0 NOT NULL,
	"rating" smallint,
	"rating_comment" text,
	"revisit_due_at" timestamp with time zone,
	"revisited_at" timestamp with time zone,
	"revisit_fixed" boolean,
	"followers" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_state_check" CHECK ("cases"."state" IN ('reported','accepted','rejected','assigned','in_progress','handled','verified','closed')),
	CONSTRAINT "cases_level_check" CHECK ("cases"."level" IN ('grid','community','street','department')),
	CONSTRAINT "cases_channel_check" CHECK ("cases"."channel" IN ('h5','console','api','open311','visit','estate_rating')),
	CONSTRAINT "cases_description_check" CHECK (length(btrim("cases"."description")) BETWEEN 2 AND 2000),
	CONSTRAINT "cases_rating_check" CHECK ("cases"."rating" BETWEEN 1 AND 5),
	CONSTRAINT "cases_photos_check" CHECK (cardinality("cases"."photo_ids") <= 9)
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "follows_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"case_id" bigint,
	"org_id" bigint,
	"digest" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_target_check" CHECK (("follows"."case_id" IS NULL) <> ("follows"."org_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "estate_rating_criteria" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"max_score" integer NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "estate_rating_criteria_max_check" CHECK ("estate_rating_criteria"."max_score" BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE TABLE "estate_ratings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "estate_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"estate_id" bigint NOT NULL,
	"period" text NOT NULL,
	"scores" jsonb NOT NULL,
	"total" numeric(5, 1) NOT NULL,
	"color" text NOT NULL,
	"note" text,
	"rated_by" bigint NOT NULL,
	"case_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "estate_ratings_color_check" CHECK ("estate_ratings"."color" IN ('green','blue','yellow','orange','red')),
	CONSTRAINT "estate_ratings_total_check" CHECK ("estate_ratings"."total" BETWEEN 0 AND 100),
	CONSTRAINT "estate_ratings_period_check" CHECK ("estate_ratings"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$')
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"taken_lng" double precision,
	"taken_lat" double precision,
	"uploaded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_mime_check" CHECK ("attachments"."mime" IN ('image/jpeg','image/png','image/webp')),
	CONSTRAINT "attachments_sha256_check" CHECK ("attachments"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"link" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pending_digest" timestamp with time zone,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_schedule_targets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visit_schedule_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"schedule_id" bigint NOT NULL,
	"visitor_org_id" bigint NOT NULL,
	"community_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_schedules" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visit_schedules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"day_of_month" smallint NOT NULL,
	"grace_days" smallint DEFAULT 7 NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_by" bigint,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_schedules_day_check" CHECK ("visit_schedules"."day_of_month" BETWEEN 1 AND 28 AND "visit_schedules"."grace_days" BETWEEN 0 AND 27),
	CONSTRAINT "visit_schedules_kind_check" CHECK ("visit_schedules"."kind" IN ('night','home'))
);
--> statement-breakpoint
CREATE TABLE "visit_tasks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visit_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"schedule_id" bigint NOT NULL,
	"visitor_org_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"due_on" date NOT NULL,
	"deadline" date NOT NULL,
	"visit_id" bigint,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"org_id" bigint NOT NULL,
	"visitor_id" bigint NOT NULL,
	"visitor_org_id" bigint,
	"task_id" bigint,
	"visited_at" timestamp with time zone NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"people_met" integer DEFAULT 0 NOT NULL,
	"location" geometry(Point,4326),
	"note" text NOT NULL,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_kind_check" CHECK ("visits"."kind" IN ('night','home')),
	CONSTRAINT "visits_mode_check" CHECK ("visits"."mode" IN ('fixed','appointed','active','return')),
	CONSTRAINT "visits_households_check" CHECK ("visits"."households" BETWEEN 0 AND 10000 AND "visits"."people_met" BETWEEN 0 AND 100000),
	CONSTRAINT "visits_note_check" CHECK (length(btrim("visits"."note")) BETWEEN 2 AND 4000)
);
--> statement-breakpoint
ALTER TABLE "case_categories" ADD CONSTRAINT "case_categories_parent_code_case_categories_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."case_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_categories" ADD CONSTRAINT "case_categories_department_id_orgs_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_meetings" ADD CONSTRAINT "case_meetings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_meetings" ADD CONSTRAINT "case_meetings_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_code_case_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."case_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_handling_org_id_orgs_id_fk" FOREIGN KEY ("handling_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_people_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_last_handler_id_people_id_fk" FOREIGN KEY ("last_handler_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_reporter_id_people_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_merged_into_id_cases_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estate_ratings" ADD CONSTRAINT "estate_ratings_estate_id_orgs_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estate_ratings" ADD CONSTRAINT "estate_ratings_rated_by_people_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_schedule_targets" ADD CONSTRAINT "visit_schedule_targets_schedule_id_visit_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."visit_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_schedule_targets" ADD CONSTRAINT "visit_schedule_targets_visitor_org_id_orgs_id_fk" FOREIGN KEY ("visitor_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_schedule_targets" ADD CONSTRAINT "visit_schedule_targets_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_schedules" ADD CONSTRAINT "visit_schedules_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_schedules" ADD CONSTRAINT "visit_schedules_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_tasks" ADD CONSTRAINT "visit_tasks_schedule_id_visit_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."visit_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_tasks" ADD CONSTRAINT "visit_tasks_visitor_org_id_orgs_id_fk" FOREIGN KEY ("visitor_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_tasks" ADD CONSTRAINT "visit_tasks_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_visitor_id_people_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_visitor_org_id_orgs_id_fk" FOREIGN KEY ("visitor_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_task_id_visit_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."visit_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_categories_parent_idx" ON "case_categories" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_events_at_idx" ON "case_events" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "case_meetings_case_idx" ON "case_meetings" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "cases_org_path_gist" ON "cases" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "cases_handling_path_gist" ON "cases" USING gist ("handling_org_path");--> statement-breakpoint
CREATE INDEX "cases_location_gist" ON "cases" USING gist ("location");--> statement-breakpoint
CREATE INDEX "cases_state_id_idx" ON "cases" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "cases_category_id_idx" ON "cases" USING btree ("category_code","id");--> statement-breakpoint
CREATE INDEX "cases_org_id_idx" ON "cases" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "cases_handling_org_id_idx" ON "cases" USING btree ("handling_org_id","id");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_id","id") WHERE assignee_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_reporter_idx" ON "cases" USING btree ("reporter_id","id") WHERE reporter_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_overdue_idx" ON "cases" USING btree ("id") WHERE overdue_at IS NOT NULL AND state NOT IN ('rejected','closed');--> statement-breakpoint
CREATE INDEX "cases_open_due_idx" ON "cases" USING btree ("handle_due_at") WHERE state NOT IN ('rejected','closed','handled','verified');--> statement-breakpoint
CREATE INDEX "cases_revisit_due_idx" ON "cases" USING btree ("revisit_due_at") WHERE state = 'closed' AND revisited_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_token_key" ON "cases" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_case_key" ON "follows" USING btree ("person_id","case_id") WHERE case_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "follows_org_key" ON "follows" USING btree ("person_id","org_id") WHERE org_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "follows_case_idx" ON "follows" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "follows_org_idx" ON "follows" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "estate_ratings_period_key" ON "estate_ratings" USING btree ("estate_id","period");--> statement-breakpoint
CREATE INDEX "estate_ratings_estate_idx" ON "estate_ratings" USING btree ("estate_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_sha256_key" ON "attachments" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "attachments_uploaded_by_idx" ON "attachments" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "notifications" USING btree ("person_id","id");--> statement-breakpoint
CREATE INDEX "notifications_digest_idx" ON "notifications" USING btree ("person_id") WHERE pending_digest IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_schedule_targets_key" ON "visit_schedule_targets" USING btree ("schedule_id","visitor_org_id","community_id");--> statement-breakpoint
CREATE INDEX "visit_schedules_org_idx" ON "visit_schedules" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_tasks_key" ON "visit_tasks" USING btree ("schedule_id","visitor_org_id","community_id","due_on");--> statement-breakpoint
CREATE INDEX "visit_tasks_community_idx" ON "visit_tasks" USING btree ("community_id","due_on");--> statement-breakpoint
CREATE INDEX "visit_tasks_visitor_idx" ON "visit_tasks" USING btree ("visitor_org_id","due_on");--> statement-breakpoint
CREATE INDEX "visits_org_idx" ON "visits" USING btree ("org_id","visited_at");--> statement-breakpoint
CREATE INDEX "visits_visitor_idx" ON "visits" USING btree ("visitor_id","visited_at");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_estate_rating_id_fk" FOREIGN KEY ("estate_rating_id") REFERENCES "public"."estate_ratings"("id");--> statement-breakpoint
ALTER TABLE "estate_ratings" ADD CONSTRAINT "estate_ratings_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id");--> statement-breakpoint
ALTER TABLE "visit_tasks" ADD CONSTRAINT "visit_tasks_visit_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id");--> statement-breakpoint
CREATE TRIGGER case_categories_touch BEFORE UPDATE ON case_categories FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER cases_touch BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER visit_schedules_touch BEFORE UPDATE ON visit_schedules FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER visits_touch BEFORE UPDATE ON visits FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER estate_rating_criteria_touch BEFORE UPDATE ON estate_rating_criteria FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER estate_ratings_touch BEFORE UPDATE ON estate_ratings FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
-- The timeline is append-only: corrections are new events.
CREATE FUNCTION linli_case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only';
END $$;--> statement-breakpoint
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION linli_case_events_append_only();--> statement-breakpoint
-- Default taxonomy (two levels) and rating criteria; both editable in the console.
INSERT INTO case_categories (code, parent_code, name, name_en, accept_hours, handle_days, revisit_days, sort) VALUES
 ('environment', NULL, '环境卫生', 'Environment and sanitation', 24, 3, 7, 10),
 ('environment.garbage', 'environment', '垃圾清运', 'Rubbish collection', 12, 1, 7, 11),
 ('environment.littering', 'environment', '乱堆乱放', 'Dumping and clutter', 24, 3, 7, 12),
 ('environment.greening', 'environment', '绿化养护', 'Green space upkeep', 24, 5, 14, 13),
 ('facility', NULL, '设施维修', 'Facility repairs', 24, 5, 14, 20),
 ('facility.streetlight', 'facility', '路灯损坏', 'Broken street light', 24, 3, 14, 21),
 ('facility.road', 'facility', '道路破损', 'Damaged road or pavement', 24, 7, 14, 22),
 ('facility.drain', 'facility', '下水道堵塞', 'Blocked drain', 12, 2, 7, 23),
 ('facility.elevator', 'facility', '电梯故障', 'Lift out of order', 4, 2, 7, 24),
 ('dispute', NULL, '矛盾纠纷', 'Disputes', 24, 7, 30, 30),
 ('dispute.neighbour', 'dispute', '邻里纠纷', 'Neighbour dispute', 24, 7, 30, 31),
 ('dispute.family', 'dispute', '家庭纠纷', 'Family dispute', 24, 7, 30, 32),
 ('dispute.wages', 'dispute', '劳资纠纷', 'Unpaid wages', 24, 10, 30, 33),
 ('safety', NULL, '安全隐患', 'Safety hazards', 4, 2, 7, 40),
 ('safety.fire', 'safety', '消防隐患', 'Fire hazard', 2, 1, 7, 41),
 ('safety.ebike', 'safety', '电动车违规充电', 'Unsafe e-bike charging', 4, 1, 7, 42),
 ('safety.building', 'safety', '房屋安全', 'Unsafe building', 4, 3, 14, 43),
 ('property', NULL, '物业服务', 'Property management', 24, 5, 14, 50),
 ('property.service', 'property', '物业服务质量', 'Property service quality', 24, 5, 14, 51),
 ('property.parking', 'property', '停车管理', 'Parking', 24, 5, 14, 52),
 ('property.rectification', 'property', '小区整改', 'Estate rectification', 24, 30, 30, 53),
 ('order', NULL, '市容秩序', 'Street order', 24, 3, 7, 60),
 ('order.stall', 'order', '占道经营', 'Street stalls', 24, 3, 7, 61),
 ('order.noise', 'order', '噪音扰民', 'Noise', 12, 2, 7, 62),
 ('other', NULL, '其他', 'Other', 24, 5, 7, 90),
 ('other.general', 'other', '其他问题', 'Other problems', 24, 5, 7, 91);--> statement-breakpoint
INSERT INTO estate_rating_criteria (code, name, name_en, max_score, sort) VALUES
 ('party', '党建引领', 'Party leadership', 15, 1),
 ('sanitation', '环境卫生', 'Cleanliness', 20, 2),
 ('safety', '安全管理', 'Safety management', 20, 3),
 ('facilities', '设施维护', 'Facility upkeep', 15, 4),
 ('service', '物业服务', 'Property service', 20, 5),
 ('satisfaction', '居民满意度', 'Residents'' satisfaction', 10, 6);
