// The visits module's figures for the statistics table (kernel/indicators.ts): visits logged at a
// community (民情夜访/家访) and the households they met, and the scheduled visit tasks of the month
// done against those planned (summed as numerator and denominator, never averaged).
import { sql } from 'drizzle-orm'
import { inMonth, onlyCommunities, touchedMonths, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode } from '../orgs/orgs.read.ts'

const logged = (figure: string) => (m: Month, communities: string | null) => sql`
  SELECT cn.community_id::text AS community_id, ${sql.raw(figure)}::numeric AS numerator, NULL::numeric AS denominator
  FROM visits x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
  WHERE ${inMonth('visited_at', m)} ${onlyCommunities('cn.community_id', communities)} GROUP BY 1`

const chinaDay = (t: string) => sql`(${t}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`

export const visitIndicators: IndicatorDef[] = [
  { code: 'visits.done', name: { zh: '走访次数', en: 'Visits made' }, ledger: 'livelihood', unit: { zh: '次', en: 'visits' }, kind: 'count', time: 'sum',
    definition: { zh: '当月在本社区（含其网格、楼栋）登记的民情走访次数', en: 'Visits logged in the month at the community, its grids and buildings' }, compute: logged('count(*)') },
  { code: 'visits.households', name: { zh: '走访户数', en: 'Households visited' }, ledger: 'livelihood', unit: { zh: '户', en: 'households' }, kind: 'count', time: 'sum',
    definition: { zh: '当月走访记录所登记的入户户数之和', en: 'Households met, as the month’s visit logs record them' }, compute: logged('sum(x.households)') },
  { code: 'visits.task_completion_rate', name: { zh: '计划走访完成率', en: 'Planned visits done' }, ledger: 'livelihood', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '走访计划派到本社区、当月到期的走访任务中，已登记走访的比例', en: 'Of the scheduled visit tasks at the community falling due in the month, the share with a visit logged' },
    compute: (m, communities) => sql`SELECT x.community_id::text AS community_id, count(*) FILTER (WHERE x.done_at IS NOT NULL)::numeric AS numerator, count(*)::numeric AS denominator
      FROM visit_tasks x WHERE x.due_on >= ${chinaDay(m.from)} AND x.due_on < ${chinaDay(m.to)} ${onlyCommunities('x.community_id', communities)} GROUP BY 1` },
]

export const visitIndicatorSource: IndicatorSource = {
  source: 'visits',
  indicators: visitIndicators,
  // Visit logs are written once (`updated_at` is their insert); a task has no `updated_at`: it is
  // read by its creation and its `done_at`, in the month it falls due.
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, m.period FROM visits x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
      ${touchedMonths('x.visited_at')} WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT x.community_id::text, to_char(x.due_on, 'YYYY-MM') FROM visit_tasks x
      WHERE (x.created_at > ${from}::timestamptz AND x.created_at <= ${to}::timestamptz) OR (x.done_at > ${from}::timestamptz AND x.done_at <= ${to}::timestamptz)`,
}
