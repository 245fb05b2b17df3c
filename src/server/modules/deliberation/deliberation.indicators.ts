// The deliberation module's figures for the statistics table (kernel/indicators.ts): topics raised
// and settled at a community (or its grids), resolutions carried out, and the resolutions' tasks
// done by their due date among those falling due in the month (numerator and denominator summed,
// never averaged). Topics merged into another count once, in the topic they were merged into.
import { sql, type SQL } from 'drizzle-orm'
import { inMonth, onlyCommunities, touchedMonths, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode } from '../orgs/orgs.read.ts'

const only = (communities: string | null) => onlyCommunities('cn.community_id', communities)

const topicsOn = (column: string, where: SQL) => (m: Month, communities: string | null) => sql`
  SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
  FROM topics x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
  WHERE ${inMonth(column, m)} AND ${where} ${only(communities)} GROUP BY 1`

/** The first instant after a task's due date (China time): done before it is done on time. */
const dueEnd = sql`((k.due_on::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`
const chinaDay = (t: string) => sql`(${t}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`

export const deliberationIndicators: IndicatorDef[] = [
  { code: 'deliberation.topics_raised', name: { zh: '征集议题', en: 'Topics raised' }, ledger: 'party', unit: { zh: '个', en: 'topics' }, kind: 'count', time: 'sum',
    definition: { zh: '当月在本社区（含其网格）提出的协商议题数（并入其他议题的、被驳回的不计）', en: 'Deliberation topics raised in the month at the community or its grids (merged and rejected ones excluded)' },
    compute: topicsOn('created_at', sql`x.state NOT IN ('merged', 'rejected')`) },
  { code: 'deliberation.topics_settled', name: { zh: '议定议题', en: 'Topics settled' }, ledger: 'party', unit: { zh: '个', en: 'topics' }, kind: 'count', time: 'sum',
    definition: { zh: '当月走完协商流程、形成结论的议题数', en: 'Topics that completed their deliberation and were settled in the month' },
    compute: topicsOn('closed_at', sql`x.state = 'settled'`) },
  { code: 'deliberation.resolutions_done', name: { zh: '落实协商决议', en: 'Resolutions carried out' }, ledger: 'party', unit: { zh: '项', en: 'resolutions' }, kind: 'count', time: 'sum',
    definition: { zh: '当月全部任务完成、落实到位的协商决议数', en: 'Resolutions whose tasks were all done in the month' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM resolutions x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id WHERE ${inMonth('done_at', m)} AND x.state = 'done' ${only(communities)} GROUP BY 1` },
  { code: 'deliberation.tasks_on_time_rate', name: { zh: '决议任务按期完成率', en: 'Resolution tasks on time' }, ledger: 'party', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月到期的协商决议任务中（已撤销的决议不计），在到期日当天及以前完成的比例', en: 'Of the resolution tasks falling due in the month (cancelled resolutions excluded), the share done on or before their due date' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*) FILTER (WHERE k.done_at < ${dueEnd})::numeric AS numerator, count(*)::numeric AS denominator
      FROM resolution_tasks k JOIN resolutions x ON x.id = k.resolution_id JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
      WHERE x.state <> 'cancelled' AND k.due_on IS NOT NULL AND k.due_on::date >= ${chinaDay(m.from)} AND k.due_on::date < ${chinaDay(m.to)} ${only(communities)} GROUP BY 1` },
]

export const deliberationIndicatorSource: IndicatorSource = {
  source: 'deliberation',
  indicators: deliberationIndicators,
  // Every move of a topic stamps its `updated_at` (a change of support alone does not move a figure);
  // resolutions and their tasks stamp theirs.
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, m.period FROM topics x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
      ${touchedMonths('x.created_at', 'x.closed_at')} WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz AND m.period IS NOT NULL
    UNION SELECT DISTINCT cn.community_id::text, m.period FROM resolutions x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
      ${touchedMonths('x.done_at')} WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz AND m.period IS NOT NULL
    UNION SELECT DISTINCT cn.community_id::text, left(k.due_on, 7) FROM resolution_tasks k JOIN resolutions x ON x.id = k.resolution_id JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
      WHERE k.due_on IS NOT NULL AND ((k.updated_at > ${from}::timestamptz AND k.updated_at <= ${to}::timestamptz) OR (x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz))`,
}
