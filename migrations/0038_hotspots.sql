-- Hotspots: which cases and orders a hotspot was raised from as a deliberation topic (每月一题)
CREATE TABLE "hotspot_raises" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hotspot_raises_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"category" text NOT NULL,
	"topic_id" bigint NOT NULL,
	"case_ids" bigint[] DEFAULT '{}' NOT NULL,
	"order_ids" bigint[] DEFAULT '{}' NOT NULL,
	"raised_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hotspot_raises" ADD CONSTRAINT "hotspot_raises_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotspot_raises" ADD CONSTRAINT "hotspot_raises_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotspot_raises" ADD CONSTRAINT "hotspot_raises_raised_by_people_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hotspot_raises_org_idx" ON "hotspot_raises" USING btree ("org_id","category");--> statement-breakpoint
CREATE INDEX "hotspot_raises_topic_idx" ON "hotspot_raises" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "hotspot_raises_raised_by_idx" ON "hotspot_raises" USING btree ("raised_by");--> statement-breakpoint
CREATE INDEX "hotspot_raises_case_ids_gin" ON "hotspot_raises" USING gin ("case_ids");--> statement-breakpoint
CREATE INDEX "hotspot_raises_order_ids_gin" ON "hotspot_raises" USING gin ("order_ids");