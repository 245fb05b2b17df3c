-- Issue 18: secretaries' projects (书记抓党建项目) and responsibility lists (责任清单): items with owners, milestones, progress, sources and a timeline.
CREATE TABLE "secretary_project_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "secretary_project_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"actor_id" bigint,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secretary_project_milestones" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "secretary_project_milestones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" bigint,
	"evidence_note" text,
	"evidence_photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"overdue_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secretary_projects" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "secretary_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"year_from" integer NOT NULL,
	"year_to" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owner_id" bigint NOT NULL,
	"unit_id" bigint,
	"department" text,
	"progress" integer DEFAULT 0 NOT NULL,
	"progress_manual" boolean DEFAULT false NOT NULL,
	"source_kind" text,
	"source_category" text,
	"source_street_id" bigint,
	"source_case_ids" bigint[] DEFAULT '{}' NOT NULL,
	"source_order_ids" bigint[] DEFAULT '{}' NOT NULL,
	"source_case_id" bigint,
	"source_topic_id" bigint,
	"created_by" bigint NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" bigint,
	"close_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "secretary_projects_kind_check" CHECK ("secretary_projects"."kind" IN ('project','duty')),
	CONSTRAINT "secretary_projects_state_check" CHECK ("secretary_projects"."state" IN ('planned','in_progress','done','overdue')),
	CONSTRAINT "secretary_projects_source_check" CHECK ("secretary_projects"."source_kind" IS NULL OR "secretary_projects"."source_kind" IN ('hotspot','case','topic')),
	CONSTRAINT "secretary_projects_years_check" CHECK ("secretary_projects"."year_to" >= "secretary_projects"."year_from" AND "secretary_projects"."year_to" - "secretary_projects"."year_from" <= 2),
	CONSTRAINT "secretary_projects_progress_check" CHECK ("secretary_projects"."progress" BETWEEN 0 AND 100)
);
--> statement-breakpoint
ALTER TABLE "secretary_project_events" ADD CONSTRAINT "secretary_project_events_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_project_events" ADD CONSTRAINT "secretary_project_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_project_milestones" ADD CONSTRAINT "secretary_project_milestones_project_id_secretary_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."secretary_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_project_milestones" ADD CONSTRAINT "secretary_project_milestones_done_by_people_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_source_street_id_orgs_id_fk" FOREIGN KEY ("source_street_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_source_case_id_cases_id_fk" FOREIGN KEY ("source_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_source_topic_id_topics_id_fk" FOREIGN KEY ("source_topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_projects" ADD CONSTRAINT "secretary_projects_closed_by_people_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "secretary_project_events_project_idx" ON "secretary_project_events" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "secretary_project_events_actor_idx" ON "secretary_project_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "secretary_project_milestones_project_idx" ON "secretary_project_milestones" USING btree ("project_id","due_on");--> statement-breakpoint
CREATE INDEX "secretary_project_milestones_done_by_idx" ON "secretary_project_milestones" USING btree ("done_by");--> statement-breakpoint
CREATE INDEX "secretary_project_milestones_open_due_idx" ON "secretary_project_milestones" USING btree ("due_on") WHERE "secretary_project_milestones"."done_at" IS NULL;--> statement-breakpoint
CREATE INDEX "secretary_projects_org_idx" ON "secretary_projects" USING btree ("org_id","year_from","id");--> statement-breakpoint
CREATE INDEX "secretary_projects_owner_idx" ON "secretary_projects" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "secretary_projects_unit_idx" ON "secretary_projects" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "secretary_projects_source_street_idx" ON "secretary_projects" USING btree ("source_street_id");--> statement-breakpoint
CREATE INDEX "secretary_projects_source_case_idx" ON "secretary_projects" USING btree ("source_case_id");--> statement-breakpoint
CREATE INDEX "secretary_projects_source_topic_idx" ON "secretary_projects" USING btree ("source_topic_id");--> statement-breakpoint
CREATE INDEX "secretary_projects_created_by_idx" ON "secretary_projects" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "secretary_projects_closed_by_idx" ON "secretary_projects" USING btree ("closed_by");--> statement-breakpoint
CREATE INDEX "secretary_projects_source_case_ids_gin" ON "secretary_projects" USING gin ("source_case_ids");