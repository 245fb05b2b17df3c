// award(tx, …), the function other modules pay points with, and the database rules under it.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import type { AwardInput } from './points.service.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const award = (input: Partial<AwardInput> & { idempotencyKey: string }) =>
  t.database.db.transaction((tx) => t.app.services.points.award(tx, {
    ruleCode: 'volunteer_hour', personId: t.fixtures.personIds.resident!, quantity: 2, orgId: t.fixtures.gridId, memo: '社区助老服务 2 小时', ...input,
  }))

const balanceOf = async (personId: string) =>
  Number((await t.query<{ balance: string }>(sql`SELECT balance::text FROM points_accounts WHERE person_id = ${personId}`))[0]?.balance ?? 0)
/** An issuer's balance is the sum of its postings (its row keeps none). */
const issuerBalance = async (orgId: string) =>
  Number((await t.query<{ balance: string }>(sql`SELECT coalesce(sum(p.amount), 0)::text AS balance FROM points_postings p
    JOIN points_accounts a ON a.id = p.account_id WHERE a.owner_kind = 'org' AND a.org_id = ${orgId}`))[0]?.balance ?? 0)
/** Database errors arrive wrapped by Drizzle; the reason is in the cause. */
const failsWith = (pattern: RegExp) => (err: unknown) => {
  const e = err as { message: string; cause?: { message: string } }
  return pattern.test(`${e.message} ${e.cause?.message ?? ''}`)
}
const count = async (table: 'points_transactions' | 'points_postings') => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n

describe('award', () => {
  test('pays rule points × quantity to the person from the street issuer, and a retry with the same key pays nothing', async () => {
    const person = t.fixtures.personIds.resident!
    const before = await balanceOf(person)
    const issuerBefore = await issuerBalance(t.fixtures.streetId)
    const first = await award({ idempotencyKey: 'test:award:1', quantity: 2.5 })
    assert.ok(first)
    assert.equal(first.points, 25)
    assert.equal(await balanceOf(person), before + 25)
    assert.equal(await issuerBalance(t.fixtures.streetId), issuerBefore - 25)
    const again = await award({ idempotencyKey: 'test:award:1', quantity: 2.5 })
    assert.deepEqual(again, first)
    assert.equal(await balanceOf(person), before + 25)
    const [account] = await t.query<{ org_id: string }>(sql`SELECT org_id::text FROM points_accounts WHERE person_id = ${person}`)
    assert.equal(account!.org_id, t.fixtures.buildingId, 'the account belongs where the person lives')
  })

  test('answers null for a missing or inactive rule and writes nothing', async () => {
    const before = await count('points_transactions')
    assert.equal(await award({ idempotencyKey: 'test:award:missing', ruleCode: 'no_such_rule' }), null)
    await t.query(sql`UPDATE points_rules SET active = false WHERE code = 'rating_five_star'`)
    // Switched back on even when the assertion fails, so that later tests find the rule as the demo has it.
    try {
      assert.equal(await award({ idempotencyKey: 'test:award:inactive', ruleCode: 'rating_five_star' }), null)
    } finally {
      await t.query(sql`UPDATE points_rules SET active = true WHERE code = 'rating_five_star'`)
    }
    assert.equal(await award({ idempotencyKey: 'test:award:deduct', ruleCode: 'civic_violation' }), null)
    assert.equal(await count('points_transactions'), before)
  })

  test('is undone with the caller’s transaction when the caller fails', async () => {
    const before = await count('points_postings')
    await assert.rejects(t.database.db.transaction(async (tx) => {
      await t.app.services.points.award(tx, { ruleCode: 'order_completed', personId: t.fixtures.personIds.member!, quantity: 1, orgId: t.fixtures.communityId, memo: '完成订单', idempotencyKey: 'test:award:rollback' })
      throw new Error('the caller failed')
    }))
    assert.equal(await count('points_postings'), before)
    assert.ok(await award({ idempotencyKey: 'test:award:rollback', ruleCode: 'order_completed' }), 'the key is free again')
  })

  test('50 parallel awards with distinct keys and 50 retries end with the exact balance', async () => {
    const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('并发测试') RETURNING id::text`)
    const jobs = Array.from({ length: 100 }, (_, i) => award({ personId: p!.id, ruleCode: 'activity_completed', quantity: 1, idempotencyKey: `test:parallel:${i % 50}` }))
    const results = await Promise.all(jobs)
    assert.ok(results.every((r) => r?.points === 20))
    assert.equal(new Set(results.map((r) => r!.transactionId)).size, 50)
    assert.equal(await balanceOf(p!.id), 50 * 20)
  })
})

describe('the ledger tables', () => {
  test('refuse edits of postings and transactions, direct balance changes, and unbalanced transactions', async () => {
    await assert.rejects(t.query(sql`UPDATE points_postings SET amount = amount + 1`), failsWith(/append-only/))
    await assert.rejects(t.query(sql`DELETE FROM points_transactions`), failsWith(/append-only/))
    await assert.rejects(t.query(sql`UPDATE points_accounts SET balance = balance + 100`), failsWith(/derived from points_postings/))
    await assert.rejects(t.database.db.transaction(async (tx) => {
      const [row] = (await tx.execute(sql`INSERT INTO points_transactions (kind, idempotency_key, memo, org_id, org_path)
        SELECT 'award', 'test:unbalanced', '不平衡', id, path FROM orgs WHERE id = ${t.fixtures.streetId} RETURNING id`) as unknown as { rows: { id: string }[] }).rows
      await tx.execute(sql`INSERT INTO points_postings (transaction_id, account_id, amount)
        SELECT ${row!.id}, id, 5 FROM points_accounts WHERE owner_kind = 'org' LIMIT 1`)
    }), failsWith(/does not balance/))
  })

  test('refuse a posting that would take a person below zero', async () => {
    const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('余额测试') RETURNING id::text`)
    await award({ personId: p!.id, idempotencyKey: 'test:negative:seed', ruleCode: 'rating_five_star', quantity: 1 })
    await assert.rejects(t.database.db.transaction(async (tx) => {
      const [row] = (await tx.execute(sql`INSERT INTO points_transactions (kind, idempotency_key, memo, org_id, org_path)
        SELECT 'deduction', 'test:negative', '扣减', id, path FROM orgs WHERE id = ${t.fixtures.streetId} RETURNING id`) as unknown as { rows: { id: string }[] }).rows
      await tx.execute(sql`INSERT INTO points_postings (transaction_id, account_id, amount)
        SELECT ${row!.id}, id, CASE WHEN owner_kind = 'org' THEN 6 ELSE -6 END FROM points_accounts
        WHERE person_id = ${p!.id} OR (owner_kind = 'org' AND org_id = ${t.fixtures.streetId})`)
    }), failsWith(/points_accounts_balance_check/))
    assert.equal(await balanceOf(p!.id), 5)
  })

  test('reconcile: every person and unit balance equals the sum of its postings, and all postings sum to zero', async () => {
    const mismatches = await t.query(sql`SELECT a.id FROM points_accounts a
      LEFT JOIN (SELECT account_id, sum(amount) AS s FROM points_postings GROUP BY account_id) p ON p.account_id = a.id
      WHERE a.owner_kind <> 'org' AND a.balance <> coalesce(p.s, 0)`)
    assert.deepEqual(mismatches, [])
    const [total] = await t.query<{ s: string }>(sql`SELECT coalesce(sum(amount), 0)::text AS s FROM points_postings`)
    assert.equal(total!.s, '0')
    const [issuers] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM points_accounts WHERE owner_kind = 'org' AND balance <> 0`)
    assert.equal(issuers!.n, 0, 'issuer rows keep no balance of their own')
  })
})
