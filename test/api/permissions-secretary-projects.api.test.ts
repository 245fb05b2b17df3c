// The permission matrix of secretaries' projects and responsibility lists (issue 18): for every demo
// role, a request naming a project, node, person, unit, case, order, topic or photo outside the
// role's scope is refused (403/404, or 422 where a field is checked after its record loads) and
// writes nothing; inside the scope only the node's own cadres write its items, the levels above
// read and comment (督查), and lists show only what their reader may read.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { factories, type Factories, type Org } from '../support/factories.ts'
import { caseAt, itemOf, ordersAt } from '../support/hotspots.ts'
import { topicBody } from '../support/deliberation.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
/** Over the demo community: cadres and the levels above read and comment; only the community's own cadre writes. */
const reads: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
let f: Factories
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'person' | 'unit' | 'case' | 'order' | 'item' | 'topic' | 'photo' | 'project' | 'milestone', string>
let demoProject: string
let demoMilestone: string
const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4))

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM secretary_projects) || '/' || (SELECT count(*) FROM secretary_project_milestones) || '/' ||
  (SELECT count(*) FROM secretary_project_milestones WHERE done_at IS NOT NULL) || '/' || (SELECT count(*) FROM secretary_project_events) || '/' ||
  (SELECT coalesce(string_agg(state || progress || title || owner_id || coalesce(unit_id, 0), ',' ORDER BY id), '') FROM secretary_projects) AS n`))[0]!.n
const body = (orgId: string, over: Record<string, unknown> = {}) => ({
  orgId, kind: 'project', yearFrom: year, title: '矩阵书记项目', ownerId: t.fixtures.personIds.cadre, milestones: [{ title: '矩阵节点', dueOn: `${year}-12-31` }], ...over,
})

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  f = factories(t)
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null, geometry: ReturnType<typeof sql> | null = null) =>
    one(sql`INSERT INTO orgs (kind, name, parent_id, geometry) VALUES (${kind}, ${name}, ${parent}, ${geometry}) RETURNING id::text`)
  const box = { west: 100, south: 30, east: 100.04, north: 30.04 }
  const root = await org('city', '矩阵外的城市', null)
  const street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', street, sql`ST_MakeEnvelope(100, 30, 100.04, 30.04, 4326)`)
  const gridId = await org('grid', '矩阵外的网格', far.community, sql`ST_MakeEnvelope(100.001, 30.001, 100.009, 30.009, 4326)`)
  const buildingId = await org('building', '矩阵外的楼', gridId, sql`ST_SetSRID(ST_MakePoint(100.005, 30.005), 4326)`)
  const grid: Org = { id: gridId, kind: 'grid', name: '矩阵外的网格', path: '', parentId: far.community, box: { west: 100.001, south: 30.001, east: 100.009, north: 30.009 } }
  const building: Org = { id: buildingId, kind: 'building', name: '矩阵外的楼', path: '', parentId: gridId, box }
  const community: Org = { id: far.community, kind: 'community', name: '矩阵外的社区', path: '', parentId: street, box }
  const resident = await f.newPerson({ role: 'resident', orgId: buildingId })
  const farCadre = await f.newPerson({ role: 'community_cadre', orgId: far.community })
  far.person = resident.id
  far.case = await caseAt(f, resident, grid, 'facility.road')
  const item = await itemOf(farCadre, community)
  far.item = item.id
  far.order = (await ordersAt(t, item, building, community, resident, 1))[0]!
  far.unit = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的单位', 'merchant', ${street}) RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${far.person}) RETURNING id::text`)
  const topic = await farCadre.client.post('/api/v1/topics', topicBody(far.community))
  assert.equal(topic.statusCode, 201, topic.body)
  far.topic = topic.json().id
  const farProject = await farCadre.client.post('/api/v1/secretary-projects', body(far.community, { ownerId: farCadre.id }))
  assert.equal(farProject.statusCode, 201, farProject.body)
  far.project = farProject.json().id
  far.milestone = farProject.json().milestones[0].id
  const made = await as.cadre.post('/api/v1/secretary-projects', body(t.fixtures.communityId, { milestones: ROLES.map((r) => ({ title: `矩阵节点${r}`, dueOn: `${year}-12-31` })) }))
  assert.equal(made.statusCode, 201, made.body)
  demoProject = made.json().id
  demoMilestone = made.json().milestones[0].id
})
after(() => t.close())

test('secretary projects: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const own = t.fixtures.communityId
    const rows = [
      refused('secretary-projects.list.orgId', () => c.get(`/api/v1/secretary-projects?orgId=${far.community}`), [403, 404]),
      refused('secretary-projects.read', () => c.get(`/api/v1/secretary-projects/${far.project}`), [404]),
      refused('secretary-projects.create', () => c.post('/api/v1/secretary-projects', body(far.community)), [403, 404]),
      refused('secretary-projects.create.ownerId', () => c.post('/api/v1/secretary-projects', body(own, { ownerId: far.person })), [403, 404]),
      refused('secretary-projects.create.unitId', () => c.post('/api/v1/secretary-projects', body(own, { unitId: far.unit })), [403, 404]),
      refused('secretary-projects.create.source.caseIds', () => c.post('/api/v1/secretary-projects', body(own, { source: { kind: 'hotspot', category: 'case:facility.road', caseIds: [far.case] } })), [403, 404]),
      refused('secretary-projects.create.source.orderIds', () => c.post('/api/v1/secretary-projects', body(own, { source: { kind: 'hotspot', category: `order:${far.item}`, orderIds: [far.order] } })), [403, 404]),
      refused('secretary-projects.create.source.caseId', () => c.post('/api/v1/secretary-projects', body(own, { source: { kind: 'case', caseId: far.case } })), [403, 404]),
      refused('secretary-projects.create.source.topicId', () => c.post('/api/v1/secretary-projects', body(own, { source: { kind: 'topic', topicId: far.topic } })), [403, 404]),
      refused('secretary-projects.update', () => c.patch(`/api/v1/secretary-projects/${far.project}`, { title: '矩阵外改名' }), [403, 404]),
      refused('secretary-projects.update.ownerId', () => c.patch(`/api/v1/secretary-projects/${demoProject}`, { ownerId: far.person }), [403, 404]),
      refused('secretary-projects.update.unitId', () => c.patch(`/api/v1/secretary-projects/${demoProject}`, { unitId: far.unit }), [403, 404]),
      refused('secretary-projects.milestones.add', () => c.post(`/api/v1/secretary-projects/${far.project}/milestones`, { title: '矩阵外节点', dueOn: `${year}-12-31` }), [403, 404]),
      refused('secretary-projects.milestones.complete', () => c.post(`/api/v1/secretary-projects/${far.project}/milestones/${far.milestone}/complete`, { note: '矩阵外完成' }), [403, 404]),
      refused('secretary-projects.milestones.complete.foreign', () => c.post(`/api/v1/secretary-projects/${demoProject}/milestones/${far.milestone}/complete`, { note: '别的项目的节点' }), [403, 404]),
      refused('secretary-projects.milestones.complete.photoIds', () => c.post(`/api/v1/secretary-projects/${demoProject}/milestones/${demoMilestone}/complete`, { note: '矩阵照片', photoIds: [far.photo] }), [403, 404]),
      refused('secretary-projects.progress', () => c.post(`/api/v1/secretary-projects/${far.project}/progress`, { progress: 50 }), [403, 404]),
      refused('secretary-projects.comment', () => c.post(`/api/v1/secretary-projects/${far.project}/comments`, { note: '矩阵外意见' }), [403, 404]),
      refused('secretary-projects.close', () => c.post(`/api/v1/secretary-projects/${far.project}/close`, { note: '矩阵外办结' }), [403, 404, 409]),
      refused('hotspots.projects.orgId', () => c.post('/api/v1/hotspots/projects', { orgId: far.community, category: 'case:facility.road', caseIds: [far.case] }), [403, 404]),
      refused('hotspots.projects.caseIds', () => c.post('/api/v1/hotspots/projects', { orgId: own, category: 'case:facility.road', caseIds: [far.case] }), [403, 404]),
      refused('hotspots.projects.orderIds', () => c.post('/api/v1/hotspots/projects', { orgId: own, category: `order:${far.item}`, orderIds: [far.order] }), [403, 404]),
      refused('hotspots.projects.ownerId', () => c.post('/api/v1/hotspots/projects', { orgId: own, category: 'case:facility.road', caseIds: [far.case], ownerId: far.person }), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.match(res.body, /"error":\{"code":"[A-Z_]+","message":"[^"]*[\u4e00-\u9fff]/, `${family} as ${r}: one error shape, Chinese first`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // The demo community's item: its own cadre edits; the levels above read and comment but do not edit.
    const read = await c.get(`/api/v1/secretary-projects/${demoProject}`)
    assert.equal(read.statusCode, reads[r] ? 200 : 404, `read (own) as ${r}`)
    const edit = await c.patch(`/api/v1/secretary-projects/${demoProject}`, { description: `矩阵说明${r}` })
    assert.equal(edit.statusCode, r === 'cadre' ? 200 : reads[r] ? 403 : 404, `update (own) as ${r}: ${edit.body.slice(0, 200)}`)
    const comment = await c.post(`/api/v1/secretary-projects/${demoProject}/comments`, { note: `矩阵督查${r}` })
    assert.equal(comment.statusCode, reads[r] ? 200 : 404, `comment (own) as ${r}`)
    const created = await c.post('/api/v1/secretary-projects', body(t.fixtures.communityId))
    assert.equal(created.statusCode === 201, r === 'cadre', `create (own) as ${r}: ${created.statusCode}`)
    const list = await c.get(`/api/v1/secretary-projects?orgId=${t.fixtures.communityId}`)
    assert.equal(list.statusCode === 200, reads[r], `list (own) as ${r}: ${list.statusCode}`)
  }
  assert.equal((await t.anonymous.get('/api/v1/secretary-projects')).statusCode, 401)
  assert.equal((await t.anonymous.post('/api/v1/secretary-projects', body(t.fixtures.communityId))).statusCode, 401)
  assert.equal((await t.anonymous.get(`/api/v1/secretary-projects/${demoProject}`)).statusCode, 401)
})

test('derived view: a list below a node shows only items its reader may read one by one', async () => {
  for (const r of ROLES.filter((x) => reads[x])) {
    const items = (await as[r].get('/api/v1/secretary-projects?below=true&limit=200')).json().items as { id: string; org: { id: string } }[]
    assert.ok(!items.some((p) => p.id === far.project), `${r} sees the far project`)
    for (const p of items) assert.equal((await as[r].get(`/api/v1/secretary-projects/${p.id}`)).statusCode, 200, `${r} lists ${p.id} but cannot read it`)
  }
  for (const r of ROLES.filter((x) => !reads[x])) assert.ok([403, 404].includes((await as[r].get('/api/v1/secretary-projects?below=true')).statusCode), r)
})

test('derived view: /me/secretary-projects lists only the items the caller answers for, each readable by them', async () => {
  for (const r of ROLES) {
    const res = await as[r].get('/api/v1/me/secretary-projects')
    assert.equal(res.statusCode, 200, `${r}: ${res.body.slice(0, 200)}`)
    const items = res.json().items as { id: string; owner: { id: string } }[]
    assert.ok(!items.some((p) => p.id === far.project), `${r} sees the far project`)
    for (const p of items) {
      assert.equal(p.owner.id, t.fixtures.personIds[r], `${r} lists another's item`)
      assert.equal((await as[r].get(`/api/v1/secretary-projects/${p.id}`)).statusCode, 200, `${r} lists ${p.id} but cannot read it`)
    }
  }
  assert.ok((await as.cadre.get('/api/v1/me/secretary-projects')).json().items.some((p: { id: string }) => p.id === demoProject), 'the owner sees their item')
  assert.equal((await t.anonymous.get('/api/v1/me/secretary-projects')).statusCode, 401)
})
