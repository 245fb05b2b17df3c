// Organisation life of the demo street (issue 17): every community Party organisation (党委 or 党总支)
// and every grid Party branch or group gets its members from the Party members living there
// (its cadres and regular or retired members 直管, registered in-service 参管, others 协管), and a
// year of meetings back from the seeding day: 支委会 and 主题党日 monthly, 党员大会 and 党课 quarterly
// at communities, 党小组会 monthly in grids, now and then a 微党课 or 微党日; some were never held
// (缺开, in grids) and some stayed planned past their month (逾期), a few members missed three and more in
// a row. Attendance by hand with reasons for absence; minutes approved for most. Study: the street's
// 党史学习教育 course and a secretaries' training with hours.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const REASONS = ['外出务工请假', '生病请假', '出差', '照顾家人请假', '单位值班', '年老体弱行动不便']
const TOPICS: Record<string, string[]> = {
  branch_committee: ['研究本月党建重点工作', '讨论发展党员和党费收缴', '研究网格民情和为民办实事'],
  branch_assembly: ['传达学习上级会议精神', '通报党组织工作情况', '民主评议党员'],
  party_class: ['学习党的二十大精神', '党史专题：井冈山精神', '基层治理中的党员先锋作用', '学习新修订的党章'],
  theme_day: ['重温入党誓词', '“党员进网格”志愿服务', '走访慰问困难党员群众', '学习身边榜样'],
  group_meeting: ['学习上级文件并结合网格实际讨论', '收集网格民情', '安排党员联系户'],
  micro_class: ['十分钟微党课：垃圾分类中的党员带头'],
  micro_day: ['微党日：楼道清理志愿服务'],
}
const KIND_WORDS: Record<string, string> = {
  branch_committee: '支委会', branch_assembly: '党员大会', party_class: '党课', theme_day: '主题党日', group_meeting: '党小组会', micro_class: '微党课', micro_day: '微党日',
}

interface PartyOrg { id: string; name: string; partyKind: string; kind: string; communityId: string | null; secretary: string | null }

export async function seedDemoPartyLife(tx: Executor, opts: { seed: number; now?: Date }): Promise<{ meetings: number }> {
  const random = createRandom(opts.seed + 71)
  const now = opts.now ?? new Date()
  const street = await firstRow<{ id: string; path: string }>(tx, sql`SELECT o.id::text, o.path::text FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id
    JOIN orgs o ON o.id = r.org_id WHERE a.username = 'street' AND r.role = 'street_admin' LIMIT 1`)
  if (!street) return { meetings: 0 }
  const orgs = await rows<PartyOrg>(tx, sql`SELECT o.id::text, coalesce(o.party_org_name, o.name) AS name, o.party_org_kind AS "partyKind", o.kind,
      CASE WHEN o.kind IN ('community', 'village') THEN o.id::text WHEN o.kind = 'grid' THEN o.parent_id::text END AS "communityId", o.party_org_secretary AS secretary
    FROM orgs o WHERE o.path <@ ${street.path}::ltree AND o.kind IN ('community', 'village', 'grid') AND o.party_org_kind IS NOT NULL AND o.deleted_at IS NULL ORDER BY o.path`)
  const demo = Object.fromEntries((await rows<{ username: string; id: string }>(tx, sql`SELECT username, person_id::text AS id FROM accounts WHERE username IN ('member', 'cadre')`)).map((a) => [a.username, a.id]))
  const creator = demo.cadre ?? (await firstRow<{ id: string }>(tx, sql`SELECT person_id::text AS id FROM role_assignments WHERE role = 'street_admin' LIMIT 1`))!.id
  const today = new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 10)
  const yearAgo = new Date(now.getTime() - 365 * DAY + 8 * HOUR).toISOString().slice(0, 10)

  // Members: a community's Party members by kind; each grid group takes a share of the direct ones.
  const byCommunity = new Map<string, { personId: string; kind: string; registered: boolean }[]>()
  for (const m of await rows<{ communityId: string; personId: string; kind: string; registered: boolean }>(tx, sql`SELECT pm.community_id::text AS "communityId", pm.person_id::text AS "personId", pm.kind,
      EXISTS (SELECT 1 FROM registrations r WHERE r.member_id = pm.id AND r.kind = 'member' AND r.status = 'accepted') AS registered
    FROM party_members pm JOIN orgs c ON c.id = pm.community_id WHERE c.path <@ ${street.path}::ltree AND pm.deleted_at IS NULL ORDER BY pm.id`)) {
    byCommunity.set(m.communityId, [...(byCommunity.get(m.communityId) ?? []), m])
  }
  const membersOf = new Map<string, string[]>()
  const add = async (orgId: string, personId: string, relation: string, post: string) => {
    await tx.execute(sql`INSERT INTO party_org_members (party_org_id, person_id, relation, post, joined_on, created_by)
      VALUES (${orgId}, ${personId}, ${relation}, ${post}, ${yearAgo}::date - 400, ${creator}) ON CONFLICT DO NOTHING`)
    membersOf.set(orgId, [...(membersOf.get(orgId) ?? []), personId])
  }
  const grids = orgs.filter((o) => o.kind === 'grid')
  // Cadres at a node are Party members whose organisational relation is there (直管): the community's
  // cadres run its Party organisation, a grid's workers lead its branch or group.
  const cadresAt = new Map<string, string[]>()
  for (const r of await rows<{ orgId: string; personId: string }>(tx, sql`SELECT r.org_id::text AS "orgId", r.person_id::text AS "personId" FROM role_assignments r
      JOIN orgs o ON o.id = r.org_id WHERE o.path <@ ${street.path}::ltree AND r.role IN ('community_cadre', 'grid_worker') ORDER BY r.id`)) {
    cadresAt.set(r.orgId, [...(cadresAt.get(r.orgId) ?? []), r.personId])
  }
  for (const o of orgs.filter((x) => x.kind !== 'grid')) {
    const cadres = [...new Set(cadresAt.get(o.id) ?? [])]
    for (const [i, p] of cadres.entries()) await add(o.id, p, 'direct', i === 0 ? 'secretary' : i < 3 ? 'committee_member' : 'member')
    const list = (byCommunity.get(o.id) ?? []).filter((m) => !cadres.includes(m.personId))
    for (const m of list) {
      const relation = m.kind === 'regular' || m.kind === 'retired' ? 'direct' : m.kind === 'in_service' && m.registered ? 'participating' : 'assisting'
      await add(o.id, m.personId, relation, 'member')
    }
    // Each grid's branch or group: its workers, and a share of the community's members by turns.
    const mine = grids.filter((g) => g.communityId === o.id)
    for (const g of mine) {
      for (const [i, p] of [...new Set(cadresAt.get(g.id) ?? [])].entries()) await add(g.id, p, 'direct', i === 0 ? (g.partyKind === 'group' ? 'group_leader' : 'secretary') : 'member')
    }
    for (const [i, m] of list.entries()) {
      const g = mine[i % Math.max(mine.length, 1)]
      if (!g) continue
      const relation = m.kind === 'regular' || m.kind === 'retired' ? 'direct' : m.kind === 'in_service' && m.registered ? 'participating' : 'assisting'
      await add(g.id, m.personId, relation, 'member')
    }
  }
  // The demo member belongs to their community's organisation and a grid group.
  if (demo.member) {
    const home = await firstRow<{ communityId: string }>(tx, sql`SELECT community_id::text AS "communityId" FROM party_members WHERE person_id = ${demo.member} AND deleted_at IS NULL`)
    const c = orgs.find((o) => o.id === home?.communityId) ?? orgs.find((o) => o.kind !== 'grid')
    const g = grids.find((x) => x.communityId === c?.id)
    if (c && !(membersOf.get(c.id) ?? []).includes(demo.member)) await add(c.id, demo.member, 'participating', 'member')
    if (g && !(membersOf.get(g.id) ?? []).includes(demo.member)) await add(g.id, demo.member, 'participating', 'member')
  }
  // One community set its own plan this year: 党课 every month.
  const first = orgs.find((o) => o.kind !== 'grid')
  if (first) {
    const year = Number(today.slice(0, 4))
    for (const [kind, frequency] of [['branch_committee', 'monthly'], ['party_class', 'monthly'], ['theme_day', 'monthly'], ['branch_assembly', 'quarterly']]) {
      await tx.execute(sql`INSERT INTO party_life_plans (party_org_id, year, kind, frequency, note, updated_by) VALUES (${first.id}, ${year}, ${kind}, ${frequency}, '党史学习教育年度，党课每月一次', ${creator}) ON CONFLICT DO NOTHING`)
    }
  }

  // A year of meetings, month by month back from today.
  const absentees = new Set<string>()
  for (const o of orgs) {
    const people = membersOf.get(o.id) ?? []
    if (people.length >= 4 && random() < 0.4) absentees.add(people[people.length - 1]!)
  }
  let made = 0
  const monthStart = (back: number) => {
    const d = new Date(now.getTime() + 8 * HOUR)
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1))
  }
  for (const o of orgs) {
    const people = membersOf.get(o.id) ?? []
    if (people.length === 0) continue
    const kinds = o.kind === 'grid'
      ? (o.partyKind === 'group' ? [['group_meeting', 1]] : [['branch_committee', 1], ['theme_day', 1], ['branch_assembly', 3], ['party_class', 3]]) as [string, number][]
      : ([['branch_committee', 1], ['theme_day', 1], ['branch_assembly', 3], ['party_class', 3]] as [string, number][])
    for (let back = 11; back >= 0; back--) {
      const month = monthStart(back)
      const m = month.getUTCMonth()
      for (const [kind, every] of kinds) {
        if (every === 3 && m % 3 !== 2) continue
        const roll = random()
        // Never held (缺开) only in grids: a community's organisation, the one the console opens on
        // (the largest the caller belongs to or sees), shows a full year, a few meetings late.
        if (back > 0 && roll < 0.08 && o.kind === 'grid') continue
        const day = 5 + Math.floor(random() * 20)
        const start = new Date(Date.UTC(month.getUTCFullYear(), m, day, 19 - 8 - (kind === 'theme_day' ? 10 : 0)))
        const late = back > 0 && roll < 0.13 // planned and left so past its month: 逾期
        const future = start.getTime() > now.getTime()
        const state = future || late ? 'planned' : back > 1 || random() < 0.5 ? 'minutes_approved' : 'held'
        const topic = TOPICS[kind]![Math.floor(random() * TOPICS[kind]!.length)]!
        const title = `${KIND_WORDS[kind]}：${topic}`
        made += await insertMeeting(tx, { orgId: o.id, kind, title, start, state, creator, people, absentees, random })
      }
      if (o.kind !== 'grid' && random() < 0.2) {
        const start = new Date(Date.UTC(month.getUTCFullYear(), m, 26, 1))
        if (start.getTime() < now.getTime()) {
          const kind = random() < 0.5 ? 'micro_class' : 'micro_day'
          made += await insertMeeting(tx, { orgId: o.id, kind, title: TOPICS[kind]![0]!, start, state: 'minutes_approved', creator, people: people.slice(0, 8), absentees, random })
        }
      }
    }
  }
  await seedStudy(tx, { streetId: street.id, creator, members: [...new Set([...membersOf.values()].flat())], secretaries: orgs.map((o) => (membersOf.get(o.id) ?? [])[0]).filter((x): x is string => !!x), now, random })
  return { meetings: made }
}

async function insertMeeting(tx: Executor, m: { orgId: string; kind: string; title: string; start: Date; state: string; creator: string; people: string[]; absentees: Set<string>; random: () => number }) {
  const end = new Date(m.start.getTime() + 2 * HOUR)
  const held = m.state === 'held' || m.state === 'minutes_approved'
  const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO meetings (org_id, kind, title, starts_at, ends_at, place, state, created_by, opened_at, held_at, minutes_approved_at)
    VALUES (${m.orgId}, ${m.kind}, ${m.title}, ${m.start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '党群服务中心党员活动室', ${m.state}, ${m.creator},
      ${held ? m.start.toISOString() : null}::timestamptz, ${held ? end.toISOString() : null}::timestamptz, ${m.state === 'minutes_approved' ? end.toISOString() : null}::timestamptz) RETURNING id::text`)
  const id = row!.id
  const roles = m.people.map((_, i) => (i === 0 ? 'chair' : i === 1 ? 'secretary' : 'attendee'))
  await tx.execute(sql`INSERT INTO meeting_invitees (meeting_id, person_id, role, invited_by) SELECT ${id}, p, r, ${m.creator}
    FROM unnest(${`{${m.people.join(',')}}`}::bigint[], ${`{${roles.join(',')}}`}::text[]) AS x(p, r) ON CONFLICT DO NOTHING`)
  if (!held) return 1
  const present = m.people.map((p, i) => i < 2 || (!m.absentees.has(p) && m.random() < 0.88))
  const reasons = m.people.map((_, i) => (present[i] ? '' : REASONS[Math.floor(m.random() * REASONS.length)]!))
  await tx.execute(sql`INSERT INTO meeting_attendance (meeting_id, person_id, present, how, checked_in_at, absence_reason, recorded_by)
    SELECT ${id}, p, ok, CASE WHEN ok THEN 'by_hand' END, CASE WHEN ok THEN ${m.start.toISOString()}::timestamptz END, NULLIF(r, ''), ${m.creator}
    FROM unnest(${`{${m.people.join(',')}}`}::bigint[], ${`{${present.join(',')}}`}::boolean[], ${`{${reasons.map((r) => `"${r}"`).join(',')}}`}::text[]) AS x(p, ok, r)`)
  if (m.state === 'minutes_approved') {
    const [minutes] = await rows<{ id: string }>(tx, sql`INSERT INTO meeting_minutes (meeting_id, version, body, state, drafted_by, approved_at)
      VALUES (${id}, 1, ${`${m.title}。应到 ${m.people.length} 人，实到 ${present.filter(Boolean).length} 人。会议按议程进行，与会党员结合实际发言讨论，形成一致意见。`}, 'approved', ${m.people[1] ?? m.creator}, ${end.toISOString()}::timestamptz)
      RETURNING id::text`)
    // Those present approved them (more than half is what approval needs; here all of them).
    await tx.execute(sql`INSERT INTO meeting_minutes_approvals (minutes_id, person_id, verdict, at)
      SELECT ${minutes!.id}, a.person_id, 'approve', ${end.toISOString()}::timestamptz FROM meeting_attendance a WHERE a.meeting_id = ${id} AND a.present`)
  }
  return 1
}

async function seedStudy(tx: Executor, o: { streetId: string; creator: string; members: string[]; secretaries: string[]; now: Date; random: () => number }) {
  const year = new Date(o.now.getTime() + 8 * HOUR).getUTCFullYear()
  const courses: [string, string, string[], string[]][] = [
    ['party_history', '党史学习教育专题学习', ['第一讲：中国共产党的创建', '第二讲：井冈山斗争与八一起义', '第三讲：改革开放的伟大历程', '第四讲：新时代的伟大成就'], o.members.slice(0, 120)],
    ['secretary_training', '社区（网格）党组织书记培训班', ['基层党组织建设规范', '三会一课和组织生活会实务', '网格化治理与党建引领'], o.secretaries],
  ]
  for (const [kind, title, sessions, people] of courses) {
    const [c] = await rows<{ id: string }>(tx, sql`INSERT INTO study_courses (org_id, kind, title, year, created_by) VALUES (${o.streetId}, ${kind}, ${title}, ${year}, ${o.creator}) RETURNING id::text`)
    for (const [i, s] of sessions.entries()) {
      const at = new Date(o.now.getTime() - (300 - i * 70) * DAY)
      if (at.getUTCFullYear() !== year) continue
      const hours = kind === 'party_history' ? 2 : 3
      const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO study_sessions (course_id, title, starts_at, hours, place, teacher, created_by)
        VALUES (${c!.id}, ${s}, ${at.toISOString()}::timestamptz, ${hours}, '街道党群服务中心报告厅', '街道党工委书记', ${o.creator}) RETURNING id::text`)
      if (people.length === 0) continue
      const present = people.map(() => o.random() < 0.85)
      const reasons = present.map((ok) => (ok ? '' : REASONS[Math.floor(o.random() * REASONS.length)]!))
      await tx.execute(sql`INSERT INTO study_attendance (session_id, person_id, present, hours, absence_reason, recorded_by)
        SELECT ${row!.id}, p, ok, CASE WHEN ok THEN ${hours} ELSE 0 END, NULLIF(r, ''), ${o.creator}
        FROM unnest(${`{${people.join(',')}}`}::bigint[], ${`{${present.join(',')}}`}::boolean[], ${`{${reasons.map((r) => `"${r}"`).join(',')}}`}::text[]) AS x(p, ok, r)
        ON CONFLICT DO NOTHING`)
    }
  }
}
