// The units module's figures for the statistics table (kernel/indicators.ts): units paired with a
// community (结对共建, a stock at the month's end), the items of the co-building lists (需求/资源/
// 项目/责任清单) published, claimed and completed in the month, and how many 两新 organisations
// (non-public firms and social organisations) sitting in a community have a Party organisation.
// The unit keeps only its present `has_party_org` (no history): a past month's coverage is
// recomputed with today's flag when its records change.
import { sql } from 'drizzle-orm'
import { inMonth, onlyCommunities, touchedMonths, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode } from '../orgs/orgs.read.ts'

/** The last China-time day of the month, as a date literal. */
const lastDay = (m: Month) => sql`((${m.to}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - 1)`

/** List items whose `column` falls in the month. */
const itemsOn = (column: string) => (m: Month, communities: string | null) => sql`
  SELECT x.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator FROM list_items x
  WHERE ${inMonth(column, m)} ${onlyCommunities('x.community_id', communities)} GROUP BY 1`

const items = { zh: '项', en: 'items' }

export const unitIndicators: IndicatorDef[] = [
  { code: 'units.paired_units', name: { zh: '结对共建单位', en: 'Paired units' }, ledger: 'party', unit: { zh: '个', en: 'units' }, kind: 'count', time: 'last',
    definition: { zh: '月末与本社区签有有效结对共建协议的单位数（含核心共建与驻区单位）', en: 'Units with a pairing agreement in force with the community at the month’s end (core and resident units)' },
    compute: (m, communities) => sql`SELECT x.community_id::text AS community_id, count(DISTINCT x.unit_id)::numeric AS numerator, NULL::numeric AS denominator
      FROM pairing_agreements x WHERE x.starts_on <= ${lastDay(m)} AND (x.ended_on IS NULL OR x.ended_on > ${lastDay(m)})
        AND (x.ends_on IS NULL OR x.ends_on >= ${lastDay(m)}) ${onlyCommunities('x.community_id', communities)} GROUP BY 1` },
  { code: 'units.list_items_published', name: { zh: '发布清单事项', en: 'List items published' }, ledger: 'party', unit: items, kind: 'count', time: 'sum',
    definition: { zh: '当月社区或共建单位发布的需求、资源、项目、责任清单事项数', en: 'Need, resource, project and responsibility list items published in the month by the community or its units' },
    compute: itemsOn('created_at') },
  { code: 'units.list_items_claimed', name: { zh: '认领清单事项', en: 'List items claimed' }, ledger: 'party', unit: items, kind: 'count', time: 'sum',
    definition: { zh: '当月被单位或社区认领的清单事项数（认领后撤回的仍计入）', en: 'List items claimed by a unit or the community in the month (withdrawn ones included)' },
    compute: itemsOn('claimed_at') },
  { code: 'units.list_items_completed', name: { zh: '完成清单事项', en: 'List items completed' }, ledger: 'party', unit: items, kind: 'count', time: 'sum',
    definition: { zh: '当月经发布方确认完成的清单事项数', en: 'List items confirmed completed by their publisher in the month' },
    compute: itemsOn('completed_at') },
  { code: 'units.two_new_party_coverage', name: { zh: '两新组织党组织覆盖率', en: '两新 Party coverage' }, ledger: 'party', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'last',
    definition: { zh: '月末登记在本社区的非公企业和社会组织中，建有党组织的比例（登记在街道的单位不计入社区）', en: 'Of the non-public firms and social organisations registered in the community at the month’s end, the share with a Party organisation (units registered at a street count in no community)' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*) FILTER (WHERE x.has_party_org)::numeric AS numerator, count(*)::numeric AS denominator
      FROM units x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
      WHERE x.kind IN ('non_public_firm', 'social_organisation') AND x.created_at < ${m.to}::timestamptz
        AND (x.deleted_at IS NULL OR x.deleted_at >= ${m.to}::timestamptz) ${onlyCommunities('cn.community_id', communities)} GROUP BY 1` },
]

/** A date column's China-time month, for the rows whose date lies between the China dates of `from` and `to`. */
const chinaDay = (t: string) => sql`(${t}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`

export const unitIndicatorSource: IndicatorSource = {
  source: 'units',
  indicators: unitIndicators,
  // The units module does not stamp `updated_at` when an agreement ends, an item moves or a unit is
  // edited or removed, so: agreements by their creation and end date, list items by their events,
  // units by their creation and removal (an edit of `has_party_org` shows when the month is next
  // recomputed). A stock changes from the month of the change on; later months are recomputed
  // when they open.
  changes: (from, to) => sql`SELECT DISTINCT x.community_id::text AS community_id, m.period FROM pairing_agreements x ${touchedMonths('x.created_at', 'x.updated_at')}
      WHERE ((x.created_at > ${from}::timestamptz AND x.created_at <= ${to}::timestamptz) OR (x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz))
    UNION SELECT DISTINCT x.community_id::text, to_char(x.ended_on, 'YYYY-MM') FROM pairing_agreements x
      WHERE x.ended_on >= ${chinaDay(from)} AND x.ended_on <= ${chinaDay(to)}
    UNION SELECT DISTINCT x.community_id::text, m.period FROM list_items x ${touchedMonths('x.created_at', 'x.claimed_at', 'x.completed_at')}
      WHERE x.id IN (SELECT e.item_id FROM list_item_events e WHERE e.at > ${from}::timestamptz AND e.at <= ${to}::timestamptz) AND m.period IS NOT NULL
    UNION SELECT DISTINCT cn.community_id::text, m.period FROM units x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id ${touchedMonths('x.created_at', 'x.deleted_at')}
      WHERE ((x.created_at > ${from}::timestamptz AND x.created_at <= ${to}::timestamptz) OR (x.deleted_at > ${from}::timestamptz AND x.deleted_at <= ${to}::timestamptz))
        AND m.period IS NOT NULL`,
}
