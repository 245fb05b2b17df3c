// The members module's figures for the statistics table (kernel/indicators.ts): in-service Party
// members and units registered at each community (stocks at the month's end), the posts members
// claimed and the feedback cards sent back to their units in the month, and the share of registered
// members on course for the year's target (24 hours and 1 project unless a region sets its own) by
// the month's end.
import { sql, type SQL } from 'drizzle-orm'
import { ageBandPart, genderPart, inMonth, onlyCommunities, touchedMonths, type BreakdownDef, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { residentTraits } from '../residents/residents.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personServiceHours } from '../volunteers/volunteers.read.ts'
import { DEFAULT_TARGET } from './members.repository.ts'

const registered = (kind: 'member' | 'unit') => (m: Month, communities: string | null) => sql`
  SELECT x.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator FROM registrations x
  WHERE x.kind = ${kind} AND x.status = 'accepted' AND x.reviewed_at < ${m.to}::timestamptz ${onlyCommunities('x.community_id', communities)} GROUP BY 1`

/** Registered members at the month's end split by a part of the member (`pm`) or of the person (`rt`). */
const registeredBy = (part: (m: Month) => SQL): BreakdownDef => ({
  compute: (m, communities) => sql`
    SELECT x.community_id::text AS community_id, ${part(m)} AS part, count(*)::numeric AS numerator, NULL::numeric AS denominator
    FROM registrations x JOIN party_members pm ON pm.id = x.member_id LEFT JOIN ${residentTraits} rt ON rt.person_id = pm.person_id
    WHERE x.kind = 'member' AND x.status = 'accepted' AND x.reviewed_at < ${m.to}::timestamptz ${onlyCommunities('x.community_id', communities)} GROUP BY 1, 2`,
})

/**
 * Registered members whose service hours from the year's start to the month's end reach the
 * year's target and whose project claims held at the month's end reach its project count; the
 * nearest region above the community with a target for the year sets it, else the default.
 */
const targetMet = (m: Month, communities: string | null, part?: (m: Month) => SQL): SQL => {
  const year = Number(m.period.slice(0, 4))
  return sql`SELECT x.community_id::text AS community_id, ${part ? sql`${part(m)} AS part,` : sql``}
      count(*) FILTER (WHERE h.hours >= coalesce(tg.min_hours, ${DEFAULT_TARGET.minHours}) AND cl.projects >= coalesce(tg.min_projects, ${DEFAULT_TARGET.minProjects}))::numeric AS numerator,
      count(*)::numeric AS denominator
    FROM registrations x JOIN party_members pm ON pm.id = x.member_id JOIN ${orgTree} c ON c.id = x.community_id
    ${part ? sql`LEFT JOIN ${residentTraits} rt ON rt.person_id = pm.person_id` : sql``}
    CROSS JOIN LATERAL (SELECT coalesce(sum(s.hours), 0) AS hours FROM ${personServiceHours} s
      WHERE s.person_id = pm.person_id AND s.at >= ${`${year}-01-01T00:00:00+08:00`}::timestamptz AND s.at < ${m.to}::timestamptz) h
    CROSS JOIN LATERAL (SELECT count(*) AS projects FROM post_claims pc JOIN community_posts cp ON cp.id = pc.post_id
      WHERE pc.member_id = pm.id AND pc.year = ${year} AND cp.kind = 'project' AND pc.created_at < ${m.to}::timestamptz
        AND (pc.released_at IS NULL OR pc.released_at >= ${m.to}::timestamptz)) cl
    LEFT JOIN LATERAL (SELECT t.min_projects, t.min_hours FROM member_targets t JOIN ${orgTree} o ON o.id = t.org_id
      WHERE t.year = ${year} AND o.path @> c.path ORDER BY nlevel(o.path) DESC LIMIT 1) tg ON true
    WHERE x.kind = 'member' AND x.status = 'accepted' AND x.reviewed_at < ${m.to}::timestamptz
      AND (pm.deleted_at IS NULL OR pm.deleted_at >= ${m.to}::timestamptz) ${onlyCommunities('x.community_id', communities)} GROUP BY 1${part ? sql`, 2` : sql``}`
}

const byGender = () => genderPart('rt.gender')
const byAge = (m: Month) => ageBandPart('rt.birth_year', m)
const targetMetBy = (part: (m: Month) => SQL): BreakdownDef => ({ compute: (m, communities) => targetMet(m, communities, part) })

/** `CROSS JOIN LATERAL … mm(period)`: the months from the one `at` falls in to the end of its year, or to the month of `to` if earlier. */
const restOfYear = (at: string, to: string) => sql`CROSS JOIN LATERAL (SELECT to_char(g, 'YYYY-MM') AS period FROM generate_series(
    date_trunc('month', ${sql.raw(at)} AT TIME ZONE 'Asia/Shanghai'),
    least(date_trunc('year', ${sql.raw(at)} AT TIME ZONE 'Asia/Shanghai') + interval '11 months', date_trunc('month', ${to}::timestamptz AT TIME ZONE 'Asia/Shanghai')),
    interval '1 month') g) mm`

export const memberIndicators: IndicatorDef[] = [
  { code: 'members.registered_members', name: { zh: '在职党员报到', en: 'Members registered' }, ledger: 'party', unit: { zh: '人', en: 'members' }, kind: 'count', time: 'last',
    definition: { zh: '月末已在本社区报到（报到已接收）的在职党员人数', en: 'In-service members whose registration at the community is accepted, at the month’s end' }, compute: registered('member'),
    breakdowns: { gender: registeredBy(byGender), ageBand: registeredBy(byAge), memberKind: registeredBy(() => sql`pm.kind`) } },
  { code: 'members.registered_units', name: { zh: '单位党组织报到', en: 'Units registered' }, ledger: 'party', unit: { zh: '个', en: 'units' }, kind: 'count', time: 'last',
    definition: { zh: '月末已在本社区报到的单位党组织数', en: 'Units whose registration at the community is accepted, at the month’s end' }, compute: registered('unit') },
  { code: 'members.posts_claimed', name: { zh: '党员认领岗位', en: 'Posts claimed' }, ledger: 'party', unit: { zh: '人次', en: 'claims' }, kind: 'count', time: 'sum',
    definition: { zh: '当月党员认领社区服务岗位的人次', en: 'Community posts claimed by members in the month' },
    compute: (m, communities) => sql`SELECT p.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM post_claims x JOIN community_posts p ON p.id = x.post_id WHERE ${inMonth('created_at', m)} ${onlyCommunities('p.community_id', communities)} GROUP BY 1` },
  { code: 'members.cards_sent', name: { zh: '反馈单位表现', en: 'Feedback cards sent' }, ledger: 'party', unit: { zh: '份', en: 'cards' }, kind: 'count', time: 'sum',
    definition: { zh: '当月社区向党员所在单位寄出的表现反馈单数', en: 'Feedback cards sent to members’ units in the month' },
    compute: (m, communities) => sql`SELECT x.community_id::text AS community_id, count(*)::numeric AS numerator, NULL::numeric AS denominator
      FROM feedback_cards x WHERE x.status = 'sent' AND ${inMonth('updated_at', m)} ${onlyCommunities('x.community_id', communities)} GROUP BY 1` },
  { code: 'members.target_met_rate', name: { zh: '党员服务达标率', en: 'Members on target' }, ledger: 'party', unit: { zh: '%', en: '%' }, kind: 'ratio', scale: 100, time: 'last',
    definition: { zh: '月末在本社区报到的在职党员中，本年度累计服务时长和认领项目数均已达到年度目标（默认 24 小时、1 个项目）的比例', en: 'Of the members registered at the community at the month’s end, the share whose service hours and projects claimed this year reach the year’s target (24 hours and 1 project by default)' },
    compute: (m, communities) => targetMet(m, communities), breakdowns: { gender: targetMetBy(byGender), ageBand: targetMetBy(byAge) } },
]

export const memberIndicatorSource: IndicatorSource = {
  source: 'members',
  indicators: memberIndicators,
  changes: (from, to) => sql`SELECT DISTINCT x.community_id::text AS community_id, m.period FROM registrations x ${touchedMonths('x.reviewed_at')}
      WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz AND m.period IS NOT NULL
    UNION SELECT DISTINCT p.community_id::text, m.period FROM post_claims x JOIN community_posts p ON p.id = x.post_id ${touchedMonths('x.created_at')}
      WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT x.community_id::text, m.period FROM feedback_cards x ${touchedMonths('x.updated_at')}
      WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT p.community_id::text, mm.period FROM post_claims x JOIN community_posts p ON p.id = x.post_id ${restOfYear('coalesce(x.released_at, x.created_at)', to)}
      WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT r.community_id::text, mm.period FROM ${personServiceHours} s JOIN party_members pm ON pm.person_id = s.person_id
      JOIN registrations r ON r.member_id = pm.id AND r.kind = 'member' AND r.status = 'accepted' ${restOfYear('s.at', to)}
      WHERE s.updated_at > ${from}::timestamptz AND s.updated_at <= ${to}::timestamptz
    UNION SELECT DISTINCT c.id::text, to_char(${to}::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') FROM member_targets t JOIN ${orgTree} o ON o.id = t.org_id
      JOIN ${orgTree} c ON c.kind IN ('community', 'village') AND c.path <@ o.path
      WHERE t.updated_at > ${from}::timestamptz AND t.updated_at <= ${to}::timestamptz`,
}
