-- Funds and projects (issue 17): funds per community and year by source, projects with their timeline, expenses with receipts, crowdfunding pledges, social organisations' incubation profiles.
CREATE TABLE "fund_expenses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_expenses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"amount_yuan" numeric(12, 2) NOT NULL,
	"spent_on" date NOT NULL,
	"item" text NOT NULL,
	"payee" text,
	"receipt_photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_expenses_amount_check" CHECK ("fund_expenses"."amount_yuan" > 0)
);
--> statement-breakpoint
CREATE TABLE "fund_pledges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_pledges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"state" text DEFAULT 'pledged' NOT NULL,
	"person_id" bigint NOT NULL,
	"unit_id" bigint,
	"amount_yuan" numeric(12, 2) NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"note" text,
	"confirmed_by" bigint,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_pledges_state_check" CHECK ("fund_pledges"."state" IN ('pledged','received','withdrawn')),
	CONSTRAINT "fund_pledges_amount_check" CHECK ("fund_pledges"."amount_yuan" > 0)
);
--> statement-breakpoint
CREATE TABLE "fund_project_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_project_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"actor_id" bigint,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_projects" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'proposed' NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"governance" boolean DEFAULT false NOT NULL,
	"proposed_by" text NOT NULL,
	"unit_id" bigint,
	"resolution_id" bigint,
	"fund_id" bigint,
	"budget_yuan" numeric(12, 2) DEFAULT '0' NOT NULL,
	"target_yuan" numeric(12, 2),
	"progress" integer DEFAULT 0 NOT NULL,
	"evidence_photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"done_note" text,
	"decided_at" timestamp with time zone,
	"budgeted_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_projects_kind_check" CHECK ("fund_projects"."kind" IN ('benefit','venture','crowdfunding')),
	CONSTRAINT "fund_projects_state_check" CHECK ("fund_projects"."state" IN ('proposed','decided','budgeted','done','rejected','cancelled')),
	CONSTRAINT "fund_projects_proposer_check" CHECK ("fund_projects"."proposed_by" IN ('residents','social_organisation','community')),
	CONSTRAINT "fund_projects_budget_check" CHECK ("fund_projects"."budget_yuan" >= 0),
	CONSTRAINT "fund_projects_target_check" CHECK ("fund_projects"."target_yuan" IS NULL OR "fund_projects"."target_yuan" > 0),
	CONSTRAINT "fund_projects_progress_check" CHECK ("fund_projects"."progress" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "funds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"name" text NOT NULL,
	"amount_yuan" numeric(12, 2) NOT NULL,
	"unit_id" bigint,
	"governance_min_pct" integer,
	"note" text,
	"created_by" bigint,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_source_check" CHECK ("funds"."source" IN ('party_work','service','member_activity','special','co_building')),
	CONSTRAINT "funds_amount_check" CHECK ("funds"."amount_yuan" >= 0),
	CONSTRAINT "funds_year_check" CHECK ("funds"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "funds_pct_check" CHECK ("funds"."governance_min_pct" IS NULL OR "funds"."governance_min_pct" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "social_orgs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "social_orgs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"unit_id" bigint NOT NULL,
	"services" text[] DEFAULT '{}' NOT NULL,
	"stage" text DEFAULT 'incubating' NOT NULL,
	"incubated_on" date,
	"hatched_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "social_orgs_stage_check" CHECK ("social_orgs"."stage" IN ('incubating','hatched','registered'))
);
--> statement-breakpoint
ALTER TABLE "fund_expenses" ADD CONSTRAINT "fund_expenses_project_id_fund_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."fund_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_expenses" ADD CONSTRAINT "fund_expenses_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_pledges" ADD CONSTRAINT "fund_pledges_project_id_fund_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."fund_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_pledges" ADD CONSTRAINT "fund_pledges_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_pledges" ADD CONSTRAINT "fund_pledges_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_pledges" ADD CONSTRAINT "fund_pledges_confirmed_by_people_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_project_events" ADD CONSTRAINT "fund_project_events_project_id_fund_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."fund_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_project_events" ADD CONSTRAINT "fund_project_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_projects" ADD CONSTRAINT "fund_projects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_projects" ADD CONSTRAINT "fund_projects_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_projects" ADD CONSTRAINT "fund_projects_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_projects" ADD CONSTRAINT "fund_projects_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_projects" ADD CONSTRAINT "fund_projects_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_orgs" ADD CONSTRAINT "social_orgs_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fund_expenses_project_idx" ON "fund_expenses" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "fund_expenses_recorded_by_idx" ON "fund_expenses" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "fund_pledges_project_idx" ON "fund_pledges" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "fund_pledges_person_idx" ON "fund_pledges" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "fund_pledges_unit_idx" ON "fund_pledges" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "fund_pledges_confirmed_by_idx" ON "fund_pledges" USING btree ("confirmed_by");--> statement-breakpoint
CREATE INDEX "fund_project_events_project_idx" ON "fund_project_events" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "fund_project_events_actor_idx" ON "fund_project_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "fund_projects_org_year_idx" ON "fund_projects" USING btree ("org_id","year","id");--> statement-breakpoint
CREATE INDEX "fund_projects_fund_idx" ON "fund_projects" USING btree ("fund_id");--> statement-breakpoint
CREATE INDEX "fund_projects_unit_idx" ON "fund_projects" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "fund_projects_resolution_idx" ON "fund_projects" USING btree ("resolution_id");--> statement-breakpoint
CREATE INDEX "fund_projects_created_by_idx" ON "fund_projects" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "funds_org_year_idx" ON "funds" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "funds_unit_idx" ON "funds" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "funds_created_by_idx" ON "funds" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "social_orgs_unit_idx" ON "social_orgs" USING btree ("unit_id");