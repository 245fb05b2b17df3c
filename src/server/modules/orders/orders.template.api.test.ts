// The service catalogue travels through the shared library (云平台): published from a community's
// own items, imported by another community's cadre with one click, refused to anyone without the
// right to make items there (and then nothing is written).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const practice = (orgId: string, template: object) => ({
  orgId, title: '助老服务清单', tags: ['服务清单'], body: '我们社区为老人设立的上门服务项目，居民点单、社区审单、党员和志愿者接单，运行一年，老人满意。', template,
})

test('a community publishes its service items as a template; another community imports them with one click', async () => {
  const from = await f.newCommunity()
  const fromCadre = await f.newPerson({ role: 'community_cadre', orgId: from.id })
  for (const item of [
    { orgId: from.id, list: 'volunteer', name: '上门理发', providerKinds: ['volunteer', 'member'], skill: '理发', audience: 'elderly', points: 2 },
    { orgId: from.id, list: 'public', name: '代缴水电费', providerKinds: ['staff'], serviceHours: 0.5 },
  ]) assert.equal((await fromCadre.client.post('/api/v1/service-items', item)).statusCode, 201)
  const empty = await f.newCommunity()
  const emptyCadre = await f.newPerson({ role: 'community_cadre', orgId: empty.id })
  const none = await emptyCadre.client.post('/api/v1/library/practices', practice(empty.id, { kind: 'service_catalogue', sourceId: empty.id }))
  assert.equal(none.statusCode, 422, 'a node without items of its own has no catalogue to publish')

  const published = await fromCadre.client.post('/api/v1/library/practices', practice(from.id, { kind: 'service_catalogue', sourceId: from.id }))
  assert.equal(published.statusCode, 201, published.body)
  const p = published.json()
  assert.deepEqual(p.template.payload.items.map((i: { name: string }) => i.name).sort(), ['上门理发', '代缴水电费'])

  const to = await f.newCommunity()
  const resident = await f.newPerson({ role: 'resident', orgId: to.id })
  const refused = await resident.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: to.id, import: {} })
  assert.ok([403, 404].includes(refused.statusCode), refused.body)
  const toCadre = await f.newPerson({ role: 'community_cadre', orgId: to.id })
  const adopted = await toCadre.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: to.id, import: {} })
  assert.equal(adopted.statusCode, 200, adopted.body)
  assert.equal(adopted.json().imports[0].entity, 'service_catalogue')
  const items = await t.query<{ name: string; skill: string | null; audience: string; points: number }>(sql`SELECT v.name, v.skill, v.audience, v.points
    FROM service_items i JOIN service_item_versions v ON v.id = i.current_version_id WHERE i.org_id = ${to.id} ORDER BY v.name`)
  assert.deepEqual(items, [{ name: '上门理发', skill: '理发', audience: 'elderly', points: 2 }, { name: '代缴水电费', skill: null, audience: 'everyone', points: 0 }])
  const [audited] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'service_item.create' AND actor_person_id = ${toCadre.id}`)
  assert.equal(audited!.n, 2, 'each imported item is audited as its importer made it')
})
