// The organisation life module's figures for the statistics table (kernel/indicators.ts): Party
// meetings held, the required meetings (三会一课, 主题党日) whose plan period ends in the month and
// the share of them held, and study hours. Required meetings follow each Party organisation's plan
// for the year, or the default of its kind when it has none (party_life.kinds.ts), as the
// dashboard does: a monthly kind has a period ending every month, a quarterly one in March, June,
// September and December, and so on; a period counts as held when a meeting of the kind started in
// it was held. Meetings are read through the meetings module's `partyMeetingRows`.
import { sql, type SQL } from 'drizzle-orm'
import { inMonth, MONTH_OF_SQL, onlyCommunities, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { communityOfNode, orgTree } from '../orgs/orgs.read.ts'
import { partyMeetingRows } from '../meetings/meetings.read.ts'
import { defaultPlans, periodsPerYear, type Frequency } from './party_life.kinds.ts'

const HELD = sql`('held', 'minutes_approved')`
const only = (communities: string | null) => onlyCommunities('cn.community_id', communities)

/** `(party_kind, kind, frequency)` rows of the default plans. */
const defaults = sql.raw(`(VALUES ${Object.entries(defaultPlans).flatMap(([partyKind, plan]) =>
  Object.entries(plan).map(([kind, frequency]) => `('${partyKind}', '${kind}', '${frequency}')`)).join(', ')}) AS d(party_kind, kind, frequency)`)

/** The frequencies whose periods end with the month, each with the China date its period began. */
function periodsEnding(m: Month): { frequency: Frequency; from: string }[] {
  const [y, mo] = m.period.split('-').map(Number) as [number, number]
  return (Object.entries(periodsPerYear) as [Frequency, number][]).filter(([, n]) => n > 0 && mo % (12 / n) === 0).map(([frequency, n]) => {
    const first = mo - 12 / n + 1
    return { frequency, from: `${y}-${String(first).padStart(2, '0')}-01` }
  })
}

const requiredHeld = (m: Month, communities: string | null): SQL => {
  const year = Number(m.period.slice(0, 4))
  const ending = periodsEnding(m)
  const spans = sql.raw(`(VALUES ${ending.map((e) => `('${e.frequency}', DATE '${e.from}')`).join(', ')}) AS s(frequency, starts_on)`)
  return sql`WITH po AS (
      SELECT o.id, o.party_org_kind, cn.community_id FROM ${orgTree} o JOIN ${communityOfNode} cn ON cn.org_id = o.id
      WHERE o.party_org_kind IS NOT NULL AND (o.deleted_at IS NULL OR o.deleted_at >= ${m.to}::timestamptz) ${only(communities)}),
    plan AS (
      SELECT po.id, po.community_id, x.kind, x.frequency FROM po JOIN party_life_plans x ON x.party_org_id = po.id AND x.year = ${year}
      UNION ALL
      SELECT po.id, po.community_id, d.kind, d.frequency FROM po JOIN ${defaults} ON d.party_kind = po.party_org_kind
      WHERE NOT EXISTS (SELECT 1 FROM party_life_plans x WHERE x.party_org_id = po.id AND x.year = ${year}))
    SELECT plan.community_id::text AS community_id,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${partyMeetingRows} mt WHERE mt.org_id = plan.id AND mt.kind = plan.kind AND mt.state IN ${HELD}
        AND mt.starts_at >= (s.starts_on::timestamp AT TIME ZONE 'Asia/Shanghai') AND mt.starts_at < ${m.to}::timestamptz))::numeric AS numerator,
      count(*)::numeric AS denominator
    FROM plan JOIN ${spans} ON s.frequency = plan.frequency GROUP BY 1`
}

export const partyLifeIndicators: IndicatorDef[] = [
  { code: 'party_life.meetings_held', name: { zh: '召开组织生活会议', en: 'Party meetings held' }, ledger: 'party', unit: { zh: '次', en: 'meetings' }, kind: 'count', time: 'sum',
    definition: { zh: '当月本社区及其网格、楼栋党组织召开（已开完）的三会一课、主题党日等组织生活会议次数', en: 'Party meetings (三会一课, theme days…) of the community’s Party organisations started in the month and held' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM ${partyMeetingRows} x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id WHERE ${inMonth('starts_at', m)} AND x.state IN ${HELD} ${only(communities)} GROUP BY 1` },
  { code: 'party_life.required_held_rate', name: { zh: '组织生活按期召开率', en: 'Required meetings held' }, ledger: 'party', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '按年度计划（未制定的按党组织类型的默认要求），当月期满的应开会议中，期内已召开的比例；分子为已开、分母为应开（党组织 × 会议类型 × 期）', en: 'Of the meetings required by the year’s plan (or the default of the organisation’s kind) whose period ends in the month, the share held in the period: held over required, per organisation, kind and period' },
    compute: requiredHeld },
  { code: 'party_life.study_hours', name: { zh: '党员学习时长', en: 'Study hours' }, ledger: 'party', unit: { zh: '小时', en: 'hours' }, kind: 'count', time: 'sum',
    definition: { zh: '当月学习课程各场次登记出席的学时之和；课程由街道及以上开设的，计入学员所在党组织的社区', en: 'Hours of attendance recorded at the study sessions of the month; a course run above the community counts at the community of the attendee’s Party organisation' },
    compute: (m, communities) => sql`SELECT cn.community_id::text AS community_id, sum(x.hours)::numeric AS numerator, NULL::numeric AS denominator
      FROM study_attendance x JOIN study_sessions s ON s.id = x.session_id JOIN study_courses c ON c.id = s.course_id
      JOIN ${communityOfNode} cn ON cn.org_id = coalesce(
        (SELECT cc.org_id FROM ${communityOfNode} cc WHERE cc.org_id = c.org_id),
        (SELECT pm.party_org_id FROM party_org_members pm JOIN ${communityOfNode} pc ON pc.org_id = pm.party_org_id
          WHERE pm.person_id = x.person_id AND (pm.left_on IS NULL OR pm.left_on > (s.starts_at AT TIME ZONE 'Asia/Shanghai')::date) ORDER BY pm.id LIMIT 1))
      WHERE x.present AND s.starts_at >= ${m.from}::timestamptz AND s.starts_at < ${m.to}::timestamptz ${only(communities)} GROUP BY 1` },
]

/** The months whose required-meeting figure a meeting started at `starts_at` may move: the ends of its month's periods. */
const periodEnds = (col: string) => sql.raw(`CROSS JOIN LATERAL (SELECT DISTINCT to_char(date_trunc('year', ${col} AT TIME ZONE 'Asia/Shanghai')
  + make_interval(months => ((extract(month FROM ${col} AT TIME ZONE 'Asia/Shanghai')::int - 1) / span + 1) * span - 1), 'YYYY-MM') AS period
  FROM unnest(ARRAY[1, 3, 6, 12]) AS span) pe`)

export const partyLifeIndicatorSource: IndicatorSource = {
  source: 'party_life',
  indicators: partyLifeIndicators,
  // Meetings are read by `held_at` (the meetings module's relation has no `updated_at`; only a held
  // meeting moves a figure), into the month it started and the ends of that month's plan periods;
  // a changed plan moves every month of its year at its organisation's community; attendance by
  // `recorded_at` (rewritten on each change), sessions by `updated_at`.
  changes: (from, to) => sql`SELECT DISTINCT cn.community_id::text AS community_id, pe.period FROM ${partyMeetingRows} x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
      ${periodEnds('x.starts_at')} WHERE x.held_at > ${from}::timestamptz AND x.held_at <= ${to}::timestamptz
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('x.starts_at'))} FROM ${partyMeetingRows} x JOIN ${communityOfNode} cn ON cn.org_id = x.org_id
      WHERE x.held_at > ${from}::timestamptz AND x.held_at <= ${to}::timestamptz
    UNION SELECT DISTINCT cn.community_id::text, x.year || '-' || lpad(mo::text, 2, '0') FROM party_life_plans x JOIN ${communityOfNode} cn ON cn.org_id = x.party_org_id
      CROSS JOIN generate_series(1, 12) mo WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('s.starts_at'))} FROM study_attendance x JOIN study_sessions s ON s.id = x.session_id
      JOIN party_org_members pm ON pm.person_id = x.person_id JOIN ${communityOfNode} cn ON cn.org_id = pm.party_org_id
      WHERE x.recorded_at > ${from}::timestamptz AND x.recorded_at <= ${to}::timestamptz
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('s.starts_at'))} FROM study_attendance x JOIN study_sessions s ON s.id = x.session_id
      JOIN study_courses c ON c.id = s.course_id JOIN ${communityOfNode} cn ON cn.org_id = c.org_id
      WHERE (x.recorded_at > ${from}::timestamptz AND x.recorded_at <= ${to}::timestamptz) OR (s.updated_at > ${from}::timestamptz AND s.updated_at <= ${to}::timestamptz)
    UNION SELECT DISTINCT cn.community_id::text, ${sql.raw(MONTH_OF_SQL('s.starts_at'))} FROM study_sessions s JOIN study_attendance x ON x.session_id = s.id
      JOIN party_org_members pm ON pm.person_id = x.person_id JOIN ${communityOfNode} cn ON cn.org_id = pm.party_org_id
      WHERE s.updated_at > ${from}::timestamptz AND s.updated_at <= ${to}::timestamptz`,
}
