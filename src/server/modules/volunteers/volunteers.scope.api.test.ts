// Ids named in the bodies and query strings of the volunteer routes (security review, issue 11):
// people outside the caller's reach answer exactly like people who do not exist, and nothing is
// written; filters by a node or team outside the caller's sight are not found. And the check-in QR
// code never carries the request's Host header.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import QRCode from 'qrcode'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { homePoint } from './volunteers.repository.ts'

let t: TestApp
let cadre: Client, grid: Client, member: Client
let farPersonId: string
let teamId: string

const TABLES = ['volunteer_teams', 'volunteers', 'volunteer_team_members', 'activities', 'activity_signups', 'activity_attendances', 'time_bank_entries'] as const
async function written(): Promise<string> {
  const parts: string[] = []
  for (const table of TABLES) parts.push(`${table}:${(await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n}`)
  return parts.join(' ')
}

before(async () => {
  t = await startTestApp()
  ;[cadre, grid, member] = await t.asEach('cadre', 'grid', 'member')
  // A volunteer of another street (the demo's residents all live in the demo street).
  const [far] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('外街道志愿者乙') RETURNING id::text`)
  farPersonId = far!.id
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${farPersonId}, 'resident', ${t.fixtures.otherCommunityId})`)
  await t.query(sql`INSERT INTO volunteers (person_id) VALUES (${farPersonId})`)
  teamId = (await cadre.post('/api/v1/volunteer-teams', { orgId: t.fixtures.communityId, name: '范围测试服务队', function: 'other' })).json().id
})
after(() => t.close())

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

describe('people named in a body', () => {
  test('a time-bank entry naming a person of another street answers like a missing person and writes nothing', async () => {
    const base = { orgId: t.fixtures.communityId, giverId: t.fixtures.personIds.resident, receiverId: t.fixtures.personIds.member, hours: 1, servedOn: today(), note: '上门陪护' }
    const before = await written()
    for (const field of ['giverId', 'receiverId'] as const) {
      const elsewhere = await cadre.post('/api/v1/time-bank/entries', { ...base, [field]: farPersonId })
      const missing = await cadre.post('/api/v1/time-bank/entries', { ...base, [field]: '999999999' })
      assert.equal(elsewhere.statusCode, 404, elsewhere.body)
      assert.equal(elsewhere.json().error.code, 'PERSON_NOT_FOUND')
      assert.deepEqual({ ...elsewhere.json().error, requestId: null }, { ...missing.json().error, requestId: null })
    }
    assert.equal(await written(), before)
    assert.equal((await cadre.post('/api/v1/time-bank/entries', base)).statusCode, 201, 'the people of the community may be named')
  })

  test('a team manager adds people of their own area only; anyone else answers like a missing person', async () => {
    const before = await written()
    const elsewhere = await cadre.post(`/api/v1/volunteer-teams/${teamId}/members`, { personId: farPersonId })
    assert.equal(elsewhere.statusCode, 404, elsewhere.body)
    assert.deepEqual({ ...elsewhere.json().error, requestId: null }, { ...(await cadre.post(`/api/v1/volunteer-teams/${teamId}/members`, { personId: '999999999' })).json().error, requestId: null })
    assert.equal(await written(), before)
    const added = await cadre.post(`/api/v1/volunteer-teams/${teamId}/members`, { personId: t.fixtures.personIds.resident })
    assert.equal(added.statusCode, 201, added.body)
  })

  test('a role counts up to, not including, its valid_to day: one that ended today places nobody in the area', async () => {
    const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('今日迁出居民') RETURNING id::text`)
    const [role] = await t.query<{ id: string }>(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from, valid_to)
      VALUES (${p!.id}, 'resident', ${t.fixtures.buildingId}, CURRENT_DATE - 30, CURRENT_DATE) RETURNING id::text`)
    const base = { orgId: t.fixtures.communityId, giverId: t.fixtures.personIds.resident, receiverId: p!.id, hours: 1, servedOn: today(), note: '上门陪护' }
    const before = await written()
    const ended = await cadre.post('/api/v1/time-bank/entries', base)
    assert.equal(ended.statusCode, 404, ended.body)
    assert.equal(ended.json().error.code, 'PERSON_NOT_FOUND')
    assert.equal(await written(), before)
    assert.equal(await homePoint(t.database.db, p!.id), undefined, 'nor is it their home')
    await t.query(sql`UPDATE role_assignments SET valid_to = CURRENT_DATE + 1 WHERE id = ${role!.id}`)
    assert.equal((await cadre.post('/api/v1/time-bank/entries', base)).statusCode, 201, 'a role ending tomorrow still counts today')
    assert.ok(await homePoint(t.database.db, p!.id))
  })
})

describe('filters and references by id', () => {
  test('a node outside the caller’s sight is not found, whether it exists or not', async () => {
    for (const url of ['/api/v1/volunteers', '/api/v1/time-bank/entries', '/api/v1/activities', '/api/v1/volunteer-teams']) {
      const elsewhere = await grid.get(`${url}?orgId=${t.fixtures.otherCommunityId}`)
      assert.equal(elsewhere.statusCode, 404, `${url}: ${elsewhere.body}`)
      assert.deepEqual({ ...elsewhere.json().error, requestId: null }, { ...(await grid.get(`${url}?orgId=999999999`)).json().error, requestId: null })
      assert.equal((await grid.get(`${url}?orgId=${t.fixtures.communityId}`)).statusCode, 200, `${url}: the community above the grid is seen`)
    }
  })

  test('a team filter or reference that does not exist (or was deleted) is not found', async () => {
    const [gone] = await t.query<{ id: string }>(sql`INSERT INTO volunteer_teams (org_id, name, function, deleted_at) VALUES (${t.fixtures.communityId}, '已解散服务队', 'other', now()) RETURNING id::text`)
    for (const id of [gone!.id, '999999999']) {
      const listed = await member.get(`/api/v1/activities?teamId=${id}`)
      assert.equal(listed.statusCode, 404)
      assert.equal(listed.json().error.code, 'VOLUNTEER_TEAM_NOT_FOUND')
    }
    assert.equal((await member.get(`/api/v1/activities?teamId=${teamId}`)).statusCode, 200)
    const before = await written()
    const res = await cadre.post('/api/v1/activities', {
      orgId: t.fixtures.communityId, teamId: gone!.id, title: '已解散队伍的活动', place: '社区广场', location: { lng: 115.86, lat: 28.68 },
      startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(), endsAt: new Date(Date.now() + 50 * 3_600_000).toISOString(), capacity: 3,
    })
    assert.equal(res.statusCode, 404, res.body)
    assert.equal(res.json().error.code, 'VOLUNTEER_TEAM_NOT_FOUND')
    assert.equal(await written(), before)
  })
})

describe('the check-in QR code', () => {
  async function activityShown(client: Client, headers: Record<string, string>) {
    const a = (await cadre.post('/api/v1/activities', {
      orgId: t.fixtures.communityId, title: '二维码测试活动', place: '社区广场', location: { lng: 115.86, lat: 28.68 },
      startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(), endsAt: new Date(Date.now() + 50 * 3_600_000).toISOString(), capacity: 3,
    })).json()
    const res = await client.get(`/api/v1/activities/${a.id}/check-in-code`, headers)
    assert.equal(res.statusCode, 200, res.body)
    return res.json() as { url: string; svg: string }
  }

  test('without PUBLIC_URL a forged Host header is not in the code: it carries the page’s path only', async () => {
    const qr = await activityShown(cadre, { host: 'evil.example', 'x-forwarded-host': 'evil.example' })
    assert.match(qr.url, /^\/h5\/checkin\?activity=\d+&code=/)
    assert.ok(!qr.svg.includes('evil'))
    assert.equal(qr.svg, await QRCode.toString(qr.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }), 'the image encodes exactly that path')
  })

  test('with PUBLIC_URL the code points there, whatever Host the request names', async () => {
    const other = await startTestApp({ PUBLIC_URL: 'https://linli.example.cn' })
    try {
      const organiser = await other.as('cadre')
      const a = (await organiser.post('/api/v1/activities', {
        orgId: other.fixtures.communityId, title: '二维码测试活动', place: '社区广场', location: { lng: 115.86, lat: 28.68 },
        startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(), endsAt: new Date(Date.now() + 50 * 3_600_000).toISOString(), capacity: 3,
      })).json()
      const qr = (await organiser.get(`/api/v1/activities/${a.id}/check-in-code`, { host: 'evil.example' })).json()
      assert.match(qr.url, /^https:\/\/linli\.example\.cn\/h5\/checkin\?activity=/)
      assert.equal(qr.svg, await QRCode.toString(qr.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))
    } finally {
      await other.close()
    }
  })
})
