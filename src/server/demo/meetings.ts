// Meetings of the demo street over a year (issue 16): in the demo community the monthly 居民议事会
// that the grid Party groups (网格党小组) attend (seed 001), held with minutes approved by those
// present; the six traffic talks (seed 003: 交通治理恳谈会, with the traffic police, the school and
// residents' representatives) linked to the school-run traffic topic when deliberation's demo has
// one; 五位一体 property meetings and 理事会 meetings across the street's communities; a meeting
// held yesterday whose minutes wait for the demo resident's approval, two to come (one open to
// registration, the demo resident invited) and one cancelled. Rooms are booked in the community's
// venues where free (else a place is named). Dated back from the day the demo is seeded.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'

type Random = () => number
const pickN = <T,>(random: Random, items: readonly T[], n: number): T[] => [...items].sort(() => random() - 0.5).slice(0, Math.min(n, items.length))

interface Community { id: string; path: string; name: string; cadres: string[]; residents: string[]; members: string[]; grids: string[]; rooms: string[] }
interface Plan {
  org: Community; kind: string; title: string; start: Date; hours: number; state: 'planned' | 'held' | 'minutes_approved' | 'cancelled'
  agenda: string[]; parties: { kind: string; name: string; reps: string[] }[]; people: string[]; decisions: string[]; minutes: string
  topicId?: string | null; open?: boolean; quorum?: number; cancelReason?: string; approvers?: 'majority' | 'none'
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const TRAFFIC = [
  { agenda: ['通报校门口上下学时段拥堵情况（日均超 90 分钟）', '听取学校、交警和居民代表意见'], decision: '成立校门口交通治理专班，由社区党委牵头' },
  { agenda: ['讨论开通校车的可行性', '摸排接送车辆来源'], decision: '学校向教育部门申请开通两条校车线路' },
  { agenda: ['讨论设置“潮汐”通道', '确定临时停车区'], decision: '上下学时段试行“潮汐”通道，交警现场指挥' },
  { agenda: ['讨论公交站台内移方案'], decision: '向公交公司提交站台内移申请' },
  { agenda: ['评估“潮汐”通道试行效果', '讨论增加现场调度警力'], decision: '早晚高峰各增加 2 名调度警力，党员志愿者协助' },
  { agenda: ['总结六次恳谈会成效', '形成长效机制'], decision: '形成校门口交通长效管理机制，每学期评估一次' },
]

export async function seedDemoMeetings(tx: Executor, opts: { seed: number; now?: Date }): Promise<{ meetings: number }> {
  const random = createRandom(opts.seed + 41)
  const now = opts.now ?? new Date()
  const street = await firstRow<{ id: string }>(tx, sql`SELECT o.id::text FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id
    JOIN orgs o ON o.id = r.org_id WHERE a.username = 'street' AND r.role = 'street_admin' LIMIT 1`)
  if (!street) return { meetings: 0 }
  const communities = await rows<Community>(tx, sql`SELECT c.id::text, c.path::text, c.name,
      ARRAY(SELECT r.person_id::text FROM role_assignments r WHERE r.org_id = c.id AND r.role = 'community_cadre' ORDER BY r.person_id) AS cadres,
      ARRAY(SELECT DISTINCT r.person_id::text FROM role_assignments r JOIN orgs b ON b.id = r.org_id WHERE r.role = 'resident' AND b.path <@ c.path ORDER BY 1 LIMIT 60) AS residents,
      ARRAY(SELECT pm.person_id::text FROM party_members pm WHERE pm.community_id = c.id AND pm.deleted_at IS NULL ORDER BY pm.id LIMIT 30) AS members,
      ARRAY(SELECT g.name FROM orgs g WHERE g.parent_id = c.id AND g.kind = 'grid' AND g.deleted_at IS NULL ORDER BY g.id) AS grids,
      ARRAY(SELECT r.id::text FROM venue_rooms r JOIN venues v ON v.id = r.venue_id WHERE v.org_id = c.id AND r.deleted_at IS NULL AND v.deleted_at IS NULL ORDER BY r.capacity DESC, r.id) AS rooms
    FROM orgs c WHERE c.parent_id = ${street.id} AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL ORDER BY c.id`)
  const usable = communities.filter((c) => c.cadres.length > 0 && c.residents.length >= 8)
  if (usable.length === 0) return { meetings: 0 }
  const demo = Object.fromEntries((await rows<{ username: string; id: string }>(tx, sql`SELECT username, person_id::text AS id FROM accounts WHERE username IN ('resident', 'member', 'cadre')`)).map((a) => [a.username, a.id]))
  const home = usable.find((c) => c.cadres.includes(demo.cadre ?? '')) ?? usable[0]!
  // Topics of deliberation's demo that these meetings discussed, found by their words (none: no link).
  const topicLike = async (c: Community, words: string[]) => (await firstRow<{ id: string }>(tx, sql`SELECT t.id::text FROM topics t JOIN orgs o ON o.id = t.org_id
    WHERE o.path <@ ${c.path}::ltree AND t.title LIKE ANY(${`{${words.map((w) => `%${w}%`).join(',')}}`}::text[]) ORDER BY t.id LIMIT 1`))?.id ?? null
  const trafficTopic = await topicLike(home, ['交通', '上下学', '接送'])
  const shedTopic = await topicLike(home, ['电动车棚', '充电'])
  const liftTopic = await topicLike(home, ['电梯'])
  // The traffic police officer and the school's deputy head who came to every talk (no roles here: invited by name).
  const [police, school] = (await rows<{ id: string }>(tx, sql`INSERT INTO people (name) VALUES ('周建平'), ('刘晓梅') RETURNING id::text`)).map((r) => r.id)
  const at = (daysAgo: number, hour: number) => {
    const d = new Date(Math.floor((now.getTime() + 8 * HOUR) / DAY) * DAY - daysAgo * DAY)
    return new Date(d.getTime() + (hour - 8) * HOUR)
  }
  const residentsOf = (c: Community, n: number, keep: string[] = []) => [...new Set([...keep, ...pickN(random, c.residents, n)])]
  const membersOf = (c: Community, n: number) => pickN(random, c.members.length ? c.members : c.residents, n)
  const plans: Plan[] = []

  // The monthly residents' meeting of the demo community, attended by its grid Party groups.
  for (let month = 11; month >= -1; month--) {
    const start = at(month * 30 + 3, 19)
    const past = start.getTime() + 2 * HOUR < now.getTime()
    const groups = home.grids.slice(0, 3).map((g) => ({ kind: 'party_organisation', name: `${g}党小组`, reps: membersOf(home, 1) }))
    plans.push({
      org: home, kind: 'council_hall', title: `${home.name}居民议事会（${new Date(start.getTime() + 8 * HOUR).getUTCMonth() + 1}月）`, start, hours: 2,
      state: past ? 'minutes_approved' : 'planned', quorum: 8, open: !past,
      agenda: ['网格党小组通报本月民情和上月事项办理情况', '居民代表提出意见建议', '议定下月重点事项'],
      parties: [{ kind: 'residents_committee', name: `${home.name}居委会`, reps: home.cadres.slice(0, 1) }, ...groups],
      people: residentsOf(home, 10, month === -1 && demo.resident ? [demo.resident] : []),
      decisions: past ? ['本月意见建议分派网格党小组跟进，下次议事会通报结果'] : [],
      minutes: `本次议事会由社区党委书记主持。各网格党小组通报了本月收集的民情：楼道堆物、路灯损坏、老旧小区加装电梯意愿等。居民代表提出意见建议 ${3 + Math.floor(random() * 5)} 条，会议逐条议定了责任网格和办理时限。`,
    })
  }
  // The six traffic talks with the traffic police, the school and residents.
  TRAFFIC.forEach((talk, i) => {
    plans.push({
      org: home, kind: 'round_table', title: `校门口交通治理恳谈会（第${'一二三四五六'[i]}次）`, start: at(300 - i * 45, 16), hours: 2, state: 'minutes_approved', quorum: 6,
      agenda: talk.agenda, topicId: trafficTopic,
      parties: [
        { kind: 'police', name: '高新交警大队艾溪湖中队', reps: police ? [police] : [] },
        { kind: 'school', name: '第三中学艾溪湖校区', reps: school ? [school] : [] },
        { kind: 'party_organisation', name: `${home.name}党委`, reps: home.cadres.slice(0, 1) },
        { kind: 'residents', name: '居民代表', reps: residentsOf(home, 5) },
      ],
      people: [], decisions: [talk.decision],
      minutes: `第${i + 1}次交通治理恳谈会。${talk.agenda.join('；')}。经交警、学校和居民代表充分协商，会议决定：${talk.decision}。`,
    })
  })
  // Across the street: 五位一体 property meetings and 理事会 meetings each quarter.
  usable.forEach((c, i) => {
    for (let q = 0; q < 4; q++) {
      const five = (q + i) % 2 === 0
      const start = at(20 + q * 90 + i * 3, 15)
      const local = new Date(start.getTime() + 8 * HOUR)
      const quarter = `${local.getUTCFullYear()}年第${Math.floor(local.getUTCMonth() / 3) + 1}季度`
      plans.push({
        org: c, kind: five ? 'five_party' : 'council', start, hours: 2, state: 'minutes_approved', quorum: 5,
        title: five ? `${c.name}“五位一体”物业联席会（${quarter}）` : `${c.name}民情理事会（${quarter}）`,
        agenda: five ? ['物业服务质量通报', '小区停车和垃圾分类问题', '维修资金使用'] : ['议题收集情况', '确定协商形式和议事规则', '上季度决议执行监督'],
        parties: five
          ? [{ kind: 'residents_committee', name: `${c.name}居委会`, reps: c.cadres.slice(0, 1) }, { kind: 'owners_committee', name: '业主委员会', reps: residentsOf(c, 2) },
              { kind: 'residents_council', name: '居民理事会', reps: residentsOf(c, 2) }, { kind: 'property_firm', name: '物业服务中心', reps: residentsOf(c, 1) },
              { kind: 'party_organisation', name: `${c.name}党委`, reps: c.cadres.slice(1, 2) }]
          : [{ kind: 'residents_council', name: `${c.name}民情理事会`, reps: residentsOf(c, 6) }],
        people: [], decisions: [five ? '物业公司一个月内完成单元门禁维修，业委会监督' : '下季度重点推进楼道清理和停车秩序'],
        minutes: five ? '居委会、业委会、居民理事会、物业公司和社区党组织共同参会，通报物业服务情况，议定整改事项和时限。' : '理事会收集议题，确定协商形式和议事规则，并对上季度决议执行情况进行监督。',
      })
    }
  })
  // The 电动车棚 story: a round table on the site, then the five parties on who builds and runs it.
  if (shedTopic) {
    for (const [i, kind] of (['round_table', 'five_party'] as const).entries()) {
      plans.push({
        org: home, kind, start: at(35 - i * 14, 15), hours: 2, state: 'minutes_approved', quorum: 5, topicId: shedTopic,
        title: i === 0 ? '竹林花园电动车棚选址圆桌会' : '竹林花园电动车棚建设“五位一体”联席会',
        agenda: i === 0 ? ['通报楼道停放充电的火灾隐患', '比选三处车棚选址'] : ['车棚建设资金和施工', '充电收费和日常管理'],
        parties: [{ kind: 'property_firm', name: '竹林花园物业服务中心', reps: residentsOf(home, 1) }, { kind: 'owners_committee', name: '竹林花园业委会', reps: residentsOf(home, 2) }],
        people: residentsOf(home, 6), decisions: [i === 0 ? '车棚选址 5 栋北侧空地，公示 7 天' : '物业负责建设和管理，充电按度收费，业委会监督'],
        minutes: i === 0 ? '会议通报了电动车楼道停放充电的火灾隐患，比选三处选址，多数意见选在 5 栋北侧空地，会后公示。' : '联席会议定车棚由物业负责建设和日常管理，充电按度收费，业委会每季度公开收支。',
      })
    }
  }
  // Yesterday's meeting, minutes waiting for approval (the demo resident was there); an open one to come; a cancelled one.
  plans.push({
    org: home, kind: 'council_hall', title: '加装电梯意愿协商会', start: at(1, 19), hours: 2, state: 'held', quorum: 5, topicId: liftTopic,
    agenda: ['通报加装电梯政策', '征求各单元意见'], parties: [], people: residentsOf(home, 7, demo.resident ? [demo.resident] : []),
    decisions: ['3 个单元先行开展意愿征集'], minutes: '会议通报了老旧小区加装电梯政策和补贴标准，各单元代表发表意见，会议决定先在意愿较高的 3 个单元开展征集。', approvers: 'none',
  })
  plans.push({
    org: home, kind: 'round_table', title: '社区微更新方案圆桌会', start: at(-5, 15), hours: 2, state: 'planned', open: true,
    agenda: ['介绍小游园改造方案', '听取居民意见'], parties: [{ kind: 'unit', name: '共建单位代表', reps: membersOf(home, 1) }],
    people: residentsOf(home, 6, [demo.resident, demo.member].filter((x): x is string => Boolean(x))), decisions: [], minutes: '',
  })
  plans.push({
    org: home, kind: 'council', title: '文明养犬理事会', start: at(40, 15), hours: 1, state: 'cancelled', cancelReason: '台风预警，改期另行通知',
    agenda: ['文明养犬公约'], parties: [], people: residentsOf(home, 5), decisions: [], minutes: '',
  })

  for (const p of plans) await insertPlan(tx, p, random, demo.cadre ?? p.org.cadres[0]!)
  return { meetings: plans.length }
}

async function insertPlan(tx: Executor, p: Plan, random: Random, cadreFallback: string) {
  const creator = p.org.cadres.includes(cadreFallback) ? cadreFallback : p.org.cadres[0]!
  const end = new Date(p.start.getTime() + p.hours * HOUR)
  const held = p.state === 'held' || p.state === 'minutes_approved'
  let roomId: string | null = null
  let bookingId: string | null = null
  for (const room of p.org.rooms.slice(0, 2)) {
    const made = await firstRow<{ id: string }>(tx, sql`INSERT INTO room_bookings (room_id, booker_id, start_at, end_at, blocked, purpose, state, checked_in_at, cancelled_at)
      VALUES (${room}, ${creator}, ${p.start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, tstzrange(${p.start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz),
        ${p.title.slice(0, 200)}, ${p.state === 'cancelled' ? 'cancelled' : 'confirmed'}, ${held ? p.start.toISOString() : null}, ${p.state === 'cancelled' ? p.start.toISOString() : null})
      ON CONFLICT DO NOTHING RETURNING id::text`)
    if (made) {
      roomId = room
      bookingId = made.id
      break
    }
  }
  const [m] = await rows<{ id: string }>(tx, sql`INSERT INTO meetings (org_id, kind, title, starts_at, ends_at, room_id, booking_id, place, state, quorum_count, open_registration, created_by,
      opened_at, held_at, minutes_approved_at, cancelled_at, cancel_reason, created_at)
    VALUES (${p.org.id}, ${p.kind}, ${p.title}, ${p.start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, ${roomId}, ${bookingId}, ${roomId ? null : `${p.org.name}党群服务中心`},
      ${p.state}, ${p.quorum ?? null}, ${p.open ?? false}, ${creator}, ${held ? p.start.toISOString() : null}, ${held ? end.toISOString() : null},
      ${p.state === 'minutes_approved' ? new Date(end.getTime() + 2 * DAY).toISOString() : null}, ${p.state === 'cancelled' ? new Date(p.start.getTime() - 3 * DAY).toISOString() : null},
      ${p.cancelReason ?? null}, ${new Date(p.start.getTime() - 7 * DAY).toISOString()}::timestamptz) RETURNING id::text`)
  const id = m!.id
  for (const [i, text] of p.agenda.entries()) {
    await tx.execute(sql`INSERT INTO meeting_agenda_items (meeting_id, position, text, topic_id) VALUES (${id}, ${i + 1}, ${text}, ${i === 0 ? (p.topicId ?? null) : null})`)
  }
  const invited = new Map<string, { party: string | null; role: string }>([[creator, { party: null, role: 'chair' }]])
  for (const party of p.parties) {
    const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO meeting_parties (meeting_id, kind, name, invited_at) VALUES (${id}, ${party.kind}, ${party.name}, ${new Date(p.start.getTime() - 6 * DAY).toISOString()}::timestamptz) RETURNING id::text`)
    for (const r of party.reps) if (!invited.has(r)) invited.set(r, { party: row!.id, role: 'attendee' })
  }
  for (const r of p.people) if (!invited.has(r)) invited.set(r, { party: null, role: 'attendee' })
  const everyone = [...invited.keys()]
  // The secretary: the last invited resident (the first named ones are the demo's own accounts).
  const secretary = everyone.filter((x) => x !== creator && x !== p.people[0] && invited.get(x)!.party === null).pop() ?? creator
  invited.get(secretary)!.role = secretary === creator ? 'chair' : 'secretary'
  const present: string[] = []
  for (const [person, v] of invited) {
    const registered = random() < 0.8
    await tx.execute(sql`INSERT INTO meeting_invitees (meeting_id, person_id, party_id, role, invited_by, invited_at, registered_at)
      VALUES (${id}, ${person}, ${v.party}, ${v.role}, ${creator}, ${new Date(p.start.getTime() - 6 * DAY).toISOString()}::timestamptz,
        ${registered ? new Date(p.start.getTime() - 3 * DAY).toISOString() : null})`)
    if (!held) continue
    const comes = person === creator || person === secretary || person === p.people[0] || random() < 0.85
    const byHand = random() < 0.3
    await tx.execute(sql`INSERT INTO meeting_attendance (meeting_id, person_id, present, how, checked_in_at, absence_reason, recorded_by)
      VALUES (${id}, ${person}, ${comes}, ${comes ? (byHand ? 'by_hand' : 'qr') : null}, ${comes ? new Date(p.start.getTime() - Math.floor(random() * 20) * 60_000).toISOString() : null},
        ${comes ? null : ['请假：外出务工', '请假：身体不适', '出差'][Math.floor(random() * 3)]!}, ${comes && !byHand ? null : creator})`)
    if (comes) present.push(person)
  }
  if (!held) return
  const approved = p.state === 'minutes_approved'
  const [n] = await rows<{ id: string }>(tx, sql`INSERT INTO meeting_minutes (meeting_id, version, body, state, drafted_by, drafted_at, approved_at)
    VALUES (${id}, 1, ${p.minutes}, ${approved ? 'approved' : 'pending'}, ${secretary}, ${new Date(end.getTime() + 3 * HOUR).toISOString()}::timestamptz,
      ${approved ? new Date(end.getTime() + 2 * DAY).toISOString() : null}) RETURNING id::text`)
  const approvers = p.approvers === 'none' ? [secretary] : present.slice(0, Math.floor(present.length / 2) + 1 + Math.floor(random() * 2))
  for (const person of approvers) {
    await tx.execute(sql`INSERT INTO meeting_minutes_approvals (minutes_id, person_id, verdict, at) VALUES (${n!.id}, ${person}, 'approve', ${new Date(end.getTime() + DAY).toISOString()}::timestamptz)
      ON CONFLICT DO NOTHING`)
  }
  for (const [i, text] of p.decisions.entries()) {
    await tx.execute(sql`INSERT INTO meeting_decisions (meeting_id, position, text, topic_id, created_by, created_at)
      VALUES (${id}, ${i + 1}, ${text}, ${p.topicId ?? null}, ${secretary}, ${end.toISOString()}::timestamptz)`)
  }
}
