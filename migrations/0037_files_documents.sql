-- Issue 16 library documents: attachments may hold PDF, Word (.docx) and Excel (.xlsx) files, with the uploaded file name for the download.
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_mime_check";--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_mime_check" CHECK ("attachments"."mime" IN ('image/jpeg','image/png','image/webp','application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));