// Party members of the demo street (站前街道): ~700 in-service members employed by the units of
// the units demo (a few of them gig workers: couriers of the logistics firm and the post office),
// living in the street's communities; numbered introduction letters from their units;
// registrations in every state (most accepted); each community's posts and projects with seats
// claimed; yearly targets; consents for the public walls; feedback cards. The demo account
// `member` is one of them, accepted, with posts, a project and a feedback card sent to its unit.
// Deterministic; one INSERT … SELECT FROM json_to_recordset per table.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { createNameGenerator, createRandom } from './geography/city.ts'
import { serviceRecords } from '../modules/volunteers/volunteers.lookups.ts'
import { chinaDate } from '../modules/members/members.lookups.ts'

const YEAR = 2026
const TOTAL = 700
const GIG_UNITS = ['南昌岭口物流有限公司', '中国邮政集团有限公司南昌市湾里分公司']

const POSTS = [
  { title: '楼栋党员中心户', description: '联系所在楼栋 20 户左右居民，收集民情、传达政策', capacity: 14 },
  { title: '垃圾分类督导员', description: '周末早晚在投放点值守，指导居民分类投放', capacity: 12 },
  { title: '文明劝导员', description: '劝导乱停车、乱扔垃圾等不文明行为', capacity: 12 },
  { title: '邻里调解员', description: '参与邻里纠纷调解', capacity: 8 },
  { title: '助老服务员', description: '结对看望独居、空巢老人，每月至少一次', capacity: 12 },
  { title: '平安巡逻员', description: '夜间平安巡逻，每月两次', capacity: 10 },
]
const PROJECTS = [
  { title: '四点半课堂', description: '为双职工家庭的孩子提供课后看护和作业辅导', capacity: 16 },
  { title: '老旧小区加装电梯协调', description: '协助楼栋居民协商加装电梯事宜', capacity: 10 },
  { title: '社区微更新', description: '参与口袋公园、楼道整治等微更新项目', capacity: 14 },
]
const COMMITMENTS = [
  '每月参加一次社区志愿服务，当好楼栋居民的贴心人',
  '带头做好垃圾分类，影响身边的邻居',
  '发挥专业特长，为居民提供义诊咨询',
  '结对帮扶一户困难家庭，直到他们渡过难关',
  '立足岗位做表率，回到社区作贡献',
  '做文明交通的宣传员、践行者',
  '为社区的孩子们上好每一堂四点半课堂',
  '守护一方平安，做群众身边的安全员',
]
const RETURN_REASONS = ['介绍信照片不清晰，请重新拍照上传', '介绍信未加盖单位公章', '居住地址与社区登记不符，请核实后重新提交']

interface Unit { id: string; name: string; partyOrg: string | null; members: number; rep: string | null }

export async function seedDemoMembers(tx: Executor, opts: { seed: number }) {
  const random = createRandom(opts.seed + 21)
  const nextName = createNameGenerator(createRandom(opts.seed + 23))
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)]!

  const [street] = await rows<{ id: string; path: string }>(tx, sql`SELECT s.id::text, s.path::text FROM orgs s
    WHERE s.kind = 'street' AND s.parent_id = (SELECT id FROM orgs WHERE kind = 'district' ORDER BY id LIMIT 1) ORDER BY s.id LIMIT 1`)
  if (!street) return
  const communities = await rows<{ id: string; name: string; cadre: string | null }>(tx, sql`SELECT c.id::text, c.name,
      (SELECT r.person_id::text FROM role_assignments r WHERE r.org_id = c.id AND r.role = 'community_cadre' ORDER BY r.id LIMIT 1) AS cadre
    FROM orgs c WHERE c.parent_id = ${street.id} AND c.kind = 'community' AND c.deleted_at IS NULL ORDER BY c.id`)
  const units = await rows<Unit>(tx, sql`SELECT u.id::text, u.name, u.party_org_name AS "partyOrg", u.party_member_count AS members,
      (SELECT up.person_id::text FROM unit_people up WHERE up.unit_id = u.id ORDER BY up.role, up.person_id LIMIT 1) AS rep
    FROM units u JOIN orgs o ON o.id = u.org_id WHERE o.path <@ ${street.path}::ltree AND u.deleted_at IS NULL ORDER BY u.id`)
  const [account] = await rows<{ person_id: string; community_id: string }>(tx, sql`SELECT a.person_id::text, r.org_id::text AS community_id
    FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id AND r.role = 'member' WHERE a.username = 'member'`)
  if (communities.length === 0 || units.length === 0) return
  const communityIndex = new Map(communities.map((c, i) => [c.id, i]))

  // How many members each unit employs: in proportion to its Party members, ~700 in all.
  const weight = units.reduce((s, u) => s + Math.max(u.members, 1), 0)
  const plan = units.flatMap((u) => Array.from({ length: Math.max(1, Math.round((Math.max(u.members, 1) / weight) * TOTAL)) }, () => u))

  const drawn = await rows<{ person: string; member: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('people', 'id'))::text AS person,
    nextval(pg_get_serial_sequence('party_members', 'id'))::text AS member FROM generate_series(1, ${plan.length})`)
  const people: { id: string; name: string }[] = []
  type M = { id: string; person_id: string; party_org_name: string; kind: string; employer_unit_id: string; community_id: string; joined_on: string; public_walls: string; commitment: string | null; unit: Unit; community: number }
  const members: M[] = plan.map((u, i) => {
    const mine = i === 0 && account !== undefined
    const personId = mine ? account!.person_id : drawn[i]!.person
    if (!mine) people.push({ id: personId, name: nextName() })
    const community = mine ? communityIndex.get(account!.community_id) ?? 0 : Math.floor(random() * communities.length)
    const gig = GIG_UNITS.includes(u.name) && random() < 0.7
    const walls = mine ? ['signature', 'commitment', 'pioneer'] : random() < 0.18 ? ['signature', ...(random() < 0.6 ? ['commitment'] : []), ...(random() < 0.4 ? ['pioneer'] : [])] : []
    const y = 1975 + Math.floor(random() * 48)
    return {
      id: drawn[i]!.member, person_id: personId, kind: gig ? 'gig_worker' : 'in_service', employer_unit_id: u.id,
      party_org_name: u.partyOrg ?? `中共${communities[community]!.name}委员会`, community_id: communities[community]!.id,
      joined_on: `${y}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
      public_walls: `{${walls.join(',')}}`, commitment: walls.includes('commitment') ? pick(COMMITMENTS) : null, unit: u, community,
    }
  })
  await tx.execute(sql`INSERT INTO people (id, name) OVERRIDING SYSTEM VALUE
    SELECT id, name FROM json_to_recordset(${JSON.stringify(people)}::json) AS x(id bigint, name text)`)
  await tx.execute(sql`INSERT INTO party_members (id, person_id, party_org_name, kind, employer_unit_id, community_id, joined_on, public_walls, commitment)
    OVERRIDING SYSTEM VALUE
    SELECT id, person_id, party_org_name, kind, employer_unit_id, community_id, joined_on, public_walls::text[], commitment
    FROM json_to_recordset(${JSON.stringify(members.map(({ unit: _u, community: _c, ...m }) => m))}::json)
      AS x(id bigint, person_id bigint, party_org_name text, kind text, employer_unit_id bigint, community_id bigint, joined_on date, public_walls text, commitment text)`)

  // Registrations: ~75% accepted, some waiting, some returned, the rest not yet registered.
  const status = (i: number): 'accepted' | 'submitted' | 'returned' | null => {
    if (i === 0) return 'accepted'
    const r = random()
    return r < 0.75 ? 'accepted' : r < 0.85 ? 'submitted' : r < 0.9 ? 'returned' : null
  }
  const registered = members.map((m, i) => ({ m, status: status(i) })).filter((x) => x.status !== null && x.m.unit.rep !== null)
  const letterIds = await rows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('introduction_letters', 'id'))::text AS id FROM generate_series(1, ${registered.length})`)
  const serials = new Map<string, number>()
  const letters = registered.map(({ m }, i) => {
    const serial = (serials.get(m.unit.id) ?? 0) + 1
    serials.set(m.unit.id, serial)
    return { id: letterIds[i]!.id, unit_id: m.unit.id, member_id: m.id, community_id: m.community_id, year: YEAR, serial, number: `报到介绍信 ${YEAR}-U${m.unit.id}-${String(serial).padStart(4, '0')}`, issued_by: m.unit.rep }
  })
  await tx.execute(sql`INSERT INTO introduction_letters (id, unit_id, member_id, community_id, year, serial, number, issued_by, created_at) OVERRIDING SYSTEM VALUE
    SELECT id, unit_id, member_id, community_id, year, serial, number, issued_by, TIMESTAMPTZ '2026-02-20 10:00+08' + (serial || ' hours')::interval
    FROM json_to_recordset(${JSON.stringify(letters)}::json)
      AS x(id bigint, unit_id bigint, member_id bigint, community_id bigint, year int, serial int, number text, issued_by bigint)`)
  const regs = registered.map(({ m, status: s }, i) => ({
    kind: 'member', member_id: m.id, unit_id: m.unit.id, community_id: m.community_id, status: s, letter_id: letters[i]!.id,
    return_reason: s === 'returned' ? pick(RETURN_REASONS) : null, submitted_by: m.person_id,
    submitted_at: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00+08:00`,
    reviewed_by: s === 'submitted' ? null : communities[m.community]!.cadre, reviewed_at: s === 'submitted' ? null : `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T16:00:00+08:00`,
  }))
  // 双报到: the larger units also register as a whole at the community they sit closest to.
  const unitRegs = units.filter((u) => u.members >= 20 && u.rep).map((u, i) => ({
    kind: 'unit', member_id: null, unit_id: u.id, community_id: communities[i % communities.length]!.id, status: i % 5 === 4 ? 'submitted' : 'accepted', letter_id: null,
    return_reason: null, submitted_by: u.rep, submitted_at: '2026-02-15T10:00:00+08:00',
    reviewed_by: i % 5 === 4 ? null : communities[i % communities.length]!.cadre, reviewed_at: i % 5 === 4 ? null : '2026-02-16T10:00:00+08:00',
  }))
  await tx.execute(sql`INSERT INTO registrations (kind, member_id, unit_id, community_id, status, letter_id, return_reason, submitted_by, submitted_at, reviewed_by, reviewed_at)
    SELECT kind, member_id, unit_id, community_id, status, letter_id, return_reason, submitted_by, submitted_at, reviewed_by, reviewed_at
    FROM json_to_recordset(${JSON.stringify([...regs, ...unitRegs])}::json)
      AS x(kind text, member_id bigint, unit_id bigint, community_id bigint, status text, letter_id bigint, return_reason text, submitted_by bigint,
           submitted_at timestamptz, reviewed_by bigint, reviewed_at timestamptz)`)

  // Accepted members hold the member role at their community (the demo account has it already),
  // so the volunteers demo that follows can draw volunteers from them.
  const roleHolders = registered.filter((x) => x.status === 'accepted' && x.m.person_id !== account?.person_id).map((x) => ({ person_id: x.m.person_id, org_id: x.m.community_id }))
  await tx.execute(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from)
    SELECT person_id, 'member', org_id, DATE '2026-03-01' FROM json_to_recordset(${JSON.stringify(roleHolders)}::json) AS x(person_id bigint, org_id bigint)`)

  // Posts and projects of every community; accepted members claim seats while there are any.
  const postIds = await rows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('community_posts', 'id'))::text AS id FROM generate_series(1, ${communities.length * (POSTS.length + PROJECTS.length)})`)
  let next = 0
  const posts = communities.flatMap((c) => [...POSTS.map((p) => ({ ...p, kind: 'post' })), ...PROJECTS.map((p) => ({ ...p, kind: 'project' }))].map((p) => ({
    id: postIds[next++]!.id, community_id: c.id, kind: p.kind, title: p.title, description: p.description, capacity: p.capacity, created_by: c.cadre, taken: 0,
  })))
  const claims: { post_id: string; member_id: string; claimed_by: string }[] = []
  const take = (m: M, kind: string, offset: number) => {
    const own = posts.filter((p) => p.community_id === m.community_id && p.kind === kind)
    for (let k = 0; k < own.length; k++) {
      const p = own[(offset + k) % own.length]!
      if (p.taken < p.capacity && !claims.some((c) => c.post_id === p.id && c.member_id === m.id)) {
        p.taken++
        claims.push({ post_id: p.id, member_id: m.id, claimed_by: m.person_id })
        return
      }
    }
  }
  registered.filter((x) => x.status === 'accepted').forEach(({ m }, i) => {
    if (i === 0) {
      take(m, 'post', 0)
      take(m, 'post', 1)
      take(m, 'project', 0)
      return
    }
    if (random() < 0.85) take(m, 'post', Math.floor(random() * POSTS.length))
    if (random() < 0.55) take(m, 'project', Math.floor(random() * PROJECTS.length))
  })
  await tx.execute(sql`INSERT INTO community_posts (id, community_id, kind, title, description, capacity, created_by) OVERRIDING SYSTEM VALUE
    SELECT id, community_id, kind, title, description, capacity, created_by FROM json_to_recordset(${JSON.stringify(posts)}::json)
      AS x(id bigint, community_id bigint, kind text, title text, description text, capacity int, created_by bigint)`)
  await tx.execute(sql`INSERT INTO post_claims (post_id, member_id, year, claimed_by, created_at)
    SELECT post_id, member_id, ${YEAR}, claimed_by, TIMESTAMPTZ '2026-04-01 09:00+08' FROM json_to_recordset(${JSON.stringify(claims)}::json)
      AS x(post_id bigint, member_id bigint, claimed_by bigint)`)

  // Targets: the street's for this year and last; one community asks for more.
  await tx.execute(sql`INSERT INTO member_targets (org_id, year, min_projects, min_hours) VALUES
    (${street.id}, ${YEAR - 1}, 1, 24), (${street.id}, ${YEAR}, 1, 24), (${communities[1 % communities.length]!.id}, ${YEAR}, 2, 30)`)

  // Feedback cards for the first half year: the demo member's sent to its unit; others in every state.
  const accepted = registered.filter((x) => x.status === 'accepted').map((x) => x.m)
  const cardOf = (m: M, i: number) => {
    const s = i === 0 ? 'sent' : i % 3 === 0 ? 'draft' : i % 3 === 1 ? 'reviewed' : 'sent'
    const own = claims.filter((c) => c.member_id === m.id).map((c) => posts.find((p) => p.id === c.post_id)!)
    return {
      member_id: m.id, period: `${YEAR}-H1`, community_id: m.community_id, unit_id: m.unit.id, status: s,
      content: JSON.stringify({
        memberName: i === 0 ? null : people.find((p) => p.id === m.person_id)?.name, partyOrgName: m.party_org_name, unitName: m.unit.name,
        communityName: communities[m.community]!.name, period: `${YEAR}-H1`, from: `${YEAR}-01-01`, to: `${YEAR}-06-30`, hours: 0, activities: [],
        posts: own.map((p) => ({ title: p.title, kind: p.kind })), minHours: 24, minProjects: 1,
      }),
      rating: s === 'draft' ? null : i % 4 === 0 ? 'excellent' : 'good', comment: s === 'draft' ? null : '积极认领岗位，服务群众热情主动。',
      generated_by: communities[m.community]!.cadre, reviewed_by: s === 'draft' ? null : communities[m.community]!.cadre,
      reviewed_at: s === 'draft' ? null : '2026-07-05T10:00:00+08:00', sent_at: s === 'sent' ? '2026-07-06T10:00:00+08:00' : null,
    }
  }
  const cards = accepted.slice(0, 40).map(cardOf).filter((c) => c.generated_by !== null)
  await tx.execute(sql`INSERT INTO feedback_cards (member_id, period, community_id, unit_id, status, content, rating, comment, generated_by, reviewed_by, reviewed_at, sent_at)
    SELECT x.member_id, x.period, x.community_id, x.unit_id, x.status,
      jsonb_set(x.content::jsonb, '{memberName}', to_jsonb(p.name)), x.rating, x.comment, x.generated_by, x.reviewed_by, x.reviewed_at, x.sent_at
    FROM json_to_recordset(${JSON.stringify(cards)}::json)
      AS x(member_id bigint, period text, community_id bigint, unit_id bigint, status text, content text, rating text, comment text,
           generated_by bigint, reviewed_by bigint, reviewed_at timestamptz, sent_at timestamptz)
    JOIN party_members pm ON pm.id = x.member_id JOIN people p ON p.id = pm.person_id`)
}

/**
 * The first half-year's cards hold the hours their members served, counted the way a card made in
 * the console counts them (volunteers' serviceRecords): the cards are seeded before the
 * volunteering they report, so their hours are filled in once it is (issue 13: every demo card
 * said 0 hours beside 优秀 and 良好).
 */
export async function fillDemoCardHours(tx: Executor) {
  const cards = await rows<{ id: string; personId: string; from: string; to: string }>(tx, sql`SELECT c.id::text, pm.person_id::text AS "personId",
      c.content->>'from' AS "from", c.content->>'to' AS "to"
    FROM feedback_cards c JOIN party_members pm ON pm.id = c.member_id WHERE c.period = ${`${YEAR}-H1`}`)
  for (const card of cards) {
    const records = (await serviceRecords(tx, card.personId, YEAR)).filter((r) => {
      const day = chinaDate(new Date(r.startsAt))
      return day >= card.from && day <= card.to
    })
    const hours = Math.round(records.reduce((s, r) => s + r.hours, 0) * 10) / 10
    const activities = records.map((r) => ({ title: r.title, orgName: r.orgName, startsAt: r.startsAt, hours: r.hours }))
    await tx.execute(sql`UPDATE feedback_cards SET content = content || ${JSON.stringify({ hours, activities })}::jsonb WHERE id = ${card.id}`)
  }
}
