-- Visits record which residents (households and people) were met, and how far the logged
-- location lay from the place visited (issue 13).
CREATE TABLE "visit_residents" (
	"visit_id" bigint NOT NULL,
	"resident_id" bigint NOT NULL,
	CONSTRAINT "visit_residents_visit_id_resident_id_pk" PRIMARY KEY("visit_id","resident_id")
);
--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "place_distance_m" integer;--> statement-breakpoint
ALTER TABLE "visit_residents" ADD CONSTRAINT "visit_residents_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_residents" ADD CONSTRAINT "visit_residents_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_residents_resident_id_idx" ON "visit_residents" USING btree ("resident_id");
