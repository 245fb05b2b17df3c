// The broadcasts module's figures for the statistics table (kernel/indicators.ts): notices sent
// from a community (or its grids), and, of the recipients living in a community of notices that
// ask for an acknowledgement, the share who acknowledged within a day of sending (numerator and
// denominator summed up the tree: a street's notice to three communities counts its recipients in
// each of them).
import { sql } from 'drizzle-orm'
import { inMonth, MONTH_OF_SQL, onlyCommunities, type IndicatorDef, type IndicatorSource } from '../../kernel/indicators.ts'
import { communityOfNode } from '../orgs/orgs.read.ts'

export const broadcastIndicators: IndicatorDef[] = [
  { code: 'broadcasts.sent', name: { zh: '发送红喇叭通知', en: 'Notices sent' }, ledger: 'party', unit: { zh: '条', en: 'notices' }, kind: 'count', time: 'sum',
    definition: { zh: '当月由本社区（含其网格）发出的红喇叭通知数（撤回的不计）', en: 'Notices sent in the month from the community or its grids (withdrawn ones excluded)' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM broadcasts x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id WHERE ${inMonth('sent_at', m)} AND x.state = 'sent'
      ${onlyCommunities('cn.community_id', communities)} GROUP BY 1` },
  { code: 'broadcasts.ack_in_day_rate', name: { zh: '通知一日内确认率', en: 'Acknowledged within a day' }, ledger: 'party', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月发出、要求确认的通知中，本社区接收人在发出后 24 小时内点击确认的比例（按人次）', en: 'Of the recipients in the community of notices sent in the month asking for an acknowledgement, the share who acknowledged within 24 hours' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id,
        count(*) FILTER (WHERE r.acknowledged_at <= x.sent_at + interval '1 day')::numeric AS numerator, count(*)::numeric AS denominator
      FROM broadcasts x JOIN broadcast_receipts r ON r.broadcast_id = x.id JOIN ${communityOfNode} cn ON cn.org_id = coalesce(r.org_id, x.org_id)
      WHERE ${inMonth('sent_at', m)} AND x.state = 'sent' AND x.ack_required ${onlyCommunities('cn.community_id', communities)} GROUP BY 1` },
]

export const broadcastIndicatorSource: IndicatorSource = {
  source: 'broadcasts',
  indicators: broadcastIndicators,
  // Sending and withdrawing stamp the notice's `updated_at`; an acknowledgement stamps only its
  // receipt (no `updated_at` there): one within a day of sending moves the month sent.
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, ${sql.raw(MONTH_OF_SQL('x.sent_at'))} AS period
      FROM broadcasts x JOIN broadcast_receipts r ON r.broadcast_id = x.id JOIN ${communityOfNode} cn ON cn.org_id = coalesce(r.org_id, x.org_id)
      WHERE x.sent_at IS NOT NULL AND x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('x.sent_at'))} FROM broadcasts x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
      WHERE x.sent_at IS NOT NULL AND x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('x.sent_at'))}
      FROM broadcast_receipts r JOIN broadcasts x ON x.id = r.broadcast_id JOIN ${communityOfNode} cn ON cn.org_id = coalesce(r.org_id, x.org_id)
      WHERE r.acknowledged_at > ${from}::timestamptz AND r.acknowledged_at <= ${to}::timestamptz AND r.acknowledged_at <= x.sent_at + interval '1 day'`,
}
