// The cases module's figures for the statistics table (kernel/indicators.ts): problems found on the
// grid, closed, on time, where they were closed, reopened and rated, per community and month.
// Every change of a case writes an event, so the events say which cases changed.
import { sql, type SQL } from 'drizzle-orm'
import { inMonth, onlyCommunities, touchedMonths, type BreakdownDef, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode } from '../orgs/orgs.read.ts'

const only = (communities: string | null) => onlyCommunities('cn.community_id', communities)

/** Counts per community of the cases whose `column` falls in the month (and `where`). */
const countOf = (column: string, where: SQL = sql`true`) => (m: Month, communities: string | null) => sql`
  SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
  FROM cases x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
  WHERE ${inMonth(column, m)} AND x.merged_into_id IS NULL AND ${where} ${only(communities)} GROUP BY 1`

/** A share per community among the cases whose `column` falls in the month. */
const shareOf = (column: string, hit: SQL, among: SQL = sql`true`) => (m: Month, communities: string | null) => sql`
  SELECT cn.community_id::text AS community_id, count(*) FILTER (WHERE ${hit})::numeric AS numerator, count(*)::numeric AS denominator
  FROM cases x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
  WHERE ${inMonth(column, m)} AND x.merged_into_id IS NULL AND ${among} ${only(communities)} GROUP BY 1`

/**
 * A figure split by the case's top category (大类: a subcategory counts under its parent): `hit`
 * null for a count, else a share among the cases (`among`), numerator and denominator per part.
 */
const byCategory = (column: string, hit: SQL | null, among: SQL = sql`true`): BreakdownDef => ({
  compute: (m, communities) => sql`
    SELECT cn.community_id::text AS community_id, coalesce(cc.parent_code, cc.code) AS part,
      ${hit ? sql`count(*) FILTER (WHERE ${hit})::numeric` : sql`count(*)::numeric`} AS numerator, ${hit ? sql`count(*)::numeric` : sql`NULL::numeric`} AS denominator
    FROM cases x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id JOIN case_categories cc ON cc.code = x.category_code
    WHERE ${inMonth(column, m)} AND x.merged_into_id IS NULL AND ${among} ${only(communities)} GROUP BY 1, 2`,
  definition: { zh: '按事件大类分组（小类计入所属大类）', en: 'By the case’s top category (a subcategory counts under its parent)' },
  labelsSql: sql`SELECT code AS part, name AS zh, name_en AS en FROM case_categories WHERE parent_code IS NULL`,
})

const pct = { zh: '%', en: '%' }
const n = { zh: '件', en: 'cases' }

export const caseIndicators: IndicatorDef[] = [
  { code: 'cases.reported', name: { zh: '发现上报问题', en: 'Problems reported' }, ledger: 'livelihood', unit: n, kind: 'count', time: 'sum',
    definition: { zh: '当月在本社区网格内上报的事件数（合并到其他事件的不计）', en: 'Cases reported in the month on the community’s grids (merged ones excluded)' }, compute: countOf('created_at'), breakdowns: { category: byCategory('created_at', null) } },
  { code: 'cases.closed', name: { zh: '办结问题', en: 'Problems closed' }, ledger: 'livelihood', unit: n, kind: 'count', time: 'sum',
    definition: { zh: '当月办结（核实后关闭）的事件数', en: 'Cases closed (after verification) in the month' }, compute: countOf('closed_at'), breakdowns: { category: byCategory('closed_at', null) } },
  { code: 'cases.on_time_rate', name: { zh: '按期办理率', en: 'Handled on time' }, ledger: 'livelihood', unit: pct, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月办理完毕的事件中，在办理时限内办完的比例', en: 'Of the cases handled in the month, the share handled within their time limit' },
    compute: shareOf('handled_at', sql`x.handled_on_time IS TRUE`), breakdowns: { category: byCategory('handled_at', sql`x.handled_on_time IS TRUE`) } },
  { code: 'cases.closed_in_grid_rate', name: { zh: '网格内解决率', en: 'Closed in the grid' }, ledger: 'livelihood', unit: pct, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月办结的事件中，在网格一级解决的比例', en: 'Of the cases closed in the month, the share closed at grid level' },
    compute: shareOf('closed_at', sql`x.closed_level = 'grid'`) },
  { code: 'cases.closed_in_community_rate', name: { zh: '社区内解决率', en: 'Closed in the community' }, ledger: 'livelihood', unit: pct, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月办结的事件中，在网格或社区一级解决（未上交街道、部门）的比例', en: 'Of the cases closed in the month, the share closed at grid or community level' },
    compute: shareOf('closed_at', sql`x.closed_level IN ('grid', 'community')`) },
  { code: 'cases.reopen_rate', name: { zh: '重办率', en: 'Reopened' }, ledger: 'livelihood', unit: pct, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月办结的事件中，曾因核实不通过或群众不满意而重新办理的比例', en: 'Of the cases closed in the month, the share reopened at least once' },
    compute: shareOf('closed_at', sql`x.reopens > 0`) },
  { code: 'cases.satisfaction_rate', name: { zh: '群众满意率', en: 'Residents satisfied' }, ledger: 'livelihood', unit: pct, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月办结并经评价的事件中，评价 4 星及以上的比例', en: 'Of the cases closed and rated in the month, the share rated 4 stars or more' },
    compute: shareOf('closed_at', sql`x.rating >= 4`, sql`x.rating IS NOT NULL`) },
]

export const caseIndicatorSource: IndicatorSource = {
  source: 'cases',
  indicators: caseIndicators,
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, m.period
    FROM cases x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
    ${touchedMonths('x.created_at', 'x.handled_at', 'x.closed_at')}
    WHERE (x.id, x.district_id) IN (SELECT e.case_id, e.district_id FROM case_events e WHERE e.at > ${from}::timestamptz AND e.at <= ${to}::timestamptz) AND m.period IS NOT NULL`,
}
