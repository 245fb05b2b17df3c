// Changing one's own phone (security review, issue 11): the phone is also a login name, so the
// new number must be proven with a code sent to it.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
before(async () => {
  t = await startTestApp({ SMS_RESEND_SEC: '0', LOGIN_IP_PER_MIN: '1000' })
})
after(() => t.close())

const codeFor = (phone: string) => /验证码是 (\d{6})/.exec(t.sms.lastTo(phone)?.text ?? '')?.[1]
const phoneOf = async (personId: string | undefined) => {
  const [row] = await t.query<{ phone_enc: string | null }>(sql`SELECT phone_enc FROM people WHERE id = ${personId}`)
  return row?.phone_enc ? t.pii.decrypt('phone', row.phone_enc) : null
}

describe('changing one\'s own phone', () => {
  test('a code goes to the new number; with it the phone changes and logs in, and the change is audited', async () => {
    const member = await t.as('member')
    const before = await phoneOf(t.fixtures.personIds.member)
    const phone = '13922220001'
    const sent = await member.post('/api/v1/me/phone/code', { phone })
    assert.equal(sent.statusCode, 202)
    const code = codeFor(phone)
    assert.ok(code, 'the new number received a code')
    assert.match(t.sms.lastTo(phone)!.text, /手机号改为本号码/)

    const wrong = await member.post('/api/v1/me/phone', { phone, code: code === '000000' ? '111111' : '000000' })
    assert.equal(wrong.statusCode, 422)
    assert.equal(wrong.json().error.code, 'SMS_CODE_INVALID')
    assert.equal(await phoneOf(t.fixtures.personIds.member), before, 'a wrong code changes nothing')

    const ok = await member.post('/api/v1/me/phone', { phone, code })
    assert.equal(ok.statusCode, 200, ok.body)
    assert.equal(ok.json().phone, phone)
    assert.equal(await phoneOf(t.fixtures.personIds.member), phone)
    const login = await t.anonymous.post('/api/v1/auth/login', { username: phone, password: 'Demo@2026' })
    assert.equal(login.statusCode, 200)
    assert.equal(login.json().person.id, t.fixtures.personIds.member)
    const audited = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.update' AND entity_id = ${t.fixtures.personIds.member}`)
    assert.ok(audited[0]!.n >= 1)
    const again = await member.post('/api/v1/me/phone', { phone, code })
    assert.equal(again.statusCode, 422, 'a code is good once')
  })

  test('a code is bound to the number and to the account that asked for it', async () => {
    const [grid, street] = await t.asEach('grid', 'street')
    const phone = '13922220002'
    await grid.post('/api/v1/me/phone/code', { phone })
    const code = codeFor(phone)!
    const other = await street.post('/api/v1/me/phone', { phone, code })
    assert.equal(other.statusCode, 422, 'someone else cannot use the code')
    const otherNumber = await grid.post('/api/v1/me/phone', { phone: '13922220003', code })
    assert.equal(otherNumber.statusCode, 422, 'nor can it confirm another number')
    assert.equal((await grid.post('/api/v1/me/phone', { phone, code })).statusCode, 200)
  })

  test('a number another account uses is refused at the confirmation, and nothing changes', async () => {
    const resident = await t.as('resident')
    const taken = (await phoneOf(t.fixtures.personIds.cadre))!
    const before = await phoneOf(t.fixtures.personIds.resident)
    const sent = await resident.post('/api/v1/me/phone/code', { phone: taken })
    assert.equal(sent.statusCode, 202, 'asking does not reveal that the number is taken')
    const res = await resident.post('/api/v1/me/phone', { phone: taken, code: codeFor(taken)! })
    assert.equal(res.statusCode, 409)
    assert.match(res.json().error.code, /^PHONE_/, 'as the people module words it (PHONE_TAKEN or PHONE_UNAVAILABLE)')
    assert.equal(await phoneOf(t.fixtures.personIds.resident), before)
  })

  test('the direct edit of one\'s own record cannot change the phone without a code', async () => {
    const cadre = await t.as('cadre')
    const before = await phoneOf(t.fixtures.personIds.cadre)
    const res = await cadre.patch(`/api/v1/people/${t.fixtures.personIds.cadre}`, { phone: '13922220009' })
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().error.code, 'PHONE_CHANGE_NEEDS_CODE')
    assert.equal(await phoneOf(t.fixtures.personIds.cadre), before)
    const name = await cadre.patch(`/api/v1/people/${t.fixtures.personIds.cadre}`, { name: '改名不需验证码' })
    assert.equal(name.statusCode, 200, 'other fields still change directly')
  })

  test('an anonymous caller cannot ask for a phone-change code', async () => {
    assert.equal((await t.anonymous.post('/api/v1/me/phone/code', { phone: '13922220010' })).statusCode, 401)
    assert.equal(t.sms.lastTo('13922220010'), undefined)
  })
})
