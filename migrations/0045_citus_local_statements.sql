-- The posting trigger reads its transition table on its own, into arrays, and then the accounts
-- from those arrays (issue 19 §3). On a Citus coordinator points_accounts and points_postings are
-- Citus local tables, and Citus cannot plan a statement that joins a Citus table with a trigger's
-- transition table ("unrecognized RTE kind: 7"); a statement over the transition table alone is
-- plain PostgreSQL. Same locks in the same order, same balances, on every engine.
CREATE OR REPLACE FUNCTION linli_points_apply_postings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
  totals bigint[];
BEGIN
  SELECT array_agg(account_id ORDER BY account_id), array_agg(total ORDER BY account_id) INTO ids, totals
    FROM (SELECT account_id, sum(amount)::bigint AS total FROM added GROUP BY account_id) s;
  PERFORM 1 FROM points_accounts WHERE id = ANY (ids) AND owner_kind <> 'org' ORDER BY id FOR NO KEY UPDATE;
  PERFORM set_config('linli.points_posting', 'on', true);
  UPDATE points_accounts a SET balance = a.balance + s.total
    FROM unnest(ids, totals) AS s(account_id, total)
    WHERE a.id = s.account_id AND a.owner_kind <> 'org';
  PERFORM set_config('linli.points_posting', 'off', true);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A JSON array of strings as text[], as a function call rather than a subquery (ARRAY(SELECT …)):
-- Citus does not take subqueries in an INSERT's VALUES, and on a Citus coordinator every table the
-- app writes is a Citus table. The repositories pass string lists as JSON (a parameter each).
CREATE OR REPLACE FUNCTION linli_text_array(jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(ARRAY(SELECT jsonb_array_elements_text($1)), '{}') $$;
