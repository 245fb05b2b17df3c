// The funds module's figures for the statistics table (kernel/indicators.ts): service funds
// (服务群众专项经费) spent in the month by a community's projects, the share of that spending that
// went to governance projects (yuan over yuan, summed up the tree before dividing), and projects
// completed. Expenses count on the day they were spent (`spent_on`, a China date).
import { sql } from 'drizzle-orm'
import { inMonth, MONTH_OF_SQL, onlyCommunities, touchedMonths, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode } from '../orgs/orgs.read.ts'

const chinaDay = (t: string) => sql`(${t}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`
const only = (communities: string | null) => onlyCommunities('cn.community_id', communities)

/** Expenses spent in the month on projects charged to a service fund, per community of the project. */
const serviceSpending = (m: Month, communities: string | null, numerator: string, denominator: string) => sql`
  SELECT cn.community_id::text AS community_id, ${sql.raw(numerator)}::numeric AS numerator, ${sql.raw(denominator)}::numeric AS denominator
  FROM fund_expenses x JOIN fund_projects p ON p.id = x.project_id JOIN funds f ON f.id = p.fund_id JOIN ${communityOfNode} cn ON cn.org_id = p.org_id
  WHERE f.source = 'service' AND f.deleted_at IS NULL AND x.spent_on >= ${chinaDay(m.from)} AND x.spent_on < ${chinaDay(m.to)} ${only(communities)} GROUP BY 1`

const yuan = { zh: '元', en: 'yuan' }

export const fundIndicators: IndicatorDef[] = [
  { code: 'funds.service_spent', name: { zh: '服务群众经费支出', en: 'Service funds spent' }, ledger: 'livelihood', unit: yuan, kind: 'count', time: 'sum',
    definition: { zh: '当月本社区项目从服务群众专项经费中列支的金额', en: 'Spending in the month of the community’s projects charged to the service fund (服务群众专项经费)' },
    compute: (m, communities) => serviceSpending(m, communities, 'sum(x.amount_yuan)', 'NULL') },
  { code: 'funds.governance_share', name: { zh: '服务经费用于治理比例', en: 'Service funds to governance' }, ledger: 'livelihood', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月服务群众专项经费支出中，用于社区治理项目的金额占比（按金额，分子分母分别汇总）', en: 'Of the service-fund spending in the month, the share (by amount) spent on governance projects' },
    compute: (m, communities) => serviceSpending(m, communities, 'coalesce(sum(x.amount_yuan) FILTER (WHERE p.governance), 0)', 'sum(x.amount_yuan)') },
  { code: 'funds.projects_done', name: { zh: '完成惠民项目', en: 'Projects completed' }, ledger: 'livelihood', unit: { zh: '个', en: 'projects' }, kind: 'count', time: 'sum',
    definition: { zh: '当月完成验收的惠民项目、红色创投和微公益众筹项目数', en: 'Benefit, venture and crowdfunding projects completed in the month' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM fund_projects x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id WHERE ${inMonth('done_at', m)} AND x.state = 'done' ${only(communities)} GROUP BY 1` },
]

export const fundIndicatorSource: IndicatorSource = {
  source: 'funds',
  indicators: fundIndicators,
  // Expenses are written once (`created_at`); projects and funds stamp `updated_at`: a project's
  // change (its fund, its governance flag) moves the months of its expenses; a fund's change the
  // month it changed in at its projects' communities.
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, to_char(x.spent_on, 'YYYY-MM') AS period
      FROM fund_expenses x JOIN fund_projects p ON p.id = x.project_id JOIN ${communityOfNode} cn ON cn.org_id = p.org_id
      WHERE (x.created_at > ${from}::timestamptz AND x.created_at <= ${to}::timestamptz) OR (p.updated_at > ${from}::timestamptz AND p.updated_at <= ${to}::timestamptz)
    UNION SELECT DISTINCT cn.community_id::text, m.period FROM fund_projects x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
      ${touchedMonths('x.done_at', 'x.updated_at')} WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz AND m.period IS NOT NULL
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('f.updated_at'))} FROM funds f JOIN fund_projects p ON p.fund_id = f.id JOIN ${communityOfNode} cn ON cn.org_id = p.org_id
      WHERE f.updated_at > ${from}::timestamptz AND f.updated_at <= ${to}::timestamptz`,
}
