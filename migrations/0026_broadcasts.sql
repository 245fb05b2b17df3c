-- Issue 16: broadcasts (红喇叭) and their receipts, one per recipient, fanned out set-based; counters on the notice for the figures.
CREATE TABLE "broadcast_receipts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "broadcast_receipts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"broadcast_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"org_id" bigint,
	"delivered_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"ack_choice" text,
	"stage" smallint DEFAULT 0 NOT NULL,
	"reminded_at" timestamp with time zone,
	"call_ticked_by" bigint,
	"call_ticked_at" timestamp with time zone,
	"call_outcome" text,
	"call_note" text,
	"handed_to" bigint,
	"handed_at" timestamp with time zone,
	CONSTRAINT "broadcast_receipts_channel_check" CHECK ("broadcast_receipts"."channel" IN ('in_app','sms','call')),
	CONSTRAINT "broadcast_receipts_outcome_check" CHECK ("broadcast_receipts"."call_outcome" IS NULL OR "broadcast_receipts"."call_outcome" IN ('reached','no_answer','wrong_number','visited','not_home')),
	CONSTRAINT "broadcast_receipts_stage_check" CHECK ("broadcast_receipts"."stage" = CASE WHEN "broadcast_receipts"."acknowledged_at" IS NOT NULL THEN 2 WHEN "broadcast_receipts"."opened_at" IS NOT NULL THEN 1 ELSE 0 END)
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "broadcasts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"author_id" bigint NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"audience" jsonb NOT NULL,
	"channels" text[] NOT NULL,
	"ack_required" boolean DEFAULT false NOT NULL,
	"ack_options" text[] DEFAULT '{}' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"sent_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" bigint,
	"recipients" integer DEFAULT 0 NOT NULL,
	"opened_count" integer DEFAULT 0 NOT NULL,
	"acked_count" integer DEFAULT 0 NOT NULL,
	"ack80_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broadcasts_state_check" CHECK ("broadcasts"."state" IN ('draft','sent','withdrawn')),
	CONSTRAINT "broadcasts_channels_check" CHECK ("broadcasts"."channels" <@ ARRAY['in_app','sms','call']::text[] AND cardinality("broadcasts"."channels") >= 1),
	CONSTRAINT "broadcasts_sent_check" CHECK (("broadcasts"."state" = 'draft') = ("broadcasts"."sent_at" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "broadcast_receipts" ADD CONSTRAINT "broadcast_receipts_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_receipts" ADD CONSTRAINT "broadcast_receipts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_receipts" ADD CONSTRAINT "broadcast_receipts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_receipts" ADD CONSTRAINT "broadcast_receipts_call_ticked_by_people_id_fk" FOREIGN KEY ("call_ticked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_receipts" ADD CONSTRAINT "broadcast_receipts_handed_to_people_id_fk" FOREIGN KEY ("handed_to") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_withdrawn_by_people_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "broadcast_receipts_key" ON "broadcast_receipts" USING btree ("broadcast_id","person_id");--> statement-breakpoint
CREATE INDEX "broadcast_receipts_page_idx" ON "broadcast_receipts" USING btree ("broadcast_id","stage","id");--> statement-breakpoint
CREATE INDEX "broadcast_receipts_person_idx" ON "broadcast_receipts" USING btree ("person_id","broadcast_id");--> statement-breakpoint
CREATE INDEX "broadcast_receipts_org_idx" ON "broadcast_receipts" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "broadcast_receipts_ticked_by_idx" ON "broadcast_receipts" USING btree ("call_ticked_by");--> statement-breakpoint
CREATE INDEX "broadcast_receipts_handed_idx" ON "broadcast_receipts" USING btree ("handed_to","broadcast_id");--> statement-breakpoint
CREATE INDEX "broadcasts_org_idx" ON "broadcasts" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "broadcasts_author_idx" ON "broadcasts" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "broadcasts_withdrawn_by_idx" ON "broadcasts" USING btree ("withdrawn_by");--> statement-breakpoint
CREATE INDEX "broadcasts_sent_idx" ON "broadcasts" USING btree ("sent_at");