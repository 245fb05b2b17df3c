-- Meetings (议事厅, 圆桌会, 理事会, 五位一体; later the Party's 三会一课): agenda items linked to topics, invited parties, invitees and registration, attendance (QR or by hand), minutes versions with approvals, decisions linked to topics; the room is a venues booking.
CREATE TABLE "meeting_agenda_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_agenda_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"position" smallint NOT NULL,
	"text" text NOT NULL,
	"topic_id" bigint,
	CONSTRAINT "meeting_agenda_items_text_check" CHECK (length(btrim("meeting_agenda_items"."text")) BETWEEN 1 AND 500)
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_attendance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"present" boolean NOT NULL,
	"how" text,
	"checked_in_at" timestamp with time zone,
	"absence_reason" text,
	"recorded_by" bigint,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_attendance_how_check" CHECK (("meeting_attendance"."present" AND "meeting_attendance"."how" IN ('qr','by_hand') AND "meeting_attendance"."checked_in_at" IS NOT NULL AND "meeting_attendance"."absence_reason" IS NULL)
      OR (NOT "meeting_attendance"."present" AND "meeting_attendance"."how" IS NULL AND "meeting_attendance"."checked_in_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"position" smallint NOT NULL,
	"text" text NOT NULL,
	"topic_id" bigint,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_decisions_text_check" CHECK (length(btrim("meeting_decisions"."text")) BETWEEN 2 AND 2000)
);
--> statement-breakpoint
CREATE TABLE "meeting_invitees" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_invitees_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"party_id" bigint,
	"role" text DEFAULT 'attendee' NOT NULL,
	"invited_by" bigint,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"registered_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	CONSTRAINT "meeting_invitees_role_check" CHECK ("meeting_invitees"."role" IN ('chair','secretary','attendee','observer')),
	CONSTRAINT "meeting_invitees_reply_check" CHECK ("meeting_invitees"."registered_at" IS NULL OR "meeting_invitees"."declined_at" IS NULL)
);
--> statement-breakpoint
CREATE TABLE "meeting_minutes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_minutes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"drafted_by" bigint NOT NULL,
	"drafted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_at" timestamp with time zone,
	CONSTRAINT "meeting_minutes_state_check" CHECK ("meeting_minutes"."state" IN ('pending','approved','superseded')),
	CONSTRAINT "meeting_minutes_body_check" CHECK (length(btrim("meeting_minutes"."body")) BETWEEN 10 AND 50000),
	CONSTRAINT "meeting_minutes_approved_check" CHECK (("meeting_minutes"."state" = 'approved') = ("meeting_minutes"."approved_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "meeting_minutes_approvals" (
	"minutes_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"verdict" text NOT NULL,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_minutes_approvals_minutes_id_person_id_pk" PRIMARY KEY("minutes_id","person_id"),
	CONSTRAINT "meeting_minutes_approvals_verdict_check" CHECK ("meeting_minutes_approvals"."verdict" IN ('approve','object') AND ("meeting_minutes_approvals"."verdict" = 'approve' OR length(btrim("meeting_minutes_approvals"."note")) >= 2))
);
--> statement-breakpoint
CREATE TABLE "meeting_parties" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_parties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" bigint,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_parties_kind_check" CHECK ("meeting_parties"."kind" IN ('residents_committee','owners_committee','residents_council','property_firm','party_organisation','police','school','unit','residents')),
	CONSTRAINT "meeting_parties_name_check" CHECK (length(btrim("meeting_parties"."name")) BETWEEN 2 AND 100)
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"room_id" bigint,
	"booking_id" bigint,
	"place" text,
	"state" text DEFAULT 'planned' NOT NULL,
	"quorum_count" smallint,
	"quorum_share" numeric(4, 3),
	"open_registration" boolean DEFAULT false NOT NULL,
	"checkin_secret" text DEFAULT encode(gen_random_bytes(32), 'hex') NOT NULL,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"created_by" bigint NOT NULL,
	"opened_at" timestamp with time zone,
	"held_at" timestamp with time zone,
	"minutes_approved_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_kind_check" CHECK ("meetings"."kind" IN ('council_hall','round_table','council','five_party')),
	CONSTRAINT "meetings_state_check" CHECK ("meetings"."state" IN ('planned','open','held','minutes_approved','cancelled')),
	CONSTRAINT "meetings_title_check" CHECK (length(btrim("meetings"."title")) BETWEEN 2 AND 120),
	CONSTRAINT "meetings_time_check" CHECK ("meetings"."ends_at" > "meetings"."starts_at"),
	CONSTRAINT "meetings_quorum_check" CHECK (("meetings"."quorum_count" IS NULL OR "meetings"."quorum_count" BETWEEN 1 AND 10000) AND ("meetings"."quorum_share" IS NULL OR ("meetings"."quorum_share" > 0 AND "meetings"."quorum_share" <= 1))),
	CONSTRAINT "meetings_booking_check" CHECK ("meetings"."booking_id" IS NULL OR "meetings"."room_id" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_party_id_meeting_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."meeting_parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_invited_by_people_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_drafted_by_people_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes_approvals" ADD CONSTRAINT "meeting_minutes_approvals_minutes_id_meeting_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."meeting_minutes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes_approvals" ADD CONSTRAINT "meeting_minutes_approvals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_parties" ADD CONSTRAINT "meeting_parties_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_parties" ADD CONSTRAINT "meeting_parties_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_room_id_venue_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."venue_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_booking_id_room_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."room_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_agenda_items_position_key" ON "meeting_agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_agenda_items_topic_idx" ON "meeting_agenda_items" USING btree ("topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendance_person_key" ON "meeting_attendance" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "meeting_attendance_person_idx" ON "meeting_attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "meeting_attendance_recorded_by_idx" ON "meeting_attendance" USING btree ("recorded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_decisions_position_key" ON "meeting_decisions" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_decisions_topic_idx" ON "meeting_decisions" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "meeting_decisions_created_by_idx" ON "meeting_decisions" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_invitees_person_key" ON "meeting_invitees" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "meeting_invitees_person_idx" ON "meeting_invitees" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "meeting_invitees_party_idx" ON "meeting_invitees" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "meeting_invitees_invited_by_idx" ON "meeting_invitees" USING btree ("invited_by");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_minutes_version_key" ON "meeting_minutes" USING btree ("meeting_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_minutes_current_key" ON "meeting_minutes" USING btree ("meeting_id") WHERE "meeting_minutes"."state" IN ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "meeting_minutes_drafted_by_idx" ON "meeting_minutes" USING btree ("drafted_by");--> statement-breakpoint
CREATE INDEX "meeting_minutes_approvals_person_idx" ON "meeting_minutes_approvals" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "meeting_parties_meeting_idx" ON "meeting_parties" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_parties_unit_idx" ON "meeting_parties" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_parties_name_key" ON "meeting_parties" USING btree ("meeting_id","kind","name");--> statement-breakpoint
CREATE INDEX "meetings_org_starts_idx" ON "meetings" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_room_id_idx" ON "meetings" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "meetings_booking_id_idx" ON "meetings" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "meetings_created_by_idx" ON "meetings" USING btree ("created_by");