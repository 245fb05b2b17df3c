// Queries of the time bank: one-to-one services given and received, and a person's balance
// (hours at activities count as given). Org nodes and people's names through their owners' relations.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Ref } from '../../kernel/contract.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { underScopes } from './volunteers.repository.ts'

// ---- time bank ----

export interface TimeBankEntryRow { id: string; org: Ref; orgPath: string; giver: Ref; receiver: Ref; hours: number; servedOn: string; note: string; createdAt: string }

const entrySelect = sql`SELECT e.id::text, json_build_object('id', o.id::text, 'name', o.name) AS org, o.path::text AS "orgPath",
    json_build_object('id', g.id::text, 'name', g.name) AS giver, json_build_object('id', r.id::text, 'name', r.name) AS receiver,
    e.hours::float8 AS hours, e.served_on::text AS "servedOn", e.note, e.created_at AS "createdAt"
  FROM time_bank_entries e JOIN ${orgTree} o ON o.id = e.org_id JOIN ${personNames} g ON g.id = e.giver_id JOIN ${personNames} r ON r.id = e.receiver_id`

export async function findEntry(ex: Executor, id: string) {
  return firstRow<TimeBankEntryRow>(ex, sql`${entrySelect} WHERE e.id = ${id}`)
}

export async function insertEntry(ex: Executor, v: { orgId: string; giverId: string; receiverId: string; hours: number; servedOn: string; note: string; recordedBy: string | null }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO time_bank_entries (org_id, giver_id, receiver_id, hours, served_on, note, recorded_by)
    VALUES (${v.orgId}, ${v.giverId}, ${v.receiverId}, ${v.hours}, ${v.servedOn}::date, ${v.note}, ${v.recordedBy}) RETURNING id::text`))!.id
}

export async function searchEntries(ex: Executor, f: { scopes: string; underPath?: string; personId?: string; afterId?: string; limit: number }) {
  return rows<TimeBankEntryRow>(ex, sql`${entrySelect} WHERE true
    ${f.personId ? sql`AND (e.giver_id = ${f.personId} OR e.receiver_id = ${f.personId})` : sql`AND ${underScopes(sql`o.path`, f.scopes)}`}
    ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
    ${f.afterId ? sql`AND e.id < ${f.afterId}::bigint` : sql``}
    ORDER BY ${f.personId ? sql`e.served_on DESC, ` : sql``}e.id DESC LIMIT ${f.limit + 1}`)
}

/** Hours received in the year and the all-time balance (given, at activities and one to one, less received). */
export async function timeBankTotals(ex: Executor, personId: string, year: number) {
  return (await firstRow<{ received: number; balance: number }>(ex, sql`SELECT
    (SELECT coalesce(sum(hours), 0)::float8 FROM time_bank_entries WHERE receiver_id = ${personId} AND served_on >= ${`${year}-01-01`}::date AND served_on < ${`${year + 1}-01-01`}::date) AS received,
    ((SELECT coalesce(sum(hours), 0) FROM activity_attendances WHERE person_id = ${personId} AND status = 'checked_out')
      + (SELECT coalesce(sum(hours), 0) FROM time_bank_entries WHERE giver_id = ${personId})
      - (SELECT coalesce(sum(hours), 0) FROM time_bank_entries WHERE receiver_id = ${personId}))::float8 AS balance`))!
}

/**
 * Hours another module records (a confirmed service order): one entry per source key; the giver
 * becomes a volunteer if they were not one (a member serving an order gives volunteer hours).
 */
export async function insertSourcedEntry(ex: Executor, v: { orgId: string; giverId: string; receiverId: string; hours: number; servedOn: string; note: string; sourceKey: string }): Promise<boolean> {
  await ex.execute(sql`INSERT INTO volunteers (person_id) VALUES (${v.giverId}) ON CONFLICT (person_id) DO NOTHING`)
  const row = await firstRow<{ id: string }>(ex, sql`INSERT INTO time_bank_entries (org_id, giver_id, receiver_id, hours, served_on, note, source_key)
    VALUES (${v.orgId}, ${v.giverId}, ${v.receiverId}, ${v.hours}, ${v.servedOn}::date, ${v.note}, ${v.sourceKey})
    ON CONFLICT (source_key) DO NOTHING RETURNING id::text`)
  return row !== undefined
}
