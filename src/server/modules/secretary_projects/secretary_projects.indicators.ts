// The figures secretaries' projects and responsibility lists give the statistics table (party
// ledger). An item counts at the community its node lies in: a street's, a district's or the
// city's items belong to no community and are read on the console's list instead. Milestones on
// time are a ratio of sums: milestones due in the month done by their due day, over milestones
// due in the month, summed over communities and months before dividing.
import { sql } from 'drizzle-orm'
import { MONTH_OF_SQL, onlyCommunities, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode } from '../orgs/orgs.read.ts'

const only = (communities: string | null) => onlyCommunities('cn.community_id', communities)
const chinaDate = (t: string) => sql`(${t}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`
/** Milestones due in the month (China days). */
const dueIn = (m: Month) => sql`x.due_on >= ${chinaDate(m.from)} AND x.due_on < ${chinaDate(m.to)}`
const projectsOf = sql`secretary_projects p JOIN ${communityOfNode} cn ON cn.org_id = p.org_id`

export const secretaryProjectIndicators: IndicatorDef[] = [
  { code: 'secretary_projects.in_progress', name: { zh: '在推进的书记项目与责任清单', en: 'Secretary projects and duties under way' }, ledger: 'party', unit: { zh: '项', en: 'items' }, kind: 'count', time: 'last',
    definition: { zh: '月末已立项、尚未办结的书记抓党建项目和责任清单事项数（社区的；年度覆盖该月）', en: 'The community’s secretary’s projects and responsibility-list items created by the month’s end, not closed by then, whose years include the month' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM ${projectsOf} WHERE p.created_at < ${m.to}::timestamptz AND (p.closed_at IS NULL OR p.closed_at >= ${m.to}::timestamptz)
        AND ${Number(m.period.slice(0, 4))} BETWEEN p.year_from AND p.year_to ${only(communities)} GROUP BY 1` },
  { code: 'secretary_projects.done', name: { zh: '办结的书记项目与责任清单', en: 'Secretary projects and duties closed' }, ledger: 'party', unit: { zh: '项', en: 'items' }, kind: 'count', time: 'sum',
    definition: { zh: '当月办结（全部节点完成并写明办结情况）的书记抓党建项目和责任清单事项数', en: 'Secretary’s projects and responsibility-list items closed in the month (every milestone done, a closing note written)' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM ${projectsOf} WHERE p.closed_at >= ${m.from}::timestamptz AND p.closed_at < ${m.to}::timestamptz ${only(communities)} GROUP BY 1` },
  { code: 'secretary_projects.milestones_due', name: { zh: '当月到期的项目节点', en: 'Project milestones due' }, ledger: 'party', unit: { zh: '个', en: 'milestones' }, kind: 'count', time: 'sum',
    definition: { zh: '计划完成日期在当月的书记项目和责任清单节点数', en: 'Milestones of secretary’s projects and responsibility lists due in the month' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM secretary_project_milestones x JOIN ${projectsOf} ON p.id = x.project_id WHERE ${dueIn(m)} ${only(communities)} GROUP BY 1` },
  { code: 'secretary_projects.milestones_on_time', name: { zh: '项目节点按期完成率', en: 'Project milestones done on time' }, ledger: 'party', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '计划完成日期在当月的节点中，在计划日期当天或之前完成的比例（各社区、各月先分别加总分子分母再相除）', en: 'Of the milestones due in the month, the share done on or before their due day (numerators and denominators summed before dividing)' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id,
        count(*) FILTER (WHERE x.done_at IS NOT NULL AND (x.done_at AT TIME ZONE 'Asia/Shanghai')::date <= x.due_on)::numeric AS numerator, count(*)::numeric AS denominator
      FROM secretary_project_milestones x JOIN ${projectsOf} ON p.id = x.project_id WHERE ${dueIn(m)} ${only(communities)} GROUP BY 1` },
]

export const secretaryProjectIndicatorSource: IndicatorSource = {
  source: 'secretary_projects',
  indicators: secretaryProjectIndicators,
  // Every write touches the item's updated_at: the month of the write, the item's close and every
  // month one of its milestones is due in; an item's years reach at most three years, so the
  // months it stands in are re-read when it changes.
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, mo.period
      FROM ${projectsOf} CROSS JOIN LATERAL (
        SELECT ${sql.raw(MONTH_OF_SQL('p.updated_at'))} AS period UNION SELECT ${sql.raw(MONTH_OF_SQL('p.closed_at'))}
        UNION SELECT to_char(x.due_on, 'YYYY-MM') FROM secretary_project_milestones x WHERE x.project_id = p.id) mo
      WHERE mo.period IS NOT NULL AND p.updated_at > ${from}::timestamptz AND p.updated_at <= ${to}::timestamptz`,
}
