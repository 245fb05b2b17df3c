-- City scale (issue 19 §1): the statistics sweep counts a community-month of cases by when they were reported, handled and closed, and of points transactions by when they were booked, and hotspots read the recent cases; without these each count read the whole table.
CREATE INDEX "cases_created_at_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cases_handled_at_idx" ON "cases" USING btree ("handled_at") WHERE handled_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_closed_at_idx" ON "cases" USING btree ("closed_at") WHERE closed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "points_transactions_created_at_idx" ON "points_transactions" USING btree ("created_at");