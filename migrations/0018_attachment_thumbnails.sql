-- Photos are re-encoded on upload and get a thumbnail for lists and phones (security review,
-- issue 11): a second content-addressed object, found through the original's row. Rows from
-- before have none; their thumbnail URL serves the original.
ALTER TABLE "attachments" ADD COLUMN "thumb_sha256" text;
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_thumb_sha256_check" CHECK ("thumb_sha256" ~ '^[0-9a-f]{64}$');
