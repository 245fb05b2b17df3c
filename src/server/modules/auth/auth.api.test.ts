import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { generate } from 'otplib'
import { demoPassword, sessionCookieOf, startTestApp, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '1000' })
})
after(() => t.close())

const login = (username: string, password: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = { 'x-linli-csrf': '1' }) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { username, password, ...extra } })

describe('login and sessions', () => {
  test('the right password logs in with an httpOnly SameSite=Lax cookie and /me shows the person and roles', async () => {
    const res = await login('cadre', demoPassword)
    assert.equal(res.statusCode, 200)
    const cookie = res.cookies.find((c) => c.name === 'linli_session')!
    assert.equal(cookie.httpOnly, true)
    assert.equal(cookie.sameSite, 'Lax')
    assert.ok(Buffer.from(cookie.value, 'base64url').length >= 16, 'session id carries at least 128 random bits')
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `linli_session=${cookie.value}` } })
    assert.equal(me.statusCode, 200)
    const body = me.json()
    assert.equal(body.person.id, t.fixtures.personIds.cadre)
    assert.deepEqual(body.roles.map((r: { role: string; orgId: string }) => [r.role, r.orgId]), [['community_cadre', t.fixtures.communityId]])
    assert.match(body.roles[0].orgPath, /^\d+(\.\d+)+$/)
  })

  test('a wrong password answers 401 LOGIN_FAILED, the same as an unknown user', async () => {
    const wrong = await login('cadre', 'Wrong@2026x')
    const unknown = await login('nobody-here', 'Wrong@2026x')
    assert.equal(wrong.statusCode, 401)
    assert.equal(unknown.statusCode, 401)
    assert.equal(wrong.json().error.code, 'LOGIN_FAILED')
    // The same answer but for the request id, which is each request's own.
    assert.deepEqual({ ...wrong.json().error, requestId: null }, { ...unknown.json().error, requestId: null })
  })

  test('a person can log in with their phone number instead of the username', async () => {
    const [row] = await t.query<{ phone_enc: string }>(sql`SELECT phone_enc FROM people WHERE id = ${t.fixtures.personIds.grid}`)
    const res = await login(t.pii.decrypt('phone', row!.phone_enc), demoPassword)
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().person.id, t.fixtures.personIds.grid)
  })

  test('every login gets a new session id', async () => {
    const a = sessionCookieOf(await login('street', demoPassword))
    const b = sessionCookieOf(await login('street', demoPassword))
    assert.ok(a && b)
    assert.notEqual(a, b)
  })

  test('five failed logins lock the account for 15 minutes, answering 423 with the unlock time', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await login('member', 'Bad@password1')).statusCode, 401)
    const fifth = await login('member', 'Bad@password1')
    assert.equal(fifth.statusCode, 423)
    const unlockAt = new Date(fifth.json().error.details.unlockAt).getTime()
    assert.ok(Math.abs(unlockAt - (Date.now() + 15 * 60_000)) < 60_000, 'unlock time is 15 minutes ahead')
    assert.match(fifth.json().error.message, /锁定/)
    const right = await login('member', demoPassword)
    assert.equal(right.statusCode, 423, 'even the right password is refused while locked')
    await t.query(sql`UPDATE accounts SET locked_until = now() - interval '1 second' WHERE person_id = ${t.fixtures.personIds.member}`)
    assert.equal((await login('member', demoPassword)).statusCode, 200)
  })

  test('failed logins are written to the audit trail', async () => {
    await login('grid', 'Nope@12345')
    const rows = await t.query<{ action: string }>(sql`SELECT action FROM audit_log WHERE action = 'auth.login_failed' AND entity_id = (SELECT id::text FROM accounts WHERE username = 'grid')`)
    assert.ok(rows.length >= 1)
  })

  test('logout ends the session: the old cookie no longer works', async () => {
    const client = await t.as('district')
    assert.equal((await client.post('/api/v1/auth/logout')).statusCode, 204)
    const me = await client.get('/api/v1/me')
    assert.equal(me.statusCode, 401)
    assert.equal(me.json().error.code, 'SESSION_EXPIRED')
  })

  test('a session idle longer than 30 minutes has expired', async () => {
    const client = await t.as('street')
    const hash = client.cookie!.split('=')[1]!
    await t.query(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'
      WHERE token_hash = encode(sha256(convert_to(${hash}, 'UTF8')), 'hex')`)
    const me = await client.get('/api/v1/me')
    assert.equal(me.statusCode, 401)
    assert.equal(me.json().error.code, 'SESSION_EXPIRED')
  })

  test('a session older than its absolute lifetime has expired even when active', async () => {
    const client = await t.as('street')
    const hash = client.cookie!.split('=')[1]!
    await t.query(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = encode(sha256(convert_to(${hash}, 'UTF8')), 'hex')`)
    assert.equal((await client.get('/api/v1/me')).statusCode, 401)
  })

  test('a session started 11 hours ago that stays active is still valid (absolute lifetime is 12 h)', async () => {
    const client = await t.as('street')
    const [s] = await t.query<{ hours: number }>(sql`SELECT extract(epoch FROM expires_at - created_at)::int / 3600 AS hours FROM sessions ORDER BY id DESC LIMIT 1`)
    assert.equal(s!.hours, 12)
    assert.equal((await client.get('/api/v1/me')).statusCode, 200)
  })

  test('a user sees and ends their own other sessions', async () => {
    const first = await t.as('cadre')
    const second = await t.as('cadre')
    const list = (await second.get('/api/v1/auth/sessions')).json().items as { id: string; current: boolean }[]
    const current = list.find((s) => s.current)!
    const other = list.find((s) => !s.current)!
    assert.ok(current && other)
    assert.equal((await second.delete(`/api/v1/auth/sessions/${current.id === other.id ? '0' : other.id}`)).statusCode, 204)
    const stillWorks = await second.get('/api/v1/me')
    assert.equal(stillWorks.statusCode, 200)
    void first
  })
})

describe('CSRF', () => {
  test('a cookie-authenticated write without Origin or the CSRF header is refused and changes nothing', async () => {
    const client = await t.as('cadre')
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/orgs/${t.fixtures.gridId}`, headers: { cookie: client.cookie! }, payload: { name: '被篡改的网格' } })
    assert.equal(res.statusCode, 403)
    assert.equal(res.json().error.code, 'CSRF_REJECTED')
    const [grid] = await t.query<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${t.fixtures.gridId}`)
    assert.notEqual(grid!.name, '被篡改的网格')
  })

  test('a write from another origin is refused; from the same origin it is accepted', async () => {
    const client = await t.as('cadre')
    const base = { method: 'PATCH' as const, url: `/api/v1/orgs/${t.fixtures.gridId}`, payload: { name: '同源修改网格' } }
    const evil = await t.app.inject({ ...base, headers: { cookie: client.cookie!, origin: 'https://evil.example', host: 'linli.example' } })
    assert.equal(evil.statusCode, 403)
    const same = await t.app.inject({ ...base, headers: { cookie: client.cookie!, origin: 'http://linli.example', host: 'linli.example' } })
    assert.equal(same.statusCode, 200)
  })
})

describe('passwords', () => {
  test('changing the password enforces the policy and ends the other sessions', async () => {
    const other = await t.as('grid')
    const client = await t.as('grid')
    const weak = await client.post('/api/v1/auth/password', { currentPassword: demoPassword, newPassword: 'short' })
    assert.equal(weak.statusCode, 422)
    assert.equal(weak.json().error.code, 'PASSWORD_TOO_WEAK')
    const twoClasses = await client.post('/api/v1/auth/password', { currentPassword: demoPassword, newPassword: 'abcdefgh12' })
    assert.equal(twoClasses.statusCode, 422)
    const withName = await client.post('/api/v1/auth/password', { currentPassword: demoPassword, newPassword: 'Grid@2026xx' })
    assert.equal(withName.statusCode, 422, 'a password containing the username is refused')
    const wrongCurrent = await client.post('/api/v1/auth/password', { currentPassword: 'Nope@2026', newPassword: 'Better#Pass9' })
    assert.equal(wrongCurrent.statusCode, 422)
    assert.equal(wrongCurrent.json().error.code, 'PASSWORD_WRONG')
    const ok = await client.post('/api/v1/auth/password', { currentPassword: demoPassword, newPassword: 'Better#Pass9' })
    assert.equal(ok.statusCode, 204)
    assert.equal((await client.get('/api/v1/me')).statusCode, 200, 'the current session goes on')
    assert.equal((await other.get('/api/v1/me')).statusCode, 401, 'other sessions end')
    assert.equal((await login('grid', 'Better#Pass9')).statusCode, 200)
    assert.equal((await login('grid', demoPassword)).statusCode, 401)
  })

  test('an admin reset ends the sessions and forces a change before anything else', async () => {
    const victim = await t.as('resident')
    const cadre = await t.as('cadre')
    const reset = await cadre.post(`/api/v1/people/${t.fixtures.personIds.resident}/password-reset`, {})
    assert.equal(reset.statusCode, 200)
    const temporary = reset.json().temporaryPassword as string
    assert.ok(temporary.length >= 8)
    assert.equal((await victim.get('/api/v1/me')).statusCode, 401)
    const res = await login('resident', temporary)
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().account.mustChangePassword, true)
    const cookie = sessionCookieOf(res)!
    const blocked = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${t.fixtures.buildingId}`, headers: { cookie } })
    assert.equal(blocked.statusCode, 403)
    assert.equal(blocked.json().error.code, 'PASSWORD_CHANGE_REQUIRED')
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie, 'x-linli-csrf': '1' }, payload: { currentPassword: temporary, newPassword: 'Fresh!Start42' } })
    assert.equal(changed.statusCode, 204)
    const open = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${t.fixtures.buildingId}`, headers: { cookie } })
    assert.equal(open.statusCode, 200)
  })
})

describe('API tokens', () => {
  test('an admin in scope issues a token shown once, usable as Bearer, scoped, and revocable', async () => {
    const street = await t.as('street')
    const created = await street.post('/api/v1/auth/tokens', { name: '网格数据同步', orgId: t.fixtures.communityId, role: 'community_cadre' })
    assert.equal(created.statusCode, 201)
    const { id, token } = created.json()
    assert.match(token, /^lt_/)
    const listed = (await street.get('/api/v1/auth/tokens')).json().items
    assert.ok(listed.some((x: { id: string }) => x.id === id))
    assert.ok(!JSON.stringify(listed).includes(token), 'the token is never shown again')
    const [stored] = await t.query<{ token_hash: string }>(sql`SELECT token_hash FROM api_tokens WHERE id = ${id}`)
    assert.notEqual(stored!.token_hash, token)

    const machine = t.withToken(token)
    assert.equal((await machine.get(`/api/v1/orgs/${t.fixtures.gridId}`)).statusCode, 200)
    assert.equal((await machine.get(`/api/v1/orgs/${t.fixtures.otherGridId}`)).statusCode, 404, 'outside its org, as if absent')
    const rename = await machine.patch(`/api/v1/orgs/${t.fixtures.siblingGridId}`, { name: '令牌改名网格' })
    assert.equal(rename.statusCode, 200, 'a token writes without a CSRF header')

    assert.equal((await street.delete(`/api/v1/auth/tokens/${id}`)).statusCode, 204)
    const after = await machine.get(`/api/v1/orgs/${t.fixtures.gridId}`)
    assert.equal(after.statusCode, 401)
    assert.equal(after.json().error.code, 'TOKEN_INVALID')
  })

  test('a community cadre cannot issue tokens, nor can a street admin issue one outside the street', async () => {
    const cadre = await t.as('cadre')
    assert.equal((await cadre.post('/api/v1/auth/tokens', { name: 'x', orgId: t.fixtures.communityId, role: 'grid_worker' })).statusCode, 403)
    const street = await t.as('street')
    assert.equal((await street.post('/api/v1/auth/tokens', { name: 'x', orgId: t.fixtures.otherCommunityId, role: 'grid_worker' })).statusCode, 404)
    assert.equal((await street.post('/api/v1/auth/tokens', { name: 'x', orgId: t.fixtures.streetId, role: 'admin' })).statusCode, 403, 'no more than they hold')
    const count = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM api_tokens WHERE name = 'x'`)
    assert.equal(count[0]!.n, 0)
  })

  test('a garbage bearer token answers 401', async () => {
    const res = await t.withToken('lt_not-a-real-token-at-all').get('/api/v1/me')
    assert.equal(res.statusCode, 401)
  })
})

describe('TOTP second factor', () => {
  test('a user enables TOTP and then needs the code to log in', async () => {
    const client = await t.as('district')
    const setup = await client.post('/api/v1/auth/totp/setup')
    assert.equal(setup.statusCode, 200)
    const { secret, otpauthUri } = setup.json()
    assert.match(otpauthUri, /^otpauth:\/\/totp\//)
    assert.equal((await client.post('/api/v1/auth/totp/enable', { code: '000000' })).statusCode, 422)
    assert.equal((await client.post('/api/v1/auth/totp/enable', { code: await generate({ secret }) })).statusCode, 204)

    const noCode = await login('district', demoPassword)
    assert.equal(noCode.statusCode, 401)
    assert.equal(noCode.json().error.code, 'TOTP_REQUIRED')
    const badCode = await login('district', demoPassword, { totpCode: '123456' })
    assert.equal(badCode.json().error.code, 'TOTP_INVALID')
    // The code that enabled TOTP is spent; the next 30-second step's code is accepted.
    const good = await login('district', demoPassword, { totpCode: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) })
    assert.equal(good.statusCode, 200)
  })

  test('an admin makes TOTP mandatory for admin roles: an admin without it may only set it up', async () => {
    const admin = await t.as('admin')
    assert.equal((await (await t.as('cadre')).put('/api/v1/settings/security', { mfaRequiredForAdmins: true })).statusCode, 403)
    assert.equal((await admin.put('/api/v1/settings/security', { mfaRequiredForAdmins: true })).statusCode, 200)
    const street = await t.as('street')
    const me = (await street.get('/api/v1/me')).json()
    assert.equal(me.account.totpSetupRequired, true)
    const blocked = await street.get(`/api/v1/orgs/${t.fixtures.streetId}`)
    assert.equal(blocked.statusCode, 403)
    assert.equal(blocked.json().error.code, 'TOTP_SETUP_REQUIRED')
    const { secret } = (await street.post('/api/v1/auth/totp/setup')).json()
    assert.equal((await street.post('/api/v1/auth/totp/enable', { code: await generate({ secret }) })).statusCode, 204)
    assert.equal((await street.get(`/api/v1/orgs/${t.fixtures.streetId}`)).statusCode, 200)
    const cadre = await t.as('cadre')
    assert.equal((await cadre.get(`/api/v1/orgs/${t.fixtures.communityId}`)).statusCode, 200, 'non-admin roles are not affected')
    await admin.put('/api/v1/settings/security', { mfaRequiredForAdmins: false })
  })
})

describe('account administration', () => {
  test('disabling an account ends its sessions and refuses login; enabling restores it', async () => {
    const victim = await t.as('member')
    const cadre = await t.as('cadre')
    const disabled = await cadre.post(`/api/v1/people/${t.fixtures.personIds.member}/disable`)
    assert.equal(disabled.statusCode, 200)
    assert.equal(disabled.json().account.disabled, true)
    assert.equal((await victim.get('/api/v1/me')).statusCode, 401)
    assert.equal((await login('member', demoPassword)).statusCode, 403)
    assert.equal((await cadre.post(`/api/v1/people/${t.fixtures.personIds.member}/enable`)).statusCode, 200)
    assert.equal((await login('member', demoPassword)).statusCode, 200)
  })

  test('an admin lists and ends a person\'s sessions', async () => {
    await t.as('resident', demoPassword).catch(() => undefined)
    const target = await t.as('grid', 'Better#Pass9').catch(async () => t.as('grid'))
    const cadre = await t.as('cadre')
    const list = await cadre.get(`/api/v1/people/${t.fixtures.personIds.grid}/sessions`)
    assert.equal(list.statusCode, 200)
    assert.ok(list.json().items.length >= 1)
    assert.equal((await cadre.delete(`/api/v1/people/${t.fixtures.personIds.grid}/sessions`)).statusCode, 204)
    assert.equal((await target.get('/api/v1/me')).statusCode, 401)
  })

  test('a grid worker cannot even see a cadre (404), and a cadre cannot reset a fellow cadre (403)', async () => {
    const grid = await t.as('grid', 'Better#Pass9').catch(async () => t.as('grid'))
    assert.equal((await grid.post(`/api/v1/people/${t.fixtures.personIds.cadre}/password-reset`, {})).statusCode, 404)
    assert.equal((await grid.delete(`/api/v1/people/${t.fixtures.personIds.cadre}/sessions`)).statusCode, 404)
    const [peer] = await t.query<{ id: string }>(sql`SELECT person_id::text AS id FROM role_assignments
      WHERE org_id = ${t.fixtures.communityId} AND role = 'community_cadre' AND person_id <> ${t.fixtures.personIds.cadre} LIMIT 1`)
    const cadre = await t.as('cadre')
    assert.equal((await cadre.get(`/api/v1/people/${peer!.id}`)).statusCode, 200)
    assert.equal((await cadre.post(`/api/v1/people/${peer!.id}/disable`)).statusCode, 403)
  })
})

describe('per-IP login throttle', () => {
  test('too many login attempts from one address answer 429', async () => {
    const small = await startTestApp({ LOGIN_IP_PER_MIN: '3' })
    try {
      const codes = []
      for (let i = 0; i < 5; i++) {
        const r = await small.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-linli-csrf': '1' }, payload: { username: 'nobody', password: 'x' } })
        codes.push(r.statusCode)
        if (r.statusCode === 429) assert.equal(r.json().error.code, 'TOO_MANY_REQUESTS')
      }
      assert.deepEqual(codes, [401, 401, 401, 429, 429])
    } finally {
      await small.close()
    }
  })
})
