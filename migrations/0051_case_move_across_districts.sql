-- A case moved into another district on Citus (issue 19 §3). There the cases family is distributed
-- by district, and Citus refuses to change a distribution column: a community moved under another
-- district's street takes its cases along as a copy under the new district and a delete of the
-- old rows (cases.repository.ts, moveCasePaths). The timeline is append-only; the delete of its
-- old rows is the one delete allowed, asked for by `linli.case_move` set for the moving
-- transaction only (SET LOCAL, which Citus passes on to the shards' connections). On PostgreSQL
-- and PGlite the move stays one UPDATE whose keys cascade, as since 0048.
CREATE OR REPLACE FUNCTION linli_case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND to_jsonb(NEW) - 'district_id' = to_jsonb(OLD) - 'district_id' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND current_setting('linli.case_move', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'case_events is append-only';
END $$;
