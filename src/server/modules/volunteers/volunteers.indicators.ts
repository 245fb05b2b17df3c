// The volunteers module's figures for the statistics table (kernel/indicators.ts): hours served at
// activities and the people who served them, per community (of the activity) and month.
import { sql, type SQL } from 'drizzle-orm'
import { ageBandPart, genderPart, inMonth, onlyCommunities, touchedMonths, type BreakdownDef, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { residentTraits } from '../residents/residents.read.ts'
import { communityOfNode } from '../orgs/orgs.read.ts'

const served = (figure: string) => (m: Month, communities: string | null) => sql`
  SELECT cn.community_id::text AS community_id, ${sql.raw(figure)}::numeric AS numerator, NULL::numeric AS denominator
  FROM activity_attendances x JOIN activities a ON a.id = x.activity_id JOIN ${communityOfNode} cn ON cn.org_id = a.org_id
  WHERE x.status = 'checked_out' AND ${inMonth('checked_in_at', m)} ${onlyCommunities('cn.community_id', communities)} GROUP BY 1`

/** The same figure split by the volunteer's gender or age band (from the resident record, `unknown` without one). */
const servedBy = (figure: string, part: (m: Month) => SQL): BreakdownDef => ({
  compute: (m, communities) => sql`
    SELECT cn.community_id::text AS community_id, ${part(m)} AS part, ${sql.raw(figure)}::numeric AS numerator, NULL::numeric AS denominator
    FROM activity_attendances x JOIN activities a ON a.id = x.activity_id JOIN ${communityOfNode} cn ON cn.org_id = a.org_id
    LEFT JOIN ${residentTraits} rt ON rt.person_id = x.person_id
    WHERE x.status = 'checked_out' AND ${inMonth('checked_in_at', m)} ${onlyCommunities('cn.community_id', communities)} GROUP BY 1, 2`,
})
const byPerson = (figure: string) => ({ gender: servedBy(figure, () => genderPart('rt.gender')), ageBand: servedBy(figure, (m) => ageBandPart('rt.birth_year', m)) })

export const volunteerIndicators: IndicatorDef[] = [
  { code: 'volunteers.hours', name: { zh: '志愿服务时长', en: 'Volunteer hours' }, ledger: 'livelihood', unit: { zh: '小时', en: 'hours' }, kind: 'count', time: 'sum',
    definition: { zh: '当月在本社区（含其网格）举办的活动中签到签退记录的服务时长', en: 'Hours recorded at activities held in the community (and its grids) in the month' }, compute: served('sum(x.hours)'), breakdowns: byPerson('sum(x.hours)') },
  { code: 'volunteers.attendances', name: { zh: '志愿服务人次', en: 'Volunteer attendances' }, ledger: 'livelihood', unit: { zh: '人次', en: 'attendances' }, kind: 'count', time: 'sum',
    definition: { zh: '当月在本社区活动中签到并签退的人次', en: 'Check-ins with a check-out at the community’s activities in the month' }, compute: served('count(*)'), breakdowns: byPerson('count(*)') },
]

export const volunteerIndicatorSource: IndicatorSource = {
  source: 'volunteers',
  indicators: volunteerIndicators,
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, m.period
    FROM activity_attendances x JOIN activities a ON a.id = x.activity_id JOIN ${communityOfNode} cn ON cn.org_id = a.org_id ${touchedMonths('x.checked_in_at')}
    WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz AND m.period IS NOT NULL`,
}
