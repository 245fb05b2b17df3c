// Login hardening (security review, issue 11): the lockout counts every password it checks, even
// under a burst of parallel attempts; a TOTP code works once; logouts and lockouts are audited.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { generate } from 'otplib'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
let cadre: Client
before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '1000' })
  cadre = await t.as('cadre')
})
after(() => t.close())

const PASSWORD = 'Own!Secret2026'
let made = 0
/** A new person with an account of their own (password already changed), for one test. */
async function newAccount(): Promise<{ username: string; accountId: string; personId: string }> {
  const username = `login_test_${++made}`
  const res = await cadre.post('/api/v1/people', { name: `登录测试${made}`, username, password: 'Temp#2026xy', role: { role: 'resident', orgId: t.fixtures.buildingId } })
  assert.equal(res.statusCode, 201, res.body)
  const client = await t.as(username, 'Temp#2026xy')
  assert.equal((await client.post('/api/v1/auth/password', { currentPassword: 'Temp#2026xy', newPassword: PASSWORD })).statusCode, 204)
  const [row] = await t.query<{ id: string }>(sql`SELECT id::text FROM accounts WHERE username = ${username}`)
  return { username, accountId: row!.id, personId: res.json().id }
}

const login = (username: string, password: string, totpCode?: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-linli-csrf': '1' }, payload: { username, password, ...(totpCode ? { totpCode } : {}) } })

const auditCount = async (action: string, entityId: string) =>
  (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND entity_id = ${entityId}`))[0]!.n

describe('lockout', () => {
  test('twenty parallel wrong passwords: only five are checked, the sixth and later are refused 423', async () => {
    const a = await newAccount()
    const answers = await Promise.all(Array.from({ length: 20 }, () => login(a.username, 'Wrong@2026x')))
    const codes = answers.map((r) => r.statusCode)
    assert.equal(codes.filter((c) => c === 401).length, 4, `four wrong passwords answered as such: ${codes.join(',')}`)
    assert.equal(codes.filter((c) => c === 423).length, 16, 'the fifth locked the account, the rest found it locked')
    assert.ok(answers.filter((r) => r.statusCode === 423).every((r) => r.json().error.code === 'ACCOUNT_LOCKED'))
    assert.equal(await auditCount('auth.login_failed', a.accountId), 5, 'five password checks counted')
    assert.equal(await auditCount('auth.lockout', a.accountId), 1, 'the lockout is in the audit trail once')
    assert.equal((await login(a.username, PASSWORD)).statusCode, 423, 'the right password is refused while locked')
  })
})

describe('TOTP', () => {
  async function withTotp() {
    const a = await newAccount()
    const client = await t.as(a.username, PASSWORD)
    const { secret } = (await client.post('/api/v1/auth/totp/setup')).json()
    const code = await generate({ secret })
    assert.equal((await client.post('/api/v1/auth/totp/enable', { code })).statusCode, 204)
    return { ...a, secret, enableCode: code }
  }

  test('a code is accepted once: the one that enabled TOTP, and a login code used again, are refused', async () => {
    const a = await withTotp()
    const replayed = await login(a.username, PASSWORD, a.enableCode)
    assert.equal(replayed.statusCode, 401)
    assert.equal(replayed.json().error.code, 'TOTP_INVALID')
    const next = await generate({ secret: a.secret, epoch: Math.floor(Date.now() / 1000) + 30 })
    assert.equal((await login(a.username, PASSWORD, next)).statusCode, 200)
    const again = await login(a.username, PASSWORD, next)
    assert.equal(again.statusCode, 401)
    assert.equal(again.json().error.code, 'TOTP_INVALID')
  })

  test('TOTP_REQUIRED comes only after the right password; wrong codes count towards the lockout', async () => {
    const a = await withTotp()
    const wrongPassword = await login(a.username, 'Wrong@2026x')
    assert.equal(wrongPassword.json().error.code, 'LOGIN_FAILED', 'a wrong password does not reveal that TOTP is on')
    const noCode = await login(a.username, PASSWORD)
    assert.equal(noCode.statusCode, 401)
    assert.equal(noCode.json().error.code, 'TOTP_REQUIRED')
    const codes: string[] = []
    for (let i = 0; i < 4; i++) codes.push((await login(a.username, PASSWORD, '000000')).json().error.code)
    assert.deepEqual(codes.slice(0, 3), ['TOTP_INVALID', 'TOTP_INVALID', 'TOTP_INVALID'])
    assert.equal(codes[3], 'ACCOUNT_LOCKED', 'one wrong password and four wrong codes make five failures')
    const locked = await login(a.username, PASSWORD)
    assert.equal(locked.statusCode, 423, 'while locked, the right password does not even get TOTP_REQUIRED')
  })
})

describe('audit trail', () => {
  test('logging out is audited', async () => {
    const a = await newAccount()
    const client = await t.as(a.username, PASSWORD)
    assert.equal((await client.post('/api/v1/auth/logout')).statusCode, 204)
    const [row] = await t.query<{ actor_person_id: string; entity: string }>(sql`SELECT actor_person_id::text, entity FROM audit_log WHERE action = 'auth.logout' ORDER BY id DESC LIMIT 1`)
    assert.equal(row?.actor_person_id, a.personId)
    assert.equal(row?.entity, 'session')
  })
})
