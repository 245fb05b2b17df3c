CREATE TABLE "volunteer_teams" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_teams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"function" text NOT NULL,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"description" text,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_teams_name_check" CHECK (length(btrim("volunteer_teams"."name")) BETWEEN 2 AND 50),
	CONSTRAINT "volunteer_teams_function_check" CHECK ("volunteer_teams"."function" IN ('repairs','patrol','health','legal_aid','culture','publicity','elderly_care','environment','other')),
	CONSTRAINT "volunteer_teams_skills_check" CHECK (cardinality("volunteer_teams"."skills") <= 20)
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"person_id" bigint PRIMARY KEY NOT NULL,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"intro" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_skills_check" CHECK (cardinality("volunteers"."skills") <= 20)
);
--> statement-breakpoint
CREATE TABLE "volunteer_team_members" (
	"team_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_team_members_team_id_person_id_pk" PRIMARY KEY("team_id","person_id"),
	CONSTRAINT "volunteer_team_members_role_check" CHECK ("volunteer_team_members"."role" IN ('leader','member'))
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"team_id" bigint,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"place" text NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"skill_needs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_hours" numeric(5, 2),
	"status" text DEFAULT 'published' NOT NULL,
	"cancel_reason" text,
	"checkin_secret" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_title_check" CHECK (length(btrim("activities"."title")) BETWEEN 2 AND 100),
	CONSTRAINT "activities_time_check" CHECK ("activities"."ends_at" > "activities"."starts_at" AND "activities"."ends_at" <= "activities"."starts_at" + interval '3 days'),
	CONSTRAINT "activities_capacity_check" CHECK ("activities"."capacity" BETWEEN 1 AND 1000),
	CONSTRAINT "activities_max_hours_check" CHECK ("activities"."max_hours" IS NULL OR "activities"."max_hours" > 0),
	CONSTRAINT "activities_status_check" CHECK ("activities"."status" IN ('published','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "activity_signups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_signups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"activity_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"status" text NOT NULL,
	"signed_up_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_signups_status_check" CHECK ("activity_signups"."status" IN ('confirmed','waitlisted','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "activity_attendances" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_attendances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"activity_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"signup_id" bigint NOT NULL,
	"status" text NOT NULL,
	"method" text NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"hours" numeric(5, 2),
	"confirmed_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_attendances_status_check" CHECK ("activity_attendances"."status" IN ('checked_in','checked_out','no_show')),
	CONSTRAINT "activity_attendances_method_check" CHECK ("activity_attendances"."method" IN ('code','confirmed','sweep')),
	CONSTRAINT "activity_attendances_state_check" CHECK (("activity_attendances"."status" = 'no_show' AND "activity_attendances"."checked_in_at" IS NULL AND "activity_attendances"."checked_out_at" IS NULL AND "activity_attendances"."hours" IS NULL) OR ("activity_attendances"."status" = 'checked_in' AND "activity_attendances"."checked_in_at" IS NOT NULL AND "activity_attendances"."checked_out_at" IS NULL AND "activity_attendances"."hours" IS NULL) OR ("activity_attendances"."status" = 'checked_out' AND "activity_attendances"."checked_in_at" IS NOT NULL AND "activity_attendances"."checked_out_at" >= "activity_attendances"."checked_in_at" AND "activity_attendances"."hours" IS NOT NULL)),
	CONSTRAINT "activity_attendances_hours_check" CHECK ("activity_attendances"."hours" IS NULL OR "activity_attendances"."hours" BETWEEN 0 AND 72)
);
--> statement-breakpoint
CREATE TABLE "time_bank_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "time_bank_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"giver_id" bigint NOT NULL,
	"receiver_id" bigint NOT NULL,
	"hours" numeric(5, 2) NOT NULL,
	"served_on" date NOT NULL,
	"note" text NOT NULL,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_bank_entries_hours_check" CHECK ("time_bank_entries"."hours" > 0 AND "time_bank_entries"."hours" <= 24),
	CONSTRAINT "time_bank_entries_people_check" CHECK ("time_bank_entries"."giver_id" <> "time_bank_entries"."receiver_id"),
	CONSTRAINT "time_bank_entries_note_check" CHECK (length(btrim("time_bank_entries"."note")) BETWEEN 2 AND 500)
);
--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_person_id_volunteers_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."volunteers"("person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_signups" ADD CONSTRAINT "activity_signups_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_signups" ADD CONSTRAINT "activity_signups_person_id_volunteers_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."volunteers"("person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendances" ADD CONSTRAINT "activity_attendances_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendances" ADD CONSTRAINT "activity_attendances_person_id_volunteers_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."volunteers"("person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendances" ADD CONSTRAINT "activity_attendances_signup_id_activity_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."activity_signups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendances" ADD CONSTRAINT "activity_attendances_confirmed_by_people_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_entries" ADD CONSTRAINT "time_bank_entries_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_entries" ADD CONSTRAINT "time_bank_entries_giver_id_volunteers_person_id_fk" FOREIGN KEY ("giver_id") REFERENCES "public"."volunteers"("person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_entries" ADD CONSTRAINT "time_bank_entries_receiver_id_people_id_fk" FOREIGN KEY ("receiver_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_entries" ADD CONSTRAINT "time_bank_entries_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_teams_org_idx" ON "volunteer_teams" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_teams_name_key" ON "volunteer_teams" USING btree ("org_id","name") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "volunteer_team_members_person_idx" ON "volunteer_team_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "activities_org_idx" ON "activities" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE INDEX "activities_starts_idx" ON "activities" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "activities_team_idx" ON "activities" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "activities_location_gist" ON "activities" USING gist ("location");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_signups_key" ON "activity_signups" USING btree ("activity_id","person_id");--> statement-breakpoint
CREATE INDEX "activity_signups_queue_idx" ON "activity_signups" USING btree ("activity_id","status","signed_up_at","id");--> statement-breakpoint
CREATE INDEX "activity_signups_person_idx" ON "activity_signups" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_attendances_key" ON "activity_attendances" USING btree ("activity_id","person_id");--> statement-breakpoint
CREATE INDEX "activity_attendances_person_idx" ON "activity_attendances" USING btree ("person_id","status");--> statement-breakpoint
CREATE INDEX "time_bank_entries_giver_idx" ON "time_bank_entries" USING btree ("giver_id","served_on");--> statement-breakpoint
CREATE INDEX "time_bank_entries_receiver_idx" ON "time_bank_entries" USING btree ("receiver_id","served_on");
