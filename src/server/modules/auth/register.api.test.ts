import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { sessionCookieOf, startTestApp, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
let home: { lng: number; lat: number }
before(async () => {
  t = await startTestApp({ SMS_RESEND_SEC: '0' })
  const [c] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) lng, ST_Y(ST_PointOnSurface(geometry)) lat FROM orgs WHERE id = ${t.fixtures.gridId}`)
  home = c!
})
after(() => t.close())

const codeFor = (phone: string) => /验证码是 (\d{6})/.exec(t.sms.lastTo(phone)?.text ?? '')?.[1]

describe('self-registration on the phone pages', () => {
  test('a resident asks for a code, registers with it, is logged in, and sees their grid and grid worker', async () => {
    const phone = '13811112222'
    const sent = await t.anonymous.post('/api/v1/auth/sms-codes', { phone, purpose: 'register' })
    assert.equal(sent.statusCode, 202)
    assert.equal(sent.json().expiresInSec, 300)
    const code = codeFor(phone)
    assert.ok(code, 'the console provider received the code')
    const [stored] = await t.query<{ code_hash: string }>(sql`SELECT code_hash FROM sms_codes WHERE phone = ${phone}`)
    assert.notEqual(stored!.code_hash, code, 'only a hash of the code is stored')

    const res = await t.anonymous.post('/api/v1/auth/register', { phone, code, password: 'Home#2026ab', name: '张新居', ...home })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().person.name, '张新居')
    assert.deepEqual(res.json().roles.map((r: { role: string; orgId: string }) => [r.role, r.orgId]), [['resident', t.fixtures.gridId]])
    const cookie = sessionCookieOf(res)!
    const grid = await t.app.inject({ method: 'GET', url: '/api/v1/me/grid', headers: { cookie } })
    assert.equal(grid.statusCode, 200)
    const body = grid.json()
    assert.equal(body.grid.id, t.fixtures.gridId)
    assert.equal(body.community.id, t.fixtures.communityId)
    assert.ok(body.workers.some((w: { personId: string }) => w.personId === t.fixtures.personIds.grid), 'the demo grid worker is listed')
    assert.ok(body.workers.every((w: { phone: string }) => /^1\d{10}$/.test(w.phone)), 'duty phones are shown in full')

    const again = await t.anonymous.post('/api/v1/auth/login', { username: phone, password: 'Home#2026ab' })
    assert.equal(again.statusCode, 200)
    const [person] = await t.query<{ phone_enc: string; phone_mask: string; username: string }>(sql`
      SELECT p.phone_enc, p.phone_mask, a.username FROM people p JOIN accounts a ON a.person_id = p.id WHERE p.phone_hash = ${t.pii.hash('phone', phone)}`)
    assert.equal(person!.phone_mask, '138****2222')
    assert.ok(!person!.phone_enc.includes(phone) && !person!.username.includes(phone), 'the phone is stored sealed, not as the username')
    assert.equal(t.pii.decrypt('phone', person!.phone_enc), phone)
  })

  test('a wrong code is refused, counts as an attempt, and the fifth wrong try spends the code', async () => {
    const phone = '13811113333'
    await t.anonymous.post('/api/v1/auth/sms-codes', { phone, purpose: 'register' })
    const code = codeFor(phone)!
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) {
      const res = await t.anonymous.post('/api/v1/auth/register', { phone, code: wrong, password: 'Home#2026ab', name: '李', ...home })
      assert.equal(res.statusCode, 422)
      assert.equal(res.json().error.code, 'SMS_CODE_INVALID')
    }
    const right = await t.anonymous.post('/api/v1/auth/register', { phone, code, password: 'Home#2026ab', name: '李', ...home })
    assert.equal(right.statusCode, 422, 'after five wrong tries even the right code is refused')
    const [n] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM people WHERE phone_hash = ${t.pii.hash('phone', phone)}`)
    assert.equal(n!.n, 0)
  })

  test('asking for a code does not tell whether a phone is registered: the same answer, and the SMS says it instead', async () => {
    const [demo] = await t.query<{ phone_enc: string }>(sql`SELECT phone_enc FROM people WHERE id = ${t.fixtures.personIds.cadre}`)
    const registered = t.pii.decrypt('phone', demo!.phone_enc)
    const taken = await t.anonymous.post('/api/v1/auth/sms-codes', { phone: registered, purpose: 'register' })
    const fresh = await t.anonymous.post('/api/v1/auth/sms-codes', { phone: '13811116666', purpose: 'register' })
    assert.equal(taken.statusCode, 202)
    assert.equal(taken.statusCode, fresh.statusCode)
    assert.deepEqual(taken.json(), fresh.json())
    const told = t.sms.lastTo(registered)!.text
    assert.match(told, /已注册/)
    assert.equal(codeFor(registered), undefined, 'no code goes to a registered phone')
    const before = (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`))[0]!.n
    // From an address of its own: the route allows ten registrations a minute per address.
    const attempt = await t.anonymous.request({ method: 'POST', url: '/api/v1/auth/register', remoteAddress: '198.51.100.77', payload: { phone: registered, code: '123456', password: 'Home#2026ab', name: '冒名', ...home } })
    assert.equal(attempt.statusCode, 422)
    assert.equal(attempt.json().error.code, 'SMS_CODE_INVALID', 'the last step fails as for any wrong code')
    assert.equal((await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`))[0]!.n, before)
  })

  test('a weak password or a home outside every grid is refused and nothing is written', async () => {
    const phone = '13811114444'
    await t.anonymous.post('/api/v1/auth/sms-codes', { phone, purpose: 'register' })
    const code = codeFor(phone)!
    const before = (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`))[0]!.n
    const weak = await t.anonymous.post('/api/v1/auth/register', { phone, code, password: 'password', name: '王', ...home })
    assert.equal(weak.statusCode, 422)
    assert.equal(weak.json().error.code, 'PASSWORD_TOO_WEAK')
    const outside = await t.anonymous.post('/api/v1/auth/register', { phone, code, password: 'Home#2026ab', name: '王', lng: 110, lat: 30 })
    assert.equal(outside.statusCode, 422)
    assert.equal(outside.json().error.code, 'LOCATION_OUTSIDE')
    assert.equal((await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`))[0]!.n, before)
    const ok = await t.anonymous.post('/api/v1/auth/register', { phone, code, password: 'Home#2026ab', name: '王', ...home })
    assert.equal(ok.statusCode, 201, 'the code survived the refused attempts that were not wrong guesses')
  })

  test('codes cannot be requested again within the resend window', async () => {
    const slow = await startTestApp({ SMS_RESEND_SEC: '60' })
    try {
      const first = await slow.anonymous.post('/api/v1/auth/sms-codes', { phone: '13811115555', purpose: 'register' })
      assert.equal(first.statusCode, 202)
      const second = await slow.anonymous.post('/api/v1/auth/sms-codes', { phone: '13811115555', purpose: 'register' })
      assert.equal(second.statusCode, 429)
      assert.equal(second.json().error.code, 'SMS_CODE_TOO_SOON')
      assert.ok(second.json().error.details.retryAfterSec > 0)
    } finally {
      await slow.close()
    }
  })

  test('/me/grid needs a login, and a person with no grid is told so', async () => {
    assert.equal((await t.anonymous.get('/api/v1/me/grid')).statusCode, 401)
    const admin = await t.as('admin')
    const res = await admin.get('/api/v1/me/grid')
    assert.equal(res.statusCode, 404)
    assert.equal(res.json().error.code, 'NO_GRID_FOR_PERSON')
    const resident = await t.as('resident')
    const mine = (await resident.get('/api/v1/me/grid')).json()
    assert.equal(mine.grid.id, t.fixtures.gridId)
    assert.equal(mine.home.id, t.fixtures.buildingId)
  })
})

/** Registration is rate-limited per address: these tests come from addresses of their own. */
const fromAddress = (ip: string) => (url: string, payload: Record<string, unknown>) => t.anonymous.request({ method: 'POST', url, remoteAddress: ip, payload })

describe('choosing where one lives by community and building (issue 13: registration asked for coordinates)', () => {
  test('the public lists find a community by name and its buildings; a resident registers with the building they picked', async () => {
    const [community] = await t.query<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${t.fixtures.communityId}`)
    const found = await t.anonymous.get(`/api/v1/public/communities?q=${encodeURIComponent(community!.name.slice(0, 2))}`)
    assert.equal(found.statusCode, 200)
    const hit = (found.json().items as { id: string; name: string; streetName: string }[]).find((c) => c.id === t.fixtures.communityId)
    assert.ok(hit && hit.streetName, 'the community is found with its street')
    const buildings = await t.anonymous.get(`/api/v1/public/communities/${t.fixtures.communityId}/buildings`)
    assert.equal(buildings.statusCode, 200)
    const items = buildings.json().items as { id: string; name: string; gridName: string | null; estateName: string | null }[]
    assert.ok(items.length > 0)
    const [expected] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs b JOIN orgs c ON b.path <@ c.path WHERE c.id = ${t.fixtures.communityId} AND b.kind = 'building' AND b.deleted_at IS NULL`)
    assert.equal(items.length, expected!.n)
    // Places only (name, grid, estate, centre): nothing about who lives there.
    assert.deepEqual(Object.keys(items[0]!).sort(), ['estateName', 'gridName', 'id', 'lat', 'lng', 'name'])
    assert.ok(items.some((b) => b.estateName), 'buildings in an estate say which')

    const phone = '13811116666'
    const post = fromAddress('198.51.100.91')
    await post('/api/v1/auth/sms-codes', { phone, purpose: 'register' })
    const res = await post('/api/v1/auth/register', { phone, code: codeFor(phone), password: 'Home#2026ab', name: '赵楼栋', buildingId: items[0]!.id })
    assert.equal(res.statusCode, 201, res.body)
    assert.deepEqual(res.json().roles.map((r: { role: string; orgId: string }) => [r.role, r.orgId]), [['resident', items[0]!.id]])
    const grid = await t.app.inject({ method: 'GET', url: '/api/v1/me/grid', headers: { cookie: sessionCookieOf(res)! } })
    assert.equal(grid.statusCode, 200)
    assert.equal(grid.json().grid.name, items[0]!.gridName)
  })

  test('a building that is not one, both a building and a point, or neither, is refused and nothing is written', async () => {
    const phone = '13811117777'
    const post = fromAddress('198.51.100.92')
    await post('/api/v1/auth/sms-codes', { phone, purpose: 'register' })
    const code = codeFor(phone)
    const before = (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`))[0]!.n
    const body = { phone, code, password: 'Home#2026ab', name: '钱' }
    const notBuilding = await post('/api/v1/auth/register', { ...body, buildingId: t.fixtures.gridId })
    assert.equal(notBuilding.statusCode, 404)
    assert.equal(notBuilding.json().error.details[0].path, 'buildingId')
    assert.equal((await post('/api/v1/auth/register', { ...body, buildingId: '999999999' })).statusCode, 404)
    assert.equal((await post('/api/v1/auth/register', { ...body, buildingId: '1', ...home })).statusCode, 400)
    assert.equal((await post('/api/v1/auth/register', body)).statusCode, 400)
    assert.equal((await t.anonymous.get('/api/v1/public/communities/999999999/buildings')).statusCode, 404)
    assert.equal((await t.anonymous.get(`/api/v1/public/communities/${t.fixtures.gridId}/buildings`)).statusCode, 404)
    assert.equal((await t.anonymous.get('/api/v1/public/communities?limit=1000')).statusCode, 400)
    assert.equal((await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`))[0]!.n, before)
  })

  test('a point near a building is named by it (reverse geocoding from Linli’s own buildings)', async () => {
    const [b] = await t.query<{ id: string; name: string; lng: number; lat: number }>(sql`SELECT b.id::text, b.name, ST_X(b.geometry) AS lng, ST_Y(b.geometry) AS lat
      FROM orgs b JOIN orgs g ON b.path <@ g.path WHERE g.id = ${t.fixtures.gridId} AND b.kind = 'building' AND b.deleted_at IS NULL ORDER BY b.id LIMIT 1`)
    const res = await t.anonymous.get(`/api/v1/geo/locate?lng=${b!.lng + 0.0001}&lat=${b!.lat}`)
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().building.id, b!.id)
    assert.equal(res.json().building.community.id, t.fixtures.communityId)
    assert.ok(res.json().building.distanceM > 0 && res.json().building.distanceM < 20)
  })
})

describe('signing in with an SMS code (issue 13: easier login for residents)', () => {
  test('a registered resident asks for a login code and signs in with it; the code is good once', async () => {
    const post = fromAddress('198.51.100.93')
    const phone = '13811118888'
    await post('/api/v1/auth/sms-codes', { phone, purpose: 'register' })
    const registered = await post('/api/v1/auth/register', { phone, code: codeFor(phone), password: 'Home#2026ab', name: '孙短信', ...home })
    assert.equal(registered.statusCode, 201, registered.body)
    const sent = await post('/api/v1/auth/sms-codes', { phone, purpose: 'login' })
    assert.equal(sent.statusCode, 202)
    assert.match(t.sms.lastTo(phone)!.text, /登录验证码是 \d{6}/)
    const code = codeFor(phone)!
    const wrong = await post('/api/v1/auth/login/sms', { phone, code: code === '000000' ? '000001' : '000000' })
    assert.equal(wrong.statusCode, 422)
    assert.equal(wrong.json().error.code, 'SMS_CODE_INVALID')
    const ok = await post('/api/v1/auth/login/sms', { phone, code })
    assert.equal(ok.statusCode, 200, ok.body)
    assert.equal(ok.json().person.name, '孙短信')
    assert.ok(sessionCookieOf(ok), 'a session cookie is set')
    assert.equal((await post('/api/v1/auth/login/sms', { phone, code })).statusCode, 422, 'a code is good once')
    const [audit] = await t.query<{ after: { method: string } }>(sql`SELECT after FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1`)
    assert.deepEqual(audit!.after, { method: 'sms' })
  })

  test('a phone without an account gets no code but the same answer; bad input is refused', async () => {
    const post = fromAddress('198.51.100.94')
    const phone = '13811119999'
    const sent = await post('/api/v1/auth/sms-codes', { phone, purpose: 'login' })
    assert.equal(sent.statusCode, 202)
    assert.match(t.sms.lastTo(phone)!.text, /还没有注册/)
    assert.equal(codeFor(phone), undefined)
    assert.equal((await post('/api/v1/auth/login/sms', { phone, code: '123456' })).statusCode, 422)
    assert.equal((await post('/api/v1/auth/login/sms', { phone, code: '12' })).statusCode, 400)
    assert.equal((await post('/api/v1/auth/login/sms', { phone: '123', code: '123456' })).statusCode, 400)
    assert.equal((await post('/api/v1/auth/sms-codes', { phone, purpose: 'reset' })).statusCode, 400)
  })
})

describe('the password rule as configured (issue 13: the form explains it before the first try)', () => {
  test('GET /public/password-policy answers the configured rule, and registration holds to it', async () => {
    assert.deepEqual((await t.anonymous.get('/api/v1/public/password-policy')).json(), { minLength: 8, minClasses: 3 })
    const strict = await startTestApp({ SMS_RESEND_SEC: '0', PASSWORD_MIN_LENGTH: '12', PASSWORD_MIN_CLASSES: '4' })
    try {
      assert.deepEqual((await strict.anonymous.get('/api/v1/public/password-policy')).json(), { minLength: 12, minClasses: 4 })
      const phone = '13811117777'
      await strict.anonymous.post('/api/v1/auth/sms-codes', { phone, purpose: 'register' })
      const code = /验证码是 (\d{6})/.exec(strict.sms.lastTo(phone)?.text ?? '')?.[1]
      const weak = await strict.anonymous.post('/api/v1/auth/register', { phone, code, password: 'Home#2026ab', name: '严规则', ...home })
      assert.equal(weak.statusCode, 422, 'eleven characters are too few under this rule')
      assert.equal(weak.json().error.code, 'PASSWORD_TOO_WEAK')
      const ok = await strict.anonymous.post('/api/v1/auth/register', { phone, code, password: 'Home#2026abcd', name: '严规则', ...home })
      assert.equal(ok.statusCode, 201, ok.body)
    } finally {
      await strict.close()
    }
  })
})
