import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { demoPassword, startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
let admin: Client, street: Client, cadre: Client, grid: Client, resident: Client
before(async () => {
  t = await startTestApp()
  ;[admin, street, cadre, grid, resident] = await t.asEach('admin', 'street', 'cadre', 'grid', 'resident')
})
after(() => t.close())

const peopleCount = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`))[0]!.n

describe('listing people', () => {
  test('a cadre lists the people holding roles in the community, with phones masked', async () => {
    const res = await cadre.get('/api/v1/people?limit=200')
    assert.equal(res.statusCode, 200)
    const items = res.json().items as { id: string; phone: string | null; roles: { orgPath: string }[] }[]
    assert.ok(items.length >= 5)
    const [community] = await t.query<{ path: string }>(sql`SELECT path::text FROM orgs WHERE id = ${t.fixtures.communityId}`)
    assert.ok(items.every((p) => p.roles.some((r) => r.orgPath === community!.path || r.orgPath.startsWith(community!.path + '.'))))
    const others = items.filter((p) => p.id !== t.fixtures.personIds.cadre && p.phone)
    assert.ok(others.length > 0 && others.every((p) => /^1\d\d\*{4}\d{4}$/.test(p.phone!)))
    const me = (await cadre.get(`/api/v1/people/${t.fixtures.personIds.cadre}`)).json()
    assert.match(me.phone, /^1\d{10}$/, 'a person sees their own full number')
  })

  test('the list is filtered by role and by org, and paged', async () => {
    const workers = (await street.get('/api/v1/people?role=grid_worker&limit=200')).json().items
    assert.ok(workers.length > 5)
    assert.ok(workers.every((p: { roles: { role: string }[] }) => p.roles.some((r) => r.role === 'grid_worker')))
    const inGrid = (await street.get(`/api/v1/people?orgId=${t.fixtures.gridId}`)).json().items
    assert.ok(inGrid.some((p: { id: string }) => p.id === t.fixtures.personIds.grid))
    const page = (await street.get('/api/v1/people?limit=3')).json()
    assert.equal(page.items.length, 3)
    assert.ok(page.nextCursor)
  })

  test('a grid worker sees the people of the grid only; a resident sees nobody through the list', async () => {
    const items = (await grid.get('/api/v1/people?limit=200')).json().items as { id: string }[]
    assert.ok(items.some((p) => p.id === t.fixtures.personIds.resident))
    assert.ok(!items.some((p) => p.id === t.fixtures.personIds.cadre))
    assert.deepEqual((await resident.get('/api/v1/people')).json().items, [])
    assert.equal((await resident.get(`/api/v1/people/${t.fixtures.personIds.grid}`)).statusCode, 404)
    assert.equal((await resident.get(`/api/v1/people/${t.fixtures.personIds.resident}`)).statusCode, 200, 'but sees themself')
  })
})

describe('creating people and assigning roles', () => {
  test('a cadre adds a grid worker with an account; the temporary password must be changed at first login', async () => {
    const res = await cadre.post('/api/v1/people', { name: '新网格员', phone: '13912345678', username: 'newgrid', role: { role: 'grid_worker', orgId: t.fixtures.siblingGridId } })
    assert.equal(res.statusCode, 201, res.body)
    const body = res.json()
    assert.ok(body.temporaryPassword)
    assert.equal(body.account.mustChangePassword, true)
    assert.equal(body.phone, '139****5678')
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-linli-csrf': '1' }, payload: { username: 'newgrid', password: body.temporaryPassword } })
    assert.equal(login.statusCode, 200)
    assert.equal(login.json().account.mustChangePassword, true)
    const [audit] = await t.query<{ after: { phone: string } }>(sql`SELECT after FROM audit_log WHERE action = 'person.create' ORDER BY id DESC LIMIT 1`)
    assert.equal(audit!.after.phone, '139****5678', 'the audit trail keeps the phone masked')
  })

  test('bad input is refused and writes nothing', async () => {
    const before = await peopleCount()
    const cases: [unknown, number][] = [
      [{ name: '', role: { role: 'grid_worker', orgId: t.fixtures.gridId } }, 400],
      [{ name: '甲', phone: '12345', role: { role: 'grid_worker', orgId: t.fixtures.gridId } }, 400],
      [{ name: '甲', role: { role: 'wizard', orgId: t.fixtures.gridId } }, 400],
      [{ name: '甲', username: 'ab', role: { role: 'grid_worker', orgId: t.fixtures.gridId } }, 400],
      [{ name: '甲', username: 'weakling', password: 'weak', role: { role: 'grid_worker', orgId: t.fixtures.gridId } }, 422],
      [{ name: '甲', username: 'cadre', role: { role: 'grid_worker', orgId: t.fixtures.gridId } }, 409],
      [{ name: '甲', phone: '13912345678', role: { role: 'grid_worker', orgId: t.fixtures.gridId } }, 409],
      [{ name: '甲', role: { role: 'grid_worker', orgId: '999999999' } }, 404],
      [{ name: '甲', role: { role: 'grid_worker', orgId: t.fixtures.gridId }, extra: 1 }, 400],
    ]
    for (const [body, status] of cases) {
      const res = await cadre.post('/api/v1/people', body)
      assert.equal(res.statusCode, status, `${JSON.stringify(body)} → ${res.body}`)
      assert.ok(res.json().error.message)
    }
    assert.equal(await peopleCount(), before)
  })

  test('nobody assigns a role as high as their own or outside their scope', async () => {
    const before = await peopleCount()
    assert.equal((await cadre.post('/api/v1/people', { name: '甲', role: { role: 'community_cadre', orgId: t.fixtures.communityId } })).statusCode, 403)
    assert.equal((await cadre.post('/api/v1/people', { name: '甲', role: { role: 'street_admin', orgId: t.fixtures.streetId } })).statusCode, 403, 'the street is visible to its cadres, but not theirs to staff')
    assert.equal((await cadre.post('/api/v1/people', { name: '甲', role: { role: 'grid_worker', orgId: t.fixtures.otherGridId } })).statusCode, 404)
    assert.equal((await grid.post('/api/v1/people', { name: '甲', role: { role: 'resident', orgId: t.fixtures.buildingId } })).statusCode, 403)
    assert.equal(await peopleCount(), before)
    assert.equal((await street.post('/api/v1/people', { name: '乙', role: { role: 'community_cadre', orgId: t.fixtures.communityId } })).statusCode, 201)
  })

  test('a part-time committee member holds a role in a community they do not live in', async () => {
    const res = await street.post(`/api/v1/people/${t.fixtures.personIds.member}/roles`, { role: 'volunteer', orgId: t.fixtures.otherCommunityId })
    assert.equal(res.statusCode, 404, 'the street admin does not reach the other street')
    const district = await t.as('district')
    const ok = await district.post(`/api/v1/people/${t.fixtures.personIds.member}/roles`, { role: 'community_cadre', orgId: t.fixtures.otherCommunityId })
    assert.equal(ok.statusCode, 200)
    const roles = ok.json().roles.filter((r: { active: boolean }) => r.active).map((r: { role: string }) => r.role).sort()
    assert.deepEqual(roles, ['community_cadre', 'member', 'resident'])
    const member = await t.as('member')
    const me = (await member.get('/api/v1/me')).json()
    assert.ok(me.roles.some((r: { orgId: string }) => r.orgId === t.fixtures.otherCommunityId))
    assert.equal((await member.get(`/api/v1/orgs/${t.fixtures.otherCommunityId}`)).statusCode, 200)
  })

  test('ending a role takes effect at once and is audited', async () => {
    const created = (await cadre.post('/api/v1/people', { name: '临时楼栋长', username: 'tempbl', password: 'Temp#Leader9', role: { role: 'building_leader', orgId: t.fixtures.buildingId } })).json()
    const roleId = created.roles[0].id
    const bl = await t.as('tempbl', 'Temp#Leader9')
    const changed = await bl.post('/api/v1/auth/password', { currentPassword: 'Temp#Leader9', newPassword: 'Temp#Leader10' })
    assert.equal(changed.statusCode, 204)
    assert.equal((await bl.get(`/api/v1/orgs/${t.fixtures.buildingId}`)).statusCode, 200)
    const ended = await cadre.delete(`/api/v1/people/${created.id}/roles/${roleId}`)
    assert.equal(ended.statusCode, 200)
    assert.equal(ended.json().roles[0].active, false)
    assert.equal((await bl.get(`/api/v1/orgs/${t.fixtures.buildingId}`)).statusCode, 404)
    assert.equal((await cadre.delete(`/api/v1/people/${created.id}/roles/999999`)).statusCode, 404)
  })
})

describe('editing people', () => {
  test('a person edits their own name; a cadre edits a worker; a worker cannot edit the cadre', async () => {
    assert.equal((await resident.patch(`/api/v1/people/${t.fixtures.personIds.resident}`, { name: '改名居民' })).json().name, '改名居民')
    assert.equal((await cadre.patch(`/api/v1/people/${t.fixtures.personIds.grid}`, { phone: '13600001111' })).statusCode, 200)
    assert.equal((await grid.patch(`/api/v1/people/${t.fixtures.personIds.cadre}`, { name: 'x' })).statusCode, 404)
    assert.equal((await cadre.patch(`/api/v1/people/${t.fixtures.personIds.grid}`, {})).statusCode, 400)
    assert.equal((await cadre.patch(`/api/v1/people/${t.fixtures.personIds.grid}`, { phone: '13600001111' })).statusCode, 200, 'keeping one\'s own number is fine')
    assert.equal((await cadre.patch(`/api/v1/people/${t.fixtures.personIds.resident}`, { phone: '13600001111' })).statusCode, 409)
    void admin
    void demoPassword
  })
})

describe('roles not in force count as held', () => {
  const today = async (days: number) => (await t.query<{ d: string }>(sql`SELECT (CURRENT_DATE + ${days}::int)::text AS d`))[0]!.d
  const accountOf = async (personId: string) => (await t.query<{ password_hash: string; disabled_at: string | null }>(sql`SELECT password_hash, disabled_at::text FROM accounts WHERE person_id = ${personId}`))[0]!
  const snapshot = async (personId: string) => ({
    account: await accountOf(personId),
    phone: (await t.query<{ phone_hash: string }>(sql`SELECT phone_hash FROM people WHERE id = ${personId}`))[0]!.phone_hash,
    roles: (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n, max(valid_to)::text AS last FROM role_assignments WHERE person_id = ${personId}`))[0],
    audit: (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n,
  })

  async function refusedEverything(personId: string, residentRoleId: string) {
    const before = await snapshot(personId)
    const attempts: [string, string, unknown?][] = [
      ['POST', `/api/v1/people/${personId}/password-reset`, {}],
      ['POST', `/api/v1/people/${personId}/disable`],
      ['POST', `/api/v1/people/${personId}/enable`],
      ['PATCH', `/api/v1/people/${personId}`, { phone: '13800009999' }],
      ['PATCH', `/api/v1/people/${personId}`, { name: '被改名' }],
      ['DELETE', `/api/v1/people/${personId}/sessions`],
      ['GET', `/api/v1/people/${personId}/sessions`],
      ['POST', `/api/v1/people/${personId}/roles`, { role: 'volunteer', orgId: t.fixtures.gridId }],
      ['DELETE', `/api/v1/people/${personId}/roles/${residentRoleId}`],
    ]
    for (const [method, url, payload] of attempts) {
      const res = await cadre.request({ method: method as 'GET', url, ...(payload ? { payload: payload as object } : {}) })
      assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`)
    }
    assert.deepEqual(await snapshot(personId), before, 'nothing written, not even an audit row')
  }

  test('a cadre cannot reset the password of, disable, or change the phone of someone appointed street admin from tomorrow', async () => {
    const created = await cadre.post('/api/v1/people', { name: '明日主任', phone: '13911112222', username: 'tomorrowadmin', password: 'Tomorrow#Admin9', role: { role: 'resident', orgId: t.fixtures.buildingId } })
    assert.equal(created.statusCode, 201, created.body)
    const person = created.json()
    const district = await t.as('district')
    const appointed = await district.post(`/api/v1/people/${person.id}/roles`, { role: 'street_admin', orgId: t.fixtures.streetId, validFrom: await today(1) })
    assert.equal(appointed.statusCode, 200, appointed.body)
    await refusedEverything(person.id, person.roles[0].id)
    assert.equal((await district.post(`/api/v1/people/${person.id}/disable`)).statusCode, 200, 'the district admin outranks them')
  })

  test('a street admin role that ended last week still protects the account', async () => {
    const created = (await cadre.post('/api/v1/people', { name: '卸任主任', username: 'formeradmin', password: 'Former#Admin9', role: { role: 'resident', orgId: t.fixtures.buildingId } })).json()
    await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from, valid_to) VALUES (${created.id}, 'street_admin', ${t.fixtures.streetId}, CURRENT_DATE - 400, CURRENT_DATE - 7)`)
    await refusedEverything(created.id, created.roles[0].id)
  })

  test('giving and ending a role are audited with the role before and after', async () => {
    const created = (await cadre.post('/api/v1/people', { name: '楼栋长人选', role: { role: 'resident', orgId: t.fixtures.buildingId } })).json()
    const given = await cadre.post(`/api/v1/people/${created.id}/roles`, { role: 'building_leader', orgId: t.fixtures.buildingId })
    assert.equal(given.statusCode, 200, given.body)
    const roleId = given.json().roles.find((r: { role: string }) => r.role === 'building_leader').id
    assert.equal((await cadre.delete(`/api/v1/people/${created.id}/roles/${roleId}`)).statusCode, 200)
    const rows = await t.query<{ action: string; actor_person_id: string; before: Record<string, unknown> | null; after: Record<string, unknown> }>(sql`
      SELECT action, actor_person_id::text, before, after FROM audit_log WHERE entity = 'role_assignment' AND entity_id = ${roleId} ORDER BY id`)
    assert.deepEqual(rows.map((r) => r.action), ['role.assign', 'role.end'])
    assert.ok(rows.every((r) => r.actor_person_id === t.fixtures.personIds.cadre && r.after.personId === created.id && r.after.role === 'building_leader'))
    assert.equal(rows[0]!.before, null)
    assert.equal(rows[1]!.before!.validTo, null)
    assert.equal(rows[1]!.after.validTo, await today(0))
  })
})
