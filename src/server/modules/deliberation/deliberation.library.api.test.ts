// A process template travels through the shared library (云平台): published from a template the
// publisher may read, imported by another street's admin as that street's own (version 1), and
// refused to a community cadre (templates are made by street admins and up), writing nothing.
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

test('a street publishes 协商六议 as a template; another street imports it as its own process', async () => {
  const from = await f.newStreet()
  const fromAdmin = await f.newPerson({ role: 'street_admin', orgId: from.id })
  const [six] = await t.query<{ id: string; stages: unknown[] }>(sql`SELECT d.id::text, v.stages FROM deliberation_templates d
    JOIN deliberation_template_versions v ON v.template_id = d.id AND v.version = d.version WHERE d.org_id IS NULL ORDER BY d.id LIMIT 1`)
  const published = await fromAdmin.client.post('/api/v1/library/practices', {
    orgId: from.id, title: '我们的协商六议流程', tags: ['协商议事'], body: '居民提议、两委商议、理事会复议、多方共议、集体决议、群众监议，六步走完一件事。',
    template: { kind: 'deliberation_template', sourceId: six!.id },
  })
  assert.equal(published.statusCode, 201, published.body)
  const p = published.json()
  assert.equal(p.template.payload.stages.length, six!.stages.length)

  const to = await f.newStreet()
  const community = await f.newCommunity({ street: to })
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const refused = await cadre.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: community.id, import: {} })
  assert.ok([403, 404].includes(refused.statusCode), refused.body)
  const [none] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM deliberation_templates WHERE org_id = ${community.id}`)
  assert.equal(none!.n, 0)
  const toAdmin = await f.newPerson({ role: 'street_admin', orgId: to.id })
  const adopted = await toAdmin.client.post(`/api/v1/library/practices/${p.id}/adopt`, { orgId: to.id, import: {} })
  assert.equal(adopted.statusCode, 200, adopted.body)
  const made = adopted.json().imports[0]
  assert.equal(made.entity, 'deliberation_template')
  const template = (await toAdmin.client.get(`/api/v1/deliberation-templates/${made.id}`)).json()
  assert.equal(template.org.id, to.id)
  assert.equal(template.version, 1)
  assert.deepEqual(template.stages, six!.stages)
})
