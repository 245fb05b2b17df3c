// Funds and projects of the demo street (issue 17): for each community this year ¥50,000 Party
// work funds, ¥200,000 service-the-masses funds (at least 20 % for governance), ¥100 per Party
// member for activities, a co-building contribution from a paired unit where there is one; about
// twenty-four projects in every state with expenses (one community left below the 20 % rule, so
// the console shows it in red), one micro-charity crowdfunding project with pledges by residents
// and units, and two social organisations with their services, incubation stage and a venture
// project each. Dated back from the day the demo is seeded.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'

type Random = () => number
const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!

/** title, governance, budget (yuan), what it bought. */
const BENEFIT: [string, boolean, number, string[]][] = [
  ['老旧小区楼道照明改造', false, 28_000, ['LED 感应灯 120 盏', '线路改造人工']],
  ['小区停车秩序整治与划线', true, 18_000, ['停车位划线', '限位桩 40 个']],
  ['居民议事厅桌椅与音响更新', true, 15_000, ['会议桌椅', '扩音设备']],
  ['长者饭堂助餐补贴', false, 36_000, ['助餐补贴（一季度）', '助餐补贴（二季度）']],
  ['楼栋微网格长履职培训', true, 8_000, ['培训讲师费', '培训资料印制']],
  ['社区矛盾纠纷调解室建设', true, 22_000, ['调解室装修', '录音录像设备']],
  ['垃圾分类督导与积分兑换', true, 12_000, ['督导员补贴', '积分兑换物资']],
  ['四点半课堂场地改造', false, 16_000, ['课桌椅', '图书角书架']],
  ['屋顶防水与外墙修缮', false, 45_000, ['防水材料', '施工费']],
  ['健身器材更新', false, 20_000, ['健身路径器材 8 件']],
  ['物业矛盾协商“红色议事”', true, 6_000, ['协商会议场地布置', '资料印制']],
  ['平安巡逻志愿队装备', true, 9_000, ['反光背心和巡逻灯', '对讲机 6 部']],
  ['无障碍坡道加装', false, 14_000, ['坡道与扶手施工']],
  ['党群服务中心暖心驿站', false, 10_000, ['饮水机和微波炉', '雨伞和急救箱']],
  ['小区公共空间“微更新”', false, 25_000, ['花坛改造', '休闲座椅']],
  ['网格员入户走访手册', true, 3_000, ['走访手册印制 500 册']],
  ['独居老人智能门磁安装', false, 11_000, ['智能门磁 60 套']],
  ['居民公约修订与宣传', true, 4_000, ['公约展板', '宣传册']],
]
const PAYEES = ['南昌市青山湖区某建材商行', '江西某照明工程有限公司', '某办公家具店', '某文印社', '某物业服务有限公司', '某餐饮管理公司']
/** state, how many days ago it was decided, progress. */
const STATES: [string, number][] = [['done', 100], ['done', 100], ['budgeted', 60], ['budgeted', 30], ['decided', 0], ['proposed', 0]]

const SOCIAL_ORGS: { name: string; services: string[]; stage: string; incubated: number; hatched: number | null; project: string; budget: number }[] = [
  { name: '邻里守望志愿服务社', services: ['独居老人探访', '四点半课堂', '邻里调解'], stage: 'hatched', incubated: 420, hatched: 120, project: '红色创投·“银龄守望”独居老人探访', budget: 30_000 },
  { name: '青禾社会工作服务中心', services: ['青少年成长', '心理疏导', '家庭教育讲座'], stage: 'incubating', incubated: 150, hatched: null, project: '红色创投·青少年“假日小课堂”', budget: 20_000 },
]

export async function seedDemoFunds(tx: Executor, opts: { seed: number; now?: Date }): Promise<{ funds: number; projects: number }> {
  const random = createRandom(opts.seed + 71)
  const now = opts.now ?? new Date()
  const year = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()
  const at = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString()
  const date = (d: number) => new Date(now.getTime() + 8 * 3_600_000 - d * 86_400_000).toISOString().slice(0, 10)
  const street = await firstRow<{ id: string }>(tx, sql`SELECT o.id::text FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id
    JOIN orgs o ON o.id = r.org_id WHERE a.username = 'street' AND r.role = 'street_admin' LIMIT 1`)
  if (!street) return { funds: 0, projects: 0 }
  const communities = await rows<{ id: string; cadre: string | null; members: number; resolutions: string[]; residents: string[] }>(tx, sql`SELECT c.id::text,
      (SELECT r.person_id::text FROM role_assignments r WHERE r.org_id = c.id AND r.role = 'community_cadre' ORDER BY r.person_id LIMIT 1) AS cadre,
      (SELECT count(*) FROM party_members pm WHERE pm.community_id = c.id AND pm.deleted_at IS NULL)::int AS members,
      ARRAY(SELECT s.id::text FROM resolutions s WHERE s.org_id = c.id AND s.state <> 'cancelled' ORDER BY s.id) AS resolutions,
      ARRAY(SELECT DISTINCT r.person_id::text FROM role_assignments r JOIN orgs b ON b.id = r.org_id WHERE r.role = 'resident' AND b.path <@ c.path ORDER BY 1 LIMIT 10) AS residents
    FROM orgs c WHERE c.parent_id = ${street.id} AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL ORDER BY c.id`)
  const usable = communities.filter((c) => c.cadre)
  if (!usable.length) return { funds: 0, projects: 0 }
  let funds = 0
  let projects = 0

  const fund = async (orgId: string, source: string, name: string, amount: number, by: string, extra: { unitId?: string; pct?: number } = {}) => {
    funds++
    return (await firstRow<{ id: string }>(tx, sql`INSERT INTO funds (org_id, year, source, name, amount_yuan, unit_id, governance_min_pct, created_by, created_at, updated_at)
      VALUES (${orgId}, ${year}, ${source}, ${name}, ${amount}, ${extra.unitId ?? null}, ${extra.pct ?? null}, ${by}, ${at(300)}, ${at(300)}) RETURNING id::text`))!.id
  }
  const event = (projectId: string, by: string, action: string, from: string | null, to: string, days: number, note: string | null = null) =>
    tx.execute(sql`INSERT INTO fund_project_events (project_id, actor_id, action, from_state, to_state, note, at) VALUES (${projectId}, ${by}, ${action}, ${from}, ${to}, ${note}, ${at(days)})`)

  /** A project walked to `state`, its timeline and its expenses. */
  const project = async (p: { orgId: string; by: string; kind: string; title: string; governance: boolean; proposedBy: string; unitId?: string | null; resolutionId?: string | null; fundId: string | null; budget: number; target?: number; state: string; progress: number; items: string[] }) => {
    projects++
    const started = 40 + Math.floor(random() * 150)
    const decided = p.state !== 'proposed'
    const budgeted = p.state === 'budgeted' || p.state === 'done'
    const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO fund_projects (org_id, year, kind, state, title, summary, governance, proposed_by, unit_id, resolution_id, fund_id, budget_yuan, target_yuan,
        progress, done_note, decided_at, budgeted_at, done_at, created_by, created_at, updated_at)
      VALUES (${p.orgId}, ${year}, ${p.kind}, ${p.state}, ${p.title}, ${`${p.title}，惠及辖区居民。`}, ${p.governance}, ${p.proposedBy}, ${p.unitId ?? null}, ${p.resolutionId ?? null},
        ${budgeted ? p.fundId : null}, ${budgeted ? p.budget : 0}, ${p.target ?? null}, ${p.progress}, ${p.state === 'done' ? '已按计划完成，居民满意。' : null},
        ${decided ? at(started - 5) : null}, ${budgeted ? at(started - 8) : null}, ${p.state === 'done' ? at(10) : null}, ${p.by}, ${at(started)}, ${at(5)}) RETURNING id::text`)
    const id = row!.id
    await event(id, p.by, 'create', null, 'proposed', started)
    if (decided) await event(id, p.by, 'decide', 'proposed', 'decided', started - 5, p.resolutionId ? '居民议事决议通过' : '社区两委会议决定实施')
    if (!budgeted) return id
    await event(id, p.by, 'budget', 'decided', 'budgeted', started - 8)
    const share = p.state === 'done' ? [0.55, 0.4] : [0.35, 0.2]
    for (const [i, item] of p.items.entries()) {
      const amount = Math.round(p.budget * share[i % 2]! * 100) / 100
      await tx.execute(sql`INSERT INTO fund_expenses (project_id, amount_yuan, spent_on, item, payee, recorded_by, created_at)
        VALUES (${id}, ${amount}, ${date(started - 12 - i * 7)}, ${item}, ${pick(random, PAYEES)}, ${p.by}, ${at(started - 12 - i * 7)})`)
      await event(id, p.by, 'expense', 'budgeted', 'budgeted', started - 12 - i * 7, `${item} ${amount} 元`)
    }
    if (p.state === 'done') await event(id, p.by, 'complete', 'budgeted', 'done', 10, '已按计划完成，居民满意。')
    return id
  }

  const services = new Map<string, string>()
  const parties = new Map<string, string>()
  for (const [ci, c] of usable.entries()) {
    parties.set(c.id, await fund(c.id, 'party_work', `${year} 年党建工作经费`, 50_000, c.cadre!))
    services.set(c.id, await fund(c.id, 'service', `${year} 年服务群众专项经费`, 200_000, c.cadre!, { pct: 20 }))
    await fund(c.id, 'member_activity', `${year} 年党员活动经费（每名党员 100 元）`, 100 * Math.max(c.members, 1), c.cadre!)
    if (ci === 0) await fund(c.id, 'special', `${year} 年老旧小区改造专项资金`, 120_000, c.cadre!)
    const [paired] = await rows<{ id: string; name: string }>(tx, sql`SELECT u.id::text, u.name FROM pairing_agreements pa JOIN units u ON u.id = pa.unit_id
      WHERE pa.community_id = ${c.id} AND pa.status = 'active' ORDER BY pa.id LIMIT 1`)
    if (paired) await fund(c.id, 'co_building', `${paired.name}共建支持资金`, 30_000, c.cadre!, { unitId: paired.id })
  }

  // About eighteen benefit projects spread over the communities; the last community spends little on governance (below 20 %).
  for (const [i, [title, governance, budget, items]] of BENEFIT.entries()) {
    const c = usable[i % usable.length]!
    const weak = usable.length > 1 && c === usable[usable.length - 1]
    const [state, progress] = STATES[i % STATES.length]!
    const resolutionId = i % 3 === 0 ? c.resolutions[Math.floor(i / 3) % Math.max(c.resolutions.length, 1)] ?? null : null
    const onParty = !governance && i % 4 === 3
    await project({
      orgId: c.id, by: c.cadre!, kind: 'benefit', title, governance: governance && !weak, proposedBy: resolutionId ? 'residents' : 'community', resolutionId,
      fundId: onParty ? parties.get(c.id)! : services.get(c.id)!, budget: onParty ? Math.min(budget, 15_000) : budget, state, progress, items,
    })
  }

  // Two social organisations (registered as units of the first communities) with a venture project each.
  for (const [i, s] of SOCIAL_ORGS.entries()) {
    const c = usable[i % usable.length]!
    let unit = await firstRow<{ id: string }>(tx, sql`SELECT id::text FROM units WHERE name = ${s.name} AND deleted_at IS NULL`)
    unit ??= await firstRow<{ id: string }>(tx, sql`INSERT INTO units (name, kind, org_id, address, staff_count) VALUES (${s.name}, 'social_organisation', ${c.id}, '社区党群服务中心二楼孵化基地', ${6 + i * 3}) RETURNING id::text`)
    if (c.residents[i]) await tx.execute(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${unit!.id}, ${c.residents[i]}, 'representative') ON CONFLICT DO NOTHING`)
    await tx.execute(sql`INSERT INTO social_orgs (unit_id, services, stage, incubated_on, hatched_on, note)
      VALUES (${unit!.id}, ${`{${s.services.join(",")}}`}::text[], ${s.stage}, ${date(s.incubated)}, ${s.hatched === null ? null : date(s.hatched)}, '社区社会组织孵化基地入驻') ON CONFLICT (unit_id) DO NOTHING`)
    await project({
      orgId: c.id, by: c.cadre!, kind: 'venture', title: s.project, governance: i === 0, proposedBy: 'social_organisation', unitId: unit!.id,
      fundId: services.get(c.id)!, budget: s.budget, state: i === 0 ? 'done' : 'budgeted', progress: i === 0 ? 100 : 45, items: ['活动物资', '志愿者交通餐饮补贴'],
    })
  }

  // One micro-charity crowdfunding: pledges by residents and the paired units, some receipts confirmed.
  const c = usable[0]!
  const crowd = await project({
    orgId: c.id, by: c.cadre!, kind: 'crowdfunding', title: '微公益·“爱心助餐”困难老人午餐众筹', governance: false, proposedBy: 'community', fundId: null, budget: 0,
    target: 20_000, state: 'decided', progress: 0, items: [],
  })
  await tx.execute(sql`UPDATE fund_projects SET state = 'budgeted', budgeted_at = ${at(20)}, progress = 40 WHERE id = ${crowd}`)
  await event(crowd, c.cadre!, 'budget', 'decided', 'budgeted', 20, '以认捐资金实施')
  const units = await rows<{ id: string; person: string | null }>(tx, sql`SELECT u.id::text, (SELECT up.person_id::text FROM unit_people up WHERE up.unit_id = u.id ORDER BY up.person_id LIMIT 1) AS person
    FROM pairing_agreements pa JOIN units u ON u.id = pa.unit_id WHERE pa.community_id = ${c.id} AND pa.status = 'active' ORDER BY pa.id LIMIT 3`)
  const demoResident = await firstRow<{ id: string }>(tx, sql`SELECT person_id::text AS id FROM accounts WHERE username = 'resident'`)
  const pledgers = [...units.filter((u) => u.person).map((u) => ({ person: u.person!, unit: u.id as string | null, amount: 3_000 })),
    ...c.residents.slice(0, 6).map((p, i) => ({ person: p, unit: null, amount: [200, 500, 100, 300, 1_000, 50][i]! })),
    ...(demoResident ? [{ person: demoResident.id, unit: null, amount: 100 }] : [])]
  let received = 0
  for (const [i, g] of pledgers.entries()) {
    const confirmed = i % 3 !== 2
    if (confirmed) received += g.amount
    await tx.execute(sql`INSERT INTO fund_pledges (project_id, state, person_id, unit_id, amount_yuan, anonymous, confirmed_by, confirmed_at, created_at, updated_at)
      VALUES (${crowd}, ${confirmed ? 'received' : 'pledged'}, ${g.person}, ${g.unit}, ${g.amount}, ${i === 4}, ${confirmed ? c.cadre : null}, ${confirmed ? at(15) : null}, ${at(25 - i)}, ${at(15)})`)
    await event(crowd, g.person, 'pledge', 'budgeted', 'budgeted', 25 - i, `认捐 ${g.amount} 元`)
  }
  if (received > 0) {
    const spent = Math.round(received * 0.6)
    await tx.execute(sql`INSERT INTO fund_expenses (project_id, amount_yuan, spent_on, item, payee, recorded_by, created_at) VALUES (${crowd}, ${spent}, ${date(8)}, '困难老人午餐（一个月）', '社区长者饭堂', ${c.cadre}, ${at(8)})`)
    await event(crowd, c.cadre!, 'expense', 'budgeted', 'budgeted', 8, `困难老人午餐（一个月） ${spent} 元`)
  }
  return { funds, projects }
}
