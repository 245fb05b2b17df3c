-- Deliberation (issue 16): process templates and versions, topics, supports, stages, votes with secret ballots kept apart from participation, paper tallies, resolutions, tasks and comments; ships the 协商六议, 民情理事会 and 五位一体 templates.
CREATE TABLE "deliberation_settings" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"support_households" integer,
	"support_percent" numeric(5, 2),
	"expire_days" integer DEFAULT 30 NOT NULL,
	"template_id" bigint,
	"updated_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliberation_settings_households_check" CHECK ("deliberation_settings"."support_households" BETWEEN 1 AND 100000),
	CONSTRAINT "deliberation_settings_percent_check" CHECK ("deliberation_settings"."support_percent" > 0 AND "deliberation_settings"."support_percent" <= 100),
	CONSTRAINT "deliberation_settings_expire_check" CHECK ("deliberation_settings"."expire_days" BETWEEN 1 AND 365)
);
--> statement-breakpoint
CREATE TABLE "deliberation_template_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_template_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"template_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"stages" jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliberation_template_versions_stages_check" CHECK (jsonb_typeof("deliberation_template_versions"."stages") = 'array' AND jsonb_array_length("deliberation_template_versions"."stages") BETWEEN 1 AND 12)
);
--> statement-breakpoint
CREATE TABLE "deliberation_templates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"description" text,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliberation_templates_code_check" CHECK ("deliberation_templates"."code" ~ '^[a-z0-9_]{2,40}$'),
	CONSTRAINT "deliberation_templates_name_check" CHECK (length(btrim("deliberation_templates"."name")) BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE TABLE "open_ballots" (
	"vote_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"choice" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open_ballots_vote_id_person_id_pk" PRIMARY KEY("vote_id","person_id"),
	CONSTRAINT "open_ballots_choice_check" CHECK ("open_ballots"."choice" IN ('for','against','abstain'))
);
--> statement-breakpoint
CREATE TABLE "paper_tallies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "paper_tallies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vote_id" bigint NOT NULL,
	"label" text NOT NULL,
	"for_count" integer NOT NULL,
	"against_count" integer NOT NULL,
	"abstain_count" integer NOT NULL,
	"entered_by" bigint NOT NULL,
	"confirmed_by" bigint,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paper_tallies_counts_check" CHECK ("paper_tallies"."for_count" >= 0 AND "paper_tallies"."against_count" >= 0 AND "paper_tallies"."abstain_count" >= 0),
	CONSTRAINT "paper_tallies_tellers_check" CHECK ("paper_tallies"."confirmed_by" IS NULL OR "paper_tallies"."confirmed_by" <> "paper_tallies"."entered_by"),
	CONSTRAINT "paper_tallies_label_check" CHECK (length(btrim("paper_tallies"."label")) BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE TABLE "resolution_comments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resolution_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"resolution_id" bigint NOT NULL,
	"author_id" bigint NOT NULL,
	"body" text NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resolution_comments_body_check" CHECK (length(btrim("resolution_comments"."body")) BETWEEN 1 AND 1000)
);
--> statement-breakpoint
CREATE TABLE "resolution_tasks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resolution_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"resolution_id" bigint NOT NULL,
	"title" text NOT NULL,
	"owner_id" bigint,
	"due_on" text,
	"link_kind" text,
	"link_id" bigint,
	"done_at" timestamp with time zone,
	"done_by" bigint,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resolution_tasks_link_check" CHECK (("resolution_tasks"."link_kind" IS NULL) = ("resolution_tasks"."link_id" IS NULL) AND ("resolution_tasks"."link_kind" IS NULL OR "resolution_tasks"."link_kind" IN ('case','order'))),
	CONSTRAINT "resolution_tasks_due_check" CHECK ("resolution_tasks"."due_on" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
	CONSTRAINT "resolution_tasks_title_check" CHECK (length(btrim("resolution_tasks"."title")) BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE TABLE "resolutions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resolutions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"vote_id" bigint,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"state" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resolutions_state_check" CHECK ("resolutions"."state" IN ('executing','done','cancelled')),
	CONSTRAINT "resolutions_progress_check" CHECK ("resolutions"."progress" BETWEEN 0 AND 100),
	CONSTRAINT "resolutions_title_check" CHECK (length(btrim("resolutions"."title")) BETWEEN 1 AND 100),
	CONSTRAINT "resolutions_text_check" CHECK (length("resolutions"."text") BETWEEN 1 AND 10000)
);
--> statement-breakpoint
CREATE TABLE "secret_ballot_box" (
	"vote_id" bigint NOT NULL,
	"choice" text NOT NULL,
	"ballots" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "secret_ballot_box_vote_id_choice_pk" PRIMARY KEY("vote_id","choice"),
	CONSTRAINT "secret_ballot_box_choice_check" CHECK ("secret_ballot_box"."choice" IN ('for','against','abstain')),
	CONSTRAINT "secret_ballot_box_ballots_check" CHECK ("secret_ballot_box"."ballots" >= 0)
);
--> statement-breakpoint
CREATE TABLE "topic_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topic_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic_id" bigint NOT NULL,
	"actor_id" bigint,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"stage_key" text,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_stage_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topic_stage_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic_id" bigint NOT NULL,
	"stage_index" integer NOT NULL,
	"stage_key" text NOT NULL,
	"actor_id" bigint,
	"output_kind" text NOT NULL,
	"output" text,
	"output_ref" jsonb,
	"parties" text[] DEFAULT '{}' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topic_stage_records_output_check" CHECK ("topic_stage_records"."output_kind" IN ('minutes','resolution','public_notice','none')),
	CONSTRAINT "topic_stage_records_text_check" CHECK (length("topic_stage_records"."output") <= 10000)
);
--> statement-breakpoint
CREATE TABLE "topic_supports" (
	"topic_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"household_key" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topic_supports_topic_id_person_id_pk" PRIMARY KEY("topic_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"proposer_id" bigint,
	"collected_by" bigint,
	"source_kind" text,
	"source_id" bigint,
	"template_version_id" bigint NOT NULL,
	"state" text NOT NULL,
	"stage_index" integer DEFAULT 0 NOT NULL,
	"stage_key" text NOT NULL,
	"stage_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stage_due_at" timestamp with time zone,
	"support_count" integer DEFAULT 0 NOT NULL,
	"support_needed" integer DEFAULT 1 NOT NULL,
	"expires_at" timestamp with time zone,
	"merged_into_id" bigint,
	"closed_at" timestamp with time zone,
	"close_note" text,
	"photo_ids" bigint[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topics_state_check" CHECK ("topics"."state" IN ('proposed','deliberating','settled','merged','expired','rejected')),
	CONSTRAINT "topics_source_check" CHECK (("topics"."source_kind" IS NULL) = ("topics"."source_id" IS NULL) AND ("topics"."source_kind" IS NULL OR "topics"."source_kind" IN ('case','visit','order','hotspot'))),
	CONSTRAINT "topics_title_check" CHECK (length(btrim("topics"."title")) BETWEEN 1 AND 100),
	CONSTRAINT "topics_body_check" CHECK (length("topics"."body") BETWEEN 1 AND 5000),
	CONSTRAINT "topics_merged_check" CHECK (("topics"."state" = 'merged') = ("topics"."merged_into_id" IS NOT NULL)),
	CONSTRAINT "topics_support_check" CHECK ("topics"."support_count" >= 0 AND "topics"."support_needed" >= 1)
);
--> statement-breakpoint
CREATE TABLE "vote_participations" (
	"vote_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	CONSTRAINT "vote_participations_vote_id_person_id_pk" PRIMARY KEY("vote_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"stage_key" text NOT NULL,
	"title" text NOT NULL,
	"mode" text NOT NULL,
	"state" text NOT NULL,
	"quorum_percent" numeric(5, 2) DEFAULT '50' NOT NULL,
	"threshold_percent" numeric(5, 2) DEFAULT '50' NOT NULL,
	"electorate" integer,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"created_by" bigint,
	"closed_at" timestamp with time zone,
	"closed_by" bigint,
	"result" jsonb,
	"passed" boolean,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "votes_mode_check" CHECK ("votes"."mode" IN ('open','secret')),
	CONSTRAINT "votes_state_check" CHECK ("votes"."state" IN ('scheduled','open','closed','cancelled')),
	CONSTRAINT "votes_window_check" CHECK ("votes"."closes_at" > "votes"."opens_at"),
	CONSTRAINT "votes_quorum_check" CHECK ("votes"."quorum_percent" >= 0 AND "votes"."quorum_percent" <= 100),
	CONSTRAINT "votes_threshold_check" CHECK ("votes"."threshold_percent" >= 0 AND "votes"."threshold_percent" < 100),
	CONSTRAINT "votes_title_check" CHECK (length(btrim("votes"."title")) BETWEEN 1 AND 100)
);
--> statement-breakpoint
ALTER TABLE "deliberation_settings" ADD CONSTRAINT "deliberation_settings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_settings" ADD CONSTRAINT "deliberation_settings_template_id_deliberation_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."deliberation_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_settings" ADD CONSTRAINT "deliberation_settings_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_template_versions" ADD CONSTRAINT "deliberation_template_versions_template_id_deliberation_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."deliberation_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_template_versions" ADD CONSTRAINT "deliberation_template_versions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_templates" ADD CONSTRAINT "deliberation_templates_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_ballots" ADD CONSTRAINT "open_ballots_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_ballots" ADD CONSTRAINT "open_ballots_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_tallies" ADD CONSTRAINT "paper_tallies_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_tallies" ADD CONSTRAINT "paper_tallies_entered_by_people_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_tallies" ADD CONSTRAINT "paper_tallies_confirmed_by_people_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_comments" ADD CONSTRAINT "resolution_comments_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_comments" ADD CONSTRAINT "resolution_comments_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_comments" ADD CONSTRAINT "resolution_comments_hidden_by_people_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_tasks" ADD CONSTRAINT "resolution_tasks_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_tasks" ADD CONSTRAINT "resolution_tasks_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_tasks" ADD CONSTRAINT "resolution_tasks_done_by_people_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_ballot_box" ADD CONSTRAINT "secret_ballot_box_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_events" ADD CONSTRAINT "topic_events_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_events" ADD CONSTRAINT "topic_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_stage_records" ADD CONSTRAINT "topic_stage_records_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_stage_records" ADD CONSTRAINT "topic_stage_records_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_supports" ADD CONSTRAINT "topic_supports_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_supports" ADD CONSTRAINT "topic_supports_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_proposer_id_people_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_collected_by_people_id_fk" FOREIGN KEY ("collected_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_template_version_id_deliberation_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."deliberation_template_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_merged_into_id_topics_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_participations" ADD CONSTRAINT "vote_participations_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_participations" ADD CONSTRAINT "vote_participations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_closed_by_people_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliberation_settings_template_idx" ON "deliberation_settings" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "deliberation_settings_updated_by_idx" ON "deliberation_settings" USING btree ("updated_by");--> statement-breakpoint
CREATE UNIQUE INDEX "deliberation_template_versions_key" ON "deliberation_template_versions" USING btree ("template_id","version");--> statement-breakpoint
CREATE INDEX "deliberation_template_versions_created_by_idx" ON "deliberation_template_versions" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "deliberation_templates_code_key" ON "deliberation_templates" USING btree ("code");--> statement-breakpoint
CREATE INDEX "deliberation_templates_org_idx" ON "deliberation_templates" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "open_ballots_person_idx" ON "open_ballots" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "paper_tallies_vote_idx" ON "paper_tallies" USING btree ("vote_id");--> statement-breakpoint
CREATE INDEX "paper_tallies_entered_by_idx" ON "paper_tallies" USING btree ("entered_by");--> statement-breakpoint
CREATE INDEX "paper_tallies_confirmed_by_idx" ON "paper_tallies" USING btree ("confirmed_by");--> statement-breakpoint
CREATE INDEX "resolution_comments_resolution_idx" ON "resolution_comments" USING btree ("resolution_id","id");--> statement-breakpoint
CREATE INDEX "resolution_comments_author_idx" ON "resolution_comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "resolution_comments_hidden_by_idx" ON "resolution_comments" USING btree ("hidden_by");--> statement-breakpoint
CREATE INDEX "resolution_tasks_resolution_idx" ON "resolution_tasks" USING btree ("resolution_id","id");--> statement-breakpoint
CREATE INDEX "resolution_tasks_owner_idx" ON "resolution_tasks" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "resolution_tasks_done_by_idx" ON "resolution_tasks" USING btree ("done_by");--> statement-breakpoint
CREATE INDEX "resolution_tasks_link_idx" ON "resolution_tasks" USING btree ("link_kind","link_id");--> statement-breakpoint
CREATE INDEX "resolutions_topic_idx" ON "resolutions" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "resolutions_org_idx" ON "resolutions" USING btree ("org_id","state");--> statement-breakpoint
CREATE INDEX "resolutions_vote_idx" ON "resolutions" USING btree ("vote_id");--> statement-breakpoint
CREATE INDEX "resolutions_created_by_idx" ON "resolutions" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "topic_events_topic_idx" ON "topic_events" USING btree ("topic_id","id");--> statement-breakpoint
CREATE INDEX "topic_events_actor_idx" ON "topic_events" USING btree ("actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "topic_stage_records_key" ON "topic_stage_records" USING btree ("topic_id","stage_index");--> statement-breakpoint
CREATE INDEX "topic_stage_records_actor_idx" ON "topic_stage_records" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "topic_supports_person_idx" ON "topic_supports" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "topics_org_state_idx" ON "topics" USING btree ("org_id","state","id");--> statement-breakpoint
CREATE INDEX "topics_source_idx" ON "topics" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE INDEX "topics_proposer_idx" ON "topics" USING btree ("proposer_id");--> statement-breakpoint
CREATE INDEX "topics_collected_by_idx" ON "topics" USING btree ("collected_by");--> statement-breakpoint
CREATE INDEX "topics_template_version_idx" ON "topics" USING btree ("template_version_id");--> statement-breakpoint
CREATE INDEX "topics_merged_into_idx" ON "topics" USING btree ("merged_into_id");--> statement-breakpoint
CREATE INDEX "topics_expiry_idx" ON "topics" USING btree ("expires_at") WHERE state = 'proposed';--> statement-breakpoint
CREATE INDEX "vote_participations_person_idx" ON "vote_participations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "votes_topic_idx" ON "votes" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "votes_org_idx" ON "votes" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "votes_created_by_idx" ON "votes" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "votes_closed_by_idx" ON "votes" USING btree ("closed_by");--> statement-breakpoint
CREATE INDEX "votes_due_idx" ON "votes" USING btree ("closes_at") WHERE state IN ('scheduled','open');
--> statement-breakpoint
INSERT INTO deliberation_templates (code, name, name_en, description, version) VALUES ('six_steps', '协商六议', 'Six-step consultation', '湾里“协商六议”工作法：村(居)民提议、“两委”商议、理事会复议、多方共议、集体决议、群众监议。', 1);--> statement-breakpoint
INSERT INTO deliberation_template_versions (template_id, version, stages) SELECT id, 1, '[{"key": "propose", "name": "村(居)民提议", "nameEn": "Residents propose", "role": "resident", "parties": [], "output": "none", "quorum": null, "deadlineDays": 30, "vote": false}, {"key": "committee", "name": "“两委”商议", "nameEn": "Two committees consult", "role": "community_cadre", "parties": ["社区党组织", "居民委员会"], "output": "minutes", "quorum": null, "deadlineDays": 14, "vote": false}, {"key": "council", "name": "理事会复议", "nameEn": "Council review", "role": "community_cadre", "parties": ["居民理事会"], "output": "minutes", "quorum": 5, "deadlineDays": 14, "vote": false}, {"key": "parties", "name": "多方共议", "nameEn": "Multi-party consultation", "role": "community_cadre", "parties": ["居民委员会", "业主委员会", "物业服务企业", "驻区单位", "居民代表"], "output": "minutes", "quorum": null, "deadlineDays": 21, "vote": false}, {"key": "decide", "name": "集体决议", "nameEn": "Collective resolution", "role": "community_cadre", "parties": ["居民代表"], "output": "resolution", "quorum": null, "deadlineDays": 14, "vote": true}, {"key": "supervise", "name": "群众监议", "nameEn": "Public supervision", "role": "community_cadre", "parties": ["居务监督委员会"], "output": "public_notice", "quorum": null, "deadlineDays": 90, "vote": false}]'::jsonb FROM deliberation_templates WHERE code = 'six_steps';--> statement-breakpoint
INSERT INTO deliberation_templates (code, name, name_en, description, version) VALUES ('council_four', '民情理事会', 'Residents'' affairs council', '党组织领导下的民情理事会：议题收集、协商形式、议事规则、执行监督。', 1);--> statement-breakpoint
INSERT INTO deliberation_template_versions (template_id, version, stages) SELECT id, 1, '[{"key": "collect", "name": "议题收集", "nameEn": "Topic collection", "role": "resident", "parties": [], "output": "none", "quorum": null, "deadlineDays": 30, "vote": false}, {"key": "form", "name": "协商形式", "nameEn": "Form of consultation", "role": "community_cadre", "parties": ["社区党组织", "民情理事会"], "output": "minutes", "quorum": null, "deadlineDays": 14, "vote": false}, {"key": "rules", "name": "议事规则", "nameEn": "Rules of deliberation", "role": "community_cadre", "parties": ["民情理事会"], "output": "resolution", "quorum": 5, "deadlineDays": 14, "vote": true}, {"key": "oversee", "name": "执行监督", "nameEn": "Execution supervision", "role": "community_cadre", "parties": ["民情理事会"], "output": "public_notice", "quorum": null, "deadlineDays": 90, "vote": false}]'::jsonb FROM deliberation_templates WHERE code = 'council_four';--> statement-breakpoint
INSERT INTO deliberation_templates (code, name, name_en, description, version) VALUES ('five_in_one', '五位一体物业协商', 'Five-party property consultation', '党组织领导下的居委会、业委会、居民理事会、物业服务企业“五位一体”议事协调机制。', 1);--> statement-breakpoint
INSERT INTO deliberation_template_versions (template_id, version, stages) SELECT id, 1, '[{"key": "collect", "name": "议题收集", "nameEn": "Topic collection", "role": "resident", "parties": [], "output": "none", "quorum": null, "deadlineDays": 30, "vote": false}, {"key": "consult", "name": "五方会商", "nameEn": "Five-party consultation", "role": "community_cadre", "parties": ["社区党组织", "居民委员会", "业主委员会", "居民理事会", "物业服务企业"], "output": "minutes", "quorum": 5, "deadlineDays": 14, "vote": false}, {"key": "decide", "name": "业主表决", "nameEn": "Owners decide", "role": "community_cadre", "parties": ["业主委员会"], "output": "resolution", "quorum": null, "deadlineDays": 14, "vote": true}, {"key": "oversee", "name": "落实监督", "nameEn": "Execution and supervision", "role": "community_cadre", "parties": ["居民委员会", "业主委员会"], "output": "public_notice", "quorum": null, "deadlineDays": 90, "vote": false}]'::jsonb FROM deliberation_templates WHERE code = 'five_in_one';
