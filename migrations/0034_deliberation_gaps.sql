-- Issue 16 gaps in deliberation: evidence photos of a done resolution task (public board) and the stage index whose overdue reminder went out (minute sweep, once per stage).
ALTER TABLE "resolution_tasks" ADD COLUMN "photo_ids" bigint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "overdue_reminded_stage" integer;--> statement-breakpoint
CREATE INDEX "topics_stage_due_idx" ON "topics" USING btree ("stage_due_at") WHERE state = 'deliberating' AND stage_due_at IS NOT NULL;