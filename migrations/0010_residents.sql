-- people.phone becomes encrypted: AES-256-GCM value (key id prefix), HMAC lookup hash (unique
-- per living person, as people_phone_key was) and a stored mask for lists. A migration cannot
-- encrypt, so existing plaintext phones are handed to the start-up step (kernel/pii.ts
-- preparePii) in people_phone_plaintext, which seals them and drops that table.
ALTER TABLE "people" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "phone_mask" text;--> statement-breakpoint
CREATE TABLE "people_phone_plaintext" AS SELECT "id" AS "person_id", "phone" FROM "people" WHERE "phone" IS NOT NULL;--> statement-breakpoint
DROP INDEX "people_phone_key";--> statement-breakpoint
ALTER TABLE "people" DROP CONSTRAINT "people_phone_check";--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "phone";--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_phone_sealed_check" CHECK (("people"."phone_enc" IS NULL) = ("people"."phone_hash" IS NULL) AND ("people"."phone_enc" IS NULL) = ("people"."phone_mask" IS NULL));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_phone_hash_check" CHECK ("people"."phone_hash" ~ '^[0-9a-f]{64}$');--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_phone_mask_check" CHECK ("people"."phone_mask" ~ '^1[3-9][0-9][*]{4}[0-9]{4}$');--> statement-breakpoint
CREATE UNIQUE INDEX "people_phone_hash_key" ON "people" USING btree ("phone_hash") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE "residents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "residents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"household" text,
	"relation" text,
	"gender" text,
	"birth_year" integer,
	"id_number_enc" text,
	"id_number_hash" text,
	"id_number_mask" text,
	"address" text,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"consent_contact" boolean DEFAULT false NOT NULL,
	"consent_services" boolean DEFAULT false NOT NULL,
	"consented_at" timestamp with time zone,
	"note" text,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residents_household_check" CHECK (length(btrim("residents"."household")) BETWEEN 1 AND 30),
	CONSTRAINT "residents_relation_check" CHECK ("residents"."relation" IN ('head','spouse','child','parent','grandchild','sibling','other')),
	CONSTRAINT "residents_gender_check" CHECK ("residents"."gender" IN ('male','female')),
	CONSTRAINT "residents_birth_year_check" CHECK ("residents"."birth_year" BETWEEN 1900 AND 2100),
	CONSTRAINT "residents_id_number_sealed_check" CHECK (("residents"."id_number_enc" IS NULL) = ("residents"."id_number_hash" IS NULL) AND ("residents"."id_number_enc" IS NULL) = ("residents"."id_number_mask" IS NULL)),
	CONSTRAINT "residents_id_number_hash_check" CHECK ("residents"."id_number_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "residents_id_number_mask_check" CHECK ("residents"."id_number_mask" ~ '^[0-9]{4}[*]{10}[0-9]{3}[0-9X]$'),
	CONSTRAINT "residents_address_check" CHECK (length("residents"."address") <= 200),
	CONSTRAINT "residents_note_check" CHECK (length("residents"."note") <= 500),
	CONSTRAINT "residents_tags_check" CHECK ("residents"."tags" <@ ARRAY['elderly_alone','empty_nest','disabled','low_income','veteran','left_behind_child','serious_illness','tenant']::text[])
);
--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "residents_person_key" ON "residents" USING btree ("person_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "residents_id_number_hash_key" ON "residents" USING btree ("id_number_hash") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "residents_org_idx" ON "residents" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "residents_tags_gin" ON "residents" USING gin ("tags");--> statement-breakpoint
CREATE TRIGGER residents_touch BEFORE UPDATE ON residents FOR EACH ROW EXECUTE FUNCTION linli_touch_updated_at();
