// Building leaders' 三亮 cards through the API: the public card (no login; the phone masked unless
// the leader chose to show it), editing by the leader or a cadre (and refusing others and bad
// input, nothing written), the staff's list and the coverage figures, and residents' "my leader".
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

const cards = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM building_leader_cards`))[0]!.n

test('a building leader\'s card: public, six duties by default, phone masked until shown; edited by the leader, refused to a resident', async () => {
  const community = await f.newCommunity()
  const grid = await f.newGrid(community)
  const [b1, b2, b3] = [await f.newBuilding(grid), await f.newBuilding(grid), await f.newBuilding(grid)]
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const worker = await f.newPerson({ role: 'grid_worker', orgId: grid.id })
  const leader = await f.newPerson({ role: 'building_leader', orgId: b1!.id, name: '王秀英' })
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${leader.id}, 'member', ${grid.id}, DATE '2026-01-01')`)
  await t.query(sql`UPDATE people SET phone_enc = ${t.pii.encrypt('phone', '13812345678')}, phone_hash = ${'a'.repeat(64)}, phone_mask = '138****5678' WHERE id = ${leader.id}`)
  await f.newPerson({ role: 'building_leader', orgId: b2!.id })
  const resident = await f.newPerson({ role: 'resident', orgId: b1!.id })

  const card = (await t.anonymous.get(`/api/v1/buildings/${b1!.id}/leader-card`)).json()
  assert.equal(card.leader.name, '王秀英')
  assert.equal(card.leader.partyMember, true)
  assert.deepEqual(card.leader.duties.map((d: { name: string }) => d.name), ['楼栋党建', '信息收集', '代办服务', '矛盾调处', '物业监督', '弘扬新风'])
  assert.equal(card.leader.phone, '138****5678')
  assert.match(card.cardUrl, new RegExp(`/h5/building-leaders/${b1!.id}$`))
  assert.equal(card.canEdit, false)
  assert.equal((await t.anonymous.get(`/api/v1/buildings/${b3!.id}/leader-card`)).json().leader, null)
  assert.equal((await t.anonymous.get(`/api/v1/buildings/${grid.id}/leader-card`)).statusCode, 404)

  const before = await cards()
  assert.equal((await resident.client.put(`/api/v1/buildings/${b1!.id}/leader-card`, { duties: [], commitments: '冒名', showPhone: true })).statusCode, 403)
  const bad = await leader.client.put(`/api/v1/buildings/${b1!.id}/leader-card`, { duties: ['sing'], commitments: '', showPhone: true })
  assert.equal(bad.statusCode, 400)
  assert.match(bad.json().error.message, /[\u4e00-\u9fa5]/)
  assert.equal(await cards(), before)
  const saved = await leader.client.put(`/api/v1/buildings/${b1!.id}/leader-card`, { duties: ['party_building', 'mediation'], commitments: '有事找我，24小时响应', showPhone: true, contactNote: '晚上7点后在1单元' })
  assert.equal(saved.statusCode, 200, saved.body)
  assert.equal(saved.json().canEdit, true)
  const shown = (await t.anonymous.get(`/api/v1/buildings/${b1!.id}/leader-card`)).json()
  assert.equal(shown.leader.phone, '13812345678')
  assert.deepEqual(shown.leader.duties.map((d: { code: string }) => d.code), ['party_building', 'mediation'])
  assert.equal(shown.leader.commitments, '有事找我，24小时响应')
  assert.equal((await cadre.client.put(`/api/v1/buildings/${b1!.id}/leader-card`, { duties: ['party_building'], commitments: '社区代填', showPhone: false })).statusCode, 200)
  assert.equal((await t.anonymous.get(`/api/v1/buildings/${b1!.id}/leader-card`)).json().leader.phone, '138****5678')

  // Residents find their leader; staff list the buildings and the coverage.
  const mine = (await resident.client.get('/api/v1/me/building-leader')).json()
  assert.equal(mine.items[0].leader.name, '王秀英')
  const list = (await worker.client.get(`/api/v1/building-leaders?orgId=${grid.id}`)).json()
  assert.equal(list.items.length, 3)
  assert.equal(list.items.filter((i: { leader: unknown }) => i.leader).length, 2)
  const coverage = (await cadre.client.get(`/api/v1/building-leaders/coverage?orgId=${community.id}`)).json()
  assert.deepEqual([coverage.total.buildings, coverage.total.withLeader, coverage.total.partyMemberLeader], [3, 2, 1])
  assert.equal((await resident.client.get(`/api/v1/building-leaders/coverage?orgId=${community.id}`)).statusCode, 403)
  assert.equal((await cadre.client.get(`/api/v1/building-leaders/coverage?orgId=${grid.id}`)).statusCode, 422)
})
