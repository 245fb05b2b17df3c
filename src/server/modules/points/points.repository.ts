// Queries of the points ledger: rules, accounts, transactions and their postings, reconciliation.
// Balances are kept by the posting trigger; nothing here updates a balance or a posting. The shop
// (rewards, redemptions, merchants) is in points.rewards.repository.ts.
import { countUpTo } from '../../kernel/pagination.ts'
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { RuleCreate, RuleUpdate } from './points.schemas.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames, roleGrants } from '../people/people.read.ts'
import { unitRows } from '../units/units.read.ts'

export type Ref = { id: string; name: string }
export type OwnerKind = 'person' | 'unit' | 'org'
export type TransactionKind = 'award' | 'deduction' | 'redemption' | 'reversal'

export interface RuleRow {
  code: string; name: string; nameEn: string; description: string | null; points: number
  unit: 'hour' | 'activity' | 'order' | 'rating' | 'case' | 'time'; direction: 'earn' | 'deduct'; active: boolean; sort: number
}

const ruleColumns = sql`code, name, name_en AS "nameEn", description, points, unit, direction, active, sort`

export async function listRules(ex: Executor) {
  return rows<RuleRow>(ex, sql`SELECT ${ruleColumns} FROM points_rules ORDER BY sort, code`)
}

export async function findRule(ex: Executor, code: string) {
  return firstRow<RuleRow>(ex, sql`SELECT ${ruleColumns} FROM points_rules WHERE code = ${code}`)
}

export async function insertRule(ex: Executor, r: RuleCreate) {
  return firstRow<RuleRow>(ex, sql`INSERT INTO points_rules (code, name, name_en, description, points, unit, direction, sort)
    VALUES (${r.code}, ${r.name}, ${r.nameEn}, ${r.description ?? null}, ${r.points}, ${r.unit}, ${r.direction}, ${r.sort})
    ON CONFLICT (code) DO NOTHING RETURNING ${ruleColumns}`)
}

export async function updateRule(ex: Executor, code: string, u: RuleUpdate) {
  const sets: SQL[] = []
  if (u.name !== undefined) sets.push(sql`name = ${u.name}`)
  if (u.nameEn !== undefined) sets.push(sql`name_en = ${u.nameEn}`)
  if (u.description !== undefined) sets.push(sql`description = ${u.description}`)
  if (u.points !== undefined) sets.push(sql`points = ${u.points}`)
  if (u.active !== undefined) sets.push(sql`active = ${u.active}`)
  if (u.sort !== undefined) sets.push(sql`sort = ${u.sort}`)
  return firstRow<RuleRow>(ex, sql`UPDATE points_rules SET ${sql.join([...sets, sql`updated_at = now()`], sql`, `)} WHERE code = ${code} RETURNING ${ruleColumns}`)
}

// ---- accounts

export interface AccountRow {
  id: string
  ownerKind: OwnerKind
  ownerId: string
  owner: Ref
  org: Ref
  orgPath: string
  balance: string
  createdAt: string
}

const accountSelect = sql`SELECT a.id::text, a.owner_kind AS "ownerKind", coalesce(a.person_id, a.unit_id, a.org_id)::text AS "ownerId",
    json_build_object('id', coalesce(a.person_id, a.unit_id, a.org_id)::text, 'name', coalesce(p.name, u.name, o.name)) AS owner,
    json_build_object('id', o.id::text, 'name', o.name) AS org, o.path::text AS "orgPath",
    (CASE WHEN a.owner_kind = 'org' THEN (SELECT coalesce(sum(p.amount), 0) FROM points_postings p WHERE p.account_id = a.id) ELSE a.balance END)::text AS balance,
    a.created_at AS "createdAt"
  FROM points_accounts a
  JOIN ${orgTree} o ON o.id = a.org_id
  LEFT JOIN ${personNames} p ON p.id = a.person_id
  LEFT JOIN ${unitRows} u ON u.id = a.unit_id`

export async function findAccount(ex: Executor, id: string) {
  return firstRow<AccountRow>(ex, sql`${accountSelect} WHERE a.id = ${id}`)
}

export async function findPersonAccount(ex: Executor, personId: string) {
  return firstRow<AccountRow>(ex, sql`${accountSelect} WHERE a.person_id = ${personId}`)
}

type AccountFilter = { scopes: string; underPath?: string; ownerKind?: OwnerKind }
const accountWhere = (f: AccountFilter) => sql`o.path <@ string_to_array(${f.scopes}, ',')::ltree[]
      ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
      ${f.ownerKind ? sql`AND a.owner_kind = ${f.ownerKind}` : sql``}`

export async function listAccounts(ex: Executor, f: AccountFilter & { afterId?: string; limit: number }) {
  return rows<AccountRow>(ex, sql`${accountSelect}
    WHERE ${accountWhere(f)}
      ${f.afterId ? sql`AND a.id > ${f.afterId}::bigint` : sql``}
    ORDER BY a.id LIMIT ${f.limit + 1}`)
}

/** How many accounts the list's filter matches in all (the first page's `total`). */
export async function countAccounts(ex: Executor, f: AccountFilter) {
  return (await firstRow<{ n: number }>(ex, countUpTo(sql`FROM points_accounts a JOIN ${orgTree} o ON o.id = a.org_id WHERE ${accountWhere(f)}`)))!.n
}

/**
 * The person's account, opened on first use where the person lives (their first resident
 * role), or at `fallbackOrgId` when they live nowhere we know of.
 */
export async function ensurePersonAccount(ex: Executor, personId: string, fallbackOrgId: string): Promise<string> {
  const found = await firstRow<{ id: string }>(ex, sql`SELECT id::text FROM points_accounts WHERE person_id = ${personId}`)
  if (found) return found.id
  await ex.execute(sql`INSERT INTO points_accounts (owner_kind, person_id, org_id)
    SELECT 'person', ${personId}, coalesce((SELECT r.org_id FROM ${roleGrants} r WHERE r.person_id = ${personId} AND r.role = 'resident'
                                              AND (r.valid_to IS NULL OR r.valid_to >= CURRENT_DATE) ORDER BY r.id LIMIT 1), ${fallbackOrgId})
    ON CONFLICT (person_id) WHERE person_id IS NOT NULL DO NOTHING`)
  return (await firstRow<{ id: string }>(ex, sql`SELECT id::text FROM points_accounts WHERE person_id = ${personId}`))!.id
}

/** The unit's account, in the area the unit sits in. */
export async function ensureUnitAccount(ex: Executor, unitId: string): Promise<string> {
  const found = await firstRow<{ id: string }>(ex, sql`SELECT id::text FROM points_accounts WHERE unit_id = ${unitId}`)
  if (found) return found.id
  await ex.execute(sql`INSERT INTO points_accounts (owner_kind, unit_id, org_id)
    SELECT 'unit', u.id, u.org_id FROM ${unitRows} u WHERE u.id = ${unitId}
    ON CONFLICT (unit_id) WHERE unit_id IS NOT NULL DO NOTHING`)
  return (await firstRow<{ id: string }>(ex, sql`SELECT id::text FROM points_accounts WHERE unit_id = ${unitId}`))!.id
}

export async function ensureIssuerAccount(ex: Executor, orgId: string): Promise<string> {
  await ex.execute(sql`INSERT INTO points_accounts (owner_kind, org_id) VALUES ('org', ${orgId})
    ON CONFLICT (org_id) WHERE owner_kind = 'org' DO NOTHING`)
  return (await firstRow<{ id: string }>(ex, sql`SELECT id::text FROM points_accounts WHERE owner_kind = 'org' AND org_id = ${orgId}`))!.id
}

/**
 * The issuing account for points given at `orgId`: that of its street, or of the nearest
 * ancestor above the street that has one. When none has, the street's account is opened (the
 * top of the path when the node is above any street).
 */
export async function issuerAccountFor(ex: Executor, orgId: string): Promise<string | undefined> {
  const found = await firstRow<{ id: string }>(ex, sql`SELECT acc.id::text FROM ${orgTree} target
    JOIN ${orgTree} anc ON anc.path @> target.path AND anc.kind IN ('street','district','city')
    JOIN points_accounts acc ON acc.owner_kind = 'org' AND acc.org_id = anc.id
    WHERE target.id = ${orgId} ORDER BY nlevel(anc.path) DESC LIMIT 1`)
  if (found) return found.id
  const home = await firstRow<{ id: string }>(ex, sql`SELECT coalesce(
      (SELECT anc.id FROM ${orgTree} anc WHERE anc.path @> target.path AND anc.kind = 'street' ORDER BY nlevel(anc.path) DESC LIMIT 1),
      (SELECT anc.id FROM ${orgTree} anc WHERE anc.path @> target.path ORDER BY nlevel(anc.path) LIMIT 1))::text AS id
    FROM ${orgTree} target WHERE target.id = ${orgId}`)
  return home?.id ? ensureIssuerAccount(ex, home.id) : undefined
}

// ---- transactions and postings

/** Inserts a transaction unless its idempotency key is taken; undefined when it was. */
export async function insertTransaction(ex: Executor, t: {
  kind: TransactionKind; ruleCode: string | null; quantity: number | null; idempotencyKey: string; memo: string
  reversesId: string | null; createdBy: string | null; orgId: string; private?: boolean
}): Promise<string | undefined> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO points_transactions (kind, rule_code, quantity, idempotency_key, memo, reverses_id, created_by, org_id, org_path, private)
    SELECT ${t.kind}, ${t.ruleCode}, ${t.quantity}, ${t.idempotencyKey}, ${t.memo}, ${t.reversesId}, ${t.createdBy}, o.id, o.path, ${t.private ?? false} FROM ${orgTree} o WHERE o.id = ${t.orgId}
    ON CONFLICT (idempotency_key) DO NOTHING RETURNING id::text`))?.id
}

export async function transactionByKey(ex: Executor, key: string) {
  return firstRow<{ id: string; kind: TransactionKind }>(ex, sql`SELECT id::text, kind FROM points_transactions WHERE idempotency_key = ${key}`)
}

/** All postings of a transaction in one statement, so the trigger locks their accounts once, in order. */
export async function insertPostings(ex: Executor, transactionId: string, postings: { accountId: string; amount: number }[]): Promise<void> {
  const kept = postings.filter((p) => p.amount !== 0)
  if (kept.length === 0) return
  await ex.execute(sql`INSERT INTO points_postings (transaction_id, account_id, amount)
    SELECT ${transactionId}::bigint, x.account_id, x.amount FROM json_to_recordset(${JSON.stringify(kept.map((p) => ({ account_id: p.accountId, amount: p.amount })))}::json)
      AS x(account_id bigint, amount bigint)`)
}

export async function postingsOf(ex: Executor, transactionId: string) {
  return rows<{ accountId: string; amount: string }>(ex, sql`SELECT account_id::text AS "accountId", amount::text FROM points_postings WHERE transaction_id = ${transactionId} ORDER BY id`)
}

export async function amountTo(ex: Executor, transactionId: string, accountId: string): Promise<number> {
  const r = await firstRow<{ n: string | null }>(ex, sql`SELECT sum(amount)::text AS n FROM points_postings WHERE transaction_id = ${transactionId} AND account_id = ${accountId}`)
  return Number(r?.n ?? 0)
}

export interface PostingRow {
  id: string; transactionId: string; kind: TransactionKind; rule: { code: string; name: string } | null
  memo: string; amount: string; reversed: boolean; private: boolean; createdAt: string
}

export async function accountPostings(ex: Executor, accountId: string, f: { beforeId?: string; limit: number }) {
  return rows<PostingRow>(ex, sql`SELECT p.id::text, p.transaction_id::text AS "transactionId", t.kind,
      CASE WHEN r.code IS NULL THEN NULL ELSE json_build_object('code', r.code, 'name', r.name) END AS rule,
      t.memo, p.amount::text, EXISTS (SELECT 1 FROM points_transactions rv WHERE rv.reverses_id = t.id) AS reversed, t.private, p.created_at AS "createdAt"
    FROM points_postings p
    JOIN points_transactions t ON t.id = p.transaction_id
    LEFT JOIN points_rules r ON r.code = t.rule_code
    WHERE p.account_id = ${accountId} ${f.beforeId ? sql`AND p.id < ${f.beforeId}::bigint` : sql``}
    ORDER BY p.id DESC LIMIT ${f.limit + 1}`)
}

export interface TransactionRow {
  id: string; kind: TransactionKind; rule: { code: string; name: string } | null; quantity: string | null; memo: string; private: boolean
  org: Ref; orgPath: string; createdBy: Ref | null; createdAt: string; reversesId: string | null; reversedById: string | null
  postings: { accountId: string; ownerKind: OwnerKind; owner: Ref; amount: number; orgPath: string; personId: string | null; unitId: string | null }[]
}

export async function findTransaction(ex: Executor, id: string) {
  return firstRow<TransactionRow>(ex, sql`SELECT t.id::text, t.kind,
      CASE WHEN r.code IS NULL THEN NULL ELSE json_build_object('code', r.code, 'name', r.name) END AS rule,
      t.quantity::text, t.memo, t.private, json_build_object('id', o.id::text, 'name', o.name) AS org, t.org_path::text AS "orgPath",
      CASE WHEN cb.id IS NULL THEN NULL ELSE json_build_object('id', cb.id::text, 'name', cb.name) END AS "createdBy",
      t.created_at AS "createdAt", t.reverses_id::text AS "reversesId",
      (SELECT rv.id::text FROM points_transactions rv WHERE rv.reverses_id = t.id) AS "reversedById",
      coalesce((SELECT json_agg(json_build_object('accountId', a.id::text, 'ownerKind', a.owner_kind, 'amount', p.amount,
                  'owner', json_build_object('id', coalesce(a.person_id, a.unit_id, a.org_id)::text, 'name', coalesce(pp.name, u.name, ao.name)),
                  'orgPath', ao.path::text, 'personId', a.person_id::text, 'unitId', a.unit_id::text) ORDER BY p.id)
                FROM points_postings p JOIN points_accounts a ON a.id = p.account_id JOIN ${orgTree} ao ON ao.id = a.org_id
                LEFT JOIN ${personNames} pp ON pp.id = a.person_id LEFT JOIN ${unitRows} u ON u.id = a.unit_id
                WHERE p.transaction_id = t.id), '[]'::json) AS postings
    FROM points_transactions t
    JOIN ${orgTree} o ON o.id = t.org_id
    LEFT JOIN points_rules r ON r.code = t.rule_code
    LEFT JOIN ${personNames} cb ON cb.id = t.created_by
    WHERE t.id = ${id}`)
}

// ---- reconciliation

/**
 * Every person or unit account whose balance column differs from the sum of its postings, every
 * transaction that does not sum to zero, and the total of all balances (issuers' derived), which
 * must be zero.
 */
export async function reconcile(ex: Executor) {
  const [totals] = await rows<{ accounts: number; postings: number; total: string }>(ex, sql`SELECT (SELECT count(*)::int FROM points_accounts) AS accounts,
    (SELECT count(*)::int FROM points_postings) AS postings,
    ((SELECT coalesce(sum(balance), 0) FROM points_accounts WHERE owner_kind <> 'org')
      + (SELECT coalesce(sum(p.amount), 0) FROM points_postings p JOIN points_accounts a ON a.id = p.account_id WHERE a.owner_kind = 'org'))::text AS total`)
  const mismatches = await rows<{ accountId: string; balance: string; postingsSum: string }>(ex, sql`SELECT a.id::text AS "accountId", a.balance::text, coalesce(s.total, 0)::text AS "postingsSum"
    FROM points_accounts a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM points_postings GROUP BY account_id) s ON s.account_id = a.id
    WHERE a.owner_kind <> 'org' AND a.balance <> coalesce(s.total, 0) ORDER BY a.id LIMIT 100`)
  const unbalanced = await rows<{ id: string }>(ex, sql`SELECT transaction_id::text AS id FROM points_postings GROUP BY transaction_id HAVING sum(amount) <> 0 ORDER BY transaction_id LIMIT 100`)
  return { ...totals!, mismatches, unbalanced: unbalanced.map((r) => r.id) }
}
