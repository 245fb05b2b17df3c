// Volunteering in the demo street (站前街道): six teams, one per function, volunteers drawn from
// the people who live in the street (residents and members there, the demo `member` and
// `resident` accounts among them), a year of activities with sign-ups, attendances (check-in and
// check-out times, hours) and no-shows, a few upcoming activities with open seats and one with a
// waitlist, and one-to-one services in the time bank.
//
// Deterministic: a seeded PRNG and fixed dates (the demo year ends 2026-11-25, like the cases);
// only the check-in secrets are random, since they sign check-in codes. Written with one
// INSERT … SELECT FROM json_to_recordset per table.
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { attendanceHours } from '../modules/volunteers/volunteers.rules.ts'
import { createRandom } from './geography/city.ts'
import { DEMO_NOW, DEMO_YEAR_START } from './cases.model.ts'

type Random = () => number
const HOUR = 3_600_000
const DAY = 24 * HOUR
const CST = 8 * HOUR
const MIN = 60_000

const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1))

interface TeamPlan {
  function: string
  name: string
  /** 0: the first community; 1: the second; null: the street. */
  community: 0 | 1 | null
  skills: string[]
  description: string
  activities: { title: string; description: string; place: string; hours: number; skill?: string }[]
}

const TEAMS: TeamPlan[] = [
  {
    function: 'repairs', name: '红心维修队', community: 0, skills: ['水电维修', '家电维修', '木工'],
    description: '为社区老人、困难家庭免费上门维修水电、家电',
    activities: [
      { title: '家电义务维修', description: '在社区广场集中为居民检修小家电，更换灯管、插座', place: '社区党群服务中心门前广场', hours: 3, skill: '家电维修' },
      { title: '独居老人水电检查', description: '逐户检查独居老人家中的水电线路和燃气软管', place: '社区党群服务中心', hours: 3, skill: '水电维修' },
    ],
  },
  {
    function: 'patrol', name: '平安巡防队', community: 0, skills: ['治安巡逻', '消防安全'],
    description: '夜间巡逻、消防通道检查、防范电信诈骗宣传',
    activities: [
      { title: '夜间平安巡逻', description: '沿小区主干道巡逻，查看消防通道和电动车充电情况', place: '社区警务室', hours: 2, skill: '治安巡逻' },
      { title: '消防通道清理', description: '清理楼道堆放杂物，劝导占用消防通道的车辆', place: '社区居委会', hours: 2, skill: '消防安全' },
    ],
  },
  {
    function: 'health', name: '健康守护队', community: 0, skills: ['急救', '护理', '测血压'],
    description: '社区医生和护士志愿者，义诊、健康讲座、陪诊',
    activities: [
      { title: '社区义诊', description: '量血压、测血糖，讲解慢病用药', place: '社区卫生服务站', hours: 3, skill: '测血压' },
      { title: '急救知识培训', description: '心肺复苏和海姆立克急救法现场教学', place: '社区党群服务中心多功能厅', hours: 2, skill: '急救' },
    ],
  },
  {
    function: 'legal_aid', name: '法律援助队', community: null, skills: ['法律咨询', '调解'],
    description: '律师和退休法官志愿者，法律咨询、矛盾调解',
    activities: [
      { title: '法律咨询进社区', description: '现场解答婚姻家庭、劳动纠纷、物业纠纷等法律问题', place: '街道党群服务中心', hours: 3, skill: '法律咨询' },
      { title: '邻里纠纷调解日', description: '调解员与居民面对面，化解邻里矛盾', place: '街道矛盾纠纷调解中心', hours: 3, skill: '调解' },
    ],
  },
  {
    function: 'culture', name: '邻里文艺队', community: 1, skills: ['文艺表演', '书法', '摄影'],
    description: '广场舞、合唱、书法，丰富居民文化生活',
    activities: [
      { title: '周末文艺汇演', description: '合唱、广场舞、快板表演', place: '社区文化广场', hours: 3, skill: '文艺表演' },
      { title: '写春联送祝福', description: '书法志愿者现场写春联、福字送给居民', place: '社区党群服务中心', hours: 3, skill: '书法' },
    ],
  },
  {
    function: 'publicity', name: '文明宣传队', community: null, skills: ['宣传讲解', '摄影', '垃圾分类指导'],
    description: '垃圾分类、文明创建、反诈宣传',
    activities: [
      { title: '垃圾分类桶边督导', description: '早晚在投放点指导居民分类投放', place: '小区垃圾分类投放点', hours: 2, skill: '垃圾分类指导' },
      { title: '反诈宣传进小区', description: '发放宣传册，讲解常见电信诈骗手法', place: '小区中心广场', hours: 2, skill: '宣传讲解' },
    ],
  },
]

const EXTRA_SKILLS = ['驾驶', '手语', '心理疏导', '电脑维修', '烹饪', '理发']
const SERVICES = ['陪同就医', '上门理发', '代买生活用品', '陪伴聊天', '辅导孩子作业', '帮忙修理水龙头', '教用智能手机', '打扫卫生']

/** Volunteers per team (about), and how many activities each team runs in the demo year. */
const VOLUNTEERS = 120
const ACTIVITIES_PER_TEAM = 22

export interface DemoVolunteersResult { teams: number; volunteers: number; activities: number; attendances: number }

export async function seedDemoVolunteers(tx: Executor, opts: { seed: number }): Promise<DemoVolunteersResult> {
  const random = createRandom(opts.seed + 13)
  const [street] = await rows<{ id: string; path: string; name: string }>(tx, sql`SELECT o.id::text, o.path::text, o.name FROM accounts a
    JOIN role_assignments r ON r.person_id = a.person_id JOIN orgs o ON o.id = r.org_id WHERE a.username = 'street' AND r.role = 'street_admin' LIMIT 1`)
  if (!street) return { teams: 0, volunteers: 0, activities: 0, attendances: 0 }
  // The demo cadre's community first (the first of the street), then the others.
  const communities = await rows<{ id: string; name: string; lng: number; lat: number }>(tx, sql`SELECT c.id::text, c.name,
      ST_X(ST_PointOnSurface(coalesce(c.geometry, s.geometry))) AS lng, ST_Y(ST_PointOnSurface(coalesce(c.geometry, s.geometry))) AS lat
    FROM orgs c JOIN orgs s ON s.id = c.parent_id
    WHERE c.parent_id = ${street.id} AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL AND coalesce(c.geometry, s.geometry) IS NOT NULL
    ORDER BY c.id <> (SELECT r.org_id FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id WHERE a.username = 'cadre' LIMIT 1), c.id`)
  if (communities.length < 2) return { teams: 0, volunteers: 0, activities: 0, attendances: 0 }
  // Who lives in the street: residents and members there, each once.
  const residents = await rows<{ id: string; username: string | null }>(tx, sql`SELECT DISTINCT ON (p.id) p.id::text, a.username
    FROM role_assignments r JOIN orgs o ON o.id = r.org_id JOIN people p ON p.id = r.person_id LEFT JOIN accounts a ON a.person_id = p.id
    WHERE r.role IN ('resident', 'member') AND o.path <@ ${street.path}::ltree AND p.deleted_at IS NULL ORDER BY p.id`)
  const demoMember = residents.find((r) => r.username === 'member')
  const demoResident = residents.find((r) => r.username === 'resident')
  const others = residents.filter((r) => r !== demoMember && r !== demoResident)
  // A deterministic shuffle, then the first ones volunteer.
  for (let i = others.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[others[i], others[j]] = [others[j]!, others[i]!]
  }
  const volunteerIds = [...[demoMember, demoResident].filter((r) => r !== undefined).map((r) => r.id), ...others.slice(0, VOLUNTEERS).map((r) => r.id)]
  const nonVolunteers = others.slice(VOLUNTEERS).map((r) => r.id)
  if (volunteerIds.length < 12) return { teams: 0, volunteers: 0, activities: 0, attendances: 0 }

  // Teams and who is in them: every volunteer in one team, a third in a second one.
  const teamOrg = (t: TeamPlan) => (t.community === null ? street.id : communities[t.community]!.id)
  const inserted = await rows<{ id: string; name: string }>(tx, sql`INSERT INTO volunteer_teams (org_id, name, function, skills, description)
    SELECT org_id, name, function, linli_text_array(skills), description
    FROM json_to_recordset(${JSON.stringify(TEAMS.map((t) => ({ org_id: teamOrg(t), name: t.name, function: t.function, skills: t.skills, description: t.description })))}::json)
      AS x(org_id bigint, name text, function text, skills jsonb, description text)
    RETURNING id::text, name`)
  const teamIds = TEAMS.map((t) => ({ id: inserted.find((r) => r.name === t.name)!.id }))
  const members = new Map<number, { personId: string; role: 'leader' | 'member' }[]>(TEAMS.map((_, i) => [i, []]))
  const skillsOf = new Map<string, Set<string>>()
  volunteerIds.forEach((personId, n) => {
    // The demo member serves with the repairs team (their community); the demo resident with the health team, as its leader.
    const first = personId === demoMember?.id ? 0 : personId === demoResident?.id ? 2 : n % TEAMS.length
    const teams = [first]
    if (random() < 0.33) teams.push((first + 1 + Math.floor(random() * (TEAMS.length - 1))) % TEAMS.length)
    const skills = new Set<string>()
    for (const t of teams) {
      const list = members.get(t)!
      list.push({ personId, role: list.length === 0 && personId !== demoMember?.id ? 'leader' : 'member' })
      skills.add(pick(random, TEAMS[t]!.skills))
      if (random() < 0.4) skills.add(pick(random, TEAMS[t]!.skills))
    }
    if (random() < 0.25) skills.add(pick(random, EXTRA_SKILLS))
    skillsOf.set(personId, skills)
  })
  // The demo resident leads the health team.
  const health = members.get(2)!
  for (const m of health) m.role = m.personId === demoResident?.id ? 'leader' : 'member'

  await tx.execute(sql`INSERT INTO volunteers (person_id, skills, created_at, updated_at)
    SELECT person_id, linli_text_array(skills), at::timestamptz, at::timestamptz
    FROM json_to_recordset(${JSON.stringify(volunteerIds.map((id) => ({ person_id: id, skills: [...skillsOf.get(id)!], at: new Date(DEMO_YEAR_START - int(random, 30, 400) * DAY).toISOString() })))}::json)
      AS x(person_id bigint, skills jsonb, at text)`)
  const memberRows = [...members.entries()].flatMap(([t, list]) => list.map((m) => ({ team_id: teamIds[t]!.id, person_id: m.personId, role: m.role })))
  await tx.execute(sql`INSERT INTO volunteer_team_members (team_id, person_id, role)
    SELECT team_id, person_id, role FROM json_to_recordset(${JSON.stringify(memberRows)}::json) AS x(team_id bigint, person_id bigint, role text)`)

  // Activities: each team about twice a month through the year, a few upcoming.
  interface Plan { team: number; orgId: string; title: string; description: string; place: string; startsAt: number; endsAt: number; capacity: number; skillNeeds: { skill: string; count: number }[]; point: [number, number] }
  const plans: Plan[] = []
  const orgOfActivity = (t: TeamPlan) => (t.community === null ? communities[Math.floor(random() * communities.length)]! : communities[t.community]!)
  TEAMS.forEach((team, ti) => {
    for (let k = 0; k < ACTIVITIES_PER_TEAM; k++) {
      const kind = team.activities[k % team.activities.length]!
      const day = DEMO_YEAR_START + Math.floor(((k + random() * 0.8) / ACTIVITIES_PER_TEAM) * (DEMO_NOW - DEMO_YEAR_START - 2 * DAY))
      const midnight = day - ((day + CST) % DAY)
      const startHour = kind.title.includes('夜间') ? 19 : pick(random, [9, 9, 14, 15])
      plans.push(makePlan(ti, team, kind, midnight + startHour * HOUR))
    }
    // Upcoming: in December 2026, after the demo year.
    const kind = team.activities[0]!
    // A night patrol starts in the evening, like its past ones (issue 13: it ran at 09:00).
    const upcoming = Date.UTC(2026, 11, 6 + ti * 3, (kind.title.includes('夜间') ? 19 : 9) - 8)
    plans.push(makePlan(ti, team, kind, upcoming))
  })
  function makePlan(ti: number, team: TeamPlan, kind: TeamPlan['activities'][number], startsAt: number): Plan {
    const org = team.community === null ? orgOfActivity(team) : communities[team.community]!
    const capacity = int(random, 6, 14)
    const jitter = () => (random() - 0.5) * 0.004
    return {
      team: ti, orgId: org.id, title: kind.title, description: kind.description,
      place: kind.place.startsWith('街道') ? `${street!.name}${kind.place.slice(2)}` : `${org.name}${kind.place.replace(/^社区/, '')}`,
      startsAt, endsAt: startsAt + kind.hours * HOUR, capacity,
      skillNeeds: kind.skill ? [{ skill: kind.skill, count: Math.min(capacity, int(random, 2, 4)) }] : [],
      point: [round7(org.lng + jitter()), round7(org.lat + jitter())],
    }
  }

  const activityIds = await rows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('activities', 'id'))::text AS id FROM generate_series(1, ${plans.length})`)
  const activityRows = plans.map((p, i) => ({
    id: activityIds[i]!.id, org_id: p.orgId, team_id: teamIds[p.team]!.id, title: p.title, description: p.description, place: p.place,
    lng: p.point[0], lat: p.point[1], starts_at: new Date(p.startsAt).toISOString(), ends_at: new Date(p.endsAt).toISOString(),
    capacity: p.capacity, skill_needs: p.skillNeeds, secret: randomBytes(32).toString('hex'), created_at: new Date(p.startsAt - int(random, 7, 20) * DAY).toISOString(),
  }))
  await tx.execute(sql`INSERT INTO activities (id, org_id, team_id, title, description, place, location, starts_at, ends_at, capacity, skill_needs,
      checkin_secret, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT id, org_id, team_id, title, description, place, ST_SetSRID(ST_MakePoint(lng, lat), 4326), starts_at::timestamptz, ends_at::timestamptz,
      capacity, skill_needs, secret, created_at::timestamptz, created_at::timestamptz
    FROM json_to_recordset(${JSON.stringify(activityRows)}::json)
      AS x(id bigint, org_id bigint, team_id bigint, title text, description text, place text, lng float8, lat float8, starts_at text, ends_at text,
           capacity int, skill_needs jsonb, secret text, created_at text)`)

  // Sign-ups and attendances.
  const signupIdsNeeded: { activity: number; personId: string; status: 'confirmed' | 'waitlisted' | 'cancelled'; signedUpAt: number }[] = []
  const teamPeople = (ti: number) => members.get(ti)!.map((m) => m.personId)
  plans.forEach((p, ai) => {
    const past = p.endsAt <= DEMO_NOW
    const pool = [...teamPeople(p.team), ...volunteerIds.filter(() => random() < 0.05)]
    const unique = [...new Set(pool)]
    for (let i = unique.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[unique[i], unique[j]] = [unique[j]!, unique[i]!]
    }
    // The demo accounts take part in their team's activities of 2026 (and the upcoming health one, on the waitlist).
    const wanted = new Set<string>()
    if (demoMember && p.team === 0 && p.startsAt >= Date.UTC(2026, 0, 1) - CST) wanted.add(demoMember.id)
    if (demoResident && p.team === 2 && p.startsAt >= Date.UTC(2026, 2, 1) - CST) wanted.add(demoResident.id)
    const isFullUpcoming = !past && p.team === 2
    const takers = past ? int(random, Math.ceil(p.capacity * 0.6), p.capacity + 2) : isFullUpcoming ? p.capacity + 3 : int(random, 2, Math.max(2, p.capacity - 3))
    const chosen = [...wanted].filter((id) => !isFullUpcoming)
    for (const id of unique) if (chosen.length < takers && !chosen.includes(id) && !(isFullUpcoming && wanted.has(id))) chosen.push(id)
    if (isFullUpcoming) for (const id of wanted) chosen.push(id)
    let confirmed = 0
    chosen.forEach((personId, n) => {
      const signedUpAt = p.startsAt - (7 * DAY - n * int(random, 20, 240) * MIN)
      const cancelled = past && random() < 0.06 && !wanted.has(personId)
      if (cancelled) {
        signupIdsNeeded.push({ activity: ai, personId, status: 'cancelled', signedUpAt })
        return
      }
      const status = confirmed < p.capacity ? 'confirmed' : 'waitlisted'
      if (status === 'confirmed') confirmed++
      signupIdsNeeded.push({ activity: ai, personId, status, signedUpAt })
    })
  })
  const signupIds = await rows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('activity_signups', 'id'))::text AS id FROM generate_series(1, ${signupIdsNeeded.length})`)
  const signupRows = signupIdsNeeded.map((s, i) => ({
    id: signupIds[i]!.id, activity_id: activityRows[s.activity]!.id, person_id: s.personId, status: s.status,
    signed_up_at: new Date(s.signedUpAt).toISOString(), cancelled_at: s.status === 'cancelled' ? new Date(s.signedUpAt + int(random, 1, 48) * HOUR).toISOString() : null,
  }))
  await tx.execute(sql`INSERT INTO activity_signups (id, activity_id, person_id, status, signed_up_at, cancelled_at, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT id, activity_id, person_id, status, signed_up_at::timestamptz, cancelled_at::timestamptz, signed_up_at::timestamptz, coalesce(cancelled_at, signed_up_at)::timestamptz
    FROM json_to_recordset(${JSON.stringify(signupRows)}::json) AS x(id bigint, activity_id bigint, person_id bigint, status text, signed_up_at text, cancelled_at text)`)

  // The waitlists of past activities were resolved by the day: confirmed people came, or did not (no-shows).
  const attendanceRows: Record<string, unknown>[] = []
  signupIdsNeeded.forEach((s, i) => {
    const p = plans[s.activity]!
    if (p.endsAt > DEMO_NOW || s.status !== 'confirmed') return
    const isDemo = s.personId === demoMember?.id || s.personId === demoResident?.id
    const base = { activity_id: activityRows[s.activity]!.id, person_id: s.personId, signup_id: signupIds[i]!.id }
    if (!isDemo && random() < 0.1) {
      attendanceRows.push({ ...base, status: 'no_show', method: 'sweep', checked_in_at: null, checked_out_at: null, hours: null, at: new Date(p.endsAt + 60_000).toISOString() })
      return
    }
    const inAt = p.startsAt + int(random, -20, 25) * MIN
    const outAt = Math.max(inAt + 30 * MIN, p.endsAt + int(random, -40, 20) * MIN)
    const checkedInAt = new Date(inAt).toISOString()
    const checkedOutAt = new Date(outAt).toISOString()
    const hours = attendanceHours({ startsAt: new Date(p.startsAt).toISOString(), endsAt: new Date(p.endsAt).toISOString(), maxHours: null }, checkedInAt, checkedOutAt)
    attendanceRows.push({ ...base, status: 'checked_out', method: random() < 0.9 ? 'code' : 'confirmed', checked_in_at: checkedInAt, checked_out_at: checkedOutAt, hours, at: checkedOutAt })
  })
  await tx.execute(sql`INSERT INTO activity_attendances (activity_id, person_id, signup_id, status, method, checked_in_at, checked_out_at, hours, created_at, updated_at)
    SELECT activity_id, person_id, signup_id, status, method, checked_in_at::timestamptz, checked_out_at::timestamptz, hours, at::timestamptz, at::timestamptz
    FROM json_to_recordset(${JSON.stringify(attendanceRows)}::json)
      AS x(activity_id bigint, person_id bigint, signup_id bigint, status text, method text, checked_in_at text, checked_out_at text, hours numeric, at text)`)

  // Time bank: one-to-one services from volunteers to neighbours (and a few the demo member received).
  const receivers = nonVolunteers.length ? nonVolunteers : volunteerIds.slice(6)
  const entries = Array.from({ length: 60 }, (_, n) => {
    const giver = n % 10 === 0 && demoResident ? demoResident.id : pick(random, volunteerIds)
    let receiver = n % 15 === 1 && demoMember ? demoMember.id : pick(random, receivers)
    if (receiver === giver) receiver = receivers.find((r) => r !== giver)!
    const day = DEMO_YEAR_START + Math.floor(random() * (DEMO_NOW - DEMO_YEAR_START - DAY))
    return {
      org_id: pick(random, communities).id, giver_id: giver, receiver_id: receiver, hours: pick(random, [0.5, 1, 1, 1.5, 2, 3]),
      served_on: new Date(day + CST).toISOString().slice(0, 10), note: pick(random, SERVICES), at: new Date(day + 20 * HOUR).toISOString(),
    }
  })
  entries.sort((a, b) => a.served_on.localeCompare(b.served_on))
  await tx.execute(sql`INSERT INTO time_bank_entries (org_id, giver_id, receiver_id, hours, served_on, note, created_at, updated_at)
    SELECT org_id, giver_id, receiver_id, hours, served_on::date, note, at::timestamptz, at::timestamptz
    FROM json_to_recordset(${JSON.stringify(entries)}::json) AS x(org_id bigint, giver_id bigint, receiver_id bigint, hours numeric, served_on text, note text, at text)`)

  return { teams: TEAMS.length, volunteers: volunteerIds.length, activities: plans.length, attendances: attendanceRows.length }
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7
