import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories, type Org, type Person } from '../../../../test/support/factories.ts'
import { plainJpeg } from '../../../../test/support/images.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const body = (orgId: string, over: Record<string, unknown> = {}) => ({
  orgId, title: '电动车棚议事记', tags: ['协商议事', '电动车'],
  body: '湾里社区通过“协商六议”，由居民提议、两委商议、理事会复议，在小区东侧建成电动车棚，解决了楼道充电的安全隐患。', ...over,
})

async function publisher(): Promise<{ community: Org; cadre: Person }> {
  const community = await f.newCommunity()
  return { community, cadre: await f.newPerson({ role: 'community_cadre', orgId: community.id }) }
}

describe('publishing and versions', () => {
  test('a cadre publishes a practice with a photo; an edit makes a new version, readers see the latest and the history stays', async () => {
    const { community, cadre } = await publisher()
    const upload = await cadre.client.request({ method: 'POST', url: '/api/v1/attachments', payload: await plainJpeg({ seed: 3 }), headers: { 'content-type': 'image/jpeg' } })
    const photoId = upload.json().id as string
    const res = await cadre.client.post('/api/v1/library/practices', body(community.id, { photoIds: [photoId] }))
    assert.equal(res.statusCode, 201, res.body)
    const p = res.json()
    assert.equal(p.version, 1)
    assert.equal(p.org.id, community.id)
    assert.equal(p.photos[0].id, photoId)
    assert.equal(p.cover.id, photoId)
    assert.equal(p.mayEdit, true)
    const revised = await cadre.client.patch(`/api/v1/library/practices/${p.id}`, { title: '电动车棚议事记（修订）', note: '补充了充电桩的维护办法' })
    assert.equal(revised.statusCode, 200, revised.body)
    assert.equal(revised.json().version, 2)
    assert.equal(revised.json().body, p.body)
    assert.equal(revised.json().photos[0].id, photoId)
    // Another community's resident reads the latest and the history.
    const reader = await f.newPerson({ role: 'resident', orgId: (await f.newCommunity()).id })
    const seen = (await reader.client.get(`/api/v1/library/practices/${p.id}`)).json()
    assert.equal(seen.title, '电动车棚议事记（修订）')
    assert.equal(seen.mayEdit, false)
    const history = (await reader.client.get(`/api/v1/library/practices/${p.id}/versions`)).json().items
    assert.deepEqual(history.map((v: { version: number }) => v.version), [2, 1])
    assert.equal(history[0].note, '补充了充电桩的维护办法')
    const first = (await reader.client.get(`/api/v1/library/practices/${p.id}/versions/1`)).json()
    assert.equal(first.title, '电动车棚议事记')
    assert.equal((await reader.client.get(`/api/v1/library/practices/${p.id}/versions/9`)).statusCode, 404)
    // Nothing changed is refused; the reader may not revise or delete.
    const same = await cadre.client.patch(`/api/v1/library/practices/${p.id}`, { note: '没有改动' })
    assert.equal(same.statusCode, 422)
    assert.equal((await reader.client.patch(`/api/v1/library/practices/${p.id}`, { title: '改个标题看看', note: '越权修改' })).statusCode, 403)
    assert.equal((await reader.client.delete(`/api/v1/library/practices/${p.id}`)).statusCode, 403)
    assert.equal((await t.anonymous.get(`/api/v1/library/practices/${p.id}`)).statusCode, 401)
    // Deleting hides it.
    assert.equal((await cadre.client.delete(`/api/v1/library/practices/${p.id}`)).statusCode, 204)
    assert.equal((await reader.client.get(`/api/v1/library/practices/${p.id}`)).statusCode, 404)
    const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'practice' AND entity_id = ${p.id}`)
    assert.equal(audit!.n, 3)
  })

  test('only cadres of the node publish there; a resident and a cadre of another node are refused', async () => {
    const { community } = await publisher()
    const resident = await f.newPerson({ role: 'resident', orgId: community.id })
    assert.equal((await resident.client.post('/api/v1/library/practices', body(community.id))).statusCode, 403)
    const other = await publisher()
    assert.equal((await other.cadre.client.post('/api/v1/library/practices', body(community.id))).statusCode, 404)
    const dup = await other.cadre.client.post('/api/v1/library/practices', body(other.community.id, { tags: ['议事', '议事'] }))
    assert.equal(dup.statusCode, 422)
  })
})

describe('Chinese full-text search', () => {
  test('a word inside a sentence matches, title matches rank above text matches, and the cursor pages through', async () => {
    const { community, cadre } = await publisher()
    const mk = async (title: string, text: string, tags: string[] = []) =>
      (await cadre.client.post('/api/v1/library/practices', { orgId: community.id, title, body: text, tags })).json().id as string
    const inText = await mk('楼道清理百日行动', '我们发动楼栋长和志愿者，每周六上午清理楼道杂物，同时排查违规停放的电动车，效果明显，居民满意。')
    const inTitle = await mk('电动车集中充电做法', '在小区东侧划出集中充电区域，安装智能充电桩，按时计费，夜间专人巡查，杜绝了飞线充电。')
    await mk('老年食堂运营经验', '社区老年食堂引入社会组织运营，提供助餐、送餐服务，困难老人享受补贴，每天供餐两百余份。')
    const search = async (q: string) => (await cadre.client.get(`/api/v1/library/practices?orgId=${community.id}&q=${encodeURIComponent(q)}`)).json()
    const hits = await search('电动车')
    assert.deepEqual(hits.items.map((p: { id: string }) => p.id), [inTitle, inText])
    assert.equal(hits.total, 2)
    const page1 = (await cadre.client.get(`/api/v1/library/practices?orgId=${community.id}&q=${encodeURIComponent('电动车')}&limit=1`)).json()
    assert.equal(page1.items[0].id, inTitle)
    const page2 = (await cadre.client.get(`/api/v1/library/practices?orgId=${community.id}&q=${encodeURIComponent('电动车')}&limit=1&cursor=${page1.nextCursor}`)).json()
    assert.equal(page2.items[0].id, inText)
    // "车棚" is not one of jieba's words in "电动车棚" (电动车 + 棚), yet the bigrams find it.
    const shed = await mk('车棚改造', '为解决停车难，社区把闲置空地改建为电动车棚，并配套消防设施。')
    const sheds = (await search('电动车棚')).items as { id: string; title: string }[]
    assert.deepEqual(sheds.map((p) => p.id), [shed], sheds.map((p) => p.title).join('、'))
    // The title's match ranks first.
    assert.equal((await search('车棚')).items[0].id, shed)
    assert.deepEqual((await search('食堂 助餐')).items.length, 1)
    assert.equal((await search('火箭发射')).items.length, 0)
    assert.equal((await search('，。！')).total, 0)
    // A tag filter.
    const tagged = await mk('垃圾分类积分制', '居民每次正确投放垃圾可获得积分，积分可在社区超市兑换日用品，参与率从三成提高到八成。', ['垃圾分类'])
    assert.deepEqual((await cadre.client.get(`/api/v1/library/practices?orgId=${community.id}&tag=${encodeURIComponent('垃圾分类')}`)).json().items.map((p: { id: string }) => p.id), [tagged])
    // The index is a GIN index on the tsvector.
    const [ix] = await t.query<{ def: string }>(sql`SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'library_practices_search_idx'`)
    assert.match(ix!.def, /USING gin \(search\)/)
  })
})

describe('comments and adoptions', () => {
  test('anyone signed in comments; a cadre of another community marks it adopted once; counts per practice and per street', async () => {
    const { community, cadre } = await publisher()
    const p = (await cadre.client.post('/api/v1/library/practices', body(community.id))).json()
    const street = await f.newStreet()
    const a = await f.newCommunity({ street })
    const b = await f.newCommunity({ street })
    const cadreA = await f.newPerson({ role: 'community_cadre', orgId: a.id })
    const cadreB = await f.newPerson({ role: 'community_cadre', orgId: b.id })
    const resident = await f.newPerson({ role: 'resident', orgId: a.id })
    const c1 = await resident.client.post(`/api/v1/library/practices/${p.id}/comments`, { body: '我们小区也想学，车棚用的什么材料？' })
    assert.equal(c1.statusCode, 201, c1.body)
    const c2 = await cadreA.client.post(`/api/v1/library/practices/${p.id}/comments`, { body: '已在本社区试点，效果很好。' })
    const comments = (await cadre.client.get(`/api/v1/library/practices/${p.id}/comments`)).json().items
    assert.equal(comments.length, 2)
    assert.equal(comments[0].org.id, a.id)
    assert.equal(comments[1].org, null)
    assert.equal(comments[0].mayDelete, true, 'the publisher’s cadre may delete comments on it')
    assert.equal((await resident.client.delete(`/api/v1/library/comments/${c2.json().id}`)).statusCode, 403)
    assert.equal((await resident.client.delete(`/api/v1/library/comments/${c1.json().id}`)).statusCode, 204)

    assert.equal((await resident.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: a.id })).statusCode, 403)
    assert.equal((await cadre.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: community.id })).statusCode, 422)
    const adopted = await cadreA.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: a.id, note: '已在西区推广' })
    assert.equal(adopted.statusCode, 200, adopted.body)
    assert.equal(adopted.json().street.id, street.id)
    const again = await cadreA.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: a.id })
    assert.equal(again.statusCode, 409)
    assert.equal(codeOf(again), 'PRACTICE_ALREADY_ADOPTED')
    assert.equal((await cadreB.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: b.id })).statusCode, 200)
    const seen = (await cadreA.client.get(`/api/v1/library/practices/${p.id}`)).json()
    assert.equal(seen.adoptions, 2)
    assert.equal(seen.comments, 1)
    assert.deepEqual(seen.adoptedAt, [{ id: a.id, name: a.name }])
    const admin = await t.as('admin')
    const figures = (await admin.get(`/api/v1/library/figures?orgId=${street.id}`)).json()
    assert.equal(figures.adoptions, 2)
    assert.deepEqual(figures.byStreet, [{ street: { id: street.id, name: street.name }, published: 0, adopted: 2 }])
    assert.equal(figures.mostAdopted[0].id, p.id)
    assert.equal((await cadreB.client.delete(`/api/v1/library/practices/${p.id}/adopt?orgId=${b.id}`)).statusCode, 204)
    assert.equal((await cadreB.client.delete(`/api/v1/library/practices/${p.id}/adopt?orgId=${b.id}`)).statusCode, 404)
    assert.equal((await cadreA.client.get(`/api/v1/library/practices/${p.id}/adoptions`)).json().items.length, 1)
  })
})

describe('templates travel with practices', () => {
  test('a street publishes its visit schedule as a template; another street imports it with one click, its departments paired with its communities', async () => {
    const kinds = (await (await t.as('admin')).get('/api/v1/library/template-kinds')).json().items
    assert.ok(kinds.some((k: { kind: string }) => k.kind === 'visit_schedule'))
    const from = await f.newStreet()
    const fromCadre = await f.newPerson({ role: 'street_admin', orgId: from.id })
    const payload = { name: '每月一日民情夜访', kind: 'night', dayOfMonth: 1, graceDays: 5 }
    const unknown = await fromCadre.client.post('/api/v1/library/practices', body(from.id, { template: { kind: 'rocket_launch', payload } }))
    assert.equal(codeOf(unknown), 'TEMPLATE_KIND_UNKNOWN')
    const bad = await fromCadre.client.post('/api/v1/library/practices', body(from.id, { template: { kind: 'visit_schedule', payload: { ...payload, dayOfMonth: 31 } } }))
    assert.equal(codeOf(bad), 'TEMPLATE_INVALID')
    const p = (await fromCadre.client.post('/api/v1/library/practices', body(from.id, { title: '民情夜访走访计划', template: { kind: 'visit_schedule', payload } }))).json()
    assert.equal(p.template.kind, 'visit_schedule')
    assert.equal(p.template.importable, true)
    assert.equal(p.templateKind, 'visit_schedule')

    const to = await f.newStreet()
    const dept = (await t.query<{ id: string }>(sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('department', '城管科', ${to.id}) RETURNING id::text`))[0]!.id
    const c1 = await f.newCommunity({ street: to })
    const c2 = await f.newCommunity({ street: to })
    const toAdmin = await f.newPerson({ role: 'street_admin', orgId: to.id })
    // A community cadre of that street may mark it adopted but not make the street's schedule.
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: c1.id })
    const refused = await cadre.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: c1.id, import: { orgId: to.id } })
    assert.ok([403, 404].includes(refused.statusCode), refused.body)
    const [none] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM library_adoptions WHERE practice_id = ${p.id}`)
    assert.equal(none!.n, 0, 'a refused import leaves no adoption behind')
    const res = await toAdmin.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: to.id, import: {} })
    assert.equal(res.statusCode, 200, res.body)
    const imported = res.json().imports[0]
    assert.equal(imported.entity, 'visit_schedule')
    const schedule = (await toAdmin.client.get(`/api/v1/visit-schedules/${imported.id}`)).json()
    assert.equal(schedule.name, '每月一日民情夜访')
    assert.equal(schedule.dayOfMonth, 1)
    assert.deepEqual(schedule.targets.map((x: { visitorOrg: { id: string }; community: { id: string } }) => [x.visitorOrg.id, x.community.id]).sort(), [[dept, c1.id], [dept, c2.id]].sort())
    // Publishing from an existing schedule: the template is made from it.
    const again = await toAdmin.client.post('/api/v1/library/practices', body(to.id, { title: '我们的夜访计划', template: { kind: 'visit_schedule', sourceId: imported.id } }))
    assert.equal(again.statusCode, 201, again.body)
    assert.deepEqual(again.json().template.payload, { name: '每月一日民情夜访', kind: 'night', dayOfMonth: 1, graceDays: 5 })
    const noTemplate = (await fromCadre.client.post('/api/v1/library/practices', body(from.id))).json()
    const none2 = await toAdmin.client.post(`/api/v1/library/practices/${noTemplate.id}/adopt`, { orgId: to.id, import: {} })
    assert.equal(codeOf(none2), 'PRACTICE_NO_TEMPLATE')
  })
})
