-- Per-person scores' targets as settings: the green and yellow cut-offs a district or street sets for its subtree (issue 18).
CREATE TABLE "statistic_person_targets" (
	"org_id" bigint NOT NULL,
	"role" text NOT NULL,
	"targets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statistic_person_targets_org_id_role_pk" PRIMARY KEY("org_id","role"),
	CONSTRAINT "statistic_person_targets_role_check" CHECK ("statistic_person_targets"."role" IN ('grid_worker', 'member'))
);
--> statement-breakpoint
ALTER TABLE "statistic_person_targets" ADD CONSTRAINT "statistic_person_targets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_person_targets" ADD CONSTRAINT "statistic_person_targets_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statistic_person_targets_updated_by_idx" ON "statistic_person_targets" USING btree ("updated_by");