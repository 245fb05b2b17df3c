CREATE TABLE "unit_people" (
	"unit_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"role" text DEFAULT 'staff' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_people_unit_id_person_id_pk" PRIMARY KEY("unit_id","person_id"),
	CONSTRAINT "unit_people_role_check" CHECK ("unit_people"."role" IN ('representative','staff'))
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"credit_code" text,
	"org_id" bigint NOT NULL,
	"resident_unit" boolean DEFAULT false NOT NULL,
	"has_party_org" boolean DEFAULT false NOT NULL,
	"party_org_name" text,
	"party_member_count" integer DEFAULT 0 NOT NULL,
	"staff_count" integer,
	"address" text,
	"location" geometry(Point,4326),
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_name_check" CHECK (length(btrim("units"."name")) BETWEEN 1 AND 100),
	CONSTRAINT "units_kind_check" CHECK ("units"."kind" IN ('government_agency','public_institution','state_enterprise','non_public_firm','social_organisation','merchant','property_firm')),
	CONSTRAINT "units_credit_code_check" CHECK ("units"."credit_code" ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
	CONSTRAINT "units_counts_check" CHECK ("units"."party_member_count" >= 0 AND ("units"."staff_count" IS NULL OR "units"."staff_count" >= 0))
);
--> statement-breakpoint
ALTER TABLE "unit_people" ADD CONSTRAINT "unit_people_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_people" ADD CONSTRAINT "unit_people_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_people_person_idx" ON "unit_people" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "units_org_idx" ON "units" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_credit_code_key" ON "units" USING btree ("credit_code") WHERE deleted_at IS NULL;