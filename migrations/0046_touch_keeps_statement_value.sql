-- The updated_at trigger keeps a value the statement set (issue 19 §3). A reference table on Citus
-- has a placement on every node and each runs the row trigger itself: with now() in the trigger,
-- every placement got its own updated_at (milliseconds apart). The app's writes to the reference
-- tables set updated_at in the statement, which Citus evaluates once on the coordinator, and the
-- trigger now only fills it in when the statement left it unchanged: the same rows on every engine.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    -- Checked when a trigger or its function on a reference table is (re)made (kernel/db/citus.ts).
    SET LOCAL citus.enable_unsafe_triggers TO on;
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION linli_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;
