-- Issue 16: the receipts' call-ticker and handed-to indexes become partial (IS NOT NULL): a fan-out of 100,000 receipts writes no entries into them.
DROP INDEX "broadcast_receipts_ticked_by_idx";--> statement-breakpoint
DROP INDEX "broadcast_receipts_handed_idx";--> statement-breakpoint
CREATE INDEX "broadcast_receipts_ticked_by_idx" ON "broadcast_receipts" USING btree ("call_ticked_by") WHERE call_ticked_by IS NOT NULL;--> statement-breakpoint
CREATE INDEX "broadcast_receipts_handed_idx" ON "broadcast_receipts" USING btree ("handed_to") WHERE handed_to IS NOT NULL;