// The SQL of notices and receipts. The fan-out is one INSERT … SELECT from the audience; every
// change of receipts updates the notice's counters in the same statement (a data-modifying CTE),
// so lists and figures never count 100,000 rows; the receipt table pages on (stage, id).
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { dbNow } from '../../kernel/db/now.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personContacts, personNames } from '../people/people.read.ts'
import { accountRows } from '../auth/auth.read.ts'
import type { Audience } from './broadcasts.schemas.ts'

export interface BroadcastRow {
  id: string
  orgId: string
  orgName: string
  orgPath: string
  authorId: string
  authorName: string
  title: string
  body: string
  audience: Audience
  audienceLabel: string
  channels: ('in_app' | 'sms' | 'call')[]
  ackRequired: boolean
  ackOptions: string[]
  state: 'draft' | 'sent' | 'withdrawn'
  sentAt: string | null
  withdrawnAt: string | null
  recipients: number
  openedCount: number
  ackedCount: number
  minutesTo80: number | null
  createdAt: string
}

export const broadcastColumns = sql`b.id::text, b.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  b.author_id::text AS "authorId", a.name AS "authorName", b.title, b.body, b.audience - 'label' AS audience, b.audience->>'label' AS "audienceLabel",
  b.channels, b.ack_required AS "ackRequired", b.ack_options AS "ackOptions", b.state, b.sent_at::text AS "sentAt", b.withdrawn_at::text AS "withdrawnAt",
  b.recipients, b.opened_count AS "openedCount", b.acked_count AS "ackedCount",
  round(extract(epoch FROM b.ack80_at - b.sent_at) / 60)::int AS "minutesTo80", b.created_at::text AS "createdAt"`
export const broadcastFrom = sql`broadcasts b JOIN ${orgTree} o ON o.id = b.org_id JOIN ${personNames} a ON a.id = b.author_id`

const textArray = (values: string[]) => sql`linli_text_array(${JSON.stringify(values)}::jsonb)::text[]`

export async function findBroadcast(ex: Executor, id: string, lock = false): Promise<BroadcastRow | undefined> {
  return firstRow<BroadcastRow>(ex, sql`SELECT ${broadcastColumns} FROM ${broadcastFrom} WHERE b.id = ${id} ${lock ? sql`FOR UPDATE OF b` : sql``}`)
}

export async function insertBroadcast(ex: Executor, b: { orgId: string; authorId: string; title: string; body: string; audience: Audience & { label: string }; channels: string[]; ackRequired: boolean; ackOptions: string[] }): Promise<string> {
  const row = await firstRow<{ id: string }>(ex, sql`INSERT INTO broadcasts (org_id, author_id, title, body, audience, channels, ack_required, ack_options)
    VALUES (${b.orgId}, ${b.authorId}, ${b.title}, ${b.body}, ${JSON.stringify(b.audience)}::jsonb,
      ${textArray(b.channels)}, ${b.ackRequired}, ${textArray(b.ackOptions)})
    RETURNING id::text`)
  return row!.id
}

/**
 * The fan-out: one receipt per person the audience selects, by one INSERT … SELECT. Each person
 * is reached by the first chosen channel that fits them: in the app when they have an account,
 * by SMS when they have a phone, else on the call list (nobody is left out).
 */
export async function fanOut(ex: Executor, id: string, audience: SQL, channels: string[]): Promise<number> {
  const inApp = channels.includes('in_app')
  const sms = channels.includes('sms')
  // The planner's estimate of the audience join is large enough to JIT-compile it, which costs
  // more than the statement (1.4 s of 8 for 100,000 rows on the bench); this transaction only.
  await ex.execute(sql`SELECT set_config('jit', 'off', true)`)
  const [row] = await rows<{ n: number }>(ex, sql`WITH made AS (
      INSERT INTO broadcast_receipts (broadcast_id, person_id, org_id, channel, delivered_at)
      SELECT ${id}, y.person_id, y.org_id, y.channel, CASE WHEN y.channel = 'in_app' THEN now() END
      FROM (SELECT x.person_id, x.org_id, CASE
          WHEN ${inApp} AND ac.person_id IS NOT NULL THEN 'in_app'
          WHEN ${sms} AND pc.phone_enc IS NOT NULL THEN 'sms' ELSE 'call' END AS channel
        FROM (${audience}) x JOIN ${personContacts} pc ON pc.id = x.person_id
        -- A join rather than a correlated EXISTS, which Citus refuses beside a reference table.
        LEFT JOIN (SELECT DISTINCT a.person_id FROM ${accountRows} a WHERE a.disabled_at IS NULL) ac ON ac.person_id = x.person_id) y
      RETURNING 1)
    UPDATE broadcasts SET recipients = (SELECT count(*) FROM made), state = 'sent', sent_at = now(), updated_at = now() WHERE id = ${id}
    RETURNING recipients AS n`)
  return row!.n
}

/** The in-app recipients of a notice (optionally only those `where` keeps), for the notifications' INSERT … SELECT. */
export const inAppRecipients = (id: string, where: SQL = sql``) => sql`SELECT r.person_id FROM broadcast_receipts r WHERE r.broadcast_id = ${id} AND r.channel = 'in_app' ${where}`

/**
 * Updates the receipts `where` selects (of notice `id`) with `set` and the notice's counters by
 * how their stages moved, in one statement. Returns how many receipts changed.
 */
export async function updateReceipts(ex: Executor, id: string, where: SQL, set: SQL): Promise<number> {
  const [row] = await rows<{ n: number }>(ex, sql`WITH old AS (
      SELECT r.id, r.stage FROM broadcast_receipts r WHERE r.broadcast_id = ${id} AND ${where} FOR UPDATE),
    upd AS (UPDATE broadcast_receipts r SET ${set} FROM old WHERE r.id = old.id RETURNING old.stage AS was, r.stage AS now),
    moved AS (SELECT count(*) FILTER (WHERE was = 0 AND now >= 1)::int AS opened, count(*) FILTER (WHERE was < 2 AND now = 2)::int AS acked, count(*)::int AS n FROM upd)
    UPDATE broadcasts b SET opened_count = b.opened_count + moved.opened, acked_count = b.acked_count + moved.acked,
      ack80_at = CASE WHEN b.ack80_at IS NULL AND b.recipients > 0 AND (b.acked_count + moved.acked) * 5 >= b.recipients * 4 THEN ${dbNow} ELSE b.ack80_at END
    FROM moved WHERE b.id = ${id} AND moved.n > 0 RETURNING moved.n`)
  return row?.n ?? 0
}

/** `stage` of a receipt after `opened_at`/`acknowledged_at` are set as in `set`. */
export const stageAfter = (opened: SQL, acked: SQL) => sql`stage = CASE WHEN ${acked} IS NOT NULL THEN 2 WHEN ${opened} IS NOT NULL THEN 1 ELSE 0 END`

export interface ReceiptRow {
  id: string
  personId: string
  personName: string
  phoneMask: string | null
  orgId: string | null
  orgName: string | null
  channel: 'in_app' | 'sms' | 'call'
  stage: number
  deliveredAt: string | null
  openedAt: string | null
  acknowledgedAt: string | null
  ackChoice: string | null
  remindedAt: string | null
  callOutcome: 'reached' | 'no_answer' | 'wrong_number' | 'visited' | 'not_home' | null
  callNote: string | null
  tickedById: string | null
  tickedByName: string | null
  callTickedAt: string | null
  handedToId: string | null
  handedToName: string | null
  handedAt: string | null
}

/** One page of a notice's receipts, unopened first: keyset on (stage, id), the receipts' page index. */
export async function receiptPage(ex: Executor, id: string, filters: SQL[], after: { stage: number; id: string } | undefined, limit: number): Promise<ReceiptRow[]> {
  return rows<ReceiptRow>(ex, sql`SELECT r.id::text, r.person_id::text AS "personId", p.name AS "personName", p.phone_mask AS "phoneMask",
      r.org_id::text AS "orgId", ro.name AS "orgName", r.channel, r.stage, r.delivered_at::text AS "deliveredAt", r.opened_at::text AS "openedAt",
      r.acknowledged_at::text AS "acknowledgedAt", r.ack_choice AS "ackChoice", r.reminded_at::text AS "remindedAt",
      r.call_outcome AS "callOutcome", r.call_note AS "callNote", r.call_ticked_by::text AS "tickedById", tb.name AS "tickedByName",
      r.call_ticked_at::text AS "callTickedAt", r.handed_to::text AS "handedToId", hw.name AS "handedToName", r.handed_at::text AS "handedAt"
    FROM (SELECT r.* FROM broadcast_receipts r
      WHERE r.broadcast_id = ${id} ${sql.join(filters.map((f) => sql` AND ${f}`))}
        ${after ? sql`AND (r.stage, r.id) > (${after.stage}, ${after.id})` : sql``}
      ORDER BY r.stage, r.id LIMIT ${limit + 1}) r
    JOIN ${personContacts} p ON p.id = r.person_id LEFT JOIN ${orgTree} ro ON ro.id = r.org_id
    LEFT JOIN ${personNames} tb ON tb.id = r.call_ticked_by LEFT JOIN ${personNames} hw ON hw.id = r.handed_to
    ORDER BY r.stage, r.id`)
}
/** A receipt filter: the person was found under one of `paths`. */
export const receiptUnder = (paths: string[]) => sql`EXISTS (SELECT 1 FROM ${orgTree} ro WHERE ro.id = r.org_id AND ro.path <@ string_to_array(${paths.join(',')}, ',')::ltree[])`
