// The building leaders' figures for the statistics table (kernel/indicators.ts): the share of a
// community's buildings with a building leader in post at the month's end (the people module's
// `building_leader` role, read with its dates through `roleGrants`, so a past month keeps its
// figure), and the buildings whose leader shows a public 三亮 card. Stocks: a quarter or year
// shows its last month.
import { sql, type SQL } from 'drizzle-orm'
import { MONTH_OF_SQL, onlyCommunities, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode, orgTree } from '../orgs/orgs.read.ts'
import { roleGrants } from '../people/people.read.ts'

const lastDay = (m: Month) => sql`((${m.to}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - 1)`
const inPost = (m: Month, person: SQL | null) => sql`EXISTS (SELECT 1 FROM ${roleGrants} g WHERE g.org_id = b.id AND g.role = 'building_leader'
  AND g.valid_from <= ${lastDay(m)} AND (g.valid_to IS NULL OR g.valid_to > ${lastDay(m)}) ${person ? sql`AND g.person_id = ${person}` : sql``})`

const buildings = (m: Month, communities: string | null) => sql`FROM ${orgTree} b JOIN ${communityOfNode} cn ON cn.org_id = b.id
  WHERE b.kind = 'building' AND (b.deleted_at IS NULL OR b.deleted_at >= ${m.to}::timestamptz)
  ${onlyCommunities('cn.community_id', communities)}`

export const buildingLeaderIndicators: IndicatorDef[] = [
  { code: 'building_leaders.coverage_rate', name: { zh: '楼栋长配备率', en: 'Buildings with a leader' }, ledger: 'party', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'last',
    definition: { zh: '月末社区楼栋中，有在任楼栋长（楼栋长角色在月末有效）的比例', en: 'Of the community’s buildings at the month’s end, the share with a building leader in post (a building-leader role in force on the last day)' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*) FILTER (WHERE ${inPost(m, null)})::numeric AS numerator, count(*)::numeric AS denominator
      ${buildings(m, communities)} GROUP BY 1` },
  { code: 'building_leaders.cards_shown', name: { zh: '楼栋长三亮', en: 'Leaders’ cards shown' }, ledger: 'party', unit: { zh: '栋', en: 'buildings' }, kind: 'count', time: 'last',
    definition: { zh: '月末在任楼栋长已发布三亮名片（亮身份、亮职责、亮承诺）的楼栋数', en: 'Buildings whose leader in post at the month’s end has published a 三亮 card (identity, duties, commitments)' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(DISTINCT b.id)::numeric AS numerator, NULL::numeric AS denominator
      ${buildings(m, communities)} AND EXISTS (SELECT 1 FROM building_leader_cards x WHERE x.building_id = b.id AND x.created_at < ${m.to}::timestamptz AND ${inPost(m, sql`x.person_id`)})
      GROUP BY 1` },
]

const chinaDay = (t: string) => sql`(${t}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`

export const buildingLeaderIndicatorSource: IndicatorSource = {
  source: 'building_leaders',
  indicators: buildingLeaderIndicators,
  // Role grants keep no write time, only the dates they run between: a grant starting or ending
  // between the two moments' dates moves its month (a grant entered with a past start moves it
  // only when the month is next recomputed). Cards stamp `updated_at`.
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, to_char(d.day, 'YYYY-MM') AS period
      FROM ${roleGrants} g JOIN ${communityOfNode} cn ON cn.org_id = g.org_id CROSS JOIN LATERAL unnest(ARRAY[g.valid_from, g.valid_to]) AS d(day)
      WHERE g.role = 'building_leader' AND d.day >= ${chinaDay(from)} AND d.day <= ${chinaDay(to)}
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('x.updated_at'))} FROM building_leader_cards x JOIN ${communityOfNode} cn ON cn.org_id = x.building_id
      WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz`,
}
