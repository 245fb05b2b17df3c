-- Mobilisation (emergencies, temporary branches, shock teams, zones, duty posts, shifts, sign-ups, hazards, commendations) and building leaders' 三亮 cards.
CREATE TABLE "building_leader_cards" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "building_leader_cards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"building_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"photo_id" bigint,
	"duties" text[] DEFAULT '{}' NOT NULL,
	"commitments" text DEFAULT '' NOT NULL,
	"show_phone" boolean DEFAULT false NOT NULL,
	"contact_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "building_leader_cards_duties_check" CHECK ("building_leader_cards"."duties" <@ ARRAY['party_building','information','errands','mediation','property_oversight','civility']::text[]),
	CONSTRAINT "building_leader_cards_text_check" CHECK (length("building_leader_cards"."commitments") <= 1000 AND ("building_leader_cards"."contact_note" IS NULL OR length("building_leader_cards"."contact_note") <= 200))
);
--> statement-breakpoint
CREATE TABLE "emergencies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emergencies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"tag" text NOT NULL,
	"level" text DEFAULT 'high' NOT NULL,
	"org_id" bigint NOT NULL,
	"area" geometry(Polygon,4326),
	"description" text,
	"declared_by" bigint NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" bigint,
	"summary" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergencies_kind_check" CHECK ("emergencies"."kind" IN ('flood','epidemic','fire','event','other')),
	CONSTRAINT "emergencies_level_check" CHECK ("emergencies"."level" IN ('normal','high','urgent')),
	CONSTRAINT "emergencies_name_check" CHECK (length(btrim("emergencies"."name")) BETWEEN 2 AND 100 AND length(btrim("emergencies"."tag")) BETWEEN 1 AND 30),
	CONSTRAINT "emergencies_end_check" CHECK (("emergencies"."ended_at" IS NULL) = ("emergencies"."ended_by" IS NULL) AND ("emergencies"."ended_at" IS NULL OR "emergencies"."ended_at" >= "emergencies"."started_at"))
);
--> statement-breakpoint
CREATE TABLE "emergency_branch_members" (
	"branch_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"unit_id" bigint,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_branches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emergency_branches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"emergency_id" bigint NOT NULL,
	"name" text NOT NULL,
	"secretary_id" bigint NOT NULL,
	"closed_at" timestamp with time zone,
	"record" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_branches_name_check" CHECK (length(btrim("emergency_branches"."name")) BETWEEN 2 AND 100)
);
--> statement-breakpoint
CREATE TABLE "emergency_commendations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emergency_commendations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"emergency_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"proposed_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_commendations_reason_check" CHECK (length(btrim("emergency_commendations"."reason")) BETWEEN 2 AND 500)
);
--> statement-breakpoint
CREATE TABLE "emergency_hazards" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emergency_hazards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"emergency_id" bigint NOT NULL,
	"post_id" bigint,
	"case_id" bigint NOT NULL,
	"priority" text NOT NULL,
	"reported_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_hazards_priority_check" CHECK ("emergency_hazards"."priority" IN ('normal','high','urgent'))
);
--> statement-breakpoint
CREATE TABLE "emergency_posts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emergency_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"emergency_id" bigint NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"vanguard" boolean DEFAULT false NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"radius_m" integer DEFAULT 200 NOT NULL,
	"zone_id" bigint,
	"team_id" bigint,
	"checkin_secret" text DEFAULT encode(gen_random_bytes(16), 'hex') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_posts_kind_check" CHECK ("emergency_posts"."kind" IN ('checkpoint','embankment','shelter','patrol','other')),
	CONSTRAINT "emergency_posts_name_check" CHECK (length(btrim("emergency_posts"."name")) BETWEEN 2 AND 100),
	CONSTRAINT "emergency_posts_radius_check" CHECK ("emergency_posts"."radius_m" BETWEEN 20 AND 5000)
);
--> statement-breakpoint
CREATE TABLE "emergency_shifts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emergency_shifts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"post_id" bigint NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"needed" smallint NOT NULL,
	"alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_shifts_time_check" CHECK ("emergency_shifts"."ends_at" > "emergency_shifts"."starts_at" AND "emergency_shifts"."ends_at" <= "emergency_shifts"."starts_at" + interval '24 hours'),
	CONSTRAINT "emergency_shifts_needed_check" CHECK ("emergency_shifts"."needed" BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE TABLE "emergency_team_members" (
	"team_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"source" text NOT NULL,
	"unit_id" bigint,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_team_members_source_check" CHECK ("emergency_team_members"."source" IN ('unit','member','volunteer','other'))
);
--> statement-breakpoint
CREATE TABLE "emergency_teams" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emergency_teams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"emergency_id" bigint NOT NULL,
	"name" text NOT NULL,
	"leader_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_teams_name_check" CHECK (length(btrim("emergency_teams"."name")) BETWEEN 2 AND 100)
);
--> statement-breakpoint
CREATE TABLE "emergency_zones" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emergency_zones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"emergency_id" bigint NOT NULL,
	"name" text NOT NULL,
	"area" geometry(Polygon,4326) NOT NULL,
	"person_id" bigint NOT NULL,
	"team_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_zones_name_check" CHECK (length(btrim("emergency_zones"."name")) BETWEEN 2 AND 100)
);
--> statement-breakpoint
CREATE TABLE "shift_signups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shift_signups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"shift_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"source" text NOT NULL,
	"assigned_by" bigint,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checkin_method" text,
	"hours" numeric(5, 2),
	"hours_recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_signups_source_check" CHECK ("shift_signups"."source" IN ('self','assigned')),
	CONSTRAINT "shift_signups_checkin_check" CHECK (("shift_signups"."checked_in_at" IS NULL) = ("shift_signups"."checkin_method" IS NULL) AND ("shift_signups"."checkin_method" IS NULL OR "shift_signups"."checkin_method" IN ('qr','position','manual')))
);
--> statement-breakpoint
ALTER TABLE "building_leader_cards" ADD CONSTRAINT "building_leader_cards_building_id_orgs_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_leader_cards" ADD CONSTRAINT "building_leader_cards_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergencies" ADD CONSTRAINT "emergencies_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergencies" ADD CONSTRAINT "emergencies_declared_by_people_id_fk" FOREIGN KEY ("declared_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergencies" ADD CONSTRAINT "emergencies_ended_by_people_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_branch_members" ADD CONSTRAINT "emergency_branch_members_branch_id_emergency_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."emergency_branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_branch_members" ADD CONSTRAINT "emergency_branch_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_branch_members" ADD CONSTRAINT "emergency_branch_members_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_branches" ADD CONSTRAINT "emergency_branches_emergency_id_emergencies_id_fk" FOREIGN KEY ("emergency_id") REFERENCES "public"."emergencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_branches" ADD CONSTRAINT "emergency_branches_secretary_id_people_id_fk" FOREIGN KEY ("secretary_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_commendations" ADD CONSTRAINT "emergency_commendations_emergency_id_emergencies_id_fk" FOREIGN KEY ("emergency_id") REFERENCES "public"."emergencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_commendations" ADD CONSTRAINT "emergency_commendations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_commendations" ADD CONSTRAINT "emergency_commendations_proposed_by_people_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_hazards" ADD CONSTRAINT "emergency_hazards_emergency_id_emergencies_id_fk" FOREIGN KEY ("emergency_id") REFERENCES "public"."emergencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_hazards" ADD CONSTRAINT "emergency_hazards_post_id_emergency_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."emergency_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_hazards" ADD CONSTRAINT "emergency_hazards_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_hazards" ADD CONSTRAINT "emergency_hazards_reported_by_people_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_posts" ADD CONSTRAINT "emergency_posts_emergency_id_emergencies_id_fk" FOREIGN KEY ("emergency_id") REFERENCES "public"."emergencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_posts" ADD CONSTRAINT "emergency_posts_zone_id_emergency_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."emergency_zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_posts" ADD CONSTRAINT "emergency_posts_team_id_emergency_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."emergency_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_shifts" ADD CONSTRAINT "emergency_shifts_post_id_emergency_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."emergency_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_team_members" ADD CONSTRAINT "emergency_team_members_team_id_emergency_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."emergency_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_team_members" ADD CONSTRAINT "emergency_team_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_team_members" ADD CONSTRAINT "emergency_team_members_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_teams" ADD CONSTRAINT "emergency_teams_emergency_id_emergencies_id_fk" FOREIGN KEY ("emergency_id") REFERENCES "public"."emergencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_teams" ADD CONSTRAINT "emergency_teams_leader_id_people_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_zones" ADD CONSTRAINT "emergency_zones_emergency_id_emergencies_id_fk" FOREIGN KEY ("emergency_id") REFERENCES "public"."emergencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_zones" ADD CONSTRAINT "emergency_zones_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_zones" ADD CONSTRAINT "emergency_zones_team_id_emergency_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."emergency_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_signups" ADD CONSTRAINT "shift_signups_shift_id_emergency_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."emergency_shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_signups" ADD CONSTRAINT "shift_signups_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_signups" ADD CONSTRAINT "shift_signups_assigned_by_people_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "building_leader_cards_key" ON "building_leader_cards" USING btree ("building_id","person_id");--> statement-breakpoint
CREATE INDEX "building_leader_cards_person_id_idx" ON "building_leader_cards" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "emergencies_org_id_idx" ON "emergencies" USING btree ("org_id","started_at");--> statement-breakpoint
CREATE INDEX "emergencies_declared_by_idx" ON "emergencies" USING btree ("declared_by");--> statement-breakpoint
CREATE INDEX "emergencies_ended_by_idx" ON "emergencies" USING btree ("ended_by");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_branch_members_key" ON "emergency_branch_members" USING btree ("branch_id","person_id");--> statement-breakpoint
CREATE INDEX "emergency_branch_members_person_id_idx" ON "emergency_branch_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "emergency_branch_members_unit_id_idx" ON "emergency_branch_members" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "emergency_branches_emergency_id_idx" ON "emergency_branches" USING btree ("emergency_id");--> statement-breakpoint
CREATE INDEX "emergency_branches_secretary_id_idx" ON "emergency_branches" USING btree ("secretary_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_commendations_key" ON "emergency_commendations" USING btree ("emergency_id","person_id");--> statement-breakpoint
CREATE INDEX "emergency_commendations_person_id_idx" ON "emergency_commendations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "emergency_commendations_proposed_by_idx" ON "emergency_commendations" USING btree ("proposed_by");--> statement-breakpoint
CREATE INDEX "emergency_hazards_emergency_id_idx" ON "emergency_hazards" USING btree ("emergency_id");--> statement-breakpoint
CREATE INDEX "emergency_hazards_post_id_idx" ON "emergency_hazards" USING btree ("post_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_hazards_case_id_key" ON "emergency_hazards" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "emergency_hazards_reported_by_idx" ON "emergency_hazards" USING btree ("reported_by");--> statement-breakpoint
CREATE INDEX "emergency_posts_emergency_id_idx" ON "emergency_posts" USING btree ("emergency_id");--> statement-breakpoint
CREATE INDEX "emergency_posts_zone_id_idx" ON "emergency_posts" USING btree ("zone_id");--> statement-breakpoint
CREATE INDEX "emergency_posts_team_id_idx" ON "emergency_posts" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "emergency_posts_location_gist" ON "emergency_posts" USING gist ("location");--> statement-breakpoint
CREATE INDEX "emergency_shifts_post_id_idx" ON "emergency_shifts" USING btree ("post_id","starts_at");--> statement-breakpoint
CREATE INDEX "emergency_shifts_starts_at_idx" ON "emergency_shifts" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_team_members_key" ON "emergency_team_members" USING btree ("team_id","person_id");--> statement-breakpoint
CREATE INDEX "emergency_team_members_person_id_idx" ON "emergency_team_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "emergency_team_members_unit_id_idx" ON "emergency_team_members" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "emergency_teams_emergency_id_idx" ON "emergency_teams" USING btree ("emergency_id");--> statement-breakpoint
CREATE INDEX "emergency_teams_leader_id_idx" ON "emergency_teams" USING btree ("leader_id");--> statement-breakpoint
CREATE INDEX "emergency_zones_emergency_id_idx" ON "emergency_zones" USING btree ("emergency_id");--> statement-breakpoint
CREATE INDEX "emergency_zones_person_id_idx" ON "emergency_zones" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "emergency_zones_team_id_idx" ON "emergency_zones" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "emergency_zones_area_gist" ON "emergency_zones" USING gist ("area");--> statement-breakpoint
CREATE UNIQUE INDEX "shift_signups_holding_key" ON "shift_signups" USING btree ("shift_id","person_id") WHERE cancelled_at IS NULL;--> statement-breakpoint
CREATE INDEX "shift_signups_shift_id_idx" ON "shift_signups" USING btree ("shift_id","created_at");--> statement-breakpoint
CREATE INDEX "shift_signups_person_id_idx" ON "shift_signups" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "shift_signups_assigned_by_idx" ON "shift_signups" USING btree ("assigned_by");