// The statistics module's own indicators: the figures a community types each month where no
// record holds them (manual fields), and the completeness and timeliness of the reports
// themselves (DHIS2's completeness: the share of communities that submitted, and of those, in time).
import { sql } from 'drizzle-orm'
import { onlyCommunities, type IndicatorDef, type IndicatorSource, type Ledger } from '../../kernel/indicators.ts'
import { orgTree } from '../orgs/orgs.read.ts'

/** A month's report is on time when submitted within this many days after the month ended. */
export const ON_TIME_DAYS = 5

type W = { zh: string; en: string }
const manual = (code: string, name: W, ledger: Ledger, unit: W, time: 'sum' | 'last', definition: W): IndicatorDef =>
  ({ code: `statistics.${code}`, name, ledger, unit, kind: 'count', time, definition, manual: true })

const pct = { zh: '%', en: '%' }

const reportShare = (hit: string) => (m: { period: string; to: string }, communities: string | null) => sql`
  SELECT c.id::text AS community_id, count(r.org_id) FILTER (WHERE ${sql.raw(hit)})::numeric AS numerator, 1::numeric AS denominator
  FROM ${orgTree} c LEFT JOIN statistic_reports r ON r.org_id = c.id AND r.period = ${m.period}
  WHERE c.kind IN ('community', 'village') AND c.deleted_at IS NULL ${onlyCommunities('c.id', communities)}
  GROUP BY c.id`

export const statisticsIndicators: IndicatorDef[] = [
  manual('population', { zh: '常住人口', en: 'Resident population' }, 'livelihood', { zh: '人', en: 'people' }, 'last',
    { zh: '社区（村）每月填报的常住人口数，以派出所、统计部门当月口径为准', en: 'The resident population the community reports each month, as the police station and statistics office count it' }),
  manual('new_orgs', { zh: '辖区两新组织', en: 'New economic and social organisations' }, 'party', { zh: '个', en: 'orgs' }, 'last',
    { zh: '辖区内非公有制经济组织和社会组织（两新组织）的总数，作为党组织覆盖率的分母参考', en: 'Non-public enterprises and social organisations in the area, the base of Party coverage' }),
  manual('offline_activities', { zh: '线下党群活动', en: 'Offline Party-and-people activities' }, 'party', { zh: '场', en: 'events' }, 'sum',
    { zh: '本月在系统外组织、未录入活动记录的党群活动场次', en: 'Party-and-people activities held this month that have no record in the system' }),
  manual('ledger_hours', { zh: '台账报表用时', en: 'Hours spent on ledgers' }, 'livelihood', { zh: '小时', en: 'hours' }, 'sum',
    { zh: '本月社区工作者为填报各类台账、报表所用工时合计，用于衡量“统计一套表”的减负成效', en: 'Hours community workers spent on ledgers and reports this month: the measure of the one-table reform' }),
  { code: 'statistics.reports_submitted', name: { zh: '报表上报率', en: 'Reports submitted' }, ledger: 'party', unit: pct, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '社区（村）中已上报本月统计表的比例（完整性）', en: 'Share of communities that submitted the month’s table (completeness)' }, compute: reportShare('r.org_id IS NOT NULL') },
  { code: 'statistics.reports_on_time', name: { zh: '报表及时率', en: 'Reports on time' }, ledger: 'party', unit: pct, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: `社区（村）中在月末后 ${ON_TIME_DAYS} 天内上报本月统计表的比例（及时性）`, en: `Share of communities that submitted within ${ON_TIME_DAYS} days after the month (timeliness)` },
    compute: (m, communities) => reportShare(`r.acted_at < '${m.to}'::timestamptz + interval '${ON_TIME_DAYS} days'`)(m, communities) },
]

export const statisticsIndicatorSource: IndicatorSource = {
  source: 'statistics',
  indicators: statisticsIndicators,
  changes: (from, to) => sql`SELECT r.org_id::text AS community_id, r.period FROM statistic_reports r JOIN ${orgTree} c ON c.id = r.org_id
    WHERE c.kind IN ('community', 'village') AND r.acted_at > ${from}::timestamptz AND r.acted_at <= ${to}::timestamptz`,
}
