CREATE TABLE "pairing_limits" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"max_units" integer NOT NULL,
	"updated_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairing_limits_max_units_check" CHECK ("pairing_limits"."max_units" BETWEEN 1 AND 50)
);
--> statement-breakpoint
CREATE TABLE "pairing_agreements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pairing_agreements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"kind" text DEFAULT 'core' NOT NULL,
	"title" text NOT NULL,
	"terms" text NOT NULL,
	"tags" text[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairing_agreements_kind_check" CHECK ("pairing_agreements"."kind" IN ('core','area')),
	CONSTRAINT "pairing_agreements_status_check" CHECK ("pairing_agreements"."status" IN ('active','ended')),
	CONSTRAINT "pairing_agreements_title_check" CHECK (length(btrim("pairing_agreements"."title")) BETWEEN 1 AND 100),
	CONSTRAINT "pairing_agreements_terms_check" CHECK (length(btrim("pairing_agreements"."terms")) BETWEEN 1 AND 4000),
	CONSTRAINT "pairing_agreements_tags_check" CHECK (cardinality("pairing_agreements"."tags") BETWEEN 1 AND 8 AND "pairing_agreements"."tags" <@ ARRAY['party_work','community_work','culture','serving_residents','home_building','member_management','joint_activities','resource_sharing']::text[]),
	CONSTRAINT "pairing_agreements_dates_check" CHECK ("pairing_agreements"."ends_on" IS NULL OR "pairing_agreements"."ends_on" >= "pairing_agreements"."starts_on"),
	CONSTRAINT "pairing_agreements_ended_check" CHECK (("pairing_agreements"."status" = 'ended') = ("pairing_agreements"."ended_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "list_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "list_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"list" text NOT NULL,
	"community_id" bigint NOT NULL,
	"publisher_unit_id" bigint,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"tag" text,
	"due_on" date,
	"state" text DEFAULT 'open' NOT NULL,
	"claimant_unit_id" bigint,
	"claimed_by" bigint,
	"claimed_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"published_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "list_items_list_check" CHECK ("list_items"."list" IN ('need','resource','project','responsibility')),
	CONSTRAINT "list_items_state_check" CHECK ("list_items"."state" IN ('open','claimed','in_progress','completed','withdrawn')),
	CONSTRAINT "list_items_title_check" CHECK (length(btrim("list_items"."title")) BETWEEN 1 AND 100),
	CONSTRAINT "list_items_description_check" CHECK (length(btrim("list_items"."description")) BETWEEN 1 AND 2000),
	CONSTRAINT "list_items_tag_check" CHECK ("list_items"."tag" IN ('party_work','community_work','culture','serving_residents','home_building','member_management','joint_activities','resource_sharing')),
	CONSTRAINT "list_items_claim_check" CHECK (("list_items"."state" = 'open') = ("list_items"."claimed_by" IS NULL) OR ("list_items"."state" = 'withdrawn')),
	CONSTRAINT "list_items_claimant_check" CHECK ("list_items"."claimed_by" IS NULL OR ("list_items"."publisher_unit_id" IS NULL) = ("list_items"."claimant_unit_id" IS NOT NULL)),
	CONSTRAINT "list_items_completed_check" CHECK (("list_items"."state" = 'completed') = ("list_items"."completed_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "list_item_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "list_item_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" bigint NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"progress" integer,
	"actor_id" bigint NOT NULL,
	"acting_unit_id" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "list_item_events_action_check" CHECK ("list_item_events"."action" IN ('publish','claim','progress','confirm','withdraw')),
	CONSTRAINT "list_item_events_progress_check" CHECK ("list_item_events"."progress" BETWEEN 0 AND 100),
	CONSTRAINT "list_item_events_note_check" CHECK (length("list_item_events"."note") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "alliances" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alliances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" text DEFAULT 'alliance' NOT NULL,
	"org_id" bigint NOT NULL,
	"description" text,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliances_kind_check" CHECK ("alliances"."kind" IN ('alliance','complex')),
	CONSTRAINT "alliances_name_check" CHECK (length(btrim("alliances"."name")) BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE TABLE "alliance_units" (
	"alliance_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_units_alliance_id_unit_id_pk" PRIMARY KEY("alliance_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "alliance_activities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alliance_activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"alliance_id" bigint NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"place" text,
	"description" text,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_activities_title_check" CHECK (length(btrim("alliance_activities"."title")) BETWEEN 1 AND 100)
);
--> statement-breakpoint
ALTER TABLE "pairing_limits" ADD CONSTRAINT "pairing_limits_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_limits" ADD CONSTRAINT "pairing_limits_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_agreements" ADD CONSTRAINT "pairing_agreements_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_agreements" ADD CONSTRAINT "pairing_agreements_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_agreements" ADD CONSTRAINT "pairing_agreements_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_items" ADD CONSTRAINT "list_items_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_items" ADD CONSTRAINT "list_items_publisher_unit_id_units_id_fk" FOREIGN KEY ("publisher_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_items" ADD CONSTRAINT "list_items_claimant_unit_id_units_id_fk" FOREIGN KEY ("claimant_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_items" ADD CONSTRAINT "list_items_claimed_by_people_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_items" ADD CONSTRAINT "list_items_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_item_events" ADD CONSTRAINT "list_item_events_item_id_list_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."list_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_item_events" ADD CONSTRAINT "list_item_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_item_events" ADD CONSTRAINT "list_item_events_acting_unit_id_units_id_fk" FOREIGN KEY ("acting_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_units" ADD CONSTRAINT "alliance_units_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_units" ADD CONSTRAINT "alliance_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_activities" ADD CONSTRAINT "alliance_activities_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_activities" ADD CONSTRAINT "alliance_activities_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pairing_agreements_community_idx" ON "pairing_agreements" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "pairing_agreements_unit_idx" ON "pairing_agreements" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pairing_agreements_active_key" ON "pairing_agreements" USING btree ("community_id","unit_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "list_items_community_idx" ON "list_items" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "list_items_publisher_unit_idx" ON "list_items" USING btree ("publisher_unit_id");--> statement-breakpoint
CREATE INDEX "list_items_claimant_unit_idx" ON "list_items" USING btree ("claimant_unit_id");--> statement-breakpoint
CREATE INDEX "list_item_events_item_idx" ON "list_item_events" USING btree ("item_id","id");--> statement-breakpoint
CREATE INDEX "alliances_org_idx" ON "alliances" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alliances_org_name_key" ON "alliances" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "alliance_units_unit_idx" ON "alliance_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "alliance_activities_alliance_idx" ON "alliance_activities" USING btree ("alliance_id","held_on");--> statement-breakpoint
CREATE TRIGGER units_touch BEFORE UPDATE ON units FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER unit_people_touch BEFORE UPDATE ON unit_people FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER pairing_limits_touch BEFORE UPDATE ON pairing_limits FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER pairing_agreements_touch BEFORE UPDATE ON pairing_agreements FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER list_items_touch BEFORE UPDATE ON list_items FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
CREATE TRIGGER alliances_touch BEFORE UPDATE ON alliances FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();--> statement-breakpoint
-- The timeline of a list item is append-only: corrections are new events.
CREATE FUNCTION linli_list_item_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'list_item_events is append-only';
END $$;--> statement-breakpoint
CREATE TRIGGER list_item_events_append_only BEFORE UPDATE OR DELETE ON list_item_events FOR EACH ROW EXECUTE FUNCTION linli_list_item_events_append_only();
