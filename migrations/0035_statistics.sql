-- The statistics table (issue 18): facts per community and month, manual values, dirty community-months, watermarks, reports (submitted/approved/accepted) with frozen snapshots, lock exceptions.
CREATE TABLE "statistic_dirty" (
	"community_id" bigint NOT NULL,
	"period" text NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statistic_dirty_community_id_period_pk" PRIMARY KEY("community_id","period")
);
--> statement-breakpoint
CREATE TABLE "statistic_facts" (
	"community_id" bigint NOT NULL,
	"period" text NOT NULL,
	"code" text NOT NULL,
	"numerator" numeric NOT NULL,
	"denominator" numeric,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statistic_facts_community_id_period_code_pk" PRIMARY KEY("community_id","period","code"),
	CONSTRAINT "statistic_facts_period_check" CHECK ("statistic_facts"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "statistic_manual_values" (
	"community_id" bigint NOT NULL,
	"period" text NOT NULL,
	"code" text NOT NULL,
	"value" numeric NOT NULL,
	"entered_by" bigint NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statistic_manual_values_community_id_period_code_pk" PRIMARY KEY("community_id","period","code"),
	CONSTRAINT "statistic_manual_values_period_check" CHECK ("statistic_manual_values"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "statistic_reports" (
	"org_id" bigint NOT NULL,
	"period" text NOT NULL,
	"state" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"acted_by" bigint NOT NULL,
	"acted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statistic_reports_org_id_period_pk" PRIMARY KEY("org_id","period"),
	CONSTRAINT "statistic_reports_state_check" CHECK ("statistic_reports"."state" IN ('submitted','approved','accepted')),
	CONSTRAINT "statistic_reports_period_check" CHECK ("statistic_reports"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "statistic_unlocks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "statistic_unlocks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"period" text NOT NULL,
	"reason" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"granted_by" bigint NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statistic_unlocks_reason_check" CHECK (length(btrim("statistic_unlocks"."reason")) BETWEEN 2 AND 500)
);
--> statement-breakpoint
CREATE TABLE "statistic_watermarks" (
	"source" text PRIMARY KEY NOT NULL,
	"read_to" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "statistic_dirty" ADD CONSTRAINT "statistic_dirty_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_facts" ADD CONSTRAINT "statistic_facts_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_manual_values" ADD CONSTRAINT "statistic_manual_values_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_manual_values" ADD CONSTRAINT "statistic_manual_values_entered_by_people_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_reports" ADD CONSTRAINT "statistic_reports_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_reports" ADD CONSTRAINT "statistic_reports_acted_by_people_id_fk" FOREIGN KEY ("acted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_unlocks" ADD CONSTRAINT "statistic_unlocks_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistic_unlocks" ADD CONSTRAINT "statistic_unlocks_granted_by_people_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statistic_facts_period_idx" ON "statistic_facts" USING btree ("period","code");--> statement-breakpoint
CREATE INDEX "statistic_manual_values_entered_by_idx" ON "statistic_manual_values" USING btree ("entered_by");--> statement-breakpoint
CREATE INDEX "statistic_reports_acted_by_idx" ON "statistic_reports" USING btree ("acted_by");--> statement-breakpoint
CREATE INDEX "statistic_reports_period_idx" ON "statistic_reports" USING btree ("period","state");--> statement-breakpoint
CREATE INDEX "statistic_unlocks_org_idx" ON "statistic_unlocks" USING btree ("org_id","period");--> statement-breakpoint
CREATE INDEX "statistic_unlocks_granted_by_idx" ON "statistic_unlocks" USING btree ("granted_by");