// The members module's figures for the statistics table (kernel/indicators.ts): in-service Party
// members and units registered at each community (stocks at the month's end), the posts members
// claimed and the feedback cards sent back to their units in the month.
import { sql } from 'drizzle-orm'
import { inMonth, onlyCommunities, touchedMonths, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'

const registered = (kind: 'member' | 'unit') => (m: Month, communities: string | null) => sql`
  SELECT x.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator FROM registrations x
  WHERE x.kind = ${kind} AND x.status = 'accepted' AND x.reviewed_at < ${m.to}::timestamptz ${onlyCommunities('x.community_id', communities)} GROUP BY 1`

export const memberIndicators: IndicatorDef[] = [
  { code: 'members.registered_members', name: { zh: '在职党员报到', en: 'Members registered' }, ledger: 'party', unit: { zh: '人', en: 'members' }, kind: 'count', time: 'last',
    definition: { zh: '月末已在本社区报到（报到已接收）的在职党员人数', en: 'In-service members whose registration at the community is accepted, at the month’s end' }, compute: registered('member') },
  { code: 'members.registered_units', name: { zh: '单位党组织报到', en: 'Units registered' }, ledger: 'party', unit: { zh: '个', en: 'units' }, kind: 'count', time: 'last',
    definition: { zh: '月末已在本社区报到的单位党组织数', en: 'Units whose registration at the community is accepted, at the month’s end' }, compute: registered('unit') },
  { code: 'members.posts_claimed', name: { zh: '党员认领岗位', en: 'Posts claimed' }, ledger: 'party', unit: { zh: '人次', en: 'claims' }, kind: 'count', time: 'sum',
    definition: { zh: '当月党员认领社区服务岗位的人次', en: 'Community posts claimed by members in the month' },
    compute: (m, communities) => sql`SELECT p.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM post_claims x JOIN community_posts p ON p.id = x.post_id WHERE ${inMonth('created_at', m)} ${onlyCommunities('p.community_id', communities)} GROUP BY 1` },
  { code: 'members.cards_sent', name: { zh: '反馈单位表现', en: 'Feedback cards sent' }, ledger: 'party', unit: { zh: '份', en: 'cards' }, kind: 'count', time: 'sum',
    definition: { zh: '当月社区向党员所在单位寄出的表现反馈单数', en: 'Feedback cards sent to members’ units in the month' },
    compute: (m, communities) => sql`SELECT x.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM feedback_cards x WHERE x.status = 'sent' AND ${inMonth('updated_at', m)} ${onlyCommunities('x.community_id', communities)} GROUP BY 1` },
]

export const memberIndicatorSource: IndicatorSource = {
  source: 'members',
  indicators: memberIndicators,
  changes: (from, to) => sql`SELECT DISTINCT x.community_id::text AS community_id, m.period FROM registrations x ${touchedMonths('x.reviewed_at')}
      WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz AND m.period IS NOT NULL
    UNION SELECT DISTINCT p.community_id::text, m.period FROM post_claims x JOIN community_posts p ON p.id = x.post_id ${touchedMonths('x.created_at')}
      WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT x.community_id::text, m.period FROM feedback_cards x ${touchedMonths('x.updated_at')}
      WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz`,
}
