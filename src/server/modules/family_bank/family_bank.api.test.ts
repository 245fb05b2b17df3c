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

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code

test('a resident deposits a motto and a story in their own community; the cadre approves one and rejects the other with a reason', async () => {
  const street = await f.newStreet()
  const community = await f.newCommunity({ street })
  const building = await f.newBuilding(await f.newGrid(community))
  const resident = await f.newPerson({ role: 'resident', orgId: building.id, name: '王建国' })
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const m = await resident.client.post('/api/v1/family-bank/deposits', { kind: 'motto', body: '勤俭持家，和睦邻里' })
  assert.equal(m.statusCode, 201, m.body)
  assert.equal(m.json().familyLabel, '王家')
  assert.equal(m.json().community.id, community.id)
  assert.equal(m.json().state, 'pending')
  assert.deepEqual(m.json().actions, ['withdraw'])
  const noTitle = await resident.client.post('/api/v1/family-bank/deposits', { kind: 'story', body: '爷爷当年在村里办夜校的故事' })
  assert.equal(codeOf(noTitle), 'DEPOSIT_INVALID')
  const s = (await resident.client.post('/api/v1/family-bank/deposits', { kind: 'story', title: '爷爷的夜校', body: '爷爷当年在村里办夜校，教乡亲们识字算账，一办就是二十年。' })).json()
  // The cadre's queue.
  const queue = (await cadre.client.get(`/api/v1/family-bank/deposits?state=pending&orgId=${community.id}`)).json()
  assert.equal(queue.total, 2)
  assert.deepEqual(queue.items[0].actions, ['approve', 'reject', 'withdraw'])
  assert.equal((await cadre.client.post(`/api/v1/family-bank/deposits/${m.json().id}/approve`, {})).statusCode, 200)
  assert.equal((await cadre.client.post(`/api/v1/family-bank/deposits/${s.id}/reject`, {})).statusCode, 400)
  const rejected = await cadre.client.post(`/api/v1/family-bank/deposits/${s.id}/reject`, { reason: '请补充具体年份和地点' })
  assert.equal(rejected.json().state, 'rejected')
  const again = await cadre.client.post(`/api/v1/family-bank/deposits/${s.id}/approve`, {})
  assert.equal(again.statusCode, 409)
  assert.equal(codeOf(again), 'DEPOSIT_STATE')
  const notes = await t.query<{ kind: string; title: string; body: string | null }>(sql`SELECT kind, title, body FROM notifications WHERE person_id = ${resident.id} ORDER BY id`)
  assert.deepEqual(notes.map((n) => n.kind), ['family_deposit.approve', 'family_deposit.reject'])
  assert.equal(notes[1]!.body, '请补充具体年份和地点')
  // My deposits, with the reason.
  const mine = (await resident.client.get('/api/v1/family-bank/deposits/mine')).json()
  assert.equal(mine.total, 2)
  assert.equal(mine.items[0].reason, '请补充具体年份和地点')
  // The public page of the community and of its street, with counts; no name but "王家".
  const other = await f.newCommunity({ street })
  const neighbour = await f.newPerson({ role: 'resident', orgId: other.id, name: '欧阳明' })
  const n = (await neighbour.client.post('/api/v1/family-bank/deposits', { kind: 'motto', body: '诚实做人，踏实做事' })).json()
  const otherCadre = await f.newPerson({ role: 'community_cadre', orgId: other.id })
  await otherCadre.client.post(`/api/v1/family-bank/deposits/${n.id}/approve`, {})
  const page = await t.anonymous.get(`/api/v1/family-bank/public?orgId=${street.id}`)
  assert.equal(page.json().total, 2)
  assert.deepEqual(page.json().items.map((d: { familyLabel: string }) => d.familyLabel), ['欧阳家', '王家'])
  assert.ok(!page.body.includes('王建国') && !page.body.includes('欧阳明'))
  const counts = (await t.anonymous.get(`/api/v1/family-bank/public/counts?orgId=${street.id}`)).json()
  assert.equal(counts.mottos, 2)
  assert.equal(counts.stories, 0)
  assert.equal(counts.families, 2)
  assert.equal(counts.byCommunity.length, 2)
  assert.equal((await t.anonymous.get(`/api/v1/family-bank/public/counts?orgId=${community.id}`)).json().mottos, 1)
  // The depositor withdraws; it leaves the public page.
  assert.equal((await resident.client.post(`/api/v1/family-bank/deposits/${m.json().id}/withdraw`, {})).json().state, 'withdrawn')
  assert.equal((await t.anonymous.get(`/api/v1/family-bank/public?orgId=${community.id}`)).json().total, 0)
  assert.equal((await t.anonymous.get(`/api/v1/family-bank/deposits/${m.json().id}`)).statusCode, 404)
})

test('a motto is short and has no title; a deposit names a community', async () => {
  const community = await f.newCommunity()
  const resident = await f.newPerson({ role: 'resident', orgId: community.id })
  assert.equal(codeOf(await resident.client.post('/api/v1/family-bank/deposits', { kind: 'motto', title: '家训', body: '孝老爱亲' })), 'DEPOSIT_INVALID')
  assert.equal(codeOf(await resident.client.post('/api/v1/family-bank/deposits', { kind: 'motto', body: '好'.repeat(201) })), 'DEPOSIT_INVALID')
  const street = await f.newPerson({ role: 'street_admin', orgId: (await f.newStreet()).id })
  assert.equal(codeOf(await street.client.post('/api/v1/family-bank/deposits', { kind: 'motto', body: '孝老爱亲' })), 'DEPOSIT_COMMUNITY_UNKNOWN')
})
