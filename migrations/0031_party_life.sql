-- Issue 17 organisation life: Party organisation members (直管/参管/协管), yearly plans, due reminders, study courses/sessions/attendance; meetings gain the Party kinds, 微公益/微心愿 links and reminder/booking-notice stamps.
CREATE TABLE "party_life_plans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "party_life_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"party_org_id" bigint NOT NULL,
	"year" smallint NOT NULL,
	"kind" text NOT NULL,
	"frequency" text NOT NULL,
	"note" text,
	"updated_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_life_plans_kind_check" CHECK ("party_life_plans"."kind" IN ('branch_assembly','branch_committee','group_meeting','party_class','theme_day','micro_class','micro_meeting','micro_day')),
	CONSTRAINT "party_life_plans_frequency_check" CHECK ("party_life_plans"."frequency" IN ('monthly','quarterly','half_yearly','yearly','none')),
	CONSTRAINT "party_life_plans_year_check" CHECK ("party_life_plans"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "party_life_reminders" (
	"party_org_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"period_start" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_life_reminders_party_org_id_kind_period_start_pk" PRIMARY KEY("party_org_id","kind","period_start")
);
--> statement-breakpoint
CREATE TABLE "party_org_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "party_org_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"party_org_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"relation" text NOT NULL,
	"post" text DEFAULT 'member' NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_org_members_relation_check" CHECK ("party_org_members"."relation" IN ('direct','participating','assisting')),
	CONSTRAINT "party_org_members_post_check" CHECK ("party_org_members"."post" IN ('secretary','deputy_secretary','committee_member','group_leader','member')),
	CONSTRAINT "party_org_members_dates_check" CHECK ("party_org_members"."left_on" IS NULL OR "party_org_members"."left_on" >= "party_org_members"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "study_attendance" (
	"session_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"present" boolean NOT NULL,
	"hours" numeric(4, 1) DEFAULT 0 NOT NULL,
	"absence_reason" text,
	"recorded_by" bigint NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_attendance_session_id_person_id_pk" PRIMARY KEY("session_id","person_id"),
	CONSTRAINT "study_attendance_hours_check" CHECK (("study_attendance"."present" AND "study_attendance"."hours" > 0 AND "study_attendance"."hours" <= 24 AND "study_attendance"."absence_reason" IS NULL) OR (NOT "study_attendance"."present" AND "study_attendance"."hours" = 0))
);
--> statement-breakpoint
CREATE TABLE "study_courses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "study_courses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"year" smallint NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_courses_kind_check" CHECK ("study_courses"."kind" IN ('party_history','secretary_training','theory','other')),
	CONSTRAINT "study_courses_title_check" CHECK (length(btrim("study_courses"."title")) BETWEEN 2 AND 120),
	CONSTRAINT "study_courses_year_check" CHECK ("study_courses"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "study_sessions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "study_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"course_id" bigint NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"hours" numeric(4, 1) NOT NULL,
	"place" text,
	"teacher" text,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_sessions_title_check" CHECK (length(btrim("study_sessions"."title")) BETWEEN 2 AND 120),
	CONSTRAINT "study_sessions_hours_check" CHECK ("study_sessions"."hours" > 0 AND "study_sessions"."hours" <= 24)
);
--> statement-breakpoint
ALTER TABLE "meetings" DROP CONSTRAINT "meetings_kind_check";--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "activity_id" bigint;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "wish_id" bigint;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "booking_lost_noticed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "party_life_plans" ADD CONSTRAINT "party_life_plans_party_org_id_orgs_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_life_plans" ADD CONSTRAINT "party_life_plans_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_life_reminders" ADD CONSTRAINT "party_life_reminders_party_org_id_orgs_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_members" ADD CONSTRAINT "party_org_members_party_org_id_orgs_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_members" ADD CONSTRAINT "party_org_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_members" ADD CONSTRAINT "party_org_members_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_session_id_study_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."study_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_courses" ADD CONSTRAINT "study_courses_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_courses" ADD CONSTRAINT "study_courses_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sessions" ADD CONSTRAINT "study_sessions_course_id_study_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."study_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sessions" ADD CONSTRAINT "study_sessions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "party_life_plans_key" ON "party_life_plans" USING btree ("party_org_id","year","kind");--> statement-breakpoint
CREATE INDEX "party_life_plans_updated_by_idx" ON "party_life_plans" USING btree ("updated_by");--> statement-breakpoint
CREATE UNIQUE INDEX "party_org_members_open_key" ON "party_org_members" USING btree ("party_org_id","person_id") WHERE left_on IS NULL;--> statement-breakpoint
CREATE INDEX "party_org_members_person_idx" ON "party_org_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "party_org_members_created_by_idx" ON "party_org_members" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "study_attendance_person_idx" ON "study_attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "study_attendance_recorded_by_idx" ON "study_attendance" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "study_courses_org_year_idx" ON "study_courses" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "study_courses_created_by_idx" ON "study_courses" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "study_sessions_course_idx" ON "study_sessions" USING btree ("course_id","starts_at");--> statement-breakpoint
CREATE INDEX "study_sessions_created_by_idx" ON "study_sessions" USING btree ("created_by");--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_wish_id_wishes_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wishes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meetings_activity_id_idx" ON "meetings" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "meetings_wish_id_idx" ON "meetings" USING btree ("wish_id");--> statement-breakpoint
CREATE INDEX "meetings_due_reminder_idx" ON "meetings" USING btree ("starts_at") WHERE reminded_at IS NULL AND state = 'planned';--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_kind_check" CHECK ("meetings"."kind" IN ('council_hall','round_table','council','five_party','branch_assembly','branch_committee','group_meeting','party_class','theme_day','micro_class','micro_meeting','micro_day'));