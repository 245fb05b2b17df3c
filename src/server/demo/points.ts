// Points (积分) in the demo street (站前街道): an issuing account for every street, points for
// every checked-out volunteer attendance (keyed as the volunteers module keys them, so a later
// check-out never pays twice) and for verified case reports, a few good deeds given by the
// demo cadre (listed for review as manual awards, with two larger ones by the street admin waiting
// for a second person's approval), a rewards catalogue of ten items at two merchants of the
// street, redemptions in every state, and one reversal. The award of an anonymous report is
// private (staff see a neutral memo). Every posting has a fixed idempotency key: deterministic.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'
import * as repo from '../modules/points/points.repository.ts'
import * as shop from '../modules/points/points.rewards.repository.ts'

export interface DemoPointsResult { awards: number; rewards: number; redemptions: number }

const MERCHANTS = [
  { name: '邻里惠便民超市', address: '社区便民服务街1号', community: 0 },
  { name: '老街坊生活服务店', address: '社区便民服务街8号', community: 1 },
]

/** Ten items: five daily goods at the supermarket, five services at the service shop. */
const REWARDS: { merchant: 0 | 1; name: string; description: string; points: number; stock: number }[] = [
  { merchant: 0, name: '东北大米 5 公斤', description: '凭兑换码到超市收银台领取', points: 300, stock: 20 },
  { merchant: 0, name: '食用油 1.8 升', description: '非转基因压榨花生油', points: 260, stock: 20 },
  { merchant: 0, name: '洗衣液 2 公斤', description: '家庭装', points: 120, stock: 30 },
  { merchant: 0, name: '抽纸一提', description: '6 包装', points: 80, stock: 50 },
  { merchant: 0, name: '土鸡蛋一盒', description: '15 枚装，本地农户供应', points: 100, stock: 30 },
  { merchant: 1, name: '理发一次', description: '洗剪吹，工作日使用', points: 150, stock: 40 },
  { merchant: 1, name: '上门清洗油烟机', description: '提前一天预约', points: 400, stock: 10 },
  { merchant: 1, name: '修鞋配钥匙券', description: '可抵一次修鞋或配两把钥匙', points: 60, stock: 50 },
  { merchant: 1, name: '磨刀一次', description: '菜刀、剪刀均可', points: 50, stock: 60 },
  { merchant: 1, name: '小家电维修券', description: '抵 30 元维修费（不含配件）', points: 200, stock: 15 },
]

const GOOD_DEEDS = ['帮助独居老人买菜送药', '拾金不昧，归还居民钱包', '雨夜协助疏通小区排水口', '组织楼栋邻里清扫楼道', '劝阻电动车进楼充电']

/** Accounts of everyone in `people` (person_id, org_id rows): opened where they live, as award() opens them. */
// The resident's first home as a join, not a correlated subquery: Citus cannot plan an INSERT … SELECT
// whose correlated subquery reads a Citus local table beside a reference table (docs/architecture.md).
export const openPointsAccounts = (tx: Executor, people: ReturnType<typeof sql>) => tx.execute(sql`INSERT INTO points_accounts (owner_kind, person_id, org_id)
  SELECT 'person', e.person_id, coalesce(home.org_id, e.org_id)
  FROM (SELECT DISTINCT ON (person_id) person_id, org_id FROM (${people}) x ORDER BY person_id, org_id) e
  LEFT JOIN (SELECT DISTINCT ON (r.person_id) r.person_id, r.org_id FROM role_assignments r WHERE r.role = 'resident' ORDER BY r.person_id, r.id) home ON home.person_id = e.person_id
  ON CONFLICT (person_id) WHERE person_id IS NOT NULL DO NOTHING`)

/**
 * One award transaction per source row (rule_code, person_id, org_id, quantity, points, key, memo,
 * private, at), with its two postings from the issuer's account, in two statements; a key posted
 * before is left alone, as award() leaves it.
 */
export async function awardInBulk(tx: Executor, issuer: string, source: ReturnType<typeof sql>): Promise<void> {
  await tx.execute(sql`WITH src AS (${source}),
    ins AS (INSERT INTO points_transactions (kind, rule_code, quantity, idempotency_key, memo, org_id, org_path, private, created_at)
            SELECT 'award', src.rule_code, src.quantity, src.key, src.memo, src.org_id, o.path, src.private, src.at FROM src JOIN orgs o ON o.id = src.org_id ORDER BY src.at, src.key
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, idempotency_key)
    INSERT INTO points_postings (transaction_id, account_id, amount, created_at)
    SELECT ins.id, v.account_id, v.amount, src.at FROM ins JOIN src ON src.key = ins.idempotency_key
      JOIN points_accounts acc ON acc.person_id = src.person_id
      CROSS JOIN LATERAL (VALUES (${issuer}::bigint, -src.points), (acc.id, src.points)) v(account_id, amount)
    WHERE src.points > 0 ORDER BY ins.id, v.amount`)
}

export async function seedDemoPoints(tx: Executor, opts: { seed: number }): Promise<DemoPointsResult> {
  const random = createRandom(opts.seed + 29)
  const [street] = await rows<{ id: string; path: string }>(tx, sql`SELECT o.id::text, o.path::text FROM accounts a
    JOIN role_assignments r ON r.person_id = a.person_id JOIN orgs o ON o.id = r.org_id WHERE a.username = 'street' AND r.role = 'street_admin' LIMIT 1`)
  if (!street) return { awards: 0, rewards: 0, redemptions: 0 }
  const staff = await rows<{ username: string; person_id: string; org_id: string }>(tx, sql`SELECT a.username, a.person_id::text, r.org_id::text FROM accounts a
    JOIN role_assignments r ON r.person_id = a.person_id WHERE a.username IN ('cadre', 'street', 'resident', 'member') ORDER BY r.id`)
  const who = (u: string) => staff.find((s) => s.username === u)
  const cadre = who('cadre')
  const streetAdmin = who('street')
  if (!cadre || !streetAdmin) return { awards: 0, rewards: 0, redemptions: 0 }

  // Every street issues points; issuer accounts are negative by what they have put in circulation.
  await tx.execute(sql`INSERT INTO points_accounts (owner_kind, org_id) SELECT 'org', id FROM orgs WHERE kind = 'street' AND deleted_at IS NULL ORDER BY id
    ON CONFLICT (org_id) WHERE owner_kind = 'org' DO NOTHING`)
  const issuer = await repo.ensureIssuerAccount(tx, street.id)

  const openAccounts = (people: ReturnType<typeof sql>) => openPointsAccounts(tx, people)
  const awardAll = (source: ReturnType<typeof sql>) => awardInBulk(tx, issuer, source)

  // Volunteer hours, from the volunteers module's checked-out attendances when it is installed.
  const hasAttendances = (await firstRow<{ t: string | null }>(tx, sql`SELECT to_regclass('public.activity_attendances')::text AS t`))?.t
  if (hasAttendances) {
    const source = sql`SELECT 'volunteer_hour' AS rule_code, att.person_id, a.org_id, att.hours AS quantity, round(att.hours * r.points)::bigint AS points,
        'volunteer_attendance:' || att.id AS key, '志愿服务：' || a.title || '（' || trim_scale(att.hours) || ' 小时）' AS memo, false AS private, att.checked_out_at AS at
      FROM activity_attendances att JOIN activities a ON a.id = att.activity_id JOIN orgs o ON o.id = a.org_id
      JOIN points_rules r ON r.code = 'volunteer_hour'
      WHERE att.status = 'checked_out' AND att.hours > 0 AND o.path <@ ${street.path}::ltree`
    await openAccounts(sql`SELECT person_id, org_id FROM (${source}) s`)
    await awardAll(source)
  }
  // Verified case reports: the reporter is thanked once the case has passed verification.
  const reports = sql`SELECT 'case_report_verified' AS rule_code, c.reporter_id AS person_id, c.org_id, 1 AS quantity, r.points::bigint AS points,
      'case_report_verified:' || c.id AS key, '上报事件经核实：' || left(c.description, 40) AS memo, c.anonymous AS private, coalesce(c.closed_at, c.updated_at) AS at
    FROM cases c JOIN points_rules r ON r.code = 'case_report_verified'
    WHERE c.state IN ('verified', 'closed') AND c.reporter_id IS NOT NULL AND c.org_path <@ ${street.path}::ltree`
  await openAccounts(sql`SELECT person_id, org_id FROM (${reports}) s`)
  await awardAll(reports)

  // Good deeds given by the demo cadre, to the demo resident and member among others.
  const neighbours = await rows<{ id: string }>(tx, sql`SELECT DISTINCT r.person_id::text AS id FROM role_assignments r JOIN orgs o ON o.id = r.org_id
    WHERE r.role = 'resident' AND o.path <@ (SELECT path FROM orgs WHERE id = ${cadre.org_id}) ORDER BY 1 LIMIT 40`)
  const deedPeople = [who('resident')?.person_id, who('member')?.person_id, ...neighbours.map((n) => n.id)].filter((p): p is string => !!p)
  const deedIds: string[] = []
  for (let i = 0; i < 12 && deedPeople.length > 0; i++) {
    const personId = deedPeople[i % deedPeople.length]!
    const account = await repo.ensurePersonAccount(tx, personId, cadre.org_id)
    const txId = await repo.insertTransaction(tx, {
      kind: 'award', ruleCode: 'good_deed', quantity: 1, idempotencyKey: `demo:good_deed:${i}`, memo: GOOD_DEEDS[i % GOOD_DEEDS.length]!,
      reversesId: null, createdBy: cadre.person_id, orgId: cadre.org_id,
    })
    if (!txId) continue
    await repo.insertPostings(tx, txId, [{ accountId: issuer, amount: -50 }, { accountId: account, amount: 50 }])
    deedIds.push(txId)
  }
  // One good deed was entered twice by mistake: reversed, not edited.
  if (deedIds.length > 11) {
    const doubled = deedIds[11]!
    const rid = await repo.insertTransaction(tx, {
      kind: 'reversal', ruleCode: 'good_deed', quantity: 1, idempotencyKey: `reversal:${doubled}`, memo: '冲正：同一件好人好事重复登记', reversesId: doubled, createdBy: cadre.person_id, orgId: cadre.org_id,
    })
    if (rid) await repo.insertPostings(tx, rid, (await repo.postingsOf(tx, doubled)).map((p) => ({ accountId: p.accountId, amount: -Number(p.amount) })))
  }
  // Every manual award is listed for review: the good deeds as posted, and two larger ones by the
  // street admin, above the approval threshold, waiting for someone else (the demo cadre) to decide.
  await tx.execute(sql`INSERT INTO points_manual_awards (status, person_id, rule_code, direction, quantity, points, org_id, org_path, reason, awarded_by,
      idempotency_key, transaction_id, decided_at, created_at)
    SELECT 'posted', a.person_id, t.rule_code, 'earn', t.quantity, p.amount, t.org_id, t.org_path, t.memo, t.created_by, t.idempotency_key, t.id, t.created_at, t.created_at
    FROM points_transactions t JOIN points_postings p ON p.transaction_id = t.id JOIN points_accounts a ON a.id = p.account_id AND a.owner_kind = 'person'
    WHERE t.idempotency_key LIKE 'demo:good_deed:%' ORDER BY t.id`)
  const LARGE_DEEDS = [{ quantity: 6, reason: '连续三个月义务照看独居老人，邻里联名推荐' }, { quantity: 5, reason: '暴雨夜组织转移低洼楼栋群众' }]
  for (const [i, deed] of LARGE_DEEDS.entries()) {
    const personId = deedPeople[i]
    if (!personId) continue
    await tx.execute(sql`INSERT INTO points_manual_awards (status, person_id, rule_code, direction, quantity, points, org_id, org_path, reason, awarded_by, idempotency_key)
      SELECT 'pending', ${personId}, 'good_deed', 'earn', ${deed.quantity}, ${deed.quantity} * r.points, o.id, o.path, ${deed.reason}, ${streetAdmin.person_id}, ${`demo:manual:${i}`}
      FROM orgs o, points_rules r WHERE o.id = ${cadre.org_id} AND r.code = 'good_deed'`)
  }
  const awards = (await firstRow<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM points_transactions WHERE kind = 'award'`))!.n

  // Two merchants of the street (created when the units demo has none).
  // The supermarket in the demo cadre's community, the service shop in a neighbouring one.
  const communities = await rows<{ id: string; name: string }>(tx, sql`SELECT id::text, name FROM orgs WHERE parent_id = ${street.id} AND kind IN ('community', 'village') AND deleted_at IS NULL
    ORDER BY (id = ${cadre.org_id}) DESC, id LIMIT 2`)
  if (communities.length < 2) return { awards, rewards: 0, redemptions: 0 }
  let merchants = await rows<{ id: string }>(tx, sql`SELECT u.id::text FROM units u JOIN orgs o ON o.id = u.org_id
    WHERE u.kind = 'merchant' AND u.deleted_at IS NULL AND o.path <@ ${street.path}::ltree ORDER BY u.id LIMIT 2`)
  if (merchants.length < 2) {
    for (const m of MERCHANTS.slice(merchants.length)) {
      const c = communities[m.community]!
      merchants.push((await firstRow<{ id: string }>(tx, sql`INSERT INTO units (name, kind, org_id, resident_unit, address)
        VALUES (${m.name}, 'merchant', ${c.id}, true, ${c.name + m.address.replace('社区', '')}) RETURNING id::text`))!)
    }
    merchants = merchants.slice(0, 2)
  }
  const merchantOrgs = await rows<{ id: string; org_id: string }>(tx, sql`SELECT id::text, org_id::text FROM units WHERE id IN (${merchants[0]!.id}, ${merchants[1]!.id}) ORDER BY id`)
  // The cadre's community publishes the items of a merchant inside it; the street the others.
  const rewardRows = REWARDS.map((r, i) => {
    const merchant = merchants[r.merchant]!.id
    const byCadre = merchantOrgs.find((m) => m.id === merchant)!.org_id === cadre.org_id
    return { i, name: r.name, description: r.description, points: r.points, stock: r.stock, merchant_unit_id: merchant,
      org_id: byCadre ? cadre.org_id : street.id, created_by: byCadre ? cadre.person_id : streetAdmin.person_id }
  })
  const rewardIds = (await rows<{ id: string }>(tx, sql`INSERT INTO points_rewards (name, description, points, stock, merchant_unit_id, org_id, created_by)
    SELECT x.name, x.description, x.points, x.stock, x.merchant_unit_id, x.org_id, x.created_by
    FROM json_to_recordset(${JSON.stringify(rewardRows)}::json) AS x(i int, name text, description text, points int, stock int, merchant_unit_id bigint, org_id bigint, created_by bigint)
    ORDER BY x.i RETURNING id::text`)).map((r) => r.id)

  // Redemptions by those with the most points (the demo resident first): handed over, pending, one cancelled.
  const richest = await rows<{ person_id: string; balance: string }>(tx, sql`SELECT person_id::text, balance::text FROM points_accounts a
    WHERE owner_kind = 'person' AND person_id IS NOT NULL ORDER BY (person_id = ${who('resident')?.person_id ?? '0'}) DESC, balance DESC, id LIMIT 12`)
  let redemptions = 0
  for (let i = 0; i < richest.length; i++) {
    const person = richest[i]!
    // The first item, going round the catalogue from a different place for each person, they can afford.
    const k = [...REWARDS.keys()].map((n) => (n + i * 3) % REWARDS.length).find((n) => REWARDS[n]!.points <= Number(person.balance))
    if (k === undefined) continue
    const reward = REWARDS[k]!
    const rewardId = rewardIds[k]!
    await tx.execute(sql`UPDATE points_rewards SET stock = stock - 1 WHERE id = ${rewardId}`)
    const from = await repo.ensurePersonAccount(tx, person.person_id, street.id)
    const to = await repo.ensureUnitAccount(tx, merchants[reward.merchant]!.id)
    const txId = (await repo.insertTransaction(tx, {
      kind: 'redemption', ruleCode: null, quantity: 1, idempotencyKey: `demo:redeem:${i}`, memo: `兑换 ${reward.name} × 1`, reversesId: null, createdBy: person.person_id,
      orgId: rewardRows[k]!.org_id,
    }))!
    await repo.insertPostings(tx, txId, [{ accountId: from, amount: -reward.points }, { accountId: to, amount: reward.points }])
    const code = String(10_000_000 + Math.floor(random() * 90_000_000))
    const redemptionId = await shop.insertRedemption(tx, { rewardId, personId: person.person_id, quantity: 1, points: reward.points, code, transactionId: txId })
    // The demo resident (first) has a code to show at the shop; one redemption was called off.
    const state = i === 0 ? 'pending' : i === 3 ? 'cancelled' : i % 2 === 0 ? 'handed_over' : 'pending'
    if (state === 'handed_over') await shop.markHandedOver(tx, redemptionId, cadre.person_id)
    if (state === 'cancelled') {
      const rid = (await repo.insertTransaction(tx, {
        kind: 'reversal', ruleCode: null, quantity: 1, idempotencyKey: `reversal:${txId}`, memo: '取消兑换：临时有事，改天再来', reversesId: txId, createdBy: person.person_id, orgId: rewardRows[k]!.org_id,
      }))!
      await repo.insertPostings(tx, rid, [{ accountId: from, amount: reward.points }, { accountId: to, amount: -reward.points }])
      await shop.returnStock(tx, rewardId, 1)
      await shop.markCancelled(tx, redemptionId, person.person_id, '临时有事，改天再来', rid)
    }
    redemptions++
  }
  return { awards, rewards: rewardIds.length, redemptions }
}
