CREATE TABLE "party_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "party_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"party_org_name" text NOT NULL,
	"kind" text NOT NULL,
	"employer_unit_id" bigint,
	"community_id" bigint NOT NULL,
	"joined_on" date,
	"public_walls" text[] DEFAULT '{}' NOT NULL,
	"commitment" text,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_members_kind_check" CHECK ("party_members"."kind" IN ('regular','in_service','retired','gig_worker','flowing')),
	CONSTRAINT "party_members_party_org_check" CHECK (length(btrim("party_members"."party_org_name")) BETWEEN 2 AND 100),
	CONSTRAINT "party_members_walls_check" CHECK ("party_members"."public_walls" <@ ARRAY['signature','commitment','pioneer']::text[]),
	CONSTRAINT "party_members_commitment_check" CHECK ("party_members"."commitment" IS NULL OR length(btrim("party_members"."commitment")) BETWEEN 2 AND 200)
);
--> statement-breakpoint
CREATE TABLE "introduction_letters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "introduction_letters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"unit_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"serial" integer NOT NULL,
	"number" text NOT NULL,
	"issued_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "introduction_letters_serial_check" CHECK ("introduction_letters"."serial" > 0 AND "introduction_letters"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "registrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"member_id" bigint,
	"unit_id" bigint,
	"community_id" bigint NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"letter_attachment_id" bigint,
	"letter_id" bigint,
	"note" text,
	"return_reason" text,
	"submissions" integer DEFAULT 1 NOT NULL,
	"submitted_by" bigint NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" bigint,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registrations_kind_check" CHECK ("registrations"."kind" IN ('member','unit')),
	CONSTRAINT "registrations_status_check" CHECK ("registrations"."status" IN ('submitted','returned','accepted')),
	CONSTRAINT "registrations_subject_check" CHECK (("registrations"."kind" = 'member' AND "registrations"."member_id" IS NOT NULL AND ("registrations"."letter_attachment_id" IS NOT NULL OR "registrations"."letter_id" IS NOT NULL)) OR ("registrations"."kind" = 'unit' AND "registrations"."member_id" IS NULL AND "registrations"."unit_id" IS NOT NULL)),
	CONSTRAINT "registrations_return_check" CHECK ("registrations"."status" <> 'returned' OR "registrations"."return_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "community_posts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "community_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"capacity" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_posts_kind_check" CHECK ("community_posts"."kind" IN ('post','project')),
	CONSTRAINT "community_posts_title_check" CHECK (length(btrim("community_posts"."title")) BETWEEN 2 AND 100),
	CONSTRAINT "community_posts_capacity_check" CHECK ("community_posts"."capacity" BETWEEN 1 AND 10000)
);
--> statement-breakpoint
CREATE TABLE "post_claims" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "post_claims_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"post_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"claimed_by" bigint NOT NULL,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_targets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"min_projects" integer NOT NULL,
	"min_hours" numeric(6, 1) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_targets_values_check" CHECK ("member_targets"."min_projects" BETWEEN 0 AND 100 AND "member_targets"."min_hours" BETWEEN 0 AND 2000 AND "member_targets"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "member_reminders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"member_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_cards" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_cards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"member_id" bigint NOT NULL,
	"period" text NOT NULL,
	"community_id" bigint NOT NULL,
	"unit_id" bigint,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"rating" text,
	"comment" text,
	"generated_by" bigint NOT NULL,
	"reviewed_by" bigint,
	"reviewed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_cards_period_check" CHECK ("feedback_cards"."period" ~ '^[0-9]{4}(-H[12])?$'),
	CONSTRAINT "feedback_cards_status_check" CHECK ("feedback_cards"."status" IN ('draft','reviewed','sent')),
	CONSTRAINT "feedback_cards_rating_check" CHECK ("feedback_cards"."rating" IN ('excellent','good','fair','poor')),
	CONSTRAINT "feedback_cards_review_check" CHECK ("feedback_cards"."status" = 'draft' OR ("feedback_cards"."rating" IS NOT NULL AND "feedback_cards"."reviewed_at" IS NOT NULL)),
	CONSTRAINT "feedback_cards_sent_check" CHECK ("feedback_cards"."status" <> 'sent' OR ("feedback_cards"."sent_at" IS NOT NULL AND "feedback_cards"."unit_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_employer_unit_id_units_id_fk" FOREIGN KEY ("employer_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_letters" ADD CONSTRAINT "introduction_letters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_letters" ADD CONSTRAINT "introduction_letters_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_letters" ADD CONSTRAINT "introduction_letters_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_letters" ADD CONSTRAINT "introduction_letters_issued_by_people_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_letter_attachment_id_attachments_id_fk" FOREIGN KEY ("letter_attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_letter_id_introduction_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."introduction_letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_submitted_by_people_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_reviewed_by_people_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_posts" ADD CONSTRAINT "community_posts_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_posts" ADD CONSTRAINT "community_posts_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_claims" ADD CONSTRAINT "post_claims_post_id_community_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."community_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_claims" ADD CONSTRAINT "post_claims_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_claims" ADD CONSTRAINT "post_claims_claimed_by_people_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_targets" ADD CONSTRAINT "member_targets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_reminders" ADD CONSTRAINT "member_reminders_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_cards" ADD CONSTRAINT "feedback_cards_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_cards" ADD CONSTRAINT "feedback_cards_community_id_orgs_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_cards" ADD CONSTRAINT "feedback_cards_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_cards" ADD CONSTRAINT "feedback_cards_generated_by_people_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_cards" ADD CONSTRAINT "feedback_cards_reviewed_by_people_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "party_members_person_key" ON "party_members" USING btree ("person_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "party_members_community_idx" ON "party_members" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "party_members_employer_idx" ON "party_members" USING btree ("employer_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "introduction_letters_serial_key" ON "introduction_letters" USING btree ("unit_id","year","serial");--> statement-breakpoint
CREATE UNIQUE INDEX "introduction_letters_number_key" ON "introduction_letters" USING btree ("number");--> statement-breakpoint
CREATE INDEX "introduction_letters_member_idx" ON "introduction_letters" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_member_key" ON "registrations" USING btree ("member_id") WHERE kind = 'member';--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_unit_key" ON "registrations" USING btree ("unit_id","community_id") WHERE kind = 'unit';--> statement-breakpoint
CREATE INDEX "registrations_community_idx" ON "registrations" USING btree ("community_id","status","id");--> statement-breakpoint
CREATE INDEX "registrations_unit_idx" ON "registrations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "community_posts_community_idx" ON "community_posts" USING btree ("community_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "post_claims_live_key" ON "post_claims" USING btree ("post_id","member_id") WHERE released_at IS NULL;--> statement-breakpoint
CREATE INDEX "post_claims_member_idx" ON "post_claims" USING btree ("member_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "member_targets_org_year_key" ON "member_targets" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "member_reminders_member_idx" ON "member_reminders" USING btree ("member_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_cards_member_period_key" ON "feedback_cards" USING btree ("member_id","period");--> statement-breakpoint
CREATE INDEX "feedback_cards_community_idx" ON "feedback_cards" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "feedback_cards_unit_idx" ON "feedback_cards" USING btree ("unit_id","id") WHERE status = 'sent';
