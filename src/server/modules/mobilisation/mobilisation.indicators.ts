// The mobilisation module's figures for the statistics table (kernel/indicators.ts): hours served
// on duty at emergency posts, the emergencies a community took part in, and hazards found on duty.
// Emergencies are mostly declared by a street or district, so a post counts at the community its
// emergency was declared in when that is a community (or below), else at the community whose
// outline holds the post (the first by id where outlines overlap). An emergency counts once in
// each community it had a shift in during the month: the total of a street is community-responses,
// not distinct emergencies.
import { sql, type SQL } from 'drizzle-orm'
import { MONTH_OF_SQL, onlyCommunities, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode, orgTree } from '../orgs/orgs.read.ts'

/** `JOIN LATERAL … AS cn(community_id)`: the community a post `p` of emergency `e` counts at. */
const postCommunity = sql`JOIN LATERAL (SELECT coalesce(
    (SELECT ec.community_id FROM ${communityOfNode} ec WHERE ec.org_id = e.org_id),
    (SELECT c.id FROM ${orgTree} c WHERE c.kind IN ('community', 'village') AND c.deleted_at IS NULL AND c.geometry && p.location AND ST_Covers(c.geometry, p.location) ORDER BY c.id LIMIT 1)
  ) AS community_id) cn ON cn.community_id IS NOT NULL`

const shiftsIn = (m: Month, communities: string | null, figure: string, where: SQL = sql`true`) => sql`
  SELECT cn.community_id::text AS community_id, ${sql.raw(figure)}::numeric AS numerator, NULL::numeric AS denominator
  FROM emergency_shifts s JOIN emergency_posts p ON p.id = s.post_id JOIN emergencies e ON e.id = p.emergency_id ${postCommunity}
  LEFT JOIN shift_signups x ON x.shift_id = s.id AND x.cancelled_at IS NULL
  WHERE s.starts_at >= ${m.from}::timestamptz AND s.starts_at < ${m.to}::timestamptz AND ${where} ${onlyCommunities('cn.community_id', communities)} GROUP BY 1`

export const mobilisationIndicators: IndicatorDef[] = [
  { code: 'mobilisation.duty_hours', name: { zh: '应急值守时长', en: 'Hours on duty' }, ledger: 'party', unit: { zh: '小时', en: 'hours' }, kind: 'count', time: 'sum',
    definition: { zh: '当月开始的应急值守班次中，班次结束后记入服务时长的小时数之和（取消报名的不计）', en: 'Hours credited for the emergency duty shifts starting in the month, once each shift ended (cancelled sign-ups excluded)' },
    compute: (m, communities) => shiftsIn(m, communities, 'coalesce(sum(x.hours), 0)', sql`x.hours IS NOT NULL`) },
  { code: 'mobilisation.emergencies', name: { zh: '参与应急响应', en: 'Emergencies responded to' }, ledger: 'party', unit: { zh: '次', en: 'emergencies' }, kind: 'count', time: 'sum',
    definition: { zh: '当月在本社区设有值守班次的应急事件数（一次事件涉及几个社区，在每个社区各计一次）', en: 'Emergencies with a duty shift at the community in the month (an emergency spanning several communities counts once in each)' },
    compute: (m, communities) => shiftsIn(m, communities, 'count(DISTINCT e.id)') },
  { code: 'mobilisation.hazards', name: { zh: '值守发现险情', en: 'Hazards found on duty' }, ledger: 'party', unit: { zh: '处', en: 'hazards' }, kind: 'count', time: 'sum',
    definition: { zh: '当月值守人员上报的险情数（无岗位的险情计入应急事件所在社区）', en: 'Hazards reported on duty in the month (one without a post counts at the emergency’s community)' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM emergency_hazards h JOIN emergencies e ON e.id = h.emergency_id
      LEFT JOIN emergency_posts p ON p.id = h.post_id ${postCommunity}
      WHERE h.created_at >= ${m.from}::timestamptz AND h.created_at < ${m.to}::timestamptz ${onlyCommunities('cn.community_id', communities)} GROUP BY 1` },
]

export const mobilisationIndicatorSource: IndicatorSource = {
  source: 'mobilisation',
  indicators: mobilisationIndicators,
  // Sign-ups stamp `updated_at` on sign-up, cancel and check-in, but the sweep crediting hours
  // stamps only `hours_recorded_at`: both are read. Shifts and hazards by their own stamps.
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, ${sql.raw(MONTH_OF_SQL('s.starts_at'))} AS period
      FROM emergency_shifts s JOIN emergency_posts p ON p.id = s.post_id JOIN emergencies e ON e.id = p.emergency_id ${postCommunity}
      WHERE s.id IN (SELECT x.shift_id FROM shift_signups x WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz
        UNION SELECT x.shift_id FROM shift_signups x WHERE x.hours_recorded_at > ${from}::timestamptz AND x.hours_recorded_at <= ${to}::timestamptz
        UNION SELECT s2.id FROM emergency_shifts s2 WHERE s2.updated_at > ${from}::timestamptz AND s2.updated_at <= ${to}::timestamptz)
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('h.created_at'))} FROM emergency_hazards h JOIN emergencies e ON e.id = h.emergency_id
      LEFT JOIN emergency_posts p ON p.id = h.post_id ${postCommunity}
      WHERE h.updated_at > ${from}::timestamptz AND h.updated_at <= ${to}::timestamptz`,
}
