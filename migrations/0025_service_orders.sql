-- Issue 15: the service catalogue (versioned items), orders and their timelines, providers' matching profiles, one-button devices and presses, wishes, errands; time-bank entries recorded by another module carry a source key.
CREATE TABLE "errand_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "errand_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"errand_id" bigint NOT NULL,
	"actor_id" bigint,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "errand_steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "errand_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"errand_id" bigint NOT NULL,
	"position" smallint NOT NULL,
	"title" text NOT NULL,
	"owner_id" bigint,
	"due_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by" bigint,
	"note" text,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "errands" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "errands_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"state" text NOT NULL,
	"requester_id" bigint NOT NULL,
	"unit_id" bigint,
	"matter" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_id" bigint,
	"due_on" date,
	"created_by" bigint,
	"accepted_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"result" text,
	"reason" text,
	"rating" smallint,
	"feedback" text,
	"rated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "errands_state_check" CHECK ("errands"."state" IN ('submitted','accepted','in_progress','done','rejected','cancelled')),
	CONSTRAINT "errands_matter_check" CHECK ("errands"."matter" IN ('business_licence','permit','subsidy','social_security','housing','other')),
	CONSTRAINT "errands_rating_check" CHECK ("errands"."rating" IS NULL OR "errands"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "device_contacts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "device_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"device_id" bigint NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"person_id" bigint,
	"phone_enc" text NOT NULL,
	"phone_mask" text NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_presses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "device_presses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"device_id" bigint NOT NULL,
	"state" text NOT NULL,
	"signed_at" bigint NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"order_at" timestamp with time zone NOT NULL,
	"order_id" bigint,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"next_step_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" bigint,
	CONSTRAINT "device_presses_state_check" CHECK ("device_presses"."state" IN ('pending','cancelled','ordered','acknowledged'))
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "devices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"serial" text NOT NULL,
	"kind" text DEFAULT 'button' NOT NULL,
	"person_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"default_item_id" bigint NOT NULL,
	"secret_enc" text NOT NULL,
	"cancel_window_s" integer DEFAULT 10 NOT NULL,
	"ladder" jsonb NOT NULL,
	"duty_phone_enc" text,
	"duty_phone_mask" text,
	"last_seen_at" timestamp with time zone,
	"battery" smallint,
	"last_signed_at" bigint,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devices_cancel_window_check" CHECK ("devices"."cancel_window_s" BETWEEN 0 AND 60)
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"actor_id" bigint,
	"actor_kind" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_providers" (
	"person_id" bigint PRIMARY KEY NOT NULL,
	"windows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"radius_m" integer,
	"live_location" geometry(Point,4326),
	"live_at" timestamp with time zone,
	"paused" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" bigint NOT NULL,
	"item_version_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"state" text NOT NULL,
	"requester_id" bigint NOT NULL,
	"placed_by" bigint,
	"channel" text NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"address" text NOT NULL,
	"window_from" timestamp with time zone,
	"window_to" timestamp with time zone,
	"note" text,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"assignee_kind" text,
	"assignee_person_id" bigint,
	"assignee_team_id" bigint,
	"assignee_unit_id" bigint,
	"provider_id" bigint,
	"reviewed_at" timestamp with time zone,
	"assigned_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checkin_distance_m" integer,
	"completed_at" timestamp with time zone,
	"result" text,
	"hours" numeric(5, 2),
	"confirmed_at" timestamp with time zone,
	"confirmed_how" text,
	"rating" smallint,
	"rating_comment" text,
	"reworks" smallint DEFAULT 0 NOT NULL,
	"merged_into_id" bigint,
	"reason" text,
	"due_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_state_check" CHECK ("orders"."state" IN ('placed','accepted','open','assigned','in_progress','completed','confirmed','refused','merged','cancelled')),
	CONSTRAINT "orders_channel_check" CHECK ("orders"."channel" IN ('app','proxy','device','elder_button')),
	CONSTRAINT "orders_rating_check" CHECK ("orders"."rating" IS NULL OR "orders"."rating" BETWEEN 1 AND 5),
	CONSTRAINT "orders_window_check" CHECK ("orders"."window_from" IS NULL OR "orders"."window_to" IS NULL OR "orders"."window_from" < "orders"."window_to")
);
--> statement-breakpoint
CREATE TABLE "service_item_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_item_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"list" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"icon" text DEFAULT 'service' NOT NULL,
	"provider_kinds" text[] NOT NULL,
	"skill" text,
	"audience" text DEFAULT 'everyone' NOT NULL,
	"audience_tags" text[] DEFAULT '{}' NOT NULL,
	"auto_accept" boolean DEFAULT false NOT NULL,
	"grab" boolean DEFAULT true NOT NULL,
	"review_hours" numeric(6, 2) DEFAULT '24' NOT NULL,
	"claim_hours" numeric(6, 2) DEFAULT '24' NOT NULL,
	"finish_hours" numeric(6, 2) DEFAULT '72' NOT NULL,
	"service_hours" numeric(5, 2) DEFAULT '1' NOT NULL,
	"rating_required" boolean DEFAULT true NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"price_note" text,
	"radius_m" integer DEFAULT 3000 NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_item_versions_list_check" CHECK ("service_item_versions"."list" IN ('public','social','volunteer')),
	CONSTRAINT "service_item_versions_audience_check" CHECK ("service_item_versions"."audience" IN ('everyone','elderly','tagged')),
	CONSTRAINT "service_item_versions_kinds_check" CHECK (cardinality("service_item_versions"."provider_kinds") >= 1 AND "service_item_versions"."provider_kinds" <@ ARRAY['member','volunteer','team','unit','merchant','department','staff']::text[]),
	CONSTRAINT "service_item_versions_points_check" CHECK ("service_item_versions"."points" >= 0 AND "service_item_versions"."points" <= 1000),
	CONSTRAINT "service_item_versions_hours_check" CHECK ("service_item_versions"."review_hours" > 0 AND "service_item_versions"."claim_hours" > 0 AND "service_item_versions"."finish_hours" > 0 AND "service_item_versions"."service_hours" >= 0 AND "service_item_versions"."service_hours" <= 24),
	CONSTRAINT "service_item_versions_radius_check" CHECK ("service_item_versions"."radius_m" BETWEEN 100 AND 50000)
);
--> statement-breakpoint
CREATE TABLE "service_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"current_version_id" bigint,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wish_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "wish_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"wish_id" bigint NOT NULL,
	"actor_id" bigint,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wishes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "wishes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"state" text NOT NULL,
	"wisher_id" bigint NOT NULL,
	"posted_by" bigint,
	"beneficiary" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"story" text,
	"value_yuan" numeric(8, 2) NOT NULL,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"expires_on" text,
	"moderated_by" bigint,
	"moderated_at" timestamp with time zone,
	"reason" text,
	"claimant_person_id" bigint,
	"claimant_unit_id" bigint,
	"claimed_at" timestamp with time zone,
	"fulfilled_at" timestamp with time zone,
	"fulfil_note" text,
	"proof_photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"thanks" text,
	"thanked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wishes_state_check" CHECK ("wishes"."state" IN ('pending','rejected','open','claimed','fulfilled','cancelled')),
	CONSTRAINT "wishes_beneficiary_check" CHECK ("wishes"."beneficiary" IN ('child','elderly','family_in_difficulty','disabled','other')),
	CONSTRAINT "wishes_category_check" CHECK ("wishes"."category" IN ('study','daily','health','culture','companionship','other')),
	CONSTRAINT "wishes_value_check" CHECK ("wishes"."value_yuan" > 0),
	CONSTRAINT "wishes_claimant_check" CHECK ("wishes"."claimant_unit_id" IS NULL OR "wishes"."claimant_person_id" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "time_bank_entries" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "errand_events" ADD CONSTRAINT "errand_events_errand_id_errands_id_fk" FOREIGN KEY ("errand_id") REFERENCES "public"."errands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_events" ADD CONSTRAINT "errand_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_steps" ADD CONSTRAINT "errand_steps_errand_id_errands_id_fk" FOREIGN KEY ("errand_id") REFERENCES "public"."errands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_steps" ADD CONSTRAINT "errand_steps_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errand_steps" ADD CONSTRAINT "errand_steps_done_by_people_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_requester_id_people_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "errands" ADD CONSTRAINT "errands_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_contacts" ADD CONSTRAINT "device_contacts_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_contacts" ADD CONSTRAINT "device_contacts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_presses" ADD CONSTRAINT "device_presses_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_presses" ADD CONSTRAINT "device_presses_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_presses" ADD CONSTRAINT "device_presses_acknowledged_by_people_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_default_item_id_service_items_id_fk" FOREIGN KEY ("default_item_id") REFERENCES "public"."service_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_providers" ADD CONSTRAINT "order_providers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_item_version_id_service_item_versions_id_fk" FOREIGN KEY ("item_version_id") REFERENCES "public"."service_item_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_requester_id_people_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_placed_by_people_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_assignee_person_id_people_id_fk" FOREIGN KEY ("assignee_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_assignee_team_id_volunteer_teams_id_fk" FOREIGN KEY ("assignee_team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_assignee_unit_id_units_id_fk" FOREIGN KEY ("assignee_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_provider_id_people_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_item_versions" ADD CONSTRAINT "service_item_versions_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_item_versions" ADD CONSTRAINT "service_item_versions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_events" ADD CONSTRAINT "wish_events_wish_id_wishes_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wishes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_events" ADD CONSTRAINT "wish_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_wisher_id_people_id_fk" FOREIGN KEY ("wisher_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_posted_by_people_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_moderated_by_people_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_claimant_person_id_people_id_fk" FOREIGN KEY ("claimant_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_claimant_unit_id_units_id_fk" FOREIGN KEY ("claimant_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "errand_events_errand_idx" ON "errand_events" USING btree ("errand_id","id");--> statement-breakpoint
CREATE INDEX "errand_events_actor_idx" ON "errand_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "errand_steps_errand_idx" ON "errand_steps" USING btree ("errand_id","position");--> statement-breakpoint
CREATE INDEX "errand_steps_owner_idx" ON "errand_steps" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "errand_steps_due_idx" ON "errand_steps" USING btree ("due_at") WHERE "errand_steps"."done_at" IS NULL;--> statement-breakpoint
CREATE INDEX "errands_org_state_idx" ON "errands" USING btree ("org_id","state","id");--> statement-breakpoint
CREATE INDEX "errands_requester_idx" ON "errands" USING btree ("requester_id","id");--> statement-breakpoint
CREATE INDEX "errands_owner_idx" ON "errands" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "errands_unit_idx" ON "errands" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "device_contacts_device_idx" ON "device_contacts" USING btree ("device_id","position");--> statement-breakpoint
CREATE INDEX "device_contacts_person_idx" ON "device_contacts" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "device_presses_signed_key" ON "device_presses" USING btree ("device_id","signed_at");--> statement-breakpoint
CREATE INDEX "device_presses_due_idx" ON "device_presses" USING btree ("state","order_at");--> statement-breakpoint
CREATE INDEX "device_presses_order_idx" ON "device_presses" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "device_presses_ladder_idx" ON "device_presses" USING btree ("next_step_at") WHERE "device_presses"."acknowledged_at" IS NULL AND "device_presses"."next_step_at" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_serial_key" ON "devices" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "devices_org_idx" ON "devices" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "devices_person_idx" ON "devices" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "devices_item_idx" ON "devices" USING btree ("default_item_id");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "order_events_actor_idx" ON "order_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "orders_state_idx" ON "orders" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "orders_org_idx" ON "orders" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "orders_community_idx" ON "orders" USING btree ("community_id","state","id");--> statement-breakpoint
CREATE INDEX "orders_requester_idx" ON "orders" USING btree ("requester_id","id");--> statement-breakpoint
CREATE INDEX "orders_provider_idx" ON "orders" USING btree ("provider_id","id");--> statement-breakpoint
CREATE INDEX "orders_assignee_idx" ON "orders" USING btree ("assignee_person_id","state");--> statement-breakpoint
CREATE INDEX "orders_item_idx" ON "orders" USING btree ("item_id","id");--> statement-breakpoint
CREATE INDEX "orders_item_version_idx" ON "orders" USING btree ("item_version_id");--> statement-breakpoint
CREATE INDEX "orders_team_idx" ON "orders" USING btree ("assignee_team_id","state");--> statement-breakpoint
CREATE INDEX "orders_unit_idx" ON "orders" USING btree ("assignee_unit_id","state");--> statement-breakpoint
CREATE INDEX "orders_open_location_idx" ON "orders" USING gist ("location") WHERE "orders"."state" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "service_item_versions_key" ON "service_item_versions" USING btree ("item_id","version");--> statement-breakpoint
CREATE INDEX "service_items_org_idx" ON "service_items" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "wish_events_wish_idx" ON "wish_events" USING btree ("wish_id","id");--> statement-breakpoint
CREATE INDEX "wish_events_actor_idx" ON "wish_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "wishes_org_state_idx" ON "wishes" USING btree ("org_id","state","id");--> statement-breakpoint
CREATE INDEX "wishes_wisher_idx" ON "wishes" USING btree ("wisher_id");--> statement-breakpoint
CREATE INDEX "wishes_claimant_idx" ON "wishes" USING btree ("claimant_person_id");--> statement-breakpoint
CREATE INDEX "wishes_claimant_unit_idx" ON "wishes" USING btree ("claimant_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "time_bank_entries_source_key" ON "time_bank_entries" USING btree ("source_key");