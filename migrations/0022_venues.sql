-- Venues and the red map (issue 14): venues, their rooms with booking rules, bookings and
-- recurring series. btree_gist lets one exclusion constraint compare the room (=) and the
-- blocked time range (&&): two pending-or-confirmed bookings of a room can never overlap, also
-- under concurrent requests. The geography index answers "nearest to me" by KNN on the sphere.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
CREATE TABLE "booking_feeds" (
	"person_id" bigint PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_feeds_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "booking_series" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "booking_series_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"room_id" bigint NOT NULL,
	"rrule" text NOT NULL,
	"on_conflict" text NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_bookings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "room_bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"room_id" bigint NOT NULL,
	"series_id" bigint,
	"booker_id" bigint NOT NULL,
	"booker_unit_id" bigint,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"blocked" "tstzrange" NOT NULL,
	"purpose" text NOT NULL,
	"attendees" integer,
	"state" text NOT NULL,
	"hold_until" timestamp with time zone,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"checked_in_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_bookings_state_check" CHECK ("room_bookings"."state" IN ('pending','confirmed','rejected','cancelled','expired','no_show')),
	CONSTRAINT "room_bookings_time_check" CHECK ("room_bookings"."end_at" > "room_bookings"."start_at" AND lower("room_bookings"."blocked") <= "room_bookings"."start_at" AND upper("room_bookings"."blocked") >= "room_bookings"."end_at"),
	CONSTRAINT "room_bookings_purpose_check" CHECK (length(btrim("room_bookings"."purpose")) BETWEEN 2 AND 200),
	CONSTRAINT "room_bookings_hold_check" CHECK ("room_bookings"."state" <> 'pending' OR "room_bookings"."hold_until" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "venue_rooms" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venue_rooms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"venue_id" bigint NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"booker_kinds" text[] DEFAULT '{resident,unit}' NOT NULL,
	"approval" boolean DEFAULT false NOT NULL,
	"hold_hours" smallint DEFAULT 48 NOT NULL,
	"lead_minutes" integer DEFAULT 60 NOT NULL,
	"max_advance_days" smallint DEFAULT 60 NOT NULL,
	"min_minutes" smallint DEFAULT 30 NOT NULL,
	"max_minutes" smallint DEFAULT 240 NOT NULL,
	"buffer_before_minutes" smallint DEFAULT 0 NOT NULL,
	"buffer_after_minutes" smallint DEFAULT 0 NOT NULL,
	"monthly_quota_hours" smallint,
	"blackout_days" text[] DEFAULT '{}' NOT NULL,
	"checkin_code" text DEFAULT encode(gen_random_bytes(12), 'hex') NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venue_rooms_rules_check" CHECK ("venue_rooms"."capacity" BETWEEN 1 AND 10000 AND "venue_rooms"."min_minutes" BETWEEN 15 AND "venue_rooms"."max_minutes" AND "venue_rooms"."max_minutes" <= 1440
      AND "venue_rooms"."buffer_before_minutes" BETWEEN 0 AND 240 AND "venue_rooms"."buffer_after_minutes" BETWEEN 0 AND 240 AND "venue_rooms"."lead_minutes" BETWEEN 0 AND 43200
      AND "venue_rooms"."max_advance_days" BETWEEN 1 AND 366 AND "venue_rooms"."hold_hours" BETWEEN 1 AND 720 AND ("venue_rooms"."monthly_quota_hours" IS NULL OR "venue_rooms"."monthly_quota_hours" BETWEEN 1 AND 744)),
	CONSTRAINT "venue_rooms_booker_kinds_check" CHECK ("venue_rooms"."booker_kinds" <@ ARRAY['resident','unit']::text[] AND cardinality("venue_rooms"."booker_kinds") > 0)
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"level" text,
	"station_kind" text,
	"name" text NOT NULL,
	"org_id" bigint NOT NULL,
	"unit_id" bigint,
	"address" text NOT NULL,
	"entrance" geometry(Point,4326) NOT NULL,
	"outline" geometry(Polygon,4326),
	"area_m2" numeric(10, 1),
	"phone" text,
	"description" text,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"hours" jsonb NOT NULL,
	"amenities" text[] DEFAULT '{}' NOT NULL,
	"services" text[] DEFAULT '{}' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"audiences" text[] DEFAULT '{everyone}' NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venues_kind_check" CHECK ("venues"."kind" IN ('party_service_center','neighbourhood_center','station','service_point')),
	CONSTRAINT "venues_level_check" CHECK (("venues"."kind" = 'party_service_center') = ("venues"."level" IS NOT NULL) AND ("venues"."level" IS NULL OR "venues"."level" IN ('street','community','regional'))),
	CONSTRAINT "venues_station_kind_check" CHECK (("venues"."kind" = 'station') = ("venues"."station_kind" IS NOT NULL) AND ("venues"."station_kind" IS NULL OR "venues"."station_kind" IN ('red','courier','warm','tourist'))),
	CONSTRAINT "venues_name_check" CHECK (length(btrim("venues"."name")) BETWEEN 2 AND 100),
	CONSTRAINT "venues_services_check" CHECK ("venues"."services" <@ ARRAY['education','medical','elderly','commerce','culture_sport']::text[]),
	CONSTRAINT "venues_amenities_check" CHECK ("venues"."amenities" <@ ARRAY['rest','storage','drinking_water','charging','reading','umbrella','first_aid','microwave','toilet','wifi','accessible']::text[]),
	CONSTRAINT "venues_audiences_check" CHECK ("venues"."audiences" <@ ARRAY['everyone','gig_workers','tourists','elderly']::text[] AND cardinality("venues"."audiences") > 0)
);
--> statement-breakpoint
ALTER TABLE "booking_feeds" ADD CONSTRAINT "booking_feeds_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_series" ADD CONSTRAINT "booking_series_room_id_venue_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."venue_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_series" ADD CONSTRAINT "booking_series_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_room_id_venue_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."venue_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_series_id_booking_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."booking_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_booker_id_people_id_fk" FOREIGN KEY ("booker_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_booker_unit_id_units_id_fk" FOREIGN KEY ("booker_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_rooms" ADD CONSTRAINT "venue_rooms_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_series_room_id_idx" ON "booking_series" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "booking_series_created_by_idx" ON "booking_series" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "room_bookings_room_idx" ON "room_bookings" USING btree ("room_id","start_at");--> statement-breakpoint
CREATE INDEX "room_bookings_booker_idx" ON "room_bookings" USING btree ("booker_id","start_at");--> statement-breakpoint
CREATE INDEX "room_bookings_booker_unit_id_idx" ON "room_bookings" USING btree ("booker_unit_id");--> statement-breakpoint
CREATE INDEX "room_bookings_series_id_idx" ON "room_bookings" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "room_bookings_decided_by_idx" ON "room_bookings" USING btree ("decided_by");--> statement-breakpoint
CREATE INDEX "venue_rooms_venue_idx" ON "venue_rooms" USING btree ("venue_id");--> statement-breakpoint
CREATE INDEX "venues_org_idx" ON "venues" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "venues_unit_id_idx" ON "venues" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "venues_entrance_gist" ON "venues" USING gist ("entrance");
--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_no_overlap" EXCLUDE USING gist ("room_id" WITH =, "blocked" WITH &&) WHERE ("state" IN ('pending','confirmed'));
--> statement-breakpoint
CREATE INDEX "venues_entrance_geog_gist" ON "venues" USING gist ((("entrance")::geography)) WHERE "deleted_at" IS NULL;
--> statement-breakpoint
-- Open at an instant, by the rule of venues.hours.ts (Beijing time; an exception on the date
-- wins; weekday holidays closed unless the venue opens on them; else the weekly pattern).
CREATE OR REPLACE FUNCTION linli_venue_open_at(hours jsonb, at timestamptz) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN x.ex IS NOT NULL THEN NOT coalesce((x.ex->>'closed')::boolean, false) AND x.ex ? 'open' AND x.ex ? 'close'
      AND l.lt::time >= (x.ex->>'open')::time AND l.lt::time < (x.ex->>'close')::time
    WHEN coalesce((hours->>'closedOnHolidays')::boolean, true) AND extract(isodow FROM l.lt) < 6 AND NOT linli_is_workday(l.lt::date) THEN false
    ELSE EXISTS (SELECT 1 FROM jsonb_array_elements(hours->'weekly') w WHERE (w->>'day')::int = extract(isodow FROM l.lt)::int
      AND l.lt::time >= (w->>'open')::time AND l.lt::time < (w->>'close')::time)
  END
  FROM (SELECT at AT TIME ZONE 'Asia/Shanghai' AS lt) l,
    LATERAL (SELECT (SELECT e FROM jsonb_array_elements(hours->'exceptions') e WHERE e->>'date' = (l.lt::date)::text LIMIT 1) AS ex) x
$$;
