// Secretaries' projects demo (书记抓党建项目, 责任清单): the demo community's secretary's projects
// for the year (one raised from the overflowing-bins hotspot as 每月一题, one under way with an
// overdue milestone, one closed), one project in each other community of the demo street, the
// street's own project and its three-year responsibility list with departments, and a district
// project; the street's 督查 comment on a community project. Deterministic: the demo clock.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { DAY, DEMO_NOW } from './cases.model.ts'
import { chinaDay, progressOf, stateOf } from '../modules/secretary_projects/secretary_projects.workflow.ts'

interface Item {
  orgId: string; kind: 'project' | 'duty'; title: string; description: string; ownerId: string; department?: string
  milestones: { title: string; due: number; done?: number; note?: string }[]
  source?: { category: string; caseIds: string[]; streetId: string | null }
  closeNote?: string; comment?: { by: string; note: string }
}

const YEAR = Number(chinaDay(new Date(DEMO_NOW)).slice(0, 4))
const day = (offset: number) => chinaDay(new Date(DEMO_NOW + offset * DAY))
const at = (offset: number) => new Date(DEMO_NOW + offset * DAY).toISOString()
const inYear = (month: number, d: number) => Math.round((Date.UTC(YEAR, month - 1, d) - DEMO_NOW) / DAY)

async function personOf(tx: Executor, username: string) {
  const [r] = await rows<{ personId: string; orgId: string }>(tx, sql`SELECT a.person_id::text AS "personId", r.org_id::text AS "orgId"
    FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id WHERE a.username = ${username} ORDER BY r.id LIMIT 1`)
  return r ?? null
}

async function insertItem(tx: Executor, it: Item, createdBy: string) {
  const today = chinaDay(new Date(DEMO_NOW))
  const ms = it.milestones.map((m) => ({ ...m, dueOn: day(m.due), isDone: m.done !== undefined }))
  const closed = it.closeNote !== undefined
  const w = { closed, progress: 0, progressManual: false, milestones: ms.map((m) => ({ dueOn: m.dueOn, done: m.isDone })) }
  const yearTo = it.kind === 'duty' ? YEAR + 2 : YEAR
  const created = at(Math.min(-20, ...it.milestones.map((m) => m.due - 30)))
  const closedAt = closed ? at(Math.max(...it.milestones.map((m) => m.done ?? -1)) + 1) : null
  const [p] = await rows<{ id: string }>(tx, sql`INSERT INTO secretary_projects (org_id, kind, state, year_from, year_to, title, description, owner_id, department, progress,
      source_kind, source_category, source_street_id, source_case_ids, created_by, closed_at, closed_by, close_note, created_at, updated_at)
    VALUES (${it.orgId}, ${it.kind}, ${stateOf(w, today)}, ${YEAR}, ${yearTo}, ${it.title}, ${it.description}, ${it.ownerId}, ${it.department ?? null}, ${progressOf(w)},
      ${it.source ? 'hotspot' : null}, ${it.source?.category ?? null}, ${it.source?.streetId ?? null}, string_to_array(${(it.source?.caseIds ?? []).join(',')}, ',')::bigint[],
      ${createdBy}, ${closedAt}::timestamptz, ${closed ? createdBy : null}, ${it.closeNote ?? null}, ${created}::timestamptz, ${closedAt ?? at(0)}::timestamptz)
    RETURNING id::text`)
  const id = p!.id
  await tx.execute(sql`INSERT INTO secretary_project_events (project_id, actor_id, action, to_state, data, at) VALUES (${id}, ${createdBy}, 'created', 'planned', ${JSON.stringify({ milestones: ms.length, source: it.source ? 'hotspot' : null })}::jsonb, ${created}::timestamptz)`)
  for (const m of ms) {
    await tx.execute(sql`INSERT INTO secretary_project_milestones (project_id, title, due_on, done_at, done_by, evidence_note, created_at)
      VALUES (${id}, ${m.title}, ${m.dueOn}::date, ${m.done !== undefined ? at(m.done) : null}::timestamptz, ${m.done !== undefined ? it.ownerId : null}, ${m.note ?? null}, ${created}::timestamptz)`)
    if (m.done !== undefined) await tx.execute(sql`INSERT INTO secretary_project_events (project_id, actor_id, action, to_state, note, data, at)
      VALUES (${id}, ${it.ownerId}, 'milestone_done', 'in_progress', ${m.note ?? null}, ${JSON.stringify({ title: m.title })}::jsonb, ${at(m.done)}::timestamptz)`)
  }
  if (it.comment) await tx.execute(sql`INSERT INTO secretary_project_events (project_id, actor_id, action, note, at) VALUES (${id}, ${it.comment.by}, 'comment', ${it.comment.note}, ${at(-3)}::timestamptz)`)
  if (closed) await tx.execute(sql`INSERT INTO secretary_project_events (project_id, actor_id, action, from_state, to_state, note, at) VALUES (${id}, ${createdBy}, 'closed', 'in_progress', 'done', ${it.closeNote!}, ${closedAt}::timestamptz)`)
  return id
}

export async function seedDemoSecretaryProjects(tx: Executor, _opts: { seed: number }): Promise<{ items: number }> {
  const cadre = await personOf(tx, 'cadre')
  const street = await personOf(tx, 'street')
  const district = await personOf(tx, 'district')
  if (!cadre || !street) return { items: 0 }
  const garbage = await rows<{ id: string }>(tx, sql`SELECT c.id::text FROM cases c JOIN orgs o ON o.id = ${cadre.orgId}
    WHERE c.category_code = 'environment.garbage' AND c.org_path <@ o.path AND c.created_at > ${at(-56)}::timestamptz ORDER BY c.id DESC LIMIT 7`)
  const items: Item[] = [
    { orgId: cadre.orgId, kind: 'project', title: '每月一题：垃圾桶满溢问题治理', ownerId: cadre.personId,
      description: '由热点问题转为书记抓党建项目（每月一题）：“生活垃圾”类问题在居民楼周边反复出现。社区党委牵头，联合物业和环卫所增加清运频次、建立楼栋长巡查机制。',
      source: garbage.length ? { category: 'case:environment.garbage', caseIds: garbage.map((g) => g.id), streetId: street.orgId } : undefined,
      milestones: [
        { title: '摸排垃圾收集点和清运时间', due: -10, done: -12, note: '共摸排收集点 9 处，其中 3 处清运不及时' },
        { title: '协调环卫所增加早晚两次清运', due: 5 },
        { title: '楼栋长每日巡查并在群内反馈', due: 30 },
      ],
      comment: { by: street.personId, note: '请在月底前把清运频次调整情况报街道城管科。' } },
    { orgId: cadre.orgId, kind: 'project', title: '红色物业：党建引领小区物业服务提升', ownerId: cadre.personId,
      description: '推动辖区物业企业成立党支部，物业项目经理进社区“两委”兼职，每季度开展物业服务满意度测评。',
      milestones: [
        { title: '物业企业党支部组建', due: inYear(3, 31), done: inYear(3, 28), note: '两家物业企业成立党支部，党员 11 名' },
        { title: '物业项目经理兼任社区“两委”委员', due: inYear(6, 30), done: inYear(7, 10), note: '已完成兼职备案' },
        { title: '第三季度满意度测评', due: inYear(10, 15) },
        { title: '年度述职评议', due: inYear(12, 20) },
      ] },
    { orgId: cadre.orgId, kind: 'project', title: '在职党员“双报到”服务全覆盖', ownerId: cadre.personId,
      description: '在职党员到社区报到，认领服务岗位，年内人均服务不少于 24 小时。',
      milestones: [
        { title: '党员报到登记', due: inYear(3, 15), done: inYear(3, 10), note: '报到党员 126 名' },
        { title: '岗位认领', due: inYear(5, 31), done: inYear(5, 20), note: '认领岗位 84 个' },
      ],
      closeNote: '报到党员全部认领岗位，纳入年度考核。' },
    { orgId: street.orgId, kind: 'project', title: '街道“大党委”共建联盟扩面', ownerId: street.personId,
      description: '吸纳辖区机关、国企和两新组织加入街道大党委，签订共建协议，列出资源、需求、项目三张清单。',
      milestones: [
        { title: '新增共建单位签约', due: inYear(6, 30), done: inYear(6, 25), note: '新签约单位 12 家' },
        { title: '共建项目对接会', due: inYear(11, 30) },
        { title: '年度共建成效评估', due: inYear(12, 25) },
      ] },
    ...[
      { title: '社区党建责任清单：网格党支部建设', department: '街道党建办', note: '网格党支部覆盖率 100%' },
      { title: '社区党建责任清单：老旧小区改造中的党员议事', department: '街道城建科', note: '' },
      { title: '社区党建责任清单：两新组织党建覆盖', department: '街道两新工委', note: '' },
    ].map((d, i): Item => ({
      orgId: street.orgId, kind: 'duty', title: d.title, ownerId: street.personId, department: d.department,
      description: `${YEAR}—${YEAR + 2} 年街道党工委压实的责任事项，由${d.department}牵头，每年底向区委组织部报告进展。`,
      milestones: [
        { title: `${YEAR} 年度目标`, due: inYear(12, 31), ...(i === 0 ? { done: -5, note: d.note } : {}) },
        { title: `${YEAR + 1} 年度目标`, due: inYear(12, 31) + 365 },
        { title: `${YEAR + 2} 年度目标与总结`, due: inYear(12, 31) + 730 },
      ],
    })),
  ]
  if (district) items.push({ orgId: district.orgId, kind: 'project', title: '“七一工作法”四级联动示范点建设', ownerId: district.personId,
    description: '区委书记领办：选取两个街道建设市、区、街道、社区四级联动示范点。',
    milestones: [{ title: '示范点选定', due: inYear(4, 30), done: inYear(4, 20), note: '选定两个街道' }, { title: '示范点验收', due: inYear(12, 15) }] })
  const others = await rows<{ id: string; ownerId: string | null }>(tx, sql`SELECT c.id::text, (SELECT r.person_id::text FROM role_assignments r WHERE r.org_id = c.id AND r.role = 'community_cadre' ORDER BY r.id LIMIT 1) AS "ownerId"
    FROM orgs c WHERE c.parent_id = ${street.orgId} AND c.kind = 'community' AND c.id <> ${cadre.orgId} AND c.deleted_at IS NULL ORDER BY c.id LIMIT 4`)
  const topics = ['楼道堆物清理', '电动车充电棚建设', '独居老人关爱', '停车秩序整治']
  others.forEach((o, i) => items.push({ orgId: o.id, kind: 'project', title: `每月一题：${topics[i % topics.length]}`, ownerId: o.ownerId ?? cadre.personId,
    description: '社区党组织书记领办，按月推进。',
    milestones: [{ title: '问题摸排', due: -40 + i * 5, done: -42 + i * 5, note: '已完成摸排' }, { title: '集中整治', due: 10 + i * 7 }] }))
  for (const it of items) await insertItem(tx, it, it.ownerId)
  return { items: items.length }
}
