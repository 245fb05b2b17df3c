import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories, type Org, type Person } from '../../../../test/support/factories.ts'

let t: TestApp
let f: Factories
let street: Org
let community: Org
let grid: Org
let cadre: Person
let streetAdmin: Person
let owner: Person
let stranger: Person
before(async () => {
  t = await startTestApp()
  f = factories(t)
  street = await f.newStreet()
  community = await f.newCommunity({ street })
  grid = await f.newGrid(community)
  cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id, name: '王书记' })
  streetAdmin = await f.newPerson({ role: 'street_admin', orgId: street.id, name: '街道李书记' })
  owner = await f.newPerson({ role: 'grid_worker', orgId: grid.id, name: '张网格员' })
  stranger = await f.newPerson({ role: 'community_cadre', orgId: (await f.newCommunity()).id })
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4))
const body = (over: Record<string, unknown> = {}) => ({
  orgId: community.id, kind: 'project', yearFrom: year, title: '每月一题：楼道堆物清理', ownerId: owner.id,
  milestones: [{ title: '摸排楼道堆物', dueOn: `${year}-12-30` }, { title: '集中清理并建立长效机制', dueOn: `${year}-12-31` }], ...over,
})
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM secretary_projects) || '/' || (SELECT count(*) FROM secretary_project_milestones) || '/' ||
  (SELECT count(*) FROM secretary_project_milestones WHERE done_at IS NOT NULL) || '/' || (SELECT count(*) FROM secretary_project_events) || '/' ||
  (SELECT string_agg(state || progress || title, ',' ORDER BY id) FROM secretary_projects) AS n`))[0]!.n

describe('secretary projects and responsibility lists', () => {
  test('a community cadre names a project with milestones; the owner completes them with evidence; the cadre closes it; the timeline tells it all', async () => {
    const made = await cadre.client.post('/api/v1/secretary-projects', body())
    assert.equal(made.statusCode, 201, made.body)
    const p = made.json()
    assert.equal(p.state, 'planned')
    assert.equal(p.progress, 0)
    assert.equal(p.yearTo, year)
    assert.equal(p.owner.name, '张网格员')
    assert.equal(p.milestones.length, 2)
    assert.equal(p.canManage, true)
    const list = await cadre.client.get(`/api/v1/secretary-projects?orgId=${community.id}`)
    assert.equal(list.statusCode, 200, list.body)
    assert.ok(list.json().items.some((x: { id: string }) => x.id === p.id))
    assert.equal(list.json().total >= 1, true)
    // The owner reports: a milestone done with a note, then progress is half.
    const done = await owner.client.post(`/api/v1/secretary-projects/${p.id}/milestones/${p.milestones[0].id}/complete`, { note: '共摸排 12 栋楼，发现堆物 37 处' })
    assert.equal(done.statusCode, 200, done.body)
    assert.equal(done.json().state, 'in_progress')
    assert.equal(done.json().progress, 50)
    assert.equal(done.json().milestones[0].doneBy.name, '张网格员')
    assert.equal(done.json().canManage, false, 'the owner reports but does not edit')
    const again = await owner.client.post(`/api/v1/secretary-projects/${p.id}/milestones/${p.milestones[0].id}/complete`, { note: '重复提交' })
    assert.equal(again.statusCode, 409)
    assert.equal(codeOf(again), 'SECRETARY_PROJECT_MILESTONE_DONE')
    // Not yet closable.
    const early = await cadre.client.post(`/api/v1/secretary-projects/${p.id}/close`, { note: '提前办结' })
    assert.equal(early.statusCode, 409)
    assert.equal(codeOf(early), 'SECRETARY_PROJECT_OPEN_MILESTONES')
    // The street reads and comments (督查) but does not edit.
    const comment = await streetAdmin.client.post(`/api/v1/secretary-projects/${p.id}/comments`, { note: '请补充长效机制的具体措施' })
    assert.equal(comment.statusCode, 200, comment.body)
    assert.equal(comment.json().canManage, false)
    const edit = await streetAdmin.client.patch(`/api/v1/secretary-projects/${p.id}`, { title: '街道改的标题' })
    assert.equal(edit.statusCode, 403)
    await owner.client.post(`/api/v1/secretary-projects/${p.id}/milestones/${p.milestones[1].id}/complete`, { note: '清理完毕，楼道长每周巡查' })
    const closed = await cadre.client.post(`/api/v1/secretary-projects/${p.id}/close`, { note: '堆物清零，纳入楼道长职责' })
    assert.equal(closed.statusCode, 200, closed.body)
    assert.equal(closed.json().state, 'done')
    assert.equal(closed.json().progress, 100)
    assert.deepEqual(closed.json().events.map((e: { action: string }) => e.action), ['created', 'milestone_done', 'comment', 'milestone_done', 'closed'])
    const late = await cadre.client.patch(`/api/v1/secretary-projects/${p.id}`, { title: '办结后改名' })
    assert.equal(late.statusCode, 409)
    assert.equal(codeOf(late), 'SECRETARY_PROJECT_STATE')
    const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'secretary_project' AND entity_id = ${p.id}`)
    assert.equal(audit!.n, 5)
  })

  test('a responsibility list spans three years; a milestone past due turns it overdue and the sweep tells the owner once', async () => {
    const made = await cadre.client.post('/api/v1/secretary-projects', body({ kind: 'duty', title: '社区党建责任清单：红色物业全覆盖', department: '社区党委', milestones: [{ title: '年初部署', dueOn: `${year}-01-10` }] }))
    assert.equal(made.statusCode, 201, made.body)
    const p = made.json()
    assert.equal(p.yearTo, year + 2)
    assert.equal(p.state, 'overdue')
    assert.equal(p.milestones[0].overdue, true)
    const first = await t.app.services.secretaryProjects.sweep(t.database.db, new Date())
    assert.ok(first.overdue >= 1)
    const told = await t.query<{ title: string; link: Record<string, string> }>(sql`SELECT title, link FROM notifications WHERE person_id = ${owner.id} AND kind = 'secretary_project.overdue'`)
    assert.equal(told.length, 1)
    assert.equal(told[0]!.link.secretaryProjectId, p.id)
    await t.app.services.secretaryProjects.sweep(t.database.db, new Date())
    assert.equal((await t.query(sql`SELECT 1 FROM notifications WHERE person_id = ${owner.id} AND kind = 'secretary_project.overdue'`)).length, 1, 'told once')
    // Done late: back in progress.
    const done = await cadre.client.post(`/api/v1/secretary-projects/${p.id}/milestones/${p.milestones[0].id}/complete`, { note: '已补开部署会' })
    assert.equal(done.json().state, 'in_progress')
    const progress = await owner.client.post(`/api/v1/secretary-projects/${p.id}/progress`, { progress: 40, note: '已覆盖 4 个小区' })
    assert.equal(progress.statusCode, 200, progress.body)
    assert.equal(progress.json().progress, 40)
    assert.equal(progress.json().progressManual, true)
    const derived = await owner.client.post(`/api/v1/secretary-projects/${p.id}/progress`, { progress: null })
    assert.equal(derived.json().progress, 100)
  })

  test('bad input is refused with the field named, and writes nothing', async () => {
    const before = await counts()
    const cases: [Record<string, unknown>, number, string][] = [
      [body({ yearTo: year + 1 }), 422, 'yearTo'],
      [body({ kind: 'duty', yearTo: year + 3 }), 422, 'yearTo'],
      [body({ milestones: [{ title: '明年的节点', dueOn: `${year + 1}-02-01` }] }), 422, 'milestones.0.dueOn'],
      [body({ milestones: [{ title: '日期', dueOn: `${year}-02-30` }] }), 400, 'milestones.0.dueOn'],
      [body({ title: 'x' }), 400, 'title'],
      [body({ kind: 'other' }), 400, 'kind'],
      [body({ orgId: grid.id }), 403, ''],
    ]
    for (const [b, status, path] of cases) {
      const res = await cadre.client.post('/api/v1/secretary-projects', b)
      assert.equal(res.statusCode, status, `${JSON.stringify(b).slice(0, 80)} → ${res.body}`)
      if (path) assert.ok(JSON.stringify(res.json().error.details).includes(path), res.body)
    }
    const p = (await cadre.client.post('/api/v1/secretary-projects', body())).json()
    const mid = await counts()
    assert.equal((await cadre.client.post(`/api/v1/secretary-projects/${p.id}/progress`, { progress: 120 })).statusCode, 400)
    assert.equal((await cadre.client.post(`/api/v1/secretary-projects/${p.id}/milestones`, { title: '超出年度', dueOn: `${year + 1}-01-01` })).statusCode, 422)
    assert.equal((await cadre.client.patch(`/api/v1/secretary-projects/${p.id}`, {})).statusCode, 422)
    assert.equal((await cadre.client.post(`/api/v1/secretary-projects/${p.id}/milestones/999999/complete`, { note: '不存在的节点' })).statusCode, 404)
    assert.equal(await counts(), mid)
    assert.notEqual(before, mid)
  })

  test('outside the scope: another community cannot read, list or write; the street lists its communities with below=true', async () => {
    const p = (await cadre.client.post('/api/v1/secretary-projects', body({ title: '共建共治：老旧小区加装电梯' }))).json()
    const before = await counts()
    assert.equal((await stranger.client.get(`/api/v1/secretary-projects/${p.id}`)).statusCode, 404)
    assert.equal((await stranger.client.get(`/api/v1/secretary-projects?orgId=${community.id}`)).statusCode, 404)
    assert.equal((await stranger.client.patch(`/api/v1/secretary-projects/${p.id}`, { title: '别人改的' })).statusCode, 404)
    assert.equal((await stranger.client.post(`/api/v1/secretary-projects/${p.id}/comments`, { note: '越权意见' })).statusCode, 404)
    assert.equal((await stranger.client.post(`/api/v1/secretary-projects/${p.id}/milestones/${p.milestones[0].id}/complete`, { note: '越权完成' })).statusCode, 404)
    assert.equal((await stranger.client.post('/api/v1/secretary-projects', body())).statusCode, 404)
    assert.equal((await cadre.client.post('/api/v1/secretary-projects', body({ orgId: street.id }))).statusCode, 403, 'a community names no street project')
    assert.equal((await owner.client.post(`/api/v1/secretary-projects/${p.id}/close`, { note: '负责人不能办结' })).statusCode, 403)
    assert.equal(await counts(), before)
    const own = (await streetAdmin.client.get(`/api/v1/secretary-projects?orgId=${street.id}`)).json()
    assert.equal(own.items.length, 0)
    const below = (await streetAdmin.client.get(`/api/v1/secretary-projects?orgId=${street.id}&below=true&kind=project`)).json()
    assert.ok(below.items.some((x: { id: string }) => x.id === p.id))
    assert.ok(below.items.every((x: { kind: string }) => x.kind === 'project'))
    // A street names its own.
    const streetOwn = await streetAdmin.client.post('/api/v1/secretary-projects', body({ orgId: street.id, ownerId: streetAdmin.id, title: '街道书记项目：党建联盟' }))
    assert.equal(streetOwn.statusCode, 201, streetOwn.body)
  })

  test('a hotspot is raised as a secretary’s project with its cases as the source; records elsewhere are refused', async () => {
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await f.newCase(grid, { categoryCode: 'facility.road' })).id)
    const res = await cadre.client.post('/api/v1/hotspots/projects', { orgId: community.id, category: 'case:facility.road', caseIds: ids })
    assert.equal(res.statusCode, 201, res.body)
    const p = res.json()
    assert.equal(p.kind, 'project')
    assert.equal(p.owner.id, cadre.id)
    assert.equal(p.source.kind, 'hotspot')
    assert.equal(p.source.category, 'case:facility.road')
    assert.equal(p.source.categoryName, '道路破损', 'the category by the name the hotspot list shows')
    assert.equal(p.source.street.id, street.id)
    assert.deepEqual([...p.source.caseIds].sort(), [...ids].sort())
    assert.match(p.title, /^每月一题：/)
    assert.match(p.description, /共 3 件/)
    const otherGrid = await f.newGrid(await f.newCommunity())
    const far = await f.newCase(otherGrid, { categoryCode: 'facility.road' })
    const before = await counts()
    const refused = await cadre.client.post('/api/v1/hotspots/projects', { orgId: community.id, category: 'case:facility.road', caseIds: [far.id] })
    assert.equal(refused.statusCode, 404, refused.body)
    const wrong = await cadre.client.post('/api/v1/hotspots/projects', { orgId: community.id, category: 'case:facility.drain', caseIds: ids })
    assert.equal(wrong.statusCode, 422, wrong.body)
    assert.equal(await counts(), before)
  })

  test('the indicators are in the dictionary and count the community’s milestones on time as a ratio of sums', async () => {
    const dict = await cadre.client.get('/api/v1/indicators')
    assert.equal(dict.statusCode, 200, dict.body)
    const codes = JSON.stringify(dict.json())
    for (const c of ['secretary_projects.in_progress', 'secretary_projects.done', 'secretary_projects.milestones_due', 'secretary_projects.milestones_on_time']) assert.ok(codes.includes(c), c)
  })
})
