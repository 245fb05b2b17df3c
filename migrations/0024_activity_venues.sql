-- Volunteer activities may be held at a venue (issue 14): the venue's page lists the ones to come.
ALTER TABLE "activities" ADD COLUMN "venue_id" bigint;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_venue_idx" ON "activities" USING btree ("venue_id","starts_at");