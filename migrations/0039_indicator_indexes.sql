-- Issue 18 indicators: indexes on the time columns the statistics indicators' `changes` (the sweep's
-- incremental read) and `compute` SQL filter by (<table>_<column>_stat_idx); partial where the column is
-- mostly NULL so that writes leaving it NULL add no entries (broadcast receipts' fan-out). Hand-written:
-- the indexes serve the statistics module's reads, not the owners' own queries, so the tables' files stay as
-- they are (the drift test compares those with the snapshot, which this migration leaves unchanged).
CREATE INDEX IF NOT EXISTS "units_created_at_stat_idx" ON "units" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "units_deleted_at_stat_idx" ON "units" USING btree ("deleted_at") WHERE deleted_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pairing_agreements_created_at_stat_idx" ON "pairing_agreements" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pairing_agreements_updated_at_stat_idx" ON "pairing_agreements" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pairing_agreements_ended_on_stat_idx" ON "pairing_agreements" USING btree ("ended_on") WHERE ended_on IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "list_items_created_at_stat_idx" ON "list_items" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "list_items_claimed_at_stat_idx" ON "list_items" USING btree ("claimed_at") WHERE claimed_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "list_items_completed_at_stat_idx" ON "list_items" USING btree ("completed_at") WHERE completed_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "list_item_events_at_stat_idx" ON "list_item_events" USING btree ("at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "venues_updated_at_stat_idx" ON "venues" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "venue_rooms_updated_at_stat_idx" ON "venue_rooms" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "room_bookings_updated_at_stat_idx" ON "room_bookings" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "room_bookings_start_at_stat_idx" ON "room_bookings" USING btree ("start_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "visits_updated_at_stat_idx" ON "visits" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "visits_visited_at_stat_idx" ON "visits" USING btree ("visited_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "visit_tasks_created_at_stat_idx" ON "visit_tasks" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "visit_tasks_done_at_stat_idx" ON "visit_tasks" USING btree ("done_at") WHERE done_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "estate_ratings_created_at_stat_idx" ON "estate_ratings" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "topics_updated_at_stat_idx" ON "topics" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "topics_created_at_stat_idx" ON "topics" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "topics_closed_at_stat_idx" ON "topics" USING btree ("closed_at") WHERE closed_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "resolutions_updated_at_stat_idx" ON "resolutions" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "resolutions_done_at_stat_idx" ON "resolutions" USING btree ("done_at") WHERE done_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "resolution_tasks_updated_at_stat_idx" ON "resolution_tasks" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "broadcasts_updated_at_stat_idx" ON "broadcasts" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "broadcast_receipts_acknowledged_at_stat_idx" ON "broadcast_receipts" USING btree ("acknowledged_at") WHERE acknowledged_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "points_transactions_created_at_stat_idx" ON "points_transactions" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meetings_held_at_stat_idx" ON "meetings" USING btree ("held_at") WHERE held_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "party_life_plans_updated_at_stat_idx" ON "party_life_plans" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "study_attendance_recorded_at_stat_idx" ON "study_attendance" USING btree ("recorded_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "study_sessions_updated_at_stat_idx" ON "study_sessions" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "study_sessions_starts_at_stat_idx" ON "study_sessions" USING btree ("starts_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "building_leader_cards_updated_at_stat_idx" ON "building_leader_cards" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "emergency_shifts_updated_at_stat_idx" ON "emergency_shifts" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "shift_signups_updated_at_stat_idx" ON "shift_signups" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "shift_signups_hours_recorded_at_stat_idx" ON "shift_signups" USING btree ("hours_recorded_at") WHERE hours_recorded_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "emergency_hazards_updated_at_stat_idx" ON "emergency_hazards" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "emergency_hazards_created_at_stat_idx" ON "emergency_hazards" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "fund_expenses_created_at_stat_idx" ON "fund_expenses" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "fund_expenses_spent_on_stat_idx" ON "fund_expenses" USING btree ("spent_on");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "fund_projects_updated_at_stat_idx" ON "fund_projects" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "fund_projects_done_at_stat_idx" ON "fund_projects" USING btree ("done_at") WHERE done_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "funds_updated_at_stat_idx" ON "funds" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "member_targets_updated_at_stat_idx" ON "member_targets" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "time_bank_entries_updated_at_stat_idx" ON "time_bank_entries" USING btree ("updated_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "activity_attendances_updated_at_stat_idx" ON "activity_attendances" USING btree ("updated_at");
