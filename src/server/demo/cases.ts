// A year of activity in the demo street (the `street` account's street, 2025-11-25 → 2026-11-25):
// ~1,500 cases with timelines that match their state, the visit logs of its cadres, a monthly
// night-visit schedule for its seven departments with its tasks, and quarterly five-colour
// ratings of its estates. One file because the three tie together: visits find cases, and the
// one red rating opens a rectification case.
//
// Deterministic: a seeded PRNG and a fixed clock (the year ends 2026-11-25 16:00 China time),
// never Math.random or now(). Everything is built in memory first, then written with one
// INSERT … SELECT FROM json_to_recordset per table, so seeding stays fast on PGlite.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import type { PiiKeyring } from '../kernel/pii.ts'
import { colorOf, totalOf } from '../modules/estates/estates.rating.ts'
import { createNameGenerator, createRandom, type DemoOrg, type Position } from './geography/city.ts'

type Random = () => number
type State = 'reported' | 'accepted' | 'rejected' | 'assigned' | 'in_progress' | 'handled' | 'verified' | 'closed'
type Level = 'grid' | 'community' | 'street'
type Channel = 'h5' | 'console' | 'api' | 'open311' | 'visit' | 'estate_rating'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const CST = 8 * HOUR
/** The demo year; the clock stops a little before the time the demo was written, so nothing lies in the future. */
export const DEMO_YEAR_START = Date.UTC(2025, 10, 25, 0, 0) - CST
export const DEMO_NOW = Date.UTC(2026, 10, 25, 16, 0) - CST
export const DEMO_CASE_COUNT = 1500
const RESIDENTS = 160

export interface DemoActivityInput {
  nodes: DemoOrg[]
  ids: Map<string, string>
  streetKey: string
  seed: number
  /** Seals the demo people's phones (kernel/pii.ts). */
  pii: PiiKeyring
}

export interface DemoActivityResult {
  cases: number
  events: number
  visits: number
  visitTasks: number
  estateRatings: number
}

// ---------------------------------------------------------------------------
// Small helpers

const between = (random: Random, min: number, max: number) => min + (max - min) * random()
const chance = (random: Random, p: number) => random() < p

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new RangeError('pick from an empty list')
  return item
}

function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((s, [, w]) => s + w, 0)
  let r = random() * total
  for (const [value, w] of entries) if ((r -= w) < 0) return value
  return entries[entries.length - 1]![0]
}

const iso = (t: number) => new Date(t).toISOString()
const localHour = (t: number) => new Date(t + CST).getUTCHours()
const localDay = (t: number) => new Date(t + CST).getUTCDay()
const localDate = (t: number) => iso(t + CST).slice(0, 10)
/** Midnight China time of the local day of `t`. */
const localMidnight = (t: number) => Math.floor((t + CST) / DAY) * DAY - CST

/** Staff act between 08:00 and 21:00; a time outside that moves to the next morning. */
function onDuty(random: Random, t: number): number {
  const h = localHour(t)
  if (h >= 8 && h < 21) return t
  const morning = localMidnight(h < 8 ? t : t + DAY) + 8 * HOUR
  return morning + between(random, 5, 70) * 60_000
}

/** Handling limits count Monday–Friday when the category says so (no holidays in the demo calendar). */
function addDays(t: number, days: number, workingDays: boolean): number {
  if (!workingDays) return t + days * DAY
  let out = t
  for (let left = days; left > 0;) {
    out += DAY
    const d = localDay(out)
    if (d !== 0 && d !== 6) left--
  }
  return out
}

// ---------------------------------------------------------------------------
// What people write

const FLOORS = ['二', '三', '四', '五', '六', '七']
const DESCRIPTIONS: Record<string, string[]> = {
  'environment.garbage': [
    '{b}旁边的垃圾桶已经满了两天没人清运，气味很大，招苍蝇。',
    '{b}楼下垃圾分类点的厨余垃圾桶溢出来了，流了一地污水。',
    '{b}门口的垃圾中转点今天到现在还没清运，垃圾堆到路边了。',
    '{b}后面有人倒了一堆装修垃圾，一直没人清理。',
  ],
  'environment.littering': [
    '{b}{u}单元楼道里堆满了纸箱和旧家具，把消防通道都挡住了。',
    '{b}一楼楼梯间有人长期堆放杂物，还有几辆旧自行车，影响通行。',
    '{b}旁边的空地被人圈起来堆放废品，脏乱差。',
  ],
  'environment.greening': [
    '{b}前面绿化带的树枝太长，挡住了二楼窗户，也遮住了路灯。',
    '{b}旁边的草坪被人开荒种菜，绿化被破坏了。',
    '大风过后{b}门口一棵香樟树倾斜了，担心倒下来砸到人。',
  ],
  'facility.streetlight': [
    '{b}到路口这一段的路灯不亮已经一个星期了，晚上走路很黑。',
    '{b}门口的路灯一闪一闪的，晚上看着吓人。',
    '{b}{u}单元楼道感应灯坏了，{f}楼一片漆黑，老人上下楼不安全。',
  ],
  'facility.road': [
    '{b}门口人行道的地砖松动翘起，已经有老人绊倒了。',
    '{b}旁边的路面塌了一个坑，下雨积水，骑电动车容易摔。',
    '{b}附近的井盖破损了，有安全隐患。',
  ],
  'facility.drain': [
    '{b}{u}单元下水道堵塞，一楼卫生间往上冒污水。',
    '{b}门口的雨水井堵了，一下雨就积水到脚踝。',
    '{b}的化粪池满溢，臭味很重，请尽快处理。',
  ],
  'facility.elevator': [
    '{b}{u}单元电梯故障停运，楼上有老人行动不便，出不了门。',
    '{b}的电梯运行时有异响，还突然停顿过，大家都不敢坐。',
    '{b}电梯困人，按警铃没人应答，人已经自己出来了，请物业检修。',
  ],
  'dispute.neighbour': [
    '{b}{f}楼住户每天晚上十一点以后还在跺脚、拖椅子，多次沟通无效。',
    '楼上{b}{f}楼装修漏水到我家，双方协商不成，请社区调解。',
    '{b}的邻居在公共楼道装摄像头对着我家门口，产生了矛盾。',
    '{b}有邻居养狗不拴绳，还在楼道里随地大小便，沟通后吵了起来。',
  ],
  'dispute.family': [
    '{b}{f}楼一户人家经常吵架，昨晚还摔东西，担心有家暴。',
    '{b}一位老人反映子女不尽赡养义务，请社区帮忙协调。',
  ],
  'dispute.wages': [
    '在{b}附近的工地干活，包工头拖欠三个月工资不给，请帮忙。',
    '{b}底商一家餐馆关门了，老板拖欠员工工资联系不上。',
  ],
  'safety.fire': [
    '{b}{u}单元楼道消防栓里的水带不见了，灭火器也过期了。',
    '{b}一楼有人在楼道里用煤炉做饭，有火灾隐患。',
    '{b}的消防通道被私家车长期占用，消防车进不来。',
  ],
  'safety.ebike': [
    '{b}{u}单元有人从楼上拉电线下来给电动车充电，晚上一直在充。',
    '{b}楼道里停了好几辆电动车在充电，很危险。',
    '有住户把电动车电池拎回{b}家里充电，担心起火。',
  ],
  'safety.building': [
    '{b}外墙瓷砖脱落，砸到了楼下停的车，担心砸到人。',
    '{b}的阳台栏杆锈蚀松动，有坠落风险。',
  ],
  'property.service': [
    '{b}的物业保洁好久没打扫楼道了，扶手上全是灰。',
    '{b}的门禁坏了半个月，物业一直说在报修。',
    '{b}楼顶漏水，向物业反映多次没人管。',
  ],
  'property.parking': [
    '{b}门口车辆乱停乱放，救护车都进不来。',
    '有人在{b}楼下用地锁占用公共车位。',
    '一辆僵尸车长期停在{b}旁边，落满灰尘，占着车位。',
  ],
  'order.stall': [
    '{b}门口有流动摊贩占道经营，早上卖菜堵塞交通。',
    '{b}的底商把桌椅摆到人行道上经营烧烤，行人只能走机动车道。',
    '{b}附近的夜市摊点收摊后垃圾满地，油污很重。',
  ],
  'order.noise': [
    '{b}旁边的广场舞音响开得很大，晚上九点多还在跳。',
    '{b}附近的工地夜间施工，凌晨还有打桩声，吵得睡不着。',
    '{b}的底商KTV深夜噪音扰民。',
  ],
  'other.general': [
    '{b}附近的公交站台没有遮雨棚，老人等车很辛苦，建议加装。',
    '{b}旁边的流浪猫越来越多，晚上叫声扰民，也担心伤人。',
    '{b}有位独居老人好几天没出门了，请网格员上门看看。',
  ],
}

const CATEGORY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['environment.garbage', 15], ['environment.littering', 11], ['environment.greening', 4],
  ['facility.streetlight', 9], ['facility.road', 5], ['facility.drain', 7], ['facility.elevator', 5],
  ['dispute.neighbour', 6], ['dispute.family', 2], ['dispute.wages', 1.5],
  ['safety.fire', 3], ['safety.ebike', 7], ['safety.building', 1.5],
  ['property.service', 5], ['property.parking', 6], ['order.stall', 5], ['order.noise', 6], ['other.general', 3],
]

const RESULTS: Record<string, string[]> = {
  environment: ['已联系环卫公司完成清运，并要求每天定时清运。', '已组织物业和志愿者清理完毕，张贴了文明提示。'],
  facility: ['已联系维修单位更换维修，现场测试正常。', '已协调物业和市政完成维修，恢复正常使用。'],
  dispute: ['社区组织双方调解，达成一致意见并签订了调解协议。', '网格员上门沟通，双方表示理解，矛盾已化解。'],
  safety: ['已现场劝导整改，隐患已消除，纳入日常巡查。', '已联合物业清理，并张贴安全用电提示。'],
  property: ['已约谈物业公司，限期整改，现已完成。', '物业已安排专人处理，居民确认问题解决。'],
  order: ['已联系城管中队劝离，并加强巡查。', '已与经营者沟通，承诺整改，复查已无问题。'],
  other: ['已协调相关部门处理，并把处理结果告知居民。'],
}
const REJECT_REASONS = [
  '不属于社区治理事项，已告知拨打12345热线反映。',
  '经现场核实，未发现所反映的问题。',
  '属于业主之间的民事纠纷，已引导通过法律途径解决。',
  '重复上报，已在同一位置的另一条事件中处理。',
]
const RATING_COMMENTS: Record<number, string[]> = {
  5: ['处理很及时，感谢网格员！', '效率很高，点赞。', '问题解决了，非常满意。'],
  4: ['解决了，就是时间有点长。', '还可以，希望以后多巡查。'],
  3: ['基本解决了。'],
  2: ['只是临时处理，问题还会再出现。'],
  1: ['没有解决，敷衍了事。'],
}
const VISIT_TOPICS = ['楼道照明', '电动车充电', '垃圾分类', '停车难', '老旧小区改造', '物业服务', '养老助餐', '安全用电']

// ---------------------------------------------------------------------------
// The demo street as seeded

interface Place { gridId: string; communityId: string; name: string; point: Position; gridRect: Rect }
interface Rect { west: number; south: number; east: number; north: number }
interface Person { id: string; name: string }

function rectOf(org: DemoOrg): Rect {
  if (org.geometry?.type !== 'Polygon') throw new Error(`${org.name} has no polygon`)
  const ring = org.geometry.coordinates[0]!
  const xs = ring.map((p) => p[0])
  const ys = ring.map((p) => p[1])
  return { west: Math.min(...xs), south: Math.min(...ys), east: Math.max(...xs), north: Math.max(...ys) }
}

/** A point near the building, kept inside its grid's rectangle (grids are axis-aligned in the demo). */
function jitter(random: Random, place: Place, metres: number): Position {
  const d = metres / 111_000
  const margin = 0.00005
  const r = place.gridRect
  const lng = Math.min(r.east - margin, Math.max(r.west + margin, place.point[0] + between(random, -d, d)))
  const lat = Math.min(r.north - margin, Math.max(r.south + margin, place.point[1] + between(random, -d, d)))
  return [Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]
}

const STREET_DEPARTMENTS = ['党政综合办', '社会事务办', '经济发展办', '平安建设办', '党群服务中心']

interface CaseEvent {
  caseKey: number
  action: string
  from: State | null
  to: State | null
  actor: string | null
  actorKind: 'person' | 'system' | 'token'
  at: number
  note: string | null
  data: Record<string, unknown>
  /** Not stored on the event: the handling limit it set, and whether a reopen counts against CASE_MAX_REOPENS. */
  due?: number
  counts?: boolean
}

interface CaseRow {
  key: number
  id?: string
  org_id: string
  category_code: string
  description: string
  lng: number
  lat: number
  address: string
  state: State
  level: Level
  handling_org_id: string
  assignee_id: string | null
  last_handler_id: string | null
  reporter_id: string | null
  anonymous: boolean
  channel: Channel
  contact: Record<string, string> | null
  visit_id: string | null
  estate_rating_id: string | null
  accept_due_at: string | null
  handle_due_at: string | null
  overdue_at: string | null
  reminded_at: string | null
  accepted_at: string | null
  handled_at: string | null
  closed_at: string | null
  closed_level: Level | null
  handled_on_time: boolean | null
  result: string | null
  reject_reason: string | null
  escalations: number
  reopens: number
  rating: number | null
  rating_comment: string | null
  revisit_due_at: string | null
  revisited_at: string | null
  revisit_fixed: boolean | null
  created_at: string
  updated_at: string
}

interface Category { code: string; accept_hours: number; handle_days: number; revisit_days: number; working_days: boolean }

export async function seedDemoActivity(tx: Executor, input: DemoActivityInput): Promise<DemoActivityResult> {
  const random = createRandom(input.seed ^ 0x0ca5e5)
  const nextName = createNameGenerator(createRandom(input.seed ^ 0x7e51d3))
  const { nodes, ids, streetKey } = input
  const id = (key: string) => ids.get(key)!
  const streetId = id(streetKey)
  const street = nodes.find((n) => n.key === streetKey)!
  const under = (parentKey: string, kind: DemoOrg['kind']) => nodes.filter((n) => n.parentKey === parentKey && n.kind === kind)
  const communities = under(streetKey, 'community')
  const grids = communities.flatMap((c) => under(c.key, 'grid'))
  const places: Place[] = grids.flatMap((g) => {
    const rect = rectOf(g)
    return under(g.key, 'building').map((b) => ({
      gridId: id(g.key), communityId: id(g.parentKey!), name: b.name, point: (b.geometry as { coordinates: Position }).coordinates, gridRect: rect,
    }))
  })
  const placesByGrid = new Map<string, Place[]>()
  for (const p of places) placesByGrid.set(p.gridId, [...(placesByGrid.get(p.gridId) ?? []), p])
  const communityName = new Map(communities.map((c) => [id(c.key), c.name]))

  // Staff as seeded, with the departments the street still lacks (seven in all).
  const existingDepartments = under(streetKey, 'department').map((d) => ({ id: id(d.key), name: d.name }))
  const addedDepartments = await rows<{ id: string; name: string }>(tx, sql`
    INSERT INTO orgs (parent_id, kind, name)
    SELECT ${streetId}, 'department', ${street.name}::text || n
    FROM json_array_elements_text(${JSON.stringify(STREET_DEPARTMENTS.slice(0, Math.max(0, 7 - existingDepartments.length)))}::json) WITH ORDINALITY AS x(n, i)
    ORDER BY i RETURNING id::text, name`)
  const departments = [...existingDepartments, ...addedDepartments]

  // One liaison per department (they make the department's visits) and residents who report.
  let phone = 0
  const liaisonNames = departments.map(() => nextName())
  const residentPlaces = Array.from({ length: RESIDENTS }, () => pick(random, places))
  const residentNames = residentPlaces.map(() => nextName())
  const buildingIdOf = new Map(grids.flatMap((g) => under(g.key, 'building').map((b) => [`${id(g.key)}|${b.name}`, id(b.key)] as const)))
  const newPeople = [
    ...departments.map((d, i) => ({ name: liaisonNames[i]!, role: 'member', org_id: d.id })),
    ...residentPlaces.map((p, i) => ({ name: residentNames[i]!, role: 'resident', org_id: buildingIdOf.get(`${p.gridId}|${p.name}`)! })),
  ]
  const personIds = await rows<{ id: string }>(tx, sql`
    SELECT nextval(pg_get_serial_sequence('people', 'id'))::text AS id FROM generate_series(1, ${newPeople.length})`)
  const peoplePayload = newPeople.map((p, i) => ({ ...p, id: personIds[i]!.id, phone: input.pii.seal('phone', `136${String(10000000 + phone++).padStart(8, '0')}`) }))
  await tx.execute(sql`
    INSERT INTO people (id, name, phone_enc, phone_hash, phone_mask) OVERRIDING SYSTEM VALUE
    SELECT id, name, phone->>'enc', phone->>'hash', phone->>'mask' FROM json_to_recordset(${JSON.stringify(peoplePayload)}::json) AS x(id bigint, name text, phone json)`)
  await tx.execute(sql`
    INSERT INTO role_assignments (person_id, role, org_id, valid_from)
    SELECT id, role, org_id, DATE '2025-01-01' FROM json_to_recordset(${JSON.stringify(peoplePayload)}::json) AS x(id bigint, role text, org_id bigint)`)
  const liaisons = departments.map((d, i) => ({ department: d, person: { id: personIds[i]!.id, name: liaisonNames[i]! } }))
  const residentsByGrid = new Map<string, Person[]>()
  residentPlaces.forEach((p, i) => {
    const person = { id: personIds[departments.length + i]!.id, name: residentNames[i]! }
    residentsByGrid.set(p.gridId, [...(residentsByGrid.get(p.gridId) ?? []), person])
  })

  const staff = await rows<{ person_id: string; name: string; role: string; org_id: string; username: string | null }>(tx, sql`
    SELECT r.person_id::text, p.name, r.role, r.org_id::text, a.username
    FROM role_assignments r JOIN people p ON p.id = r.person_id JOIN orgs o ON o.id = r.org_id
    LEFT JOIN accounts a ON a.person_id = p.id
    WHERE o.path <@ (SELECT path FROM orgs WHERE id = ${streetId})
    ORDER BY r.id`)
  const withRole = (role: string, orgId: string): Person[] =>
    staff.filter((s) => s.role === role && s.org_id === orgId).map((s) => ({ id: s.person_id, name: s.name }))
  const streetAdmin = withRole('street_admin', streetId)[0]!
  const gridTeam = new Map(grids.map((g) => {
    const leaders = withRole('grid_leader', id(g.key))
    const workers = withRole('grid_worker', id(g.key))
    return [id(g.key), { leader: leaders[0]!, workers: workers.length > 0 ? workers : leaders }]
  }))
  const cadres = new Map(communities.map((c) => [id(c.key), withRole('community_cadre', id(c.key))]))
  // The demo accounts that live in the street report some of their own grid's cases.
  for (const s of staff.filter((x) => x.role === 'resident' && x.username)) {
    const gridId = grids.find((g) => under(g.key, 'building').some((b) => id(b.key) === s.org_id))
    if (gridId) residentsByGrid.set(id(gridId.key), [...(residentsByGrid.get(id(gridId.key)) ?? []), ...Array(4).fill({ id: s.person_id, name: s.name })])
  }

  const categories = new Map((await rows<Category>(tx, sql`
    SELECT code, accept_hours, handle_days, revisit_days, working_days FROM case_categories WHERE parent_code IS NOT NULL`)).map((c) => [c.code, c]))
  const departmentFor = (code: string): Person => {
    const top = code.split('.')[0]!
    const wanted = top === 'dispute' || top === 'safety' ? '派出所' : top === 'order' || top === 'environment' ? '城管' : top === 'other' ? '社会事务' : '平安建设'
    return (liaisons.find((l) => l.department.name.includes(wanted)) ?? liaisons[0]!).person
  }

  // -------------------------------------------------------------------------
  // Cases: each one lived forward from its report; what happened after DEMO_NOW is cut off.

  const events: CaseEvent[] = []
  const cases: CaseRow[] = []
  const visitFound: { caseKey: number; place: Place; visitor: Person; at: number }[] = []

  interface Spec {
    key: number; category: Category; created: number; place: Place; channel: Channel; reporter: Person | null; anonymous: boolean
    contact: Record<string, string> | null; description: string; address: string; location: Position
    estateRatingKey?: number; level?: Level; handlingOrgId?: string
  }

  function fill(template: string, place: Place): string {
    return template.replaceAll('{b}', place.name).replaceAll('{u}', String(1 + Math.floor(random() * 3))).replaceAll('{f}', pick(random, FLOORS))
  }

  /**
   * Lives one case forward from its report, taking the same steps the cases service takes
   * (including the minute sweep's reminders, overdue marks and automatic escalation after 24
   * hours overdue), then keeps what happened before DEMO_NOW and derives the row from it.
   */
  function lifecycle(spec: Spec, opts: { rejected: boolean; stuckAt: 'reported' | 'assigned' | 'in_progress' | null; escalations: number; lateAccept: boolean; lateHandle: boolean }): void {
    const { key, category, place } = spec
    const top = category.code.split('.')[0]!
    const team = gridTeam.get(place.gridId)!
    const communityCadres = cadres.get(place.communityId)!
    const log: CaseEvent[] = []
    let state: State = 'reported'
    let t = spec.created
    const add = (action: string, to: State | null, actor: Person | null, at: number, note: string | null = null, data: Record<string, unknown> = {}, extra: Partial<CaseEvent> = {}) => {
      log.push({
        caseKey: key, action, from: action === 'report' ? null : action === 'remind' ? null : state, to, actor: actor?.id ?? null, at, note, data,
        actorKind: actor ? 'person' : action === 'report' ? (spec.channel === 'api' ? 'token' : 'person') : 'system', ...extra,
      })
      if (to) state = to
      t = Math.max(t, at)
    }

    add('report', 'reported', spec.reporter, t, null, { channel: spec.channel })
    const acceptDue = t + category.accept_hours * HOUR
    const byStaff = spec.channel === 'console' || spec.channel === 'visit'
    const acceptor = spec.channel === 'console' && spec.reporter ? spec.reporter : pick(random, [team.leader, ...team.workers])

    // The clock of the current handling cycle, as the sweep sees it.
    let level: Level = spec.level ?? 'grid'
    let due = 0
    let reminded = false
    let marked = false
    const startCycle = (at: number, lvl: Level) => {
      due = addDays(at, category.handle_days, category.working_days)
      reminded = false
      marked = false
      level = lvl
      return due
    }
    /** The sweep's reminder (a day before the limit) and overdue mark, if they come before `next`. */
    const sweepBefore = (next: number) => {
      if (!['accepted', 'assigned', 'in_progress'].includes(state)) return
      if (!reminded && due - DAY < next) {
        add('remind', null, null, Math.max(t, due - DAY) + 60_000)
        reminded = true
      }
      if (!marked && due + 60_000 < next) {
        add('overdue', state, null, due + 60_000)
        marked = true
      }
    }
    const escalateTo = (next: Level, by: Person | null, at: number, note: string) => {
      const unit = next === 'community' ? { id: place.communityId, name: communityName.get(place.communityId)! } : { id: streetId, name: street.name }
      add('escalate', 'accepted', by, at, note, { level: next, handlingOrgId: unit.id, handlingOrgName: unit.name }, { due: startCycle(at, next) })
    }
    /** Nobody acts any more: the sweep marks it overdue and escalates it a day later, up to the street. */
    const abandon = () => {
      for (;;) {
        sweepBefore(Number.POSITIVE_INFINITY)
        if (level === 'street' || t > DEMO_NOW) return
        escalateTo(level === 'grid' ? 'community' : 'street', null, t + 24 * HOUR + 60_000, `超期 24 小时未办结，系统自动上报`)
      }
    }

    if (opts.rejected) {
      add('reject', 'rejected', acceptor, onDuty(random, t + between(random, 0.1, 0.8) * category.accept_hours * HOUR), pick(random, REJECT_REASONS))
      return finish(spec, log, acceptDue)
    }
    if (opts.stuckAt === 'reported') {
      add('overdue', 'reported', null, acceptDue + 60_000)
      escalateTo(level === 'grid' ? 'community' : 'street', null, acceptDue + 24 * HOUR + 2 * 60_000, '超期 24 小时未办结，系统自动上报')
      abandon()
      return finish(spec, log, acceptDue)
    }

    // Acceptance: minutes when staff report it themselves; urgent categories are watched round the clock.
    let acceptAt: number
    if (opts.lateAccept && !byStaff) {
      add('overdue', 'reported', null, acceptDue + 60_000)
      acceptAt = acceptDue + between(random, 1, 20) * HOUR
    } else {
      const delay = byStaff ? between(random, 2, 20) * 60_000 : category.accept_hours * HOUR * between(random, 0.03, 0.7)
      acceptAt = category.accept_hours <= 4 || byStaff ? t + delay : Math.min(acceptDue - 60_000, Math.max(onDuty(random, t + delay), t + 60_000))
    }
    const accepter = spec.channel === 'estate_rating' ? pick(random, communityCadres) : acceptor
    add('accept', 'accepted', accepter, acceptAt, spec.channel === 'estate_rating' ? '已受理，由社区督促物业整改。' : pick(random, ['已受理，马上安排人员处理。', '收到，已受理。', '已受理。']),
      {}, { due: startCycle(acceptAt, level) })

    for (let e = 0; e < opts.escalations; e++) {
      const at = onDuty(random, t + between(random, 2, 30) * HOUR)
      sweepBefore(at)
      escalateTo(level === 'grid' ? 'community' : 'street', level === 'grid' ? team.leader : pick(random, communityCadres), at, level === 'grid'
        ? '涉及物业和多户居民，网格内协调不了，提请社区处理。'
        : '需要多个部门联合处置，提请街道协调。')
    }

    // Dispatch: a grid worker often takes it; the community and the street assign.
    let assignee: Person
    let dispatcher: Person
    if (level === 'grid') {
      assignee = chance(random, 0.75) ? pick(random, team.workers) : team.leader
      dispatcher = team.leader
    } else if (level === 'community') {
      assignee = pick(random, communityCadres)
      dispatcher = pick(random, communityCadres)
    } else {
      assignee = departmentFor(category.code)
      dispatcher = streetAdmin
    }
    const assignAt = onDuty(random, t + between(random, 0.1, 5) * HOUR)
    sweepBefore(assignAt)
    if (level === 'grid' && assignee.id !== dispatcher.id && chance(random, 0.45)) add('take', 'assigned', assignee, assignAt, null, { assigneeId: assignee.id })
    else add('assign', 'assigned', dispatcher, assignAt, `指派给${assignee.name}处理。`, { assigneeId: assignee.id })
    if (opts.stuckAt === 'assigned') {
      abandon()
      return finish(spec, log, acceptDue)
    }

    const work = (late: boolean, result: string): boolean => {
      const startAt = onDuty(random, t + between(random, 0.3, 18) * HOUR)
      sweepBefore(startAt)
      const [lng, lat] = jitter(random, place, 40)
      const distanceM = Math.round(Math.hypot((lng - spec.location[0]) * 97_700, (lat - spec.location[1]) * 111_000))
      add('start', 'in_progress', assignee, startAt, '已到现场查看。', { checkIn: { lng, lat, distanceM } })
      if (opts.stuckAt === 'in_progress') {
        abandon()
        return false
      }
      if (due - t > 2 * DAY && chance(random, 0.4)) {
        const at = onDuty(random, t + (due - t) * between(random, 0.1, 0.4))
        sweepBefore(at)
        add('update', 'in_progress', assignee, at, pick(random, ['已联系维修单位，等待上门。', '已约双方当事人面谈。', '已上报物业，正在协调。']))
      }
      // Late ones are handled within the day after the limit, before the sweep would escalate them.
      const handleAt = late ? due + between(random, 2, 20) * HOUR : Math.max(t + 30 * 60_000, onDuty(random, t + Math.max(due - t, HOUR) * between(random, 0.1, 0.85)))
      sweepBefore(handleAt)
      add('handle', 'handled', assignee, handleAt, result)
      return true
    }
    const resultText = spec.channel === 'estate_rating' ? '物业公司已按整改清单完成楼道清理、消防设施更换和门禁维修，提交整改报告。' : pick(random, RESULTS[top] ?? RESULTS.other!)
    if (!work(opts.lateHandle, resultText) || spec.channel === 'estate_rating') return finish(spec, log, acceptDue)

    const verifier = level === 'grid' ? (assignee.id === team.leader.id ? pick(random, communityCadres) : team.leader) : level === 'community' ? pick(random, communityCadres) : streetAdmin
    const closer = level === 'street' ? streetAdmin : pick(random, communityCadres)
    const verifyAndClose = () => {
      add('verify', 'verified', verifier, onDuty(random, t + between(random, 1, 30) * HOUR), pick(random, ['现场核实，问题已解决。', '已核实，处理到位。']))
      add('close', 'closed', closer, onDuty(random, t + between(random, 0.5, 20) * HOUR), '办结。')
    }
    const reopen = (by: Person, note: string, countsAgainstLimit: boolean) => {
      const at = t + between(random, 1, 30) * 1000
      add('reopen', 'assigned', by, at, note, { assigneeId: assignee.id }, { due: startCycle(at, level), counts: countsAgainstLimit })
      if (work(false, pick(random, ['已返工处理，再次核实问题已解决。', '重新处理完毕，已与居民当面确认。']))) verifyAndClose()
    }
    verifyAndClose()

    // Afterwards: the reporter rates (2 stars or less reopens it), staff revisit before the due date.
    const closedAt = t
    const revisitDue = closedAt + category.revisit_days * DAY
    if (spec.reporter && !byStaff && chance(random, 0.7)) {
      const rating = weighted(random, [[5, 60], [4, 24], [3, 9], [2, 4.5], [1, 2.5]] as const)
      const comment = pick(random, RATING_COMMENTS[rating]!)
      add('rate', 'closed', spec.reporter, t + between(random, 2, 72) * HOUR, comment, { rating })
      if (rating <= 2 && t < revisitDue) {
        reopen(spec.reporter, `反映人不满意（${rating} 星）：${comment}`, true)
        return finish(spec, log, acceptDue)
      }
    }
    if (chance(random, 0.9)) {
      const at = onDuty(random, Math.max(t + HOUR, closedAt + between(random, 0.3, 0.95) * category.revisit_days * DAY))
      const fixed = !chance(random, 0.02)
      const revisitor = level === 'street' ? streetAdmin : pick(random, communityCadres)
      const note = fixed ? pick(random, ['电话回访，居民表示问题已解决。', '上门回访，现场已无问题。']) : '问题反复，又出现了。'
      add('revisit', 'closed', revisitor, at, note, { fixed })
      if (!fixed) reopen(revisitor, `回头看发现问题未解决：${note}`, false)
    } else {
      add('revisit_due', 'closed', null, revisitDue + 60_000)
    }
    finish(spec, log, acceptDue)
  }

  /** The row as the service would have left it after the events that happened before DEMO_NOW. */
  function finish(spec: Spec, log: CaseEvent[], acceptDue: number): void {
    const kept = log.filter((e) => e.at <= DEMO_NOW)
    const category = spec.category
    const r = {
      state: 'reported' as State, level: (spec.level ?? 'grid') as Level, handlingOrgId: spec.handlingOrgId ?? spec.place.gridId,
      assignee: null as string | null, lastHandler: null as string | null, acceptedAt: null as number | null, due: null as number | null,
      overdue: null as number | null, reminded: null as number | null, handledAt: null as number | null, onTime: null as boolean | null,
      closedAt: null as number | null, closedLevel: null as Level | null, revisitDue: null as number | null, revisitedAt: null as number | null,
      revisitFixed: null as boolean | null, rating: null as number | null, ratingComment: null as string | null, reopens: 0, escalations: 0,
      result: null as string | null, rejectReason: null as string | null,
    }
    for (const e of kept) {
      if (e.to) r.state = e.to
      switch (e.action) {
        case 'accept': r.acceptedAt = e.at; r.overdue = null; r.due = e.due!; break
        case 'reject': r.rejectReason = e.note; r.assignee = null; break
        case 'escalate':
          r.level = e.data.level as Level; r.handlingOrgId = e.data.handlingOrgId as string; r.assignee = null; r.escalations++
          r.acceptedAt ??= e.at; r.overdue = null; r.reminded = null; r.due = e.due!; break
        case 'assign': case 'take': r.assignee = e.data.assigneeId as string; break
        case 'handle': r.handledAt = e.at; r.result = e.note; r.lastHandler = e.actor; r.onTime = r.due === null || r.due >= e.at; break
        case 'close': r.closedAt = e.at; r.closedLevel = r.level; r.overdue = null; r.reminded = null; r.revisitDue = e.at + category.revisit_days * DAY; break
        case 'rate': r.rating = e.data.rating as number; r.ratingComment = e.note; break
        case 'revisit': r.revisitedAt = e.at; r.revisitFixed = e.data.fixed as boolean; break
        case 'reopen':
          r.assignee = r.lastHandler; r.reopens += e.counts ? 1 : 0; r.closedAt = null; r.closedLevel = null; r.handledAt = null; r.onTime = null
          r.overdue = null; r.reminded = null; r.revisitDue = null; r.due = e.due!; break
        case 'remind': case 'revisit_due': r.reminded = e.at; break
        case 'overdue': r.overdue = e.at; break
      }
    }
    const t = (x: number | null) => (x === null ? null : iso(x))
    cases.push({
      key: spec.key, org_id: spec.place.gridId, category_code: category.code, description: spec.description,
      lng: spec.location[0], lat: spec.location[1], address: spec.address, state: r.state, level: r.level, handling_org_id: r.handlingOrgId,
      assignee_id: r.assignee, last_handler_id: r.lastHandler, reporter_id: spec.reporter?.id ?? null, anonymous: spec.anonymous,
      channel: spec.channel, contact: spec.contact, visit_id: null, estate_rating_id: null,
      accept_due_at: iso(acceptDue), handle_due_at: t(r.due), overdue_at: t(r.overdue), reminded_at: t(r.reminded), accepted_at: t(r.acceptedAt),
      handled_at: t(r.handledAt), closed_at: t(r.closedAt), closed_level: r.closedLevel, handled_on_time: r.onTime, result: r.result,
      reject_reason: r.rejectReason, escalations: r.escalations, reopens: r.reopens, rating: r.rating, rating_comment: r.ratingComment,
      revisit_due_at: t(r.revisitDue), revisited_at: t(r.revisitedAt), revisit_fixed: r.revisitFixed,
      created_at: iso(spec.created), updated_at: iso(kept[kept.length - 1]!.at),
    })
    events.push(...kept)
  }

  // Reports come in by day, more in daytime, a little more as the year goes on (the app is new).
  const reportTime = (): number => {
    const dayIndex = Math.floor(365 * Math.pow(random(), 0.85))
    const hour = weighted(random, [[7, 3], [8, 6], [9, 9], [10, 9], [11, 7], [12, 4], [13, 4], [14, 6], [15, 7], [16, 7], [17, 6], [18, 5], [19, 6], [20, 6], [21, 4], [22, 2], [23, 1], [0, 0.5], [6, 1.5]] as const)
    return DEMO_YEAR_START + dayIndex * DAY + hour * HOUR + Math.floor(random() * 60) * 60_000 + Math.floor(random() * 60) * 1000
  }
  const specs: Spec[] = []
  for (let k = 0; k < DEMO_CASE_COUNT; k++) {
    const code = weighted(random, CATEGORY_WEIGHTS)
    const category = categories.get(code)!
    const place = pick(random, places)
    const team = gridTeam.get(place.gridId)!
    const channel = weighted(random, [['h5', 55], ['console', 28], ['visit', 4], ['open311', 7], ['api', 6]] as const)
    let reporter: Person | null = null
    let anonymous = false
    let contact: Record<string, string> | null = null
    if (channel === 'console') reporter = pick(random, [team.leader, ...team.workers])
    else if (channel === 'visit') reporter = pick(random, [...cadres.get(place.communityId)!, team.leader])
    else if (channel === 'h5') {
      const neighbours = residentsByGrid.get(place.gridId) ?? []
      if (neighbours.length > 0 && chance(random, 0.8)) {
        reporter = pick(random, neighbours)
        anonymous = chance(random, 0.06)
      } else anonymous = true
    } else if (channel === 'open311') contact = { firstName: pick(random, ['先生', '女士']), lastName: nextName().slice(0, 1) }
    // As the service does: a report without a signed-in person is anonymous.
    if (reporter === null) anonymous = true
    const created = reportTime()
    specs.push({
      key: k, category, created, place, channel, reporter, anonymous, contact,
      description: fill(pick(random, DESCRIPTIONS[code]!), place),
      address: `${communityName.get(place.communityId)}${place.name}`,
      location: jitter(random, place, 30),
    })
  }

  // Estates: quarterly ratings, one of them red in the last quarter (rectification case).
  const estates = communities.flatMap((c) => under(c.key, 'estate').map((e) => ({ org: e, communityId: id(c.key) })))
  const criteria = await rows<{ code: string; max_score: number }>(tx, sql`SELECT code, max_score FROM estate_rating_criteria WHERE active ORDER BY sort`)
  const quarters = [
    { period: '2025-Q4', at: Date.UTC(2026, 0, 8, 2) },
    { period: '2026-Q1', at: Date.UTC(2026, 3, 9, 2) },
    { period: '2026-Q2', at: Date.UTC(2026, 6, 8, 2) },
    { period: '2026-Q3', at: Date.UTC(2026, 9, 13, 2) },
  ]
  const redEstate = Math.floor(random() * estates.length)
  const ratingIds = await rows<{ id: string }>(tx, sql`
    SELECT nextval(pg_get_serial_sequence('estate_ratings', 'id'))::text AS id FROM generate_series(1, ${estates.length * quarters.length})`)
  const ratings = estates.flatMap((estate, e) => {
    const base = between(random, 0.74, 0.97)
    return quarters.map((q, qi) => {
      const red = e === redEstate
      const quality = red ? [0.74, 0.68, 0.63, 0.52][qi]! : Math.min(1, base + between(random, -0.05, 0.05))
      const scores = Object.fromEntries(criteria.map((c) => [c.code, Math.round(Math.min(c.max_score, c.max_score * (quality + between(random, -0.06, 0.06))) * 2) / 2]))
      const total = totalOf(scores)
      const color = colorOf(total)
      return {
        id: ratingIds[e * quarters.length + qi]!.id, estate_id: id(estate.org.key), period: q.period, scores, total, color,
        note: color === 'red' ? '楼道堆物、消防设施缺失、门禁长期损坏，居民投诉集中，评为红色，限期整改。' : color === 'orange' ? '环境卫生和设施维护较差，需加强。' : null,
        rated_by: streetAdmin.id, at: iso(q.at + between(random, 0, 3) * DAY), estate, red: red && qi === quarters.length - 1,
      }
    })
  })
  const redRating = ratings.find((r) => r.red)!
  if (redRating.color !== 'red') throw new Error(`the red estate rated ${redRating.total}`)
  const redGrid = grids.find((g) => {
    const er = rectOf(redRating.estate.org)
    const gr = rectOf(g)
    const x = (er.west + er.east) / 2
    const y = (er.south + er.north) / 2
    return g.parentKey === redRating.estate.org.parentKey && x > gr.west && x < gr.east && y > gr.south && y < gr.north
  }) ?? under(redRating.estate.org.parentKey!, 'grid')[0]!
  const redPlace = (placesByGrid.get(id(redGrid.key)) ?? []).find((p) => p.name.startsWith(redRating.estate.org.name)) ?? placesByGrid.get(id(redGrid.key))![0]!
  const er = rectOf(redRating.estate.org)
  specs.push({
    key: DEMO_CASE_COUNT, category: categories.get('property.rectification')!, created: Date.parse(redRating.at) + 2 * HOUR, place: redPlace,
    channel: 'estate_rating', reporter: streetAdmin, anonymous: false, contact: null,
    description: `${redRating.estate.org.name}${redRating.period.replace('-Q', '年第')}季度五色评定为红色（${redRating.total}分），请督促${redRating.estate.org.propertyFirm ?? '物业公司'}限期整改：楼道堆物、消防设施缺失、门禁损坏。`,
    address: `${communityName.get(redRating.estate.communityId)}${redRating.estate.org.name}`,
    location: [Math.round((er.west + er.east) / 2 * 1e7) / 1e7, Math.round((er.south + er.north) / 2 * 1e7) / 1e7],
    estateRatingKey: 0, level: 'community', handlingOrgId: redRating.estate.communityId,
  })

  for (const spec of specs) {
    if (spec.channel === 'estate_rating') {
      lifecycle(spec, { rejected: false, stuckAt: null, escalations: 0, lateAccept: false, lateHandle: false })
      continue
    }
    const age = (DEMO_NOW - spec.created) / DAY
    lifecycle(spec, {
      rejected: chance(random, 0.025),
      // A few old cases stall; they are the overdue backlog on the dashboard.
      stuckAt: age > 20 && chance(random, 0.02) ? pick(random, ['reported', 'assigned', 'in_progress'] as const) : null,
      escalations: weighted(random, [[0, 90], [1, 8], [2, 2]] as const),
      lateAccept: chance(random, 0.06),
      lateHandle: chance(random, 0.09),
    })
    if (spec.channel === 'visit') visitFound.push({ caseKey: spec.key, place: spec.place, visitor: spec.reporter!, at: spec.created - between(random, 10, 50) * 60_000 })
  }

  // Ids follow the report time, as if they had been created one by one.
  cases.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.key - b.key)
  const caseIds = await rows<{ id: string }>(tx, sql`
    SELECT nextval(pg_get_serial_sequence('cases', 'id'))::text AS id FROM generate_series(1, ${cases.length})`)
  const caseIdOf = new Map(cases.map((c, i) => [c.key, caseIds[i]!.id]))
  for (const c of cases) c.id = caseIdOf.get(c.key)!

  // -------------------------------------------------------------------------
  // Visits: the department schedule's tasks, the visits that found cases, and everyday ones.

  interface VisitRow {
    id?: string; kind: 'night' | 'home'; mode: 'fixed' | 'appointed' | 'active' | 'return'; org_id: string; visitor_id: string
    visitor_org_id: string | null; task_id: string | null; visited_at: string; households: number; people_met: number
    lng: number; lat: number; note: string; caseKey?: number; taskIndex?: number
  }
  const visits: VisitRow[] = []
  const nightAt = (day: number) => localMidnight(day) + between(random, 19, 21.5) * HOUR
  const dayAt = (day: number) => localMidnight(day) + between(random, 9, 17) * HOUR

  const [schedule] = await rows<{ id: string }>(tx, sql`
    INSERT INTO visit_schedules (org_id, name, kind, day_of_month, grace_days, starts_on, created_by, created_at, updated_at)
    VALUES (${streetId}, '每月1日 七个部门联系社区夜访', 'night', 1, 7, DATE '2025-12-01', ${streetAdmin.id}, TIMESTAMPTZ '2025-11-26 09:30+08', TIMESTAMPTZ '2025-11-26 09:30+08')
    RETURNING id::text`)
  // Each department keeps one or two communities of its own all year.
  const targets = communities.map((c, i) => ({ community: c, liaison: liaisons[i % liaisons.length]! }))
  await tx.execute(sql`
    INSERT INTO visit_schedule_targets (schedule_id, visitor_org_id, community_id)
    SELECT ${schedule!.id}, visitor_org_id, community_id FROM json_to_recordset(${JSON.stringify(targets.map((t) => ({ visitor_org_id: t.liaison.department.id, community_id: id(t.community.key) })))}::json)
      AS x(visitor_org_id bigint, community_id bigint)`)
  const tasks: { visitor_org_id: string; community_id: string; due_on: string; deadline: string; created_at: string }[] = []
  for (let month = 0; month < 12; month++) {
    const due = Date.UTC(2025, 11 + month, 1) - CST
    if (due > DEMO_NOW) break
    for (const target of targets) {
      const deadline = due + 7 * DAY
      const communityPlaces = places.filter((p) => p.communityId === id(target.community.key))
      const done = deadline + DAY < DEMO_NOW ? !chance(random, 0.03) : chance(random, 0.7)
      if (done) {
        const late = chance(random, 0.08)
        const when = nightAt(late ? deadline + between(random, 1, 5) * DAY : due + Math.floor(between(random, 0, 7)) * DAY)
        if (when <= DEMO_NOW) {
          const place = pick(random, communityPlaces)
          const households = Math.round(between(random, 8, 30))
          const [lng, lat] = jitter(random, place, 20)
          visits.push({
            kind: 'night', mode: 'fixed', org_id: id(target.community.key), visitor_id: target.liaison.person.id, visitor_org_id: target.liaison.department.id,
            task_id: null, visited_at: iso(when), households, people_met: Math.round(households * between(random, 1.3, 2.5)), lng, lat,
            note: `${target.liaison.department.name}夜访${target.community.name}，走访${households}户，在${place.name}召开院落议事会，收集意见${1 + Math.floor(random() * 6)}条，关注${pick(random, VISIT_TOPICS)}。`,
            taskIndex: tasks.length,
          })
        }
      }
      tasks.push({ visitor_org_id: target.liaison.department.id, community_id: id(target.community.key), due_on: localDate(due), deadline: localDate(deadline), created_at: iso(due - 3 * DAY) })
    }
  }
  for (const found of visitFound) {
    const [lng, lat] = jitter(random, found.place, 15)
    const households = Math.round(between(random, 3, 20))
    visits.push({
      kind: localHour(found.at) >= 18 ? 'night' : 'home', mode: weighted(random, [['active', 3], ['appointed', 1], ['return', 1]] as const),
      org_id: found.place.gridId, visitor_id: found.visitor.id, visitor_org_id: null, task_id: null, visited_at: iso(found.at), households,
      people_met: Math.round(households * between(random, 1.2, 2)), lng, lat,
      note: `走访${found.place.name}一带${households}户，居民反映的问题已现场登记为事件跟进。`, caseKey: found.caseKey,
    })
  }
  const everyday = Math.max(0, 200 - visits.length)
  for (let v = 0; v < everyday; v++) {
    const place = pick(random, places)
    const team = gridTeam.get(place.gridId)!
    const visitor = pick(random, [...cadres.get(place.communityId)!, team.leader, ...team.workers])
    const kind = chance(random, 0.55) ? 'night' : 'home'
    const day = DEMO_YEAR_START + Math.floor(random() * 364) * DAY
    const households = kind === 'night' ? Math.round(between(random, 5, 25)) : 1 + Math.floor(random() * 3)
    const [lng, lat] = jitter(random, place, 15)
    visits.push({
      kind, mode: weighted(random, [['fixed', 2], ['appointed', 3], ['active', 4], ['return', 2]] as const),
      org_id: kind === 'night' ? place.gridId : buildingIdOf.get(`${place.gridId}|${place.name}`)!, visitor_id: visitor.id, visitor_org_id: null, task_id: null,
      visited_at: iso(kind === 'night' ? nightAt(day) : dayAt(day)), households, people_met: Math.round(households * between(random, 1.2, 2.2)), lng, lat,
      note: kind === 'night'
        ? `夜访${place.name}，走访${households}户，听取居民对${pick(random, VISIT_TOPICS)}的意见，现场答复${Math.floor(random() * 4)}件。`
        : `到${place.name}${pick(random, FLOORS)}楼家访${pick(random, ['独居老人', '困难家庭', '残疾人家庭', '新搬来的住户'])}，了解生活情况，提醒注意${pick(random, ['用电安全', '防范电信诈骗', '冬季防火'])}。`,
    })
  }
  visits.sort((a, b) => a.visited_at.localeCompare(b.visited_at))

  const taskIds = await rows<{ id: string }>(tx, sql`
    INSERT INTO visit_tasks (schedule_id, visitor_org_id, community_id, due_on, deadline, created_at)
    SELECT ${schedule!.id}, visitor_org_id, community_id, due_on, deadline, created_at
    FROM json_to_recordset(${JSON.stringify(tasks)}::json) AS x(visitor_org_id bigint, community_id bigint, due_on date, deadline date, created_at timestamptz)
    RETURNING id::text`)
  const visitIds = await rows<{ id: string }>(tx, sql`
    SELECT nextval(pg_get_serial_sequence('visits', 'id'))::text AS id FROM generate_series(1, ${visits.length})`)
  visits.forEach((v, i) => {
    v.id = visitIds[i]!.id
    if (v.taskIndex !== undefined) v.task_id = taskIds[v.taskIndex]!.id
    if (v.caseKey !== undefined) cases.find((c) => c.key === v.caseKey)!.visit_id = v.id
  })
  await tx.execute(sql`
    INSERT INTO visits (id, kind, mode, org_id, visitor_id, visitor_org_id, task_id, visited_at, households, people_met, location, note, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT id, kind, mode, org_id, visitor_id, visitor_org_id, task_id, visited_at, households, people_met,
           ST_SetSRID(ST_MakePoint(lng, lat), 4326), note, visited_at, visited_at
    FROM json_to_recordset(${JSON.stringify(visits)}::json)
      AS x(id bigint, kind text, mode text, org_id bigint, visitor_id bigint, visitor_org_id bigint, task_id bigint, visited_at timestamptz,
           households int, people_met int, lng float8, lat float8, note text)`)
  await tx.execute(sql`
    UPDATE visit_tasks t SET visit_id = v.id, done_at = v.visited_at FROM visits v WHERE v.task_id = t.id`)

  // -------------------------------------------------------------------------
  // Estate ratings, then the cases (the red one points at its rating), then the timelines.

  await tx.execute(sql`
    INSERT INTO estate_ratings (id, estate_id, period, scores, total, color, note, rated_by, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT id, estate_id, period, scores, total, color, note, rated_by, at, at
    FROM json_to_recordset(${JSON.stringify(ratings.map(({ estate: _e, red: _r, ...r }) => r))}::json)
      AS x(id bigint, estate_id bigint, period text, scores jsonb, total numeric, color text, note text, rated_by bigint, at timestamptz)`)
  const redCase = cases.find((c) => c.channel === 'estate_rating')!
  redCase.estate_rating_id = redRating.id

  await tx.execute(sql`
    INSERT INTO cases (id, org_id, org_path, category_code, description, location, address, state, level, handling_org_id, handling_org_path,
                       assignee_id, last_handler_id, reporter_id, anonymous, channel, contact, visit_id, estate_rating_id,
                       accept_due_at, handle_due_at, overdue_at, reminded_at, accepted_at, handled_at, closed_at, closed_level, handled_on_time,
                       result, reject_reason, escalations, reopens, rating, rating_comment, revisit_due_at, revisited_at, revisit_fixed,
                       created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT x.id, x.org_id, g.path, x.category_code, x.description, ST_SetSRID(ST_MakePoint(x.lng, x.lat), 4326), x.address, x.state, x.level,
           x.handling_org_id, h.path, x.assignee_id, x.last_handler_id, x.reporter_id, x.anonymous, x.channel, x.contact, x.visit_id,
           x.estate_rating_id, x.accept_due_at, x.handle_due_at, x.overdue_at, x.reminded_at, x.accepted_at, x.handled_at, x.closed_at, x.closed_level,
           x.handled_on_time, x.result, x.reject_reason, x.escalations, x.reopens, x.rating, x.rating_comment, x.revisit_due_at,
           x.revisited_at, x.revisit_fixed, x.created_at, x.updated_at
    FROM json_to_recordset(${JSON.stringify(cases)}::json) AS x(
      id bigint, org_id bigint, category_code text, description text, lng float8, lat float8, address text, state text, level text,
      handling_org_id bigint, assignee_id bigint, last_handler_id bigint, reporter_id bigint, anonymous boolean, channel text, contact jsonb,
      visit_id bigint, estate_rating_id bigint, accept_due_at timestamptz, handle_due_at timestamptz, overdue_at timestamptz, reminded_at timestamptz,
      accepted_at timestamptz, handled_at timestamptz, closed_at timestamptz, closed_level text, handled_on_time boolean, result text,
      reject_reason text, escalations smallint, reopens smallint, rating smallint, rating_comment text, revisit_due_at timestamptz,
      revisited_at timestamptz, revisit_fixed boolean, created_at timestamptz, updated_at timestamptz)
    JOIN orgs g ON g.id = x.org_id JOIN orgs h ON h.id = x.handling_org_id
    ORDER BY x.id`)
  await tx.execute(sql`UPDATE estate_ratings SET case_id = ${redCase.id} WHERE id = ${redRating.id}`)

  events.sort((a, b) => a.at - b.at || a.caseKey - b.caseKey)
  const eventPayload = events.map((e, seq) => ({
    seq, case_id: caseIdOf.get(e.caseKey), action: e.action, from_state: e.from, to_state: e.to, actor_id: e.actor,
    actor_kind: e.actorKind, note: e.note, data: e.data, at: iso(e.at),
  }))
  await tx.execute(sql`
    INSERT INTO case_events (case_id, action, from_state, to_state, actor_id, actor_kind, note, data, at)
    SELECT case_id, action, from_state, to_state, actor_id, actor_kind, note, data, at
    FROM json_to_recordset(${JSON.stringify(eventPayload)}::json)
      AS x(seq int, case_id bigint, action text, from_state text, to_state text, actor_id bigint, actor_kind text, note text, data jsonb, at timestamptz)
    ORDER BY seq`)

  return { cases: cases.length, events: events.length, visits: visits.length, visitTasks: tasks.length, estateRatings: ratings.length }
}
