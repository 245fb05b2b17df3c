// Every foreign key has an index a lookup by that key can use (its leading columns are the key's;
// partial only when the predicate is "<key> IS NOT NULL", which an equality on the key implies),
// so following a key from the referenced row, and the check PostgreSQL makes when that row is
// deleted, never scans the referring table. Read from the migrated database's catalogue.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../support/app.ts'

/**
 * Audit-only columns: who created, recorded or decided a row. They are read only by joining from
 * the row towards people (for a name), never by looking rows up from a person, and people are
 * never deleted (they are marked deleted_at), so an index would only slow the writes.
 */
const AUDIT_ONLY = new Set([
  'activities.created_by', 'activity_attendances.confirmed_by', 'alliance_activities.created_by', 'alliances.created_by',
  'api_tokens.created_by', 'case_meetings.recorded_by', 'community_posts.created_by', 'estate_ratings.rated_by',
  'feedback_cards.generated_by', 'feedback_cards.reviewed_by', 'introduction_letters.issued_by', 'list_items.claimed_by',
  'list_items.published_by', 'pairing_agreements.created_by', 'pairing_limits.updated_by', 'points_manual_awards.decided_by',
  'points_redemptions.handled_by', 'points_rewards.created_by', 'points_transactions.created_by', 'post_claims.claimed_by',
  'registrations.reviewed_by', 'registrations.submitted_by', 'time_bank_entries.recorded_by', 'visit_schedules.created_by',
  'device_presses.acknowledged_by', 'errand_steps.done_by', 'errands.created_by', 'orders.placed_by', 'service_item_versions.created_by', 'wishes.moderated_by',
  'wishes.posted_by',
])

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

interface ForeignKey { key: string; indexed: boolean }

async function foreignKeys(): Promise<ForeignKey[]> {
  return t.query<ForeignKey>(sql`
    WITH fk AS (
      SELECT c.conrelid, c.conkey, c.conrelid::regclass::text || '.' ||
        (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS key
      FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND c.conparentid = 0) -- a partition's copy of its parent's key: the parent's index covers it
    SELECT fk.key, EXISTS (
      SELECT 1 FROM pg_index i
      CROSS JOIN LATERAL (SELECT (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(fk.conkey)] AS lead) l
      WHERE i.indrelid = fk.conrelid AND l.lead @> fk.conkey AND fk.conkey @> l.lead
        AND (i.indpred IS NULL OR (cardinality(fk.conkey) = 1 AND pg_get_expr(i.indpred, i.indrelid) =
          '(' || (SELECT quote_ident(a.attname) FROM pg_attribute a WHERE a.attrelid = fk.conrelid AND a.attnum = fk.conkey[1]) || ' IS NOT NULL)'))
    ) AS indexed
    FROM fk ORDER BY fk.key`)
}

test('every foreign key but the audit-only ones has an index that leads with it', async () => {
  const keys = await foreignKeys()
  assert.ok(keys.length >= 130, `${keys.length} foreign keys`)
  const missing = keys.filter((k) => !k.indexed && !AUDIT_ONLY.has(k.key)).map((k) => k.key)
  assert.deepEqual(missing, [], 'add an index() in the *.table.ts file and a migration, or (for a column only ever joined towards people) list it in AUDIT_ONLY')
})

test('the audit-only list names only foreign keys that exist and have no index', async () => {
  const keys = new Map((await foreignKeys()).map((k) => [k.key, k.indexed]))
  const stale = [...AUDIT_ONLY].filter((k) => keys.get(k) !== false)
  assert.deepEqual(stale, [], 'these are no longer unindexed foreign keys: remove them from AUDIT_ONLY')
  assert.ok([...AUDIT_ONLY].every((k) => k.endsWith('_by')), 'only "*_by" columns are audit-only')
})

test('the indexes the issue named are there', async () => {
  const keys = new Map((await foreignKeys()).map((k) => [k.key, k.indexed]))
  for (const k of ['cases.merged_into_id', 'visits.task_id', 'activity_attendances.signup_id', 'points_transactions.org_id']) assert.equal(keys.get(k), true, k)
})
