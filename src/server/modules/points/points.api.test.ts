import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'

/** An error body without its request id (every answer has its own), to compare two answers. */
const errorOf = (res: { json(): { error: Record<string, unknown> } }) => {
  const { requestId: _requestId, ...error } = res.json().error
  return error
}

let t: TestApp
let district: Client, street: Client, cadre: Client, grid: Client, member: Client, resident: Client, otherCadre: Client, shopkeeper: Client
let merchantId: string, farMerchantId: string

/** A person with a login that copies the demo password, holding `role` on `orgId` (or no role). */
async function makeLogin(username: string, role: string | null, orgId: string | null): Promise<string> {
  const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES (${'测试' + username}) RETURNING id::text`)
  if (role) await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${p!.id}, ${role}, ${orgId})`)
  await t.query(sql`INSERT INTO accounts (person_id, username, password_hash) SELECT ${p!.id}, ${username}, password_hash FROM accounts WHERE username = 'cadre'`)
  return p!.id
}

before(async () => {
  t = await startTestApp()
  await makeLogin('points_other_cadre', 'community_cadre', t.fixtures.otherCommunityId)
  const shopkeeperId = await makeLogin('points_shopkeeper', null, null)
  ;[{ id: merchantId }, { id: farMerchantId }] = await t.query<{ id: string }>(sql`INSERT INTO units (name, kind, org_id) VALUES
    ('测试便民超市', 'merchant', ${t.fixtures.streetId}), ('外街道商户', 'merchant', ${t.fixtures.otherStreetId}) RETURNING id::text`) as [{ id: string }, { id: string }]
  await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${merchantId}, ${shopkeeperId}, 'staff')`)
  ;[district, street, cadre, grid, member, resident, otherCadre, shopkeeper] = await t.asEach('district', 'street', 'cadre', 'grid', 'member', 'resident', 'points_other_cadre', 'points_shopkeeper')
})
after(() => t.close())

const ids = () => t.fixtures.personIds
const awardBody = (over: Record<string, unknown> = {}) => ({ personId: ids().resident, ruleCode: 'good_deed', quantity: 1, orgId: t.fixtures.communityId, reason: '帮助独居老人搬运年货', ...over })
const count = async (table: string) => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n
const ledgerSize = async () => `${await count('points_transactions')}/${await count('points_postings')}/${await count('points_redemptions')}`
const balance = async (personId: string) => Number((await t.query<{ b: string }>(sql`SELECT balance::text AS b FROM points_accounts WHERE person_id = ${personId}`))[0]?.b ?? 0)

/** A fresh person with `points` on their account (given by the street), living in the demo grid's building. */
async function personWith(points: number): Promise<string> {
  const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('积分测试居民') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${p!.id}, 'resident', ${t.fixtures.buildingId})`)
  if (points > 0) {
    await t.database.db.transaction((tx) => t.app.services.points.award(tx, { ruleCode: 'volunteer_hour', personId: p!.id, quantity: points / 10, orgId: t.fixtures.gridId, memo: '测试', idempotencyKey: `test:seed:${p!.id}` }))
  }
  return p!.id
}

describe('points accounts and manual awards', () => {
  test('a cadre awards points with a reason; the resident, the grid worker and the cadre read the account, a member and another community do not', async () => {
    const start = (await resident.get('/api/v1/points/accounts/me')).json().balance as number
    const res = await cadre.post('/api/v1/points/awards', awardBody())
    assert.equal(res.statusCode, 201, res.body)
    const tx = res.json()
    assert.equal(tx.kind, 'award')
    assert.equal(tx.memo, '帮助独居老人搬运年货')
    assert.equal(tx.createdBy.id, ids().cadre)
    assert.deepEqual(tx.postings.map((p: { amount: number }) => p.amount).sort((a: number, b: number) => a - b), [-50, 50])
    const mine = (await resident.get('/api/v1/points/accounts/me')).json()
    assert.equal(mine.balance, start + 50)
    assert.equal(mine.postings.items[0].transactionId, tx.id)
    for (const c of [resident, grid, cadre, street]) assert.equal((await c.get(`/api/v1/points/accounts/${mine.id}`)).json().balance, start + 50)
    for (const c of [member, otherCadre]) {
      const r = await c.get(`/api/v1/points/accounts/${mine.id}`)
      assert.equal(r.statusCode, 404)
      assert.equal(r.json().error.code, 'POINTS_ACCOUNT_NOT_FOUND')
      assert.equal((await c.get(`/api/v1/points/transactions/${tx.id}`)).statusCode, 404)
    }
    assert.equal((await resident.get(`/api/v1/points/transactions/${tx.id}`)).statusCode, 200, 'a party to the transaction reads it')
    const [audit] = await t.query<{ entity_id: string; entity: string }>(sql`SELECT entity, entity_id FROM audit_log WHERE action = 'points.award' ORDER BY id DESC LIMIT 1`)
    const [entry] = await t.query<{ id: string }>(sql`SELECT id::text FROM points_manual_awards WHERE transaction_id = ${tx.id}`)
    assert.deepEqual([audit!.entity, audit!.entity_id], ['points_manual_award', entry!.id], 'the entry is listed for review and audited')
  })

  test('a retry with the same idempotency key answers the first transaction and pays once', async () => {
    const person = await personWith(0)
    const body = awardBody({ personId: person, idempotencyKey: 'client-retry-0001' })
    const first = await cadre.post('/api/v1/points/awards', body)
    const again = await cadre.post('/api/v1/points/awards', body)
    assert.equal(first.statusCode, 201)
    assert.equal(again.statusCode, 200)
    assert.equal(again.json().id, first.json().id)
    assert.equal(await balance(person), 50)
  })

  test('writes need a cadre in scope: a grid worker is refused with 403, another community’s cadre finds neither the node nor the person', async () => {
    const before = await ledgerSize()
    assert.equal((await grid.post('/api/v1/points/awards', awardBody())).statusCode, 403)
    assert.equal((await otherCadre.post('/api/v1/points/awards', awardBody())).json().error.code, 'ORG_NOT_FOUND')
    assert.equal((await resident.post('/api/v1/points/awards', awardBody())).statusCode, 403)
    assert.equal((await t.anonymous.post('/api/v1/points/awards', awardBody())).statusCode, 401)
    const elsewhere = await otherCadre.post('/api/v1/points/awards', awardBody({ orgId: t.fixtures.otherCommunityId }))
    assert.equal(elsewhere.statusCode, 404, 'in the name of their own community, still not for a person of another street')
    assert.equal(elsewhere.json().error.code, 'PERSON_NOT_FOUND')
    assert.equal(await ledgerSize(), before)
  })

  test('bad input is refused in the error shape and writes nothing', async () => {
    const before = await ledgerSize()
    const cases: [Record<string, unknown>, number, string][] = [
      [awardBody({ reason: '' }), 400, 'VALIDATION_FAILED'],
      [awardBody({ unitId: merchantId }), 400, 'VALIDATION_FAILED'],
      [awardBody({ personId: undefined }), 400, 'VALIDATION_FAILED'],
      [awardBody({ quantity: 0 }), 400, 'VALIDATION_FAILED'],
      [awardBody({ quantity: 1.234 }), 400, 'VALIDATION_FAILED'],
      [awardBody({ extra: true }), 400, 'VALIDATION_FAILED'],
      [awardBody({ idempotencyKey: 'short' }), 400, 'VALIDATION_FAILED'],
      [awardBody({ ruleCode: 'no_such_rule' }), 404, 'POINTS_RULE_NOT_FOUND'],
      [awardBody({ personId: '999999999' }), 404, 'PERSON_NOT_FOUND'],
      [awardBody({ orgId: '999999999' }), 404, 'ORG_NOT_FOUND'],
      [awardBody({ ruleCode: 'rating_five_star', quantity: 0.05 }), 422, 'POINTS_AMOUNT_ZERO'],
    ]
    for (const [body, status, code] of cases) {
      const res = await cadre.post('/api/v1/points/awards', body)
      assert.equal(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`)
      assert.equal(res.json().error.code, code)
      assert.ok(res.json().error.message)
    }
    assert.equal((await cadre.get('/api/v1/points/accounts/abc')).statusCode, 400)
    assert.equal((await cadre.get('/api/v1/points/accounts/999999999')).statusCode, 404)
    assert.equal(await ledgerSize(), before)
  })

  test('a deduction takes points back to the issuer and is refused when the balance is short', async () => {
    const person = await personWith(30)
    const before = await ledgerSize()
    const short = await cadre.post('/api/v1/points/awards', awardBody({ personId: person, ruleCode: 'civic_violation', quantity: 2, reason: '楼道堆放杂物' }))
    assert.equal(short.statusCode, 422, short.body)
    assert.equal(short.json().error.code, 'POINTS_BALANCE_INSUFFICIENT')
    assert.equal(await ledgerSize(), before)
    const ok = await cadre.post('/api/v1/points/awards', awardBody({ personId: person, ruleCode: 'civic_violation', quantity: 1, reason: '楼道堆放杂物' }))
    assert.equal(ok.statusCode, 201)
    assert.equal(ok.json().kind, 'deduction')
    assert.equal(await balance(person), 10)
  })

  test('a unit can be awarded too, and the accounts list shows only what the caller’s scope holds', async () => {
    const res = await street.post('/api/v1/points/awards', awardBody({ personId: undefined, unitId: merchantId, orgId: t.fixtures.streetId, reason: '共建活动提供场地' }))
    assert.equal(res.statusCode, 201, res.body)
    const units = (await street.get('/api/v1/points/accounts?ownerKind=unit')).json().items as { owner: { id: string }; balance: number }[]
    assert.ok(units.some((a) => a.owner.id === merchantId && a.balance === 50))
    const issuers = (await street.get('/api/v1/points/accounts?ownerKind=org')).json().items as { owner: { id: string }; balance: number }[]
    assert.ok(issuers.some((a) => a.owner.id === t.fixtures.streetId && a.balance < 0), 'the issuer is negative by the points in circulation')
    const fromCadre = (await cadre.get('/api/v1/points/accounts?limit=200')).json().items as { ownerKind: string }[]
    assert.ok(fromCadre.length > 0 && fromCadre.every((a) => a.ownerKind !== 'org'), 'a community cadre does not see the street issuer')
    assert.deepEqual((await resident.get('/api/v1/points/accounts')).json().items, [])
    const shop = (await shopkeeper.get('/api/v1/points/accounts')).json().items
    assert.deepEqual(shop, [])
    const unitAccount = (await street.get('/api/v1/points/accounts?ownerKind=unit')).json().items.find((a: { owner: { id: string } }) => a.owner.id === merchantId)
    assert.equal((await shopkeeper.get(`/api/v1/points/accounts/${unitAccount.id}`)).statusCode, 200, 'who acts for the unit reads its account')
  })

  test('my account before any points is an empty account', async () => {
    await makeLogin('points_newcomer', 'resident', t.fixtures.buildingId)
    const newcomer = await t.as('points_newcomer')
    const me = (await newcomer.get('/api/v1/points/accounts/me')).json()
    assert.equal(me.id, null)
    assert.equal(me.balance, 0)
    assert.deepEqual(me.postings.items, [])
    assert.equal((await t.anonymous.get('/api/v1/points/accounts/me')).statusCode, 401)
  })

  test('postings page newest first', async () => {
    const person = await personWith(10)
    for (let i = 0; i < 3; i++) await cadre.post('/api/v1/points/awards', awardBody({ personId: person, reason: `第 ${i + 1} 次好人好事` }))
    const account = (await t.query<{ id: string }>(sql`SELECT id::text FROM points_accounts WHERE person_id = ${person}`))[0]!.id
    const first = (await cadre.get(`/api/v1/points/accounts/${account}/postings?limit=2`)).json()
    assert.deepEqual(first.items.map((p: { memo: string }) => p.memo), ['第 3 次好人好事', '第 2 次好人好事'])
    const second = (await cadre.get(`/api/v1/points/accounts/${account}/postings?limit=2&cursor=${first.nextCursor}`)).json()
    assert.deepEqual(second.items.map((p: { memo: string }) => p.memo), ['第 1 次好人好事', '测试'])
    assert.equal(second.nextCursor, null)
  })
})

describe('reversals', () => {
  test('a cadre reverses an award once; a second reversal answers 409 and a reversal cannot itself be reversed', async () => {
    const person = await personWith(0)
    const award = (await cadre.post('/api/v1/points/awards', awardBody({ personId: person }))).json()
    const rev = await cadre.post(`/api/v1/points/transactions/${award.id}/reverse`, { reason: '重复登记' })
    assert.equal(rev.statusCode, 201, rev.body)
    assert.equal(rev.json().reversesId, award.id)
    assert.equal(await balance(person), 0)
    assert.equal((await cadre.get(`/api/v1/points/transactions/${award.id}`)).json().reversedById, rev.json().id)
    const again = await cadre.post(`/api/v1/points/transactions/${award.id}/reverse`, { reason: '重复登记' })
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'POINTS_ALREADY_REVERSED')
    const ofReversal = await cadre.post(`/api/v1/points/transactions/${rev.json().id}/reverse`, { reason: '撤销冲正' })
    assert.equal(ofReversal.statusCode, 422)
    assert.equal(ofReversal.json().error.code, 'POINTS_REVERSAL_NOT_REVERSIBLE')
    const personal = rev.json().postings.find((p: { ownerKind: string }) => p.ownerKind === 'person')
    const history = (await cadre.get(`/api/v1/points/accounts/${personal.accountId}`)).json()
    assert.ok(history.postings.items.some((p: { transactionId: string; reversed: boolean }) => p.transactionId === award.id && p.reversed))
  })

  test('two reversals at once: exactly one wins', { skip: process.env.LINLI_TEST_DB === 'postgres' ? false : 'a race needs PostgreSQL: PGlite has one connection and serialises transactions' }, async () => {
    const person = await personWith(0)
    const award = (await cadre.post('/api/v1/points/awards', awardBody({ personId: person }))).json()
    const results = await Promise.all([1, 2, 3].map(() => cadre.post(`/api/v1/points/transactions/${award.id}/reverse`, { reason: '并发冲正' })))
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409])
    assert.equal(await balance(person), 0)
  })

  test('a reversal that would make a balance negative is refused with 422 and writes nothing; others may not reverse', async () => {
    const person = await personWith(0)
    const award = (await cadre.post('/api/v1/points/awards', awardBody({ personId: person }))).json()
    await cadre.post('/api/v1/points/awards', awardBody({ personId: person, ruleCode: 'civic_violation', quantity: 1, reason: '违约' }))
    const before = await ledgerSize()
    assert.equal((await grid.post(`/api/v1/points/transactions/${award.id}/reverse`, { reason: '登记错误' })).statusCode, 403)
    assert.equal((await member.post(`/api/v1/points/transactions/${award.id}/reverse`, { reason: '登记错误' })).statusCode, 404)
    assert.equal((await cadre.post(`/api/v1/points/transactions/${award.id}/reverse`, { reason: '' })).statusCode, 400)
    const res = await cadre.post(`/api/v1/points/transactions/${award.id}/reverse`, { reason: '登记错误' })
    assert.equal(res.statusCode, 422, res.body)
    assert.equal(res.json().error.code, 'POINTS_BALANCE_INSUFFICIENT')
    assert.equal(await ledgerSize(), before)
    assert.equal(await balance(person), 30)
  })
})

describe('earning rules', () => {
  test('everyone signed in reads the rules; a district admin edits and adds them, a street admin may not', async () => {
    const rules = (await resident.get('/api/v1/points/rules')).json().items as { code: string }[]
    for (const code of ['volunteer_hour', 'activity_completed', 'order_completed', 'rating_five_star', 'case_report_verified']) assert.ok(rules.some((r) => r.code === code), code)
    assert.equal((await street.patch('/api/v1/points/rules/volunteer_hour', { points: 12 })).statusCode, 403)
    const edited = await district.patch('/api/v1/points/rules/volunteer_hour', { points: 12 })
    assert.equal(edited.statusCode, 200, edited.body)
    assert.equal(edited.json().points, 12)
    await district.patch('/api/v1/points/rules/volunteer_hour', { points: 10 })
    assert.equal((await district.patch('/api/v1/points/rules/no_such_rule', { points: 1 })).statusCode, 404)
    assert.equal((await district.patch('/api/v1/points/rules/volunteer_hour', {})).statusCode, 400)
    assert.equal((await district.patch('/api/v1/points/rules/volunteer_hour', { points: 0 })).statusCode, 400)
    const created = await district.post('/api/v1/points/rules', { code: 'garbage_sorting', name: '垃圾分类督导', nameEn: 'Rubbish sorting duty', points: 5, unit: 'hour' })
    assert.equal(created.statusCode, 201, created.body)
    const dup = await district.post('/api/v1/points/rules', { code: 'garbage_sorting', name: '垃圾分类督导', nameEn: 'Rubbish sorting duty', points: 5, unit: 'hour' })
    assert.equal(dup.statusCode, 409)
    assert.equal(dup.json().error.code, 'POINTS_RULE_EXISTS')
    assert.equal((await cadre.post('/api/v1/points/rules', { code: 'x_rule', name: '规则', nameEn: 'Rule', points: 5, unit: 'hour' })).statusCode, 403)
  })
})

describe('rewards and redemptions', () => {
  let rewardId: string
  const rewardBody = (over: Record<string, unknown> = {}) => ({ name: '环保购物袋', description: '可重复使用', points: 30, stock: 5, orgId: t.fixtures.communityId, merchantUnitId: merchantId, ...over })

  test('a cadre publishes an item at a merchant of the street; wrong org kinds, far merchants and grid workers are refused', async () => {
    const before = await count('points_rewards')
    assert.equal((await grid.post('/api/v1/points/rewards', rewardBody())).statusCode, 403)
    assert.equal((await otherCadre.post('/api/v1/points/rewards', rewardBody())).statusCode, 404)
    const farMerchant = await cadre.post('/api/v1/points/rewards', rewardBody({ merchantUnitId: farMerchantId }))
    assert.equal(farMerchant.statusCode, 404, 'a merchant of another street is not found')
    assert.deepEqual(errorOf(farMerchant), errorOf(await cadre.post('/api/v1/points/rewards', rewardBody({ merchantUnitId: '999999999' }))))
    assert.equal((await cadre.post('/api/v1/points/rewards', rewardBody({ orgId: t.fixtures.gridId }))).json().error.code, 'POINTS_REWARD_ORG_KIND')
    assert.equal((await cadre.post('/api/v1/points/rewards', rewardBody({ stock: -1 }))).statusCode, 400)
    assert.equal(await count('points_rewards'), before)
    const res = await cadre.post('/api/v1/points/rewards', rewardBody())
    assert.equal(res.statusCode, 201, res.body)
    rewardId = res.json().id
    assert.equal(res.json().merchant.id, merchantId)
    const catalogue = (await resident.get('/api/v1/points/rewards?limit=200')).json().items as { id: string }[]
    assert.ok(catalogue.some((r) => r.id === rewardId), 'a resident of the community sees it')
    assert.ok(!(await otherCadre.get('/api/v1/points/rewards?limit=200')).json().items.some((r: { id: string }) => r.id === rewardId))
    assert.ok((await cadre.get('/api/v1/points/merchants')).json().items.some((m: { id: string }) => m.id === merchantId))
  })

  test('a resident redeems: stock taken, points moved to the merchant, a code the merchant confirms once', async () => {
    const person = ids().resident!
    const start = await balance(person)
    const res = await resident.post('/api/v1/points/redemptions', { rewardId })
    assert.equal(res.statusCode, 201, res.body)
    const redemption = res.json()
    assert.match(redemption.code, /^\d{8}$/)
    assert.equal(redemption.status, 'pending')
    assert.equal(await balance(person), start - 30)
    assert.equal((await resident.get(`/api/v1/points/rewards/${rewardId}`)).json().stock, 4)
    const tx = (await resident.get(`/api/v1/points/transactions/${redemption.transactionId}`)).json()
    assert.ok(tx.postings.some((p: { ownerKind: string; owner: { id: string }; amount: number }) => p.ownerKind === 'unit' && p.owner.id === merchantId && p.amount === 30))
    assert.ok((await resident.get('/api/v1/points/redemptions/mine')).json().items.some((r: { id: string }) => r.id === redemption.id))
    assert.ok((await shopkeeper.get('/api/v1/points/redemptions?status=pending')).json().items.some((r: { id: string }) => r.id === redemption.id))
    assert.equal((await otherCadre.post('/api/v1/points/redemptions/confirm', { code: redemption.code })).statusCode, 404, 'someone else’s code looks unknown')
    assert.equal((await member.get(`/api/v1/points/redemptions/${redemption.id}`)).statusCode, 404)
    const confirmed = await shopkeeper.post('/api/v1/points/redemptions/confirm', { code: redemption.code })
    assert.equal(confirmed.statusCode, 200, confirmed.body)
    assert.equal(confirmed.json().status, 'handed_over')
    assert.equal(confirmed.json().handledBy.name, '测试points_shopkeeper')
    const twice = await shopkeeper.post('/api/v1/points/redemptions/confirm', { code: redemption.code })
    assert.equal(twice.statusCode, 409)
    assert.equal((await resident.post(`/api/v1/points/redemptions/${redemption.id}/cancel`, { reason: '不想要了' })).statusCode, 409)
    assert.equal((await cadre.post(`/api/v1/points/transactions/${redemption.transactionId}/reverse`, { reason: '冲正' })).json().error.code, 'POINTS_REDEMPTION_CANCEL_INSTEAD')
  })

  test('cancelling a pending redemption gives the points and the stock back, once', async () => {
    const person = ids().resident!
    const start = await balance(person)
    const redemption = (await resident.post('/api/v1/points/redemptions', { rewardId })).json()
    const stock = (await resident.get(`/api/v1/points/rewards/${rewardId}`)).json().stock
    assert.equal((await grid.post(`/api/v1/points/redemptions/${redemption.id}/cancel`, { reason: '取消' })).statusCode, 404, 'outside the grid worker’s scope')
    const res = await resident.post(`/api/v1/points/redemptions/${redemption.id}/cancel`, { reason: '临时有事去不了' })
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().status, 'cancelled')
    assert.equal(await balance(person), start)
    assert.equal((await resident.get(`/api/v1/points/rewards/${rewardId}`)).json().stock, stock + 1)
    assert.equal((await resident.post(`/api/v1/points/redemptions/${redemption.id}/cancel`, { reason: '再取消' })).statusCode, 409)
    assert.equal((await resident.get(`/api/v1/points/transactions/${res.json().cancelTransactionId}`)).json().reversesId, redemption.transactionId)
  })

  test('redeeming beyond the balance is refused with 422, beyond the stock with 409, and neither takes anything', async () => {
    const poor = await personWith(10)
    const poorLogin = 'points_poor'
    await t.query(sql`INSERT INTO accounts (person_id, username, password_hash) SELECT ${poor}, ${poorLogin}, password_hash FROM accounts WHERE username = 'cadre'`)
    const poorClient = await t.as(poorLogin)
    const before = await ledgerSize()
    const stock = (await resident.get(`/api/v1/points/rewards/${rewardId}`)).json().stock
    const short = await poorClient.post('/api/v1/points/redemptions', { rewardId })
    assert.equal(short.statusCode, 422, short.body)
    assert.equal(short.json().error.code, 'POINTS_BALANCE_INSUFFICIENT')
    const many = await resident.post('/api/v1/points/redemptions', { rewardId, quantity: 10 })
    assert.equal(many.statusCode, 409)
    assert.equal(many.json().error.code, 'POINTS_REWARD_OUT_OF_STOCK')
    assert.equal((await resident.post('/api/v1/points/redemptions', { rewardId, quantity: 11 })).statusCode, 400)
    assert.equal((await resident.post('/api/v1/points/redemptions', { rewardId: '999999999' })).statusCode, 404)
    assert.equal((await otherCadre.post('/api/v1/points/redemptions', { rewardId })).statusCode, 404, 'an item of another community is not offered')
    assert.equal(await ledgerSize(), before)
    assert.equal((await resident.get(`/api/v1/points/rewards/${rewardId}`)).json().stock, stock)
  })

  test('a withdrawn item cannot be redeemed; restocking below zero is refused', async () => {
    assert.equal((await cadre.patch(`/api/v1/points/rewards/${rewardId}`, { restock: -1000 })).json().error.code, 'POINTS_STOCK_NEGATIVE')
    assert.equal((await grid.patch(`/api/v1/points/rewards/${rewardId}`, { active: false })).statusCode, 403)
    assert.equal((await cadre.patch(`/api/v1/points/rewards/${rewardId}`, { active: false })).json().active, false)
    assert.equal((await resident.post('/api/v1/points/redemptions', { rewardId })).json().error.code, 'POINTS_REWARD_INACTIVE')
    assert.ok(!(await resident.get('/api/v1/points/rewards?limit=200')).json().items.some((r: { id: string }) => r.id === rewardId))
    assert.ok((await cadre.get('/api/v1/points/rewards?limit=200&includeInactive=true')).json().items.some((r: { id: string }) => r.id === rewardId))
    const back = await cadre.patch(`/api/v1/points/rewards/${rewardId}`, { active: true, restock: 10 })
    assert.equal(back.json().active, true)
  })

  test('parallel awards and redemptions against one account end with the exact balance, never negative, and never oversell', async () => {
    const person = await personWith(0)
    await t.query(sql`INSERT INTO accounts (person_id, username, password_hash) SELECT ${person}, 'points_busy', password_hash FROM accounts WHERE username = 'cadre'`)
    const busy = await t.as('points_busy')
    const item = (await cadre.post('/api/v1/points/rewards', rewardBody({ name: '抢购测试', points: 30, stock: 12, merchantUnitId: undefined }))).json()
    const awards = Array.from({ length: 50 }, (_, i) => t.database.db.transaction((tx) =>
      t.app.services.points.award(tx, { ruleCode: 'volunteer_hour', personId: person, quantity: 1, orgId: t.fixtures.gridId, memo: '并发', idempotencyKey: `test:busy:${i}` })))
    const redemptions = Array.from({ length: 20 }, () => busy.post('/api/v1/points/redemptions', { rewardId: item.id }))
    const [, redeemed] = await Promise.all([Promise.all(awards), Promise.all(redemptions)])
    const ok = redeemed.filter((r) => r.statusCode === 201).length
    assert.ok(redeemed.every((r) => [201, 409, 422].includes(r.statusCode)), redeemed.map((r) => r.statusCode).join(','))
    assert.ok(ok <= 12)
    assert.equal(await balance(person), 500 - 30 * ok)
    assert.equal((await cadre.get(`/api/v1/points/rewards/${item.id}`)).json().stock, 12 - ok)
  })
})

describe('reconciliation', () => {
  test('the district reconciles: each balance equals its postings, every transaction balances, the total is zero', async () => {
    assert.equal((await cadre.get('/api/v1/points/reconciliation')).statusCode, 403)
    const r = (await district.get('/api/v1/points/reconciliation')).json()
    assert.ok(r.postings > 0)
    assert.deepEqual(r.mismatches, [])
    assert.deepEqual(r.unbalancedTransactions, [])
    assert.equal(r.total, 0)
  })
})

