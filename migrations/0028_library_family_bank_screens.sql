-- The shared library (云平台: practices, versions, comments, adoptions; jieba-segmented 'simple' tsvector search), 家风银行 deposits and 智慧屏 screen tokens.
CREATE TABLE "family_deposits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "family_deposits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"depositor_id" bigint NOT NULL,
	"family_label" text NOT NULL,
	"title" text,
	"body" text NOT NULL,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"moderated_by" bigint,
	"moderated_at" timestamp with time zone,
	"reason" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_deposits_kind_check" CHECK ("family_deposits"."kind" IN ('motto','story')),
	CONSTRAINT "family_deposits_state_check" CHECK ("family_deposits"."state" IN ('pending','published','rejected','withdrawn')),
	CONSTRAINT "family_deposits_story_title_check" CHECK ("family_deposits"."kind" = 'motto' OR "family_deposits"."title" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "library_adoptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "library_adoptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"adopted_by" bigint,
	"note" text,
	"imports" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_comments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "library_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" bigint NOT NULL,
	"author_id" bigint NOT NULL,
	"org_id" bigint,
	"body" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_practices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "library_practices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"author_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"template_kind" text,
	"search" "tsvector" NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "library_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"file_ids" bigint[] DEFAULT '{}' NOT NULL,
	"template" jsonb,
	"note" text,
	"edited_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screen_tokens" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "screen_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_hint" text NOT NULL,
	"created_by" bigint,
	"revoked_at" timestamp with time zone,
	"revoked_by" bigint,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "family_deposits" ADD CONSTRAINT "family_deposits_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_deposits" ADD CONSTRAINT "family_deposits_depositor_id_people_id_fk" FOREIGN KEY ("depositor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_deposits" ADD CONSTRAINT "family_deposits_moderated_by_people_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_adoptions" ADD CONSTRAINT "library_adoptions_practice_id_library_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."library_practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_adoptions" ADD CONSTRAINT "library_adoptions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_adoptions" ADD CONSTRAINT "library_adoptions_adopted_by_people_id_fk" FOREIGN KEY ("adopted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_comments" ADD CONSTRAINT "library_comments_practice_id_library_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."library_practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_comments" ADD CONSTRAINT "library_comments_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_comments" ADD CONSTRAINT "library_comments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_practices" ADD CONSTRAINT "library_practices_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_practices" ADD CONSTRAINT "library_practices_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_versions" ADD CONSTRAINT "library_versions_practice_id_library_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."library_practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_versions" ADD CONSTRAINT "library_versions_edited_by_people_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_tokens" ADD CONSTRAINT "screen_tokens_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_tokens" ADD CONSTRAINT "screen_tokens_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_tokens" ADD CONSTRAINT "screen_tokens_revoked_by_people_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "family_deposits_org_state_idx" ON "family_deposits" USING btree ("org_id","state","id");--> statement-breakpoint
CREATE INDEX "family_deposits_depositor_idx" ON "family_deposits" USING btree ("depositor_id","id");--> statement-breakpoint
CREATE INDEX "family_deposits_moderated_by_idx" ON "family_deposits" USING btree ("moderated_by");--> statement-breakpoint
CREATE UNIQUE INDEX "library_adoptions_key" ON "library_adoptions" USING btree ("practice_id","org_id");--> statement-breakpoint
CREATE INDEX "library_adoptions_org_idx" ON "library_adoptions" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "library_adoptions_adopted_by_idx" ON "library_adoptions" USING btree ("adopted_by");--> statement-breakpoint
CREATE INDEX "library_comments_practice_idx" ON "library_comments" USING btree ("practice_id","id");--> statement-breakpoint
CREATE INDEX "library_comments_author_idx" ON "library_comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "library_comments_org_idx" ON "library_comments" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "library_practices_org_idx" ON "library_practices" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "library_practices_author_idx" ON "library_practices" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "library_practices_search_idx" ON "library_practices" USING gin ("search");--> statement-breakpoint
CREATE INDEX "library_practices_tags_idx" ON "library_practices" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "library_versions_key" ON "library_versions" USING btree ("practice_id","version");--> statement-breakpoint
CREATE INDEX "library_versions_edited_by_idx" ON "library_versions" USING btree ("edited_by");--> statement-breakpoint
CREATE UNIQUE INDEX "screen_tokens_hash_key" ON "screen_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "screen_tokens_org_idx" ON "screen_tokens" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "screen_tokens_created_by_idx" ON "screen_tokens" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "screen_tokens_revoked_by_idx" ON "screen_tokens" USING btree ("revoked_by");