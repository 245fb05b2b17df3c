// Errands (红色帮办) of the demo district, after the 湾里 article: a 帮办中心 at the district, a
// 帮办站 at the demo street and 帮办点 at the communities. About 60 errands of residents and of
// the street's firms (demo units, asked by the people who act for them) in every state, with
// checklists, steps (done, open and overdue), hand-offs up a level, timelines and feedback. The
// demo resident has three of their own for the phone. Dated from the seeding day, so overdue
// steps are overdue and open ones still open when the demo is shown. Deterministic (a seeded PRNG).
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'

type Random = () => number
const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!

interface Template { matter: string; title: string; forFirm: boolean; documents: string[]; steps: string[] }

const TEMPLATES: Template[] = [
  { matter: 'business_licence', title: '个体工商户营业执照办理', forFirm: false, documents: ['身份证', '经营场所证明', '门头照片'], steps: ['材料预审', '网上申报', '市场监管所核准', '领取执照'] },
  { matter: 'business_licence', title: '公司经营范围变更登记', forFirm: true, documents: ['营业执照副本', '股东会决议', '章程修正案'], steps: ['材料预审', '一网通办提交', '领取新执照'] },
  { matter: 'permit', title: '食品经营许可证申办', forFirm: true, documents: ['营业执照', '食品安全管理制度', '从业人员健康证', '经营场所平面图'], steps: ['材料预审', '现场核查预约', '许可审批', '领取许可证'] },
  { matter: 'permit', title: '户外招牌设置审批', forFirm: true, documents: ['营业执照', '招牌效果图', '房屋产权证明'], steps: ['城管部门咨询', '提交申请', '审批结果反馈'] },
  { matter: 'subsidy', title: '高龄津贴申领', forFirm: false, documents: ['身份证', '户口簿', '银行卡'], steps: ['核实年龄与户籍', '录入系统', '民政所审核'] },
  { matter: 'subsidy', title: '稳岗补贴申请', forFirm: true, documents: ['营业执照', '社保缴费明细', '银行开户许可'], steps: ['政策匹配', '网上申报', '人社部门审核', '补贴到账确认'] },
  { matter: 'subsidy', title: '创业担保贷款贴息申请', forFirm: true, documents: ['营业执照', '贷款合同', '还款凭证'], steps: ['材料预审', '银行对接', '贴息申报'] },
  { matter: 'social_security', title: '灵活就业人员社保参保', forFirm: false, documents: ['身份证', '银行卡'], steps: ['参保登记', '缴费档次确认'] },
  { matter: 'social_security', title: '医保异地就医备案', forFirm: false, documents: ['身份证', '医保卡', '异地居住证明'], steps: ['线上备案', '备案结果告知'] },
  { matter: 'housing', title: '不动产登记证明代办', forFirm: false, documents: ['身份证', '购房合同', '契税完税证明'], steps: ['材料预审', '预约不动产中心', '领取证书'] },
  { matter: 'housing', title: '公租房资格申请', forFirm: false, documents: ['身份证', '户口簿', '收入证明', '住房情况声明'], steps: ['资格初审', '社区公示', '街道复核'] },
  { matter: 'other', title: '企业开办一件事', forFirm: true, documents: ['法定代表人身份证', '公司章程', '住所证明'], steps: ['名称自主申报', '设立登记', '刻章与发票申领', '社保医保登记'] },
]

const FEEDBACK: Record<number, string[]> = {
  5: ['帮办员全程代跑，一次都没让我多跑', '比自己办快多了，非常感谢', '材料一次讲清楚，服务很贴心'],
  4: ['整体满意，就是等审批时间有点长', '办得挺顺利，希望进度能更早通知'],
  3: ['办成了，但中间补了两次材料'],
}

// state, how many; the rest of the plan (steps, hand-offs, ratings) follows from it.
const PLAN: [string, number][] = [['submitted', 9], ['accepted', 8], ['in_progress', 17], ['done', 20], ['rejected', 3], ['cancelled', 3]]

export interface DemoErrandsResult { errands: number; steps: number; events: number }

export async function seedDemoErrands(tx: Executor, opts: { seed: number; now?: Date }): Promise<DemoErrandsResult> {
  const random = createRandom(opts.seed + 1515)
  const now = (opts.now ?? new Date()).getTime()
  const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString()
  const who = async (username: string) => (await firstRow<{ personId: string; orgId: string }>(tx, sql`SELECT a.person_id::text AS "personId", r.org_id::text AS "orgId"
    FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id WHERE a.username = ${username} ORDER BY r.id LIMIT 1`))
  const [district, street, resident] = [await who('district'), await who('street'), await who('resident')]
  if (!district || !street || !resident) return { errands: 0, steps: 0, events: 0 }

  // The desks and the people working at each (the roles on the node itself).
  const desks = await rows<{ id: string; kind: string; staff: string[] }>(tx, sql`SELECT o.id::text, o.kind,
      ARRAY(SELECT r.person_id::text FROM role_assignments r WHERE r.org_id = o.id
        AND r.role IN ('district_admin','street_admin','community_cadre','grid_leader','grid_worker') ORDER BY r.id) AS staff
    FROM orgs o WHERE o.deleted_at IS NULL AND (o.id IN (${district.orgId}, ${street.orgId}) OR (o.kind IN ('community','village') AND o.parent_id = ${street.orgId}))
    ORDER BY nlevel(o.path), o.id`)
  const centre = desks.find((d) => d.id === district.orgId)!
  const station = desks.find((d) => d.id === street.orgId)!
  const points = desks.filter((d) => d.kind === 'community' || d.kind === 'village').filter((d) => d.staff.length > 0)
  if (points.length === 0) return { errands: 0, steps: 0, events: 0 }
  const residentsOf = new Map<string, string[]>()
  for (const p of points) {
    residentsOf.set(p.id, (await rows<{ id: string }>(tx, sql`SELECT DISTINCT r.person_id::text AS id FROM role_assignments r JOIN orgs b ON b.id = r.org_id
      JOIN orgs c ON c.id = ${p.id} AND b.path <@ c.path WHERE r.role = 'resident' ORDER BY 1 LIMIT 40`)).map((r) => r.id))
  }
  const firms = await rows<{ unitId: string; personId: string; orgId: string }>(tx, sql`SELECT DISTINCT ON (u.id) u.id::text AS "unitId", up.person_id::text AS "personId", u.org_id::text AS "orgId"
    FROM units u JOIN unit_people up ON up.unit_id = u.id JOIN orgs o ON o.id = u.org_id
    WHERE u.deleted_at IS NULL AND (o.id = ${street.orgId} OR o.parent_id = ${street.orgId}) ORDER BY u.id, up.person_id`)

  let errands = 0
  let steps = 0
  let events = 0
  const event = async (errandId: string, actor: string | null, action: string, from: string | null, to: string, hoursAgo: number, note: string | null = null, data: Record<string, unknown> = {}) => {
    events++
    await tx.execute(sql`INSERT INTO errand_events (errand_id, actor_id, action, from_state, to_state, note, data, at)
      VALUES (${errandId}, ${actor}, ${action}, ${from}, ${to}, ${note}, ${JSON.stringify(data)}::jsonb, ${at(hoursAgo)}::timestamptz)`)
  }

  const states = PLAN.flatMap(([state, n]) => Array.from({ length: n }, () => state))
  // The demo resident's own: one in progress with an overdue step, one done to rate, one done and rated.
  const mineAt = new Map([[states.indexOf('in_progress'), 'mine'], [states.indexOf('done'), 'mine'], [states.indexOf('done') + 1, 'mine']])
  for (const [i, state] of states.entries()) {
    const personal = TEMPLATES.filter((x) => !x.forFirm)
    const template = mineAt.has(i) ? personal[i % personal.length]! : pick(random, TEMPLATES)
    const firm = template.forFirm && firms.length > 0 ? pick(random, firms) : null
    // Where it is handled: most at a point, some at the station, a few at the centre (after a hand-off up, or asked there).
    const roll = random()
    const desk = mineAt.has(i) ? points[0]! : roll < 0.14 ? centre : roll < 0.34 ? station : pick(random, points)
    const home = firm ? (points.find((p) => p.id === firm.orgId) ?? points[0]!) : desk.kind === 'community' || desk.kind === 'village' ? desk : pick(random, points)
    const requester = mineAt.has(i) ? resident.personId : firm ? firm.personId : pick(random, residentsOf.get(home.id)?.length ? residentsOf.get(home.id)! : [resident.personId])
    const handedUp = desk !== home && desk.staff.length > 0 && state !== 'submitted' && random() < 0.6
    const first = handedUp ? home : desk
    const staffOf = (d: typeof desk) => (d.staff.length ? d.staff : centre.staff)
    const owner = state === 'submitted' || state === 'cancelled' && random() < 0.5 ? null : pick(random, staffOf(desk))
    const age = 24 * (state === 'done' ? 8 + Math.floor(random() * 40) : 2 + Math.floor(random() * 12)) + Math.floor(random() * 20)
    const byHelper = !mineAt.has(i) && random() < 0.3
    const createdBy = byHelper ? pick(random, staffOf(first)) : requester
    const late = state !== 'submitted' && random() < 0.35
    const checklist = template.documents.map((name, k) => ({ name, required: k < template.documents.length - (template.documents.length > 2 ? 1 : 0), received: state === 'done' || (state !== 'submitted' && random() < 0.7), fileIds: [] }))
    const doneHoursAgo = state === 'done' ? Math.max(1, age - 24 * (1 + Math.floor(random() * 9))) : null
    const rating = state === 'done' && (mineAt.get(i) ? i === states.indexOf('done') + 1 : random() < 0.75) ? (random() < 0.65 ? 5 : random() < 0.8 ? 4 : 3) : null
    const row = (await firstRow<{ id: string }>(tx, sql`INSERT INTO errands (org_id, state, requester_id, unit_id, matter, title, description, checklist, owner_id, due_on,
        created_by, accepted_at, done_at, result, reason, rating, feedback, rated_at, created_at, updated_at)
      VALUES (${desk.id}, ${state}, ${requester}, ${firm?.unitId ?? null}, ${template.matter}, ${template.title},
        ${firm ? '企业委托帮办，请帮忙梳理流程并代为办理' : '不太熟悉流程，希望帮办员指导代办'}, ${JSON.stringify(checklist)}::jsonb, ${owner},
        (${at(-24 * (late ? -1 : 10))}::timestamptz)::date, ${createdBy},
        ${state === 'submitted' || (state === 'cancelled' && !owner) ? null : at(age - 3)}::timestamptz,
        ${doneHoursAgo === null ? null : at(doneHoursAgo)}::timestamptz,
        ${state === 'done' ? '已办结，结果已送达申请人' : null}, ${state === 'rejected' ? '不属于帮办服务范围，已告知办理渠道' : state === 'cancelled' ? '已自行办理' : null},
        ${rating}, ${rating ? pick(random, FEEDBACK[rating]!) : null}, ${rating && doneHoursAgo ? at(doneHoursAgo - 1) : null}::timestamptz,
        ${at(age)}::timestamptz, ${at(doneHoursAgo ?? 1)}::timestamptz) RETURNING id::text`))!
    errands++
    await event(row.id, createdBy, 'create', null, 'submitted', age, byHelper ? '群众到窗口办事，帮办员代为登记' : null, { orgId: first.id, forOther: byHelper })
    if (state === 'submitted') continue
    if (state === 'cancelled' && !owner) {
      await event(row.id, requester, 'cancel', 'submitted', 'cancelled', age - 2, '已自行办理')
      continue
    }
    const accepter = pick(random, staffOf(first))
    await event(row.id, accepter, 'accept', 'submitted', 'accepted', age - 3, '材料已初审', { ownerId: owner })
    if (handedUp) await event(row.id, accepter, 'handoff', 'accepted', 'accepted', age - 5, '涉及上级审批，转交办理', { direction: 'up', from: { id: first.id, name: '' }, to: { id: desk.id, name: '' } })
    if (state === 'rejected') {
      await event(row.id, owner, 'reject', 'accepted', 'rejected', age - 6, '不属于帮办服务范围，已告知办理渠道')
      continue
    }
    // Steps: all done when done; some done, one overdue maybe, the rest ahead when in progress.
    const doneSteps = state === 'done' ? template.steps.length : state === 'in_progress' ? 1 + Math.floor(random() * (template.steps.length - 1)) : 0
    for (const [k, stepTitle] of template.steps.entries()) {
      const isDone = k < doneSteps
      const overdue = !isDone && k === doneSteps && (late || mineAt.has(i))
      const stepOwner = pick(random, staffOf(desk))
      const due = overdue ? at(6 + Math.floor(random() * 48)) : isDone ? at(age - 24 * (k + 1)) : at(-24 * (k + 2 - doneSteps))
      const doneAt = isDone ? at(Math.max(doneHoursAgo ?? 2, age - 20 - 24 * k)) : null
      const step = (await firstRow<{ id: string }>(tx, sql`INSERT INTO errand_steps (errand_id, position, title, owner_id, due_at, done_at, done_by, note, reminded_at)
        VALUES (${row.id}, ${k + 1}, ${stepTitle}, ${stepOwner}, ${due}::timestamptz, ${doneAt}::timestamptz, ${isDone ? stepOwner : null}, ${isDone ? '已完成' : null},
          ${overdue ? at(4) : null}::timestamptz) RETURNING id::text`))!
      steps++
      await event(row.id, owner, 'step_add', 'accepted', 'accepted', age - 6, stepTitle, { stepId: step.id, ownerId: stepOwner, dueAt: due })
      if (k === 0 && state !== 'accepted') await event(row.id, owner, 'start', 'accepted', 'in_progress', age - 7)
      if (isDone) await event(row.id, stepOwner, 'step_done', 'in_progress', 'in_progress', Math.max(doneHoursAgo ?? 2, age - 20 - 24 * k), '已完成', { stepId: step.id, title: stepTitle })
      if (overdue) await event(row.id, null, 'step_overdue', 'in_progress', 'in_progress', 3, stepTitle, { stepId: step.id, internal: true })
    }
    if (state === 'cancelled') await event(row.id, requester, 'cancel', 'in_progress', 'cancelled', Math.max(1, age - 30 - 24 * doneSteps), '已自行办理')
    if (state === 'done') {
      await event(row.id, owner, 'done', 'in_progress', 'done', doneHoursAgo!, '已办结，结果已送达申请人')
      if (rating) await event(row.id, requester, 'rate', 'done', 'done', doneHoursAgo! - 1, null, { rating })
    }
  }
  // The hand-offs name their desks: the new data read first, then written by id as a parameter
  // (on the planned Citus layout an UPDATE may not call to_jsonb(), STABLE, on a column).
  const named = await rows<{ id: string; data: unknown }>(tx, sql`SELECT ev.id::text AS id,
      jsonb_set(jsonb_set(ev.data, '{from,name}', to_jsonb(f.name)), '{to,name}', to_jsonb(t.name)) AS data
    FROM errand_events ev JOIN orgs f ON f.id = (ev.data->'from'->>'id')::bigint JOIN orgs t ON t.id = (ev.data->'to'->>'id')::bigint
    WHERE ev.action = 'handoff'`)
  for (const h of named) await tx.execute(sql`UPDATE errand_events SET data = ${JSON.stringify(h.data)}::jsonb WHERE id = ${h.id}`)
  return { errands, steps, events }
}
